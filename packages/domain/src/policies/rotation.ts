import { byRole, own, sameCadre, sameMinistry } from './scopes.ts';
import type { PolicyRule } from './types.ts';

/** Rotation transfer rounds (rules.md §8; CSCMS O.M. of 15.11.2022 para 3.7). */
export const rotationPolicies = {
  'rotation.round.read': {
    roles: ['EMPLOYEE', 'CADRE_AUTHORITY'],
    // an employee sees the rounds of their own cadre (checked by the service against their record)
    scope: byRole({ CADRE_AUTHORITY: sameCadre }),
    description: 'See rotation rounds: an officer those of their cadre, the cadre authority those of its cadres',
  },
  'rotation.round.manage': {
    roles: ['CADRE_AUTHORITY'],
    scope: sameCadre,
    description: 'Initiate a rotation round, see eligibility, record exemptions, enter vacancies, run, adjust and publish the allocation for my cadre',
  },
  'rotation.preference.edit': {
    roles: ['EMPLOYEE'],
    scope: own,
    description: 'Give and change my ranked preferences in a rotation round while its window is open',
  },
  'rotation.result.read': {
    roles: ['EMPLOYEE', 'CADRE_AUTHORITY'],
    scope: byRole({ EMPLOYEE: own, CADRE_AUTHORITY: sameCadre }),
    description: 'Read a rotation result with its explanation: an officer their own, the cadre authority all of its cadre',
  },
} satisfies Record<string, PolicyRule>;

/** Areas of interest and iGOT Karmayogi (CSCMS O.M. of 15.11.2022 para 3.6). */
export const interestPolicies = {
  'interest.taxonomy.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY'],
    description: 'Read the taxonomy of areas of interest (competency areas aligned with iGOT)',
  },
  'interest.edit': {
    roles: ['EMPLOYEE'],
    scope: own,
    description: 'Pick my areas of interest, see matching iGOT courses, pull my completed iGOT courses',
  },
  'interest.aggregate.read': {
    roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre }),
    description: 'Aggregated areas of interest per Ministry and grade: a Nodal Officer for their Ministry, DoPT for its cadres',
  },
} satisfies Record<string, PolicyRule>;
