import { byRole, own, sameCadre, sameMinistry, sameOrganisation } from './scopes.ts';
import type { PolicyRule } from './types.ts';

/**
 * Deputation (O.M. of 15.11.2022 para 3.4; rules.md §5): organisations onboarded by the Nodal Officer,
 * advertisements of the borrowing organisation, applications, cadre clearance (the Ministry for SO/ASO,
 * CS.I for US and above), the borrowing organisation's selection and the tenure.
 *
 * Scopes: an advertisement is { ministryId: the organisation's Ministry, organisationId }; an application is
 * { ownerEmployeeId, ministryId: the applicant's Ministry (cadre unit), cadre, organisationId: the borrower }.
 * The services add what a scope cannot say: a sub-nodal officer sees an application only once it has reached
 * the organisation (released), and of vigilance only the clearance result.
 */
export const deputationPolicies = {
  'organisation.read': {
    roles: ['NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'],
    scope: byRole({ NODAL_OFFICER: sameMinistry, SUB_NODAL_OFFICER: sameOrganisation }),
    description: 'See organisations (PSUs, autonomous bodies, attached offices) and their sub-nodal officers: a Nodal Officer of own Ministry, a sub-nodal officer own organisation',
  },
  'organisation.manage': {
    roles: ['NODAL_OFFICER'],
    scope: sameMinistry,
    noSelf: true,
    description: 'Onboard, edit, deactivate an organisation under my Ministry; invite and revoke its sub-nodal officers (never myself)',
  },
  'deputation.ad.manage': {
    roles: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'],
    scope: byRole({ SUB_NODAL_OFFICER: sameOrganisation, NODAL_OFFICER: sameMinistry }),
    description: "Draft, edit, publish, amend (corrigendum) and close an advertisement: a sub-nodal officer for own organisation, a Nodal Officer for own Ministry's posts",
  },
  'deputation.ad.read': {
    roles: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'],
    scope: byRole({ SUB_NODAL_OFFICER: sameOrganisation, NODAL_OFFICER: sameMinistry }),
    description: "See advertisements in any state with their versions: a sub-nodal officer own organisation's, a Nodal Officer own Ministry's",
  },
  'deputation.ad.browse': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'],
    description: 'Browse published advertisements (an employee sees for each whether they are eligible and why not)',
  },
  'deputation.ad.view': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'ADMIN'],
    description: 'Open one advertisement: a published or closed one if I may browse; a draft only if I may read it in scope (the service decides with deputation.ad.read / browse)',
  },
  'deputation.apply': {
    roles: ['EMPLOYEE'],
    scope: own,
    description: 'Apply against a published advertisement, and withdraw my application before selection',
  },
  'deputation.application.read': {
    roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'SUB_NODAL_OFFICER'],
    scope: byRole({ EMPLOYEE: own, NODAL_OFFICER: sameMinistry, CADRE_AUTHORITY: sameCadre, SUB_NODAL_OFFICER: sameOrganisation }),
    description: "See deputation applications with their status timeline: mine; my Ministry's; my cadre's; my organisation's once forwarded to it",
  },
  'deputation.forward': {
    roles: ['NODAL_OFFICER'],
    scope: sameMinistry,
    noSelf: true,
    description: 'Cadre unit: give cadre clearance and forward (SO/ASO; for US and above forward to CS.I) with the vigilance clearance, integrity certificate, penalties and APAR gradings, or reject with reasons — never my own',
  },
  'deputation.dopt': {
    roles: ['CADRE_AUTHORITY'],
    scope: sameCadre,
    noSelf: true,
    description: 'CS.I (DoPT): cadre clearance for Under Secretary and above — approve or reject with reasons, never one\'s own',
  },
  'deputation.select': {
    roles: ['SUB_NODAL_OFFICER'],
    scope: sameOrganisation,
    noSelf: true,
    description: 'Borrowing organisation: shortlist, select or not select a forwarded application, record joining',
  },
  'deputation.tenure': {
    roles: ['SUB_NODAL_OFFICER', 'CADRE_AUTHORITY'],
    scope: byRole({ SUB_NODAL_OFFICER: sameOrganisation, CADRE_AUTHORITY: sameCadre }),
    noSelf: true,
    description: 'Record an extension of tenure (6th year: borrowing Secretary; 7th: its Minister) or the repatriation (on completion or premature)',
  },
} satisfies Record<string, PolicyRule>;
