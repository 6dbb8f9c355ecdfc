import { one, rows, sql, type Executor } from '../../db/client.ts';

export interface UserRow {
  id: string;
  login_id: string;
  display_name: string;
  email: string | null;
  active: boolean;
  persona: string | null;
  version: number;
  grants: Array<{ role: string; ministry_id: number | null; organisation_id: number | null; cadres: string[] | null }> | null;
}

const GRANTS = sql`(SELECT json_agg(json_build_object('role', g.role, 'ministry_id', g.ministry_id, 'organisation_id', g.organisation_id, 'cadres', g.cadres) ORDER BY g.id)
                     FROM role_grant g WHERE g.user_id = u.id) AS grants`;

/** LIKE pattern of a search text: its %, _ and \ are literal. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listUsers(ex: Executor, q: string | undefined, limit: number, offset: number): Promise<{ items: UserRow[]; total: number }> {
  const where = q ? sql`WHERE u.login_id ILIKE ${likePattern(q)} OR u.display_name ILIKE ${likePattern(q)} OR u.email ILIKE ${likePattern(q)} OR u.persona ILIKE ${likePattern(q)}` : sql``;
  const items = await rows<UserRow>(ex, sql`
    SELECT u.id, u.login_id, u.display_name, u.email, u.active, u.persona, u.version, ${GRANTS}
      FROM app_user u ${where}
     ORDER BY u.display_name, u.login_id, u.id
     LIMIT ${limit} OFFSET ${offset}`);
  const total = await one<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM app_user u ${where}`);
  return { items, total: total?.n ?? 0 };
}

export async function getUser(ex: Executor, id: string, forUpdate = false): Promise<UserRow | undefined> {
  return one<UserRow>(ex, sql`
    SELECT u.id, u.login_id, u.display_name, u.email, u.active, u.persona, u.version, ${GRANTS}
      FROM app_user u WHERE u.id = ${id} ${forUpdate ? sql`FOR UPDATE OF u` : sql``}`);
}

/** Optimistic lock: false when the version moved on. */
export async function setUserActive(tx: Executor, id: string, active: boolean, version: number): Promise<boolean> {
  const r = await rows(tx, sql`UPDATE app_user SET active = ${active}, version = version + 1 WHERE id = ${id} AND version = ${version} RETURNING id`);
  return r.length === 1;
}
