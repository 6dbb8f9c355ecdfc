import { byRole, own, sameCadre, sameMinistry } from './scopes.ts';
import type { PolicyRule } from './types.ts';

/**
 * Vigilance status (para 3.5), Immovable Property Returns (para 3.2), private foreign visit clearance
 * (para 3.3) of the O.M. of 15.11.2022. Vigilance details are for the employee, their Nodal Officer,
 * AVD and the cadre authority only; every other role sees at most "clear / not clear" where a
 * service needs it (the services redact with `vigilance.read`).
 */
export const servicePolicies = {
  'vigilance.record': {
    roles: ['AVD', 'NODAL_OFFICER'],
    scope: byRole({ NODAL_OFFICER: sameMinistry }),
    description: 'Record a vigilance event or a correction (AVD: every employee; Nodal Officer: own Ministry)',
  },
  'vigilance.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'AVD', 'CADRE_AUTHORITY'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'See vigilance details and the clearance with its grounds (the employee, their Nodal Officer, AVD, the cadre authority)',
  },
  'ipr.file': { roles: ['EMPLOYEE'], scope: own, description: 'Prepare, file and revise my own Immovable Property Return' },
  'ipr.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry }),
    description: 'View and print Immovable Property Returns already filed (mine; my Ministry\'s)',
  },
  'ipr.compliance': {
    roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'Filed / not filed / late list and reminders (Nodal Officer: own Ministry; cadre authority: own cadres)',
  },
  'ipr.import': { roles: ['CADRE_AUTHORITY'], scope: sameCadre, description: 'Import past returns from the old system (CSV/XLSX)' },
  'ipr.window.read': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'], description: 'See the filing window of the annual return' },
  'ipr.window.manage': { roles: ['CADRE_AUTHORITY'], description: 'Set the filing window of the annual return' },
  'fv.apply': { roles: ['EMPLOYEE'], scope: own, description: 'Apply for, make good, or withdraw my private foreign visit application' },
  'fv.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'See private foreign visit applications (mine; my Ministry\'s; my cadre\'s; AVD for its clearance)',
  },
  'fv.examine': {
    roles: ['NODAL_OFFICER'],
    scope: sameMinistry,
    noSelf: true,
    description: 'Examine an application of my Ministry: deficiency memo, accept as complete, forward to the cadre authority',
  },
  'fv.decide': {
    roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    noSelf: true,
    description: 'Grant or refuse (Head of Department level or above, with reasons) a private foreign visit — never one\'s own',
  },
  'fv.routes.read': {
    roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'],
    description: 'See the rules naming the competent authority for private foreign visits (by cadre, grade, Ministry)',
  },
  'fv.routes.manage': {
    roles: ['CADRE_AUTHORITY', 'ADMIN'],
    scope: byRole({ CADRE_AUTHORITY: sameCadre }),
    description: 'Set the competent authority for private foreign visits (cadre authority: rules of its own cadres; audited)',
  },
  'fv.avdClear': { roles: ['AVD'], noSelf: true, description: 'Give the AVD vigilance clearance for an application that goes to the cadre authority' },
} satisfies Record<string, PolicyRule>;
