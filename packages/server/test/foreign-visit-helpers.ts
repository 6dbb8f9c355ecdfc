// Helpers shared by the vigilance, IPR and foreign-visit tests (issue 5).
import { sql } from '../src/db/client.ts';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import type { TestApp } from './harness.ts';

/** The database's own words when it refuses a statement (drizzle wraps them). */
export async function refused(q: Promise<unknown>): Promise<string> {
  try {
    await q;
    return 'accepted';
  } catch (e) {
    return String((e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message);
  }
}

/** The profile taken as final: the services refuse until then. */
export async function finalProfile(t: TestApp, employeeId: string): Promise<void> {
  await t.database.db.execute(sql`INSERT INTO profile (employee_id, state, data, updated_at) VALUES (${employeeId}, 'DEEMED_FINAL', '{}'::jsonb, now()) ON CONFLICT (employee_id) DO UPDATE SET state = 'DEEMED_FINAL'`);
}

/** A new live session at the test clock's present time (after the clock was moved past the old one). */
export async function relogin<U extends { userId: string; headers: Record<string, string> }>(t: TestApp, u: U): Promise<U> {
  const s = await createSession(t.database.db, u.userId, t.clock.now(), t.config.sessionAbsoluteMs);
  const cookie = `${SESSION_COOKIE}=${s.token}`;
  return { ...u, cookie, csrf: s.csrfToken, headers: { cookie, 'x-csrf-token': s.csrfToken } };
}

/** A return for `year` filed online on time (so that ground 11 does not withhold clearance in a test). */
export async function filedReturn(t: TestApp, employeeId: string, year: number): Promise<void> {
  await t.database.db.execute(sql`
    INSERT INTO ipr_return (id, employee_id, kind, year, as_on, revision, status, nil, rows, filed_on, filed_at, created_at, updated_at)
    VALUES (gen_random_uuid(), ${employeeId}, 'ANNUAL', ${year}, ${`${year}-12-31`}, 1, 'FILED', true, '[]'::jsonb, ${`${year + 1}-01-10`}, now(), now(), now())`);
}

export const HOUSE = {
  description: 'Two-storey house',
  location: { state: 'Uttar Pradesh', district: 'Lucknow', subDivision: 'Lucknow Sadar', village: 'Gomti Nagar', surveyNumber: '123/4' },
  area: { value: 200, unit: 'SQ_M' },
  nature: 'HOUSE',
  extentOfInterest: 'full',
  heldBy: { name: 'Self', relationship: 'SELF' },
  acquisition: { how: 'PURCHASE', on: '2015-03-10', from: 'Ram Lal, Lucknow' },
  value: 6500000,
  annualIncome: 0,
};
