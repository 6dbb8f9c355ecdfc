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
  const existing = await rows<Existing>(tx, sql`
    SELECT id, employee_code, ${sql.raw(FIELDS.join(', '))} FROM employee
     WHERE employee_code IN (${sql.join(batch.map((r) => sql`${r.employee_code}`), sql`, `)})`);
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

/** Inserts new employees with their login accounts (role EMPLOYEE), in multi-row statements. */
export async function insertFresh(tx: Executor, fresh: readonly RegistrationRow[], now: Date): Promise<void> {
  if (fresh.length === 0) return;
  const at = now.toISOString();
  const ids = fresh.map(() => randomUUID());
  await tx.execute(sql`
    INSERT INTO employee (id, employee_code, login_id, email, name_en, name_hi, date_of_birth, gender, marital_status, mobile, cadre, grade, pay_level, entry_grade,
                          entry_date, present_grade_date, ministry_id, ministry_join_date, select_list_year, probation_end, superannuation_date, created_at, updated_at)
    VALUES ${sql.join(
      fresh.map((r, i) => sql`(${ids[i]}, ${r.employee_code}, ${r.login_id}, ${r.email}, ${r.name_en}, ${r.name_hi}, ${r.date_of_birth}, ${r.gender}, ${r.marital_status}, ${r.mobile},
        ${r.cadre}, ${r.grade}, ${r.pay_level}, ${r.entry_grade}, ${r.entry_date}, ${r.present_grade_date}, ${r.ministry_id}, ${r.ministry_join_date}, ${r.select_list_year},
        ${r.probation_end}, ${r.superannuation_date}, ${at}, ${at})`),
      sql`, `,
    )}`);
  const userIds = fresh.map(() => randomUUID());
  // The first e-Parichay login is matched to this account by login id, else by e-mail.
  await tx.execute(sql`
    INSERT INTO app_user (id, login_id, email, display_name, employee_id, created_at)
    VALUES ${sql.join(fresh.map((r, i) => sql`(${userIds[i]}, ${r.login_id ?? r.email ?? `code:${r.employee_code}`}, ${r.email}, ${r.name_en}, ${ids[i]}, ${at})`), sql`, `)}
    ON CONFLICT (login_id) DO NOTHING`);
  await tx.execute(sql`
    INSERT INTO role_grant (user_id, role) SELECT u.id, 'EMPLOYEE' FROM app_user u
     WHERE u.id IN (${sql.join(userIds.map((u) => sql`${u}`), sql`, `)}) ON CONFLICT DO NOTHING`);
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
