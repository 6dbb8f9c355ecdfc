import { byRole, own, sameCadre, sameMinistry } from './scopes.ts';
import type { PolicyRule } from './types.ts';

/** Actions of the rule engines' services (issue 4): orders library, career (MACP), Child Care Leave, integration endpoints. */
export const rulesPolicies = {
  'orders.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD', 'ADMIN'],
    description: 'Search and read the orders (O.M.s) the rules cite',
  },
  'orders.write': { roles: ['ADMIN'], description: 'Add an order to the library and attach it to a rule version' },
  'career.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: "See an employee's career: MACP upgradations granted and due, with their reasons",
  },
  'macp.due.list': {
    roles: ['NODAL_OFFICER'],
    scope: sameMinistry,
    description: 'List the employees of my Ministry whose MACP falls due (screening committee)',
  },
  'ccl.apply': { roles: ['EMPLOYEE'], scope: own, description: 'Apply for Child Care Leave (and check eligibility before applying)' },
  'ccl.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'Read Child Care Leave applications and the CCL account',
  },
  'ccl.decide': {
    roles: ['NODAL_OFFICER'],
    scope: sameMinistry,
    noSelf: true,
    description: 'Sanction or refuse a Child Care Leave application of my Ministry (never my own)',
  },
  'rules.evaluate': {
    roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'],
    description: 'Evaluate a service history or a CCL application with the rule engines without storing it (integrating systems)',
  },
} satisfies Record<string, PolicyRule>;
