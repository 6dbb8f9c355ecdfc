import { byRole, own, sameCadre, sameMinistry } from './scopes.ts';
import type { PolicyRule } from './types.ts';

/** Profile, validation windows and correction requests (O.M. of 15.11.2022 paras 3.1, 3.1.1, 5). */
export const profilePolicies = {
  'profile.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'Read a profile, its versions and their differences',
  },
  'profile.edit': { roles: ['EMPLOYEE'], scope: own, description: 'Edit and submit my own profile' },
  'profile.validate': {
    roles: ['NODAL_OFFICER'],
    scope: sameMinistry,
    noSelf: true,
    description: 'Validate, correct or return a submitted profile of my Ministry (never my own)',
  },
  'profile.list': {
    roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'List profiles of my Ministry (Nodal Officer) or cadre (cadre authority) by state',
  },
  'window.read': { roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'], description: 'See validation windows and deadlines' },
  'window.manage': { roles: ['CADRE_AUTHORITY'], scope: sameCadre, description: 'Open or close a profile validation window for my cadre' },
  'correction.raise': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry }),
    description: 'Ask the cadre authority to correct service history',
  },
  'correction.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'See correction requests on service history (mine, my Ministry\'s, my cadre\'s)',
  },
  'correction.decide': { roles: ['CADRE_AUTHORITY'], scope: sameCadre, noSelf: true, description: 'Decide a correction request on service history' },
} satisfies Record<string, PolicyRule>;

/** Working strength and dashboards (O.M. of 15.11.2022 para 3.1: sanctioned vs in position vs vacant). */
export const strengthPolicies = {
  'strength.read': {
    roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ NODAL_OFFICER: sameMinistry }),
    description: 'Working strength: a Nodal Officer for their Ministry, DoPT for all',
  },
  'strength.write': { roles: ['CADRE_AUTHORITY'], scope: sameCadre, description: 'Set the sanctioned strength of a Ministry for a grade of my cadre' },
  'dashboard.read': { roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'], description: 'Profile validation dashboards' },
} satisfies Record<string, PolicyRule>;

/** Global registration (O.M. of 15.11.2022 para 2): the cadre authority registers its cadre in bulk. */
export const registrationPolicies = {
  'registration.import': { roles: ['CADRE_AUTHORITY'], description: 'Upload, preview and commit a registration file for my cadre(s)' },
} satisfies Record<string, PolicyRule>;
