import { own, byRole, sameCadre, sameMinistry } from './scopes.ts';
import type { PolicyRule } from './types.ts';

/** Actions of the foundation: the session, masters, audit, notifications, outbox. */
export const foundationPolicies = {
  'session.me': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD', 'ADMIN'], description: 'See who I am and what I may do' },
  'masters.read': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD', 'ADMIN'], description: 'Read cadres, grades, pay matrix, Ministries' },
  'masters.write': { roles: ['ADMIN'], description: 'Change masters (Ministries, organisations, rule tables)' },
  'notification.read': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD', 'ADMIN'], scope: own, description: 'Read and mark my own notifications' },
  'audit.read': { roles: ['CADRE_AUTHORITY', 'ADMIN'], description: 'Read the audit trail' },
  'audit.export': { roles: ['ADMIN'], description: 'Export the signed audit chain head' },
  'outbox.read': { roles: ['ADMIN'], description: 'Read the mail outbox of the embedded mode' },
  'user.disable': { roles: ['ADMIN'], description: 'Disable or enable a user account', noSelf: true },
  'user.list': { roles: ['ADMIN'], description: 'List user accounts' },
  'employee.summary': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: "See an employee's profile summary",
  },
  'employee.list': {
    roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'List employees of my Ministry (Nodal Officer) or cadre (cadre authority)',
  },
} satisfies Record<string, PolicyRule>;
