import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../audit/audit.ts';
import { rows, sql, type Executor } from '../../db/client.ts';
import type { RegistrationRow } from './columns.ts';

/** Fields compared on re-import; a row whose fields are all equal is left alone (idempotent by employee code). */
const FIELDS = ['name_en', 'name_hi', 'date_of_birth', 'gender', 'marital_status', 'mobile', 'email', 'login_id', 'cadre', 'grade', 'pay_level', 'entry_grade', 'entry_date', 'present_grade_date', 'ministry_id', 'ministry_join_date', 'select_list_year', 'probation_end', 'superannuation_date'] as const;

type Existing = Record<(typeof FIELDS)[number], unknown> & { id: string; employee_code: string };

export interface Classified {
  fresh: RegistrationRow[];
  changed: Array<{ row: RegistrationRow; before: Existing; diff: Record<string, { before: unknown; after: unknown }> }>;
  unchanged: number;
}

function norm(v: unknown): string {
  return canonicalJson(v === undefined ? null : v);
}

export async function classify(tx: Executor, batch: readonly RegistrationRow[]): Promise<Classified> {
  if (batch.length === 0) return { fresh: [], changed: [], unchanged: 0 };
  const codes = JSON.stringify(batch.map((r) => r.employee_code));
  const existing = await rows<Existing>(tx, sql`
    SELECT id, employee_code, ${sql.raw(FIELDS.join(', '))} FROM employee
     WHERE employee_code IN (SELECT jsonb_array_elements_text(${codes}::jsonb))`);
  const byCode = new Map(existing.map((e) => [e.employee_code, e]));
  const out: Classified = { fresh: [], changed: [], unchanged: 0 };
  for (const r of batch) {
    const before = byCode.get(r.employee_code);
    if (!before) {
      out.fresh.push(r);
      continue;
    }
    const diff: Record<string, { before: unknown; after: unknown }> = {};
    for (const f of FIELDS) if (norm(before[f]) !== norm(r[f])) diff[f] = { before: before[f] ?? null, after: r[f] ?? null };
    if (Object.keys(diff).length) out.changed.push({ row: r, before, diff });
    else out.unchanged++;
  }
  return out;
}

/** The columns of a registration row as a record type, so a whole batch travels as ONE json parameter. */
const RECORD = sql.raw(`id uuid, user_id uuid, employee_code text, login_id text, email text, name_en text, name_hi text, date_of_birth date, gender text,
  marital_status text, mobile text, cadre text, grade text, pay_level text, entry_grade text, entry_date date, present_grade_date date, ministry_id int,
  ministry_join_date date, select_list_year int, probation_end date, superannuation_date date`);

/** Inserts new employees with their login accounts (role EMPLOYEE): three set-based statements a batch. */
export async function insertFresh(tx: Executor, fresh: readonly RegistrationRow[], now: Date): Promise<void> {
  if (fresh.length === 0) return;
  const at = now.toISOString();
  const batch = JSON.stringify(fresh.map((r) => ({ ...r, id: randomUUID(), user_id: randomUUID() })));
  await tx.execute(sql`
    INSERT INTO employee (id, employee_code, login_id, email, name_en, name_hi, date_of_birth, gender, marital_status, mobile, cadre, grade, pay_level, entry_grade,
                          entry_date, present_grade_date, ministry_id, ministry_join_date, select_list_year, probation_end, superannuation_date, created_at, updated_at)
    SELECT id, employee_code, login_id, email, name_en, name_hi, date_of_birth, gender, marital_status, mobile, cadre, grade, pay_level, entry_grade,
           entry_date, present_grade_date, ministry_id, ministry_join_date, select_list_year, probation_end, superannuation_date, ${at}::timestamptz, ${at}::timestamptz
      FROM jsonb_to_recordset(${batch}::jsonb) AS r(${RECORD})`);
  // The first e-Parichay login is matched to this account by login id, else by e-mail.
  await tx.execute(sql`
    INSERT INTO app_user (id, login_id, email, display_name, employee_id, created_at)
    SELECT user_id, coalesce(login_id, email, 'code:' || employee_code), email, name_en, id, ${at}::timestamptz
      FROM jsonb_to_recordset(${batch}::jsonb) AS r(${RECORD})
    ON CONFLICT (login_id) DO NOTHING`);
  await tx.execute(sql`
    INSERT INTO role_grant (user_id, role)
    SELECT u.id, 'EMPLOYEE' FROM jsonb_to_recordset(${batch}::jsonb) AS r(${RECORD}) JOIN app_user u ON u.id = r.user_id
    ON CONFLICT DO NOTHING`);
}

export async function updateChanged(tx: Executor, c: Classified['changed'][number], now: Date): Promise<void> {
  const r = c.row;
  await tx.execute(sql`
    UPDATE employee SET login_id = ${r.login_id}, email = ${r.email}, name_en = ${r.name_en}, name_hi = ${r.name_hi}, date_of_birth = ${r.date_of_birth}, gender = ${r.gender},
           marital_status = ${r.marital_status}, mobile = ${r.mobile}, cadre = ${r.cadre}, grade = ${r.grade}, pay_level = ${r.pay_level}, entry_grade = ${r.entry_grade},
           entry_date = ${r.entry_date}, present_grade_date = ${r.present_grade_date}, ministry_id = ${r.ministry_id}, ministry_join_date = ${r.ministry_join_date},
           select_list_year = ${r.select_list_year}, probation_end = ${r.probation_end}, superannuation_date = ${r.superannuation_date},
           version = version + 1, updated_at = ${now.toISOString()}
     WHERE id = ${c.before.id}`);
}
