import type { SQL } from 'drizzle-orm';
import type { ForeignVisitApplication, ForeignVisitRoute, ForeignVisitState } from '@cscms/domain/foreign-visit';
import type { VigilanceClearance } from '@cscms/domain/vigilance';
import { one, rows, sql, type Executor } from '../../db/client.ts';

export interface DeficiencyMemo {
  on: string;
  by: string;
  items: string[];
  late: boolean;
  resubmittedOn?: string;
}

export interface FvRow {
  id: string;
  employee_id: string;
  ministry_id: number;
  cadre: string;
  grade: string;
  state: ForeignVisitState;
  application: ForeignVisitApplication;
  departure_on: string;
  return_on: string;
  route: ForeignVisitRoute;
  received_on: string | null;
  deficiency_memo_on: string | null;
  complete_on: string | null;
  forwarded_on: string | null;
  decided_on: string | null;
  deficiency_memos: DeficiencyMemo[];
  avd_clearance: VigilanceClearance | null;
  avd_cleared_by: string | null;
  avd_cleared_at: string | null;
  decision: 'APPROVED' | 'REFUSED' | null;
  decision_reasons: string | null;
  decided_by: string | null;
  decided_role: string | null;
  vigilance_at_decision: VigilanceClearance | null;
  certificate_code: string | null;
  submitted_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  employee_code: string;
  name_en: string;
  name_hi: string;
}

const SELECT = sql`
  SELECT a.*, e.employee_code, e.name_en, e.name_hi
    FROM foreign_visit_application a JOIN employee e ON e.id = a.employee_id`;

export async function findFv(ex: Executor, id: string, forUpdate = false): Promise<FvRow | undefined> {
  return one<FvRow>(ex, sql`${SELECT} WHERE a.id = ${id} ${forUpdate ? sql`FOR UPDATE OF a` : sql``}`);
}

export interface FvListScope {
  employeeIds: string[];
  ministryIds: number[];
  cadres: string[];
  /** AVD: applications waiting for its clearance, and those it cleared */
  avd: boolean;
}

export async function listFv(ex: Executor, scope: FvListScope, filter: { state?: string; employeeId?: string }, limit: number, offset: number): Promise<Array<FvRow & { total: number }>> {
  const ors: SQL[] = [];
  if (scope.employeeIds.length) ors.push(sql`a.employee_id IN (${sql.join(scope.employeeIds.map((x) => sql`${x}::uuid`), sql`, `)})`);
  if (scope.ministryIds.length) ors.push(sql`a.ministry_id IN (${sql.join(scope.ministryIds.map((x) => sql`${x}::int`), sql`, `)})`);
  if (scope.cadres.length) ors.push(sql`(a.cadre IN (${sql.join(scope.cadres.map((x) => sql`${x}`), sql`, `)}) AND (a.route->>'forwardToCadreAuthority')::boolean)`);
  if (scope.avd) ors.push(sql`(a.route->>'needsAvdClearance')::boolean AND a.state IN ('UNDER_EXAMINATION', 'FORWARDED_TO_CADRE_AUTHORITY', 'APPROVED', 'REFUSED')`);
  if (ors.length === 0) return [];
  const where: SQL[] = [sql`(${sql.join(ors, sql` OR `)})`];
  if (filter.state) where.push(sql`a.state = ${filter.state}`);
  if (filter.employeeId) where.push(sql`a.employee_id = ${filter.employeeId}`);
  return rows(ex, sql`
    SELECT x.*, count(*) OVER () AS total FROM (${SELECT} WHERE ${sql.join(where, sql` AND `)}) x
     ORDER BY x.created_at DESC, x.id LIMIT ${limit} OFFSET ${offset}`);
}

/** Approved private visits of the employee that began on or after `since` (the preceding 4 years). */
export async function approvedVisitsSince(ex: Executor, employeeId: string, since: string, before: string): Promise<FvRow[]> {
  return rows<FvRow>(ex, sql`${SELECT} WHERE a.employee_id = ${employeeId} AND a.state = 'APPROVED' AND a.return_on >= ${since} AND a.departure_on < ${before} ORDER BY a.departure_on`);
}

export async function usersOfEmployee(ex: Executor, employeeId: string): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT id FROM app_user WHERE employee_id = ${employeeId} AND active`)).map((r) => r.id);
}

export async function nodalUsers(ex: Executor, ministryId: number): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT DISTINCT u.id FROM app_user u JOIN role_grant g ON g.user_id = u.id WHERE u.active AND g.role = 'NODAL_OFFICER' AND g.ministry_id = ${ministryId}`)).map((r) => r.id);
}

export async function cadreAuthorityUsers(ex: Executor, cadre: string): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT DISTINCT u.id FROM app_user u JOIN role_grant g ON g.user_id = u.id WHERE u.active AND g.role = 'CADRE_AUTHORITY' AND ${cadre} = ANY(g.cadres)`)).map((r) => r.id);
}

export async function avdUsers(ex: Executor): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT DISTINCT u.id FROM app_user u JOIN role_grant g ON g.user_id = u.id WHERE u.active AND g.role = 'AVD'`)).map((r) => r.id);
}
