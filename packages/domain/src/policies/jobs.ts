import { byRole, own } from './scopes.ts';
import type { PolicyRule } from './types.ts';

/** Background jobs: their progress is readable by whoever started them and by the administrator. */
export const jobPolicies = {
  'job.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD', 'ADMIN'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: own, SUB_NODAL_OFFICER: own, CADRE_AUTHORITY: own, AVD: own }),
    description: 'See the progress of a background job I started (the administrator: any job)',
  },
} satisfies Record<string, PolicyRule>;
