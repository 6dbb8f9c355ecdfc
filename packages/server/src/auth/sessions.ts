import { createHash, randomBytes } from 'node:crypto';
import type { Actor, CadreCode, RoleGrant } from '@cscms/domain';
import { one, rows, sql, type Executor } from '../db/client.ts';
import { forgetUserSessions, type SessionCache } from './session-cache.ts';

export const SESSION_COOKIE = 'cscms_sid';

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionUser {
  id: string;
  loginId: string;
  displayName: string;
  email: string | null;
  employeeId: string | null;
  preferredLang: 'en' | 'hi';
  persona: string | null;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Creates a session and returns the opaque cookie value; only its hash is stored. */
export async function createSession(tx: Executor, userId: string, now: Date, absoluteMs: number, meta: { ip?: string; userAgent?: string } = {}): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await tx.execute(sql`
    INSERT INTO session (id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
    VALUES (${hashToken(token)}, ${userId}, ${csrfToken}, ${now.toISOString()}, ${now.toISOString()}, ${new Date(now.getTime() + absoluteMs).toISOString()}, ${meta.ip ?? null}, ${(meta.userAgent ?? '').slice(0, 300)})`);
  return { token, csrfToken };
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'ok'; session: SessionRecord; user: SessionUser; actor: Actor };

interface SessionJoinRow {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  login_id: string;
  display_name: string;
  email: string | null;
  employee_id: string | null;
  preferred_lang: 'en' | 'hi';
  persona: string | null;
  active: boolean;
  grants: Array<{ role: RoleGrant['role']; ministry_id: number | null; organisation_id: number | null; cadres: CadreCode[] | null }> | null;
}

/** One query: the session, its user (must be active) and the user's role grants. Touches last_seen at most once a minute. */
const LOOKUP = `
    SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at,
           u.login_id, u.display_name, u.email, u.employee_id, u.preferred_lang, u.persona, u.active,
           (SELECT json_agg(json_build_object('role', g.role, 'ministry_id', g.ministry_id, 'organisation_id', g.organisation_id, 'cadres', g.cadres))
              FROM role_grant g WHERE g.user_id = u.id) AS grants
      FROM session s JOIN app_user u ON u.id = s.user_id
     WHERE s.id = $1`;

/**
 * Every request's session lookup: one query (session, active user, role grants). `prepared` runs it as a named
 * prepared statement on the raw driver (the hot path of every request); without it, through the executor.
 */
export async function lookupSession(
  ex: Executor,
  token: string | undefined,
  now: Date,
  idleMs: number,
  prepared?: <T>(name: string, text: string, params: unknown[]) => Promise<T[]>,
  cache?: SessionCache,
): Promise<SessionLookup> {
  if (!token || token.length > 100) return { state: 'none' };
  const id = hashToken(token);
  const hit = cache?.get(id, now);
  if (hit) return hit;
  const epoch = cache?.epoch ?? 0;
  const [before, after] = LOOKUP.split('$1');
  const r = prepared ? (await prepared<SessionJoinRow>('session_lookup', LOOKUP, [id]))[0] : await one<SessionJoinRow>(ex, sql`${sql.raw(before)}${id}${sql.raw(after)}`);
  if (!r) return { state: 'none' };
  const lastSeen = new Date(r.last_seen_at);
  if (r.revoked_at || !r.active || new Date(r.expires_at) <= now || now.getTime() - lastSeen.getTime() > idleMs) return { state: 'expired' };
  let seen = lastSeen;
  if (now.getTime() - lastSeen.getTime() > 60_000) {
    await ex.execute(sql`UPDATE session SET last_seen_at = ${now.toISOString()} WHERE id = ${r.id}`);
    seen = now;
  }
  const grants: RoleGrant[] = (r.grants ?? []).map((g) => ({ role: g.role, ministryId: g.ministry_id, organisationId: g.organisation_id, cadres: g.cadres }));
  const found: Extract<SessionLookup, { state: 'ok' }> = {
    state: 'ok',
    session: { id: r.id, userId: r.user_id, csrfToken: r.csrf_token, createdAt: new Date(r.created_at), lastSeenAt: lastSeen, expiresAt: new Date(r.expires_at) },
    user: { id: r.user_id, loginId: r.login_id, displayName: r.display_name, email: r.email, employeeId: r.employee_id, preferredLang: r.preferred_lang, persona: r.persona },
    actor: { userId: r.user_id, employeeId: r.employee_id, grants },
  };
  cache?.set(id, found, seen, now, epoch);
  return found;
}

export async function revokeSession(tx: Executor, sessionId: string, now: Date): Promise<void> {
  const r = await rows<{ user_id: string }>(tx, sql`SELECT user_id FROM session WHERE id = ${sessionId}`);
  if (r[0]) forgetUserSessions(r[0].user_id);
  await tx.execute(sql`UPDATE session SET revoked_at = ${now.toISOString()} WHERE id = ${sessionId} AND revoked_at IS NULL`);
}

/** Ends every live session of a user at once (disabling a user, or a logout everywhere). */
export async function revokeUserSessions(tx: Executor, userId: string, now: Date): Promise<number> {
  forgetUserSessions(userId);
  const r = await rows(tx, sql`UPDATE session SET revoked_at = ${now.toISOString()} WHERE user_id = ${userId} AND revoked_at IS NULL RETURNING id`);
  return r.length;
}
