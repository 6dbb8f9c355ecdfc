import { type Database, rows, sql, type Executor } from '../../db/client.ts';

type Prepared = Database['prepared'];
import type { SQL } from 'drizzle-orm';

export interface EmployeeSummaryRow {
  id: string;
  employee_code: string;
  name_en: string;
  name_hi: string;
  cadre: 'CSS' | 'CSSS' | 'CSCS';
  grade: string;
  grade_abbrev: string;
  grade_en: string;
  grade_hi: string;
  pay_level: string;
  ministry_id: number;
  ministry_code: string;
  ministry_en: string;
  ministry_hi: string;
  entry_date: string;
  present_grade_date: string;
  date_of_birth: string;
  superannuation_date: string;
}

const SUMMARY_COLUMNS = sql`e.id, e.employee_code, e.name_en, e.name_hi, e.cadre, e.grade, g.abbrev AS grade_abbrev, g.name_en AS grade_en, g.name_hi AS grade_hi,
  e.pay_level, e.ministry_id, m.code AS ministry_code, m.name_en AS ministry_en, m.name_hi AS ministry_hi,
  e.entry_date, e.present_grade_date, e.date_of_birth, e.superannuation_date`;

const SUMMARY_BY_ID = `SELECT e.id, e.employee_code, e.name_en, e.name_hi, e.cadre, e.grade, g.abbrev AS grade_abbrev, g.name_en AS grade_en, g.name_hi AS grade_hi,
  e.pay_level, e.ministry_id, m.code AS ministry_code, m.name_en AS ministry_en, m.name_hi AS ministry_hi,
  e.entry_date, e.present_grade_date, e.date_of_birth, e.superannuation_date
  FROM employee e JOIN grade g ON g.code = e.grade JOIN ministry m ON m.id = e.ministry_id WHERE e.id = $1`;

/**
 * One indexed query (primary key of employee, grade, ministry). A hot path (every page asks for it), so it runs
 * as a named prepared statement on the raw driver: PostgreSQL parses and plans it once per connection.
 */
export async function employeeSummary(prepared: Prepared, id: string): Promise<EmployeeSummaryRow | undefined> {
  return (await prepared<EmployeeSummaryRow>('employee_summary', SUMMARY_BY_ID, [id]))[0];
}

export interface EmployeeListFilter {
  q?: string;
  grade?: string;
  cadre?: string;
  ministryId?: number;
  /** the actor's scope: Ministries (Nodal Officer) and cadres (cadre authority); a row must be in one of them */
  scopeMinistries: number[];
  scopeCadres: string[];
}

function inList(col: SQL, xs: ReadonlyArray<string | number>): SQL {
  return sql`${col} IN (${sql.join(xs.map((x) => sql`${x}`), sql`, `)})`;
}

/** A page of employees within the actor's scope, filtered in SQL (never loaded and then filtered). */
export async function listEmployees(ex: Executor, f: EmployeeListFilter, limit: number, offset: number): Promise<{ items: EmployeeSummaryRow[]; total: number }> {
  const scope: SQL[] = [];
  if (f.scopeMinistries.length) scope.push(inList(sql`e.ministry_id`, f.scopeMinistries));
  if (f.scopeCadres.length) scope.push(inList(sql`e.cadre`, f.scopeCadres));
  if (scope.length === 0) return { items: [], total: 0 };
  const conds: SQL[] = [sql`(${sql.join(scope, sql` OR `)})`];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(e.name_en ILIKE ${like} OR e.name_hi ILIKE ${like} OR e.employee_code ILIKE ${like} OR e.login_id ILIKE ${like})`);
  }
  if (f.grade) conds.push(sql`e.grade = ${f.grade}`);
  if (f.cadre) conds.push(sql`e.cadre = ${f.cadre}`);
  if (f.ministryId != null) conds.push(sql`e.ministry_id = ${f.ministryId}`);
  const where = sql.join(conds, sql` AND `);
  // the page reads an index range in name order and stops; the count is an index-only scan of the scope
  const [items, count] = await Promise.all([
    rows<EmployeeSummaryRow>(
      ex,
      sql`SELECT ${SUMMARY_COLUMNS}
            FROM employee e JOIN grade g ON g.code = e.grade JOIN ministry m ON m.id = e.ministry_id
           WHERE ${where} ORDER BY e.name_en, e.id LIMIT ${limit} OFFSET ${offset}`,
    ),
    rows<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM employee e WHERE ${where}`),
  ]);
  return { items, total: count[0]?.n ?? 0 };
}
