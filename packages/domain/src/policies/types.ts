import type { CadreCode } from '../cadre/cadres.ts';

export type Role = 'EMPLOYEE' | 'NODAL_OFFICER' | 'SUB_NODAL_OFFICER' | 'CADRE_AUTHORITY' | 'AVD' | 'ADMIN';
export const ROLES: readonly Role[] = ['EMPLOYEE', 'NODAL_OFFICER', 'SUB_NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD', 'ADMIN'];

/** A role held within a scope: a Ministry (Nodal Officer), an organisation (Sub-Nodal Officer), cadres (CS.I: CSS; CS.II: CSSS, CSCS). */
export interface RoleGrant {
  role: Role;
  ministryId?: number | null;
  organisationId?: number | null;
  cadres?: CadreCode[] | null;
}

export interface Actor {
  userId: string;
  /** the employee record of the person, when they are an employee of a cadre (most officers are) */
  employeeId?: string | null;
  grants: RoleGrant[];
}

/** What a policy needs to know of the thing acted on. Unknown fields are left out, never guessed. */
export interface ResourceScope {
  ownerEmployeeId?: string | null;
  ownerUserId?: string | null;
  ministryId?: number | null;
  cadre?: CadreCode | null;
  organisationId?: number | null;
}

export type DenyCode = 'FORBIDDEN' | 'SELF_APPROVAL' | 'OUT_OF_SCOPE';

export type Decision =
  | { allow: true; role: Role; grant: RoleGrant }
  | { allow: false; code: DenyCode; en: string; hi: string };

/** One rule: which roles could ever do the action, and the scope test for a given grant and resource. */
export interface PolicyRule {
  roles: readonly Role[];
  /** true when this grant may act on this resource; absent = any resource */
  scope?: (actor: Actor, grant: RoleGrant, r: ResourceScope) => boolean;
  /** decisions on someone's own record are refused (separation of duties) */
  noSelf?: boolean;
  description: string;
}
