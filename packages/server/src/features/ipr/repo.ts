import type { SQL } from 'drizzle-orm';
import type { EffectiveDated } from '@cscms/domain';
import { IPR_WINDOWS, type ImmovablePropertyReturn, type IprEmployee, type IprWindowRule, type PropertyRow } from '@cscms/domain/ipr';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import type { EmployeeRow } from '../career/repo.ts';

export interface IprRow {
  id: string;
  employee_id: string;
  kind: 'ANNUAL' | 'FIRST_APPOINTMENT';
  year: number;
  as_on: string;
  revision: number;
  status: 'DRAFT' | 'FILED';
  nil: boolean;
  rows: PropertyRow[];
  mode: 'ONLINE' | 'PAPER';
  source: 'PORTAL' | 'IMPORT';
  filed_on: string | null;
  filed_at: string | null;
  filed_by: string | null;
  revision_reason: string | null;
  carried_from: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  employee_code: string;
  name_en: string;
  name_hi: string;
  cadre: string;
  grade: string;
  ministry_id: number;
}

export const WINDOW_SETTING = 'ipr.window';

/** One window set by a cadre authority: month-days in Y+1, in force for the returns of years from `from` (31 December Y). */
export interface IprWindowSettingRow {
  from: string;
  opens: string;
  closes: string;
}

/**
 * The stored rows of the setting, oldest first. The value is `{ rows: [...] }`; an installation that set the window
 * before rows were kept has a single `{ opens, closes, from }`, read as one row.
 */
export async function iprWindowSettingRows(ex: Executor): Promise<IprWindowSettingRow[]> {
  const s = await one<{ value: { rows?: IprWindowSettingRow[]; opens?: string; closes?: string; from?: string } }>(ex, sql`SELECT value FROM setting WHERE key = ${WINDOW_SETTING}`);
  if (!s) return [];
  const list = Array.isArray(s.value.rows) ? s.value.rows : s.value.opens && s.value.closes ? [{ from: s.value.from ?? '1964-01-01', opens: s.value.opens, closes: s.value.closes }] : [];
  return [...list].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The filing window table: rules.md §7's 1–31 January, then each window set by the cadre authority, effective-dated by year. */
export async function iprWindowTable(ex: Executor): Promise<readonly EffectiveDated<IprWindowRule>[]> {
  const set = await iprWindowSettingRows(ex);
  return [
    ...IPR_WINDOWS,
    ...set.map((r) => ({ from: r.from, value: { opens: r.opens, closes: r.closes }, citation: { order: 'CSCMS setting ipr.window (cadre authority)', para: 'rules.md §7 item 1' } })),
  ];
}

/** The employee as the IPR engine reads them: present grade, grades held earlier (service events), first appointment. */
export async function iprEmployeeOf(ex: Executor, emp: Pick<EmployeeRow, 'id' | 'grade' | 'entry_date'>): Promise<IprEmployee> {
  const hist = await rows<{ effective_date: string; grade: string }>(ex, sql`
    SELECT effective_date, grade FROM service_event WHERE employee_id = ${emp.id} AND grade IS NOT NULL AND kind IN ('ENTRY', 'PROMOTION') ORDER BY effective_date`);
  return { employeeId: emp.id, grade: emp.grade, gradeHistory: hist.map((h) => ({ from: h.effective_date, grade: h.grade })), firstAppointmentOn: emp.entry_date };
}

export function toEngineReturn(r: Pick<IprRow, 'employee_id' | 'kind' | 'year' | 'as_on' | 'nil' | 'rows' | 'filed_on' | 'mode'>): ImmovablePropertyReturn {
  return { employeeId: r.employee_id, kind: r.kind, year: r.year, asOn: r.as_on, nil: r.nil, properties: r.rows, mode: r.mode, ...(r.filed_on ? { filedOn: r.filed_on } : {}) };
}

/** Filed returns of the employee, as the compliance engine reads them. */
export async function iprReturnsForCompliance(ex: Executor, employeeId: string): Promise<ImmovablePropertyReturn[]> {
  const list = await rows<IprRow>(ex, sql`SELECT employee_id, kind, year, as_on, nil, rows, filed_on, mode FROM ipr_return WHERE employee_id = ${employeeId} AND status = 'FILED'`);
  return list.map(toEngineReturn);
}

const SELECT = sql`
  SELECT r.id, r.employee_id, r.kind, r.year, r.as_on, r.revision, r.status, r.nil, r.rows, r.mode, r.source, r.filed_on, r.filed_at, r.filed_by,
         r.revision_reason, r.carried_from, r.version, r.created_at, r.updated_at,
         e.employee_code, e.name_en, e.name_hi, e.cadre, e.grade, e.ministry_id
    FROM ipr_return r JOIN employee e ON e.id = r.employee_id`;

export async function findReturn(ex: Executor, id: string, forUpdate = false): Promise<IprRow | undefined> {
  return one<IprRow>(ex, sql`${SELECT} WHERE r.id = ${id} ${forUpdate ? sql`FOR UPDATE OF r` : sql``}`);
}

export async function returnsOf(ex: Executor, employeeId: string, filter: { year?: number; status?: string }, limit: number, offset: number): Promise<Array<IprRow & { total: number }>> {
  const where: SQL[] = [sql`r.employee_id = ${employeeId}`];
  if (filter.year) where.push(sql`r.year = ${filter.year}`);
  if (filter.status) where.push(sql`r.status = ${filter.status}`);
  return rows(ex, sql`SELECT x.*, count(*) OVER () AS total FROM (${SELECT} WHERE ${sql.join(where, sql` AND `)}) x ORDER BY x.year DESC, x.kind, x.revision DESC LIMIT ${limit} OFFSET ${offset}`);
}

/** The latest filed return (any year ≤ `year`) of the employee: what a new draft carries forward. */
export async function latestFiledBefore(ex: Executor, employeeId: string, year: number): Promise<IprRow | undefined> {
  return one<IprRow>(ex, sql`${SELECT} WHERE r.employee_id = ${employeeId} AND r.status = 'FILED' AND r.year < ${year} ORDER BY r.year DESC, r.revision DESC LIMIT 1`);
}

export async function latestOf(ex: Executor, employeeId: string, kind: string, year: number): Promise<IprRow | undefined> {
  return one<IprRow>(ex, sql`${SELECT} WHERE r.employee_id = ${employeeId} AND r.kind = ${kind} AND r.year = ${year} ORDER BY r.revision DESC LIMIT 1`);
}
