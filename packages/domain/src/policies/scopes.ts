import type { Actor, ResourceScope, RoleGrant } from './types.ts';

/** Scope tests shared by the policy files. */
export const own = (a: Actor, _g: RoleGrant, r: ResourceScope): boolean =>
  (r.ownerEmployeeId != null && r.ownerEmployeeId === a.employeeId) || (r.ownerUserId != null && r.ownerUserId === a.userId);

export const sameMinistry = (_a: Actor, g: RoleGrant, r: ResourceScope): boolean =>
  g.ministryId != null && r.ministryId != null && g.ministryId === r.ministryId;

export const sameOrganisation = (_a: Actor, g: RoleGrant, r: ResourceScope): boolean =>
  g.organisationId != null && r.organisationId != null && g.organisationId === r.organisationId;

export const sameCadre = (_a: Actor, g: RoleGrant, r: ResourceScope): boolean =>
  !!g.cadres && r.cadre != null && g.cadres.includes(r.cadre);

export const anyOf =
  (...tests: Array<(a: Actor, g: RoleGrant, r: ResourceScope) => boolean>) =>
  (a: Actor, g: RoleGrant, r: ResourceScope): boolean =>
    tests.some((t) => t(a, g, r));

/** Per-role scope: pick the test by the grant's role. */
export const byRole =
  (m: Partial<Record<RoleGrant['role'], (a: Actor, g: RoleGrant, r: ResourceScope) => boolean>>) =>
  (a: Actor, g: RoleGrant, r: ResourceScope): boolean => {
    const t = m[g.role];
    return t ? t(a, g, r) : true;
  };
