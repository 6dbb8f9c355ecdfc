// The session cache (src/auth/session-cache.ts): one query per request instead of two, and never a session that the
// database has ended. Changes made behind the app's back (as another instance or psql would) reach the cache through
// the triggers of migration 0014 and LISTEN/NOTIFY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../src/auth/session-cache.ts';
import { sql } from '../src/db/client.ts';
import { DATABASES, as, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';

const MIN = 60_000;

/** Polls until the request answers the wanted status (notifications from PostgreSQL arrive on their own connection). */
async function eventually(f: () => Promise<number>, want: number, ms = 2000): Promise<number> {
  const until = Date.now() + ms;
  let got = await f();
  while (got !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 10));
    got = await f();
  }
  return got;
}

describe.each(DATABASES)('session cache on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind, { SESSION_CACHE: 'true' });
    // the LISTEN connection is up before the first request
    await eventually(async () => (t.app.sessionCache?.enabled ? 1 : 0), 1);
  });
  afterAll(async () => t?.close());

  const me = (u: { headers: Record<string, string> }) => async () => (await as(t, u, { url: '/api/v1/me' })).statusCode;

  it('answers repeated requests of a session from the cache, and the answer is the same', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    const cache = t.app.sessionCache!;
    const first = await as(t, u, { url: '/api/v1/me' });
    const hits = cache.hits;
    const second = await as(t, u, { url: '/api/v1/me' });
    expect(second.statusCode).toBe(200);
    expect(cache.hits).toBe(hits + 1);
    expect(second.json()).toEqual(first.json());
  });

  it('a session revoked in the database (another instance) is refused at once', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    expect(await me(u)()).toBe(200);
    expect(await me(u)()).toBe(200); // cached now
    await t.database.db.execute(sql`UPDATE session SET revoked_at = ${t.clock.now().toISOString()} WHERE user_id = ${u.userId}`);
    expect(await eventually(me(u), 401)).toBe(401);
  });

  it('a session deleted in the database is refused at once', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    expect(await me(u)()).toBe(200);
    await t.database.db.execute(sql`DELETE FROM session WHERE user_id = ${u.userId}`);
    expect(await eventually(me(u), 401)).toBe(401);
  });

  it('a user disabled in the database loses access at once', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    expect(await me(u)()).toBe(200);
    await t.database.db.execute(sql`UPDATE app_user SET active = false WHERE id = ${u.userId}`);
    expect(await eventually(me(u), 401)).toBe(401);
  });

  it('a role grant removed in the database takes effect at once (and one added)', async () => {
    const m = await makeMinistry(t);
    const u = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m }] });
    const list = async () => (await as(t, u, { url: '/api/v1/employees?limit=1' })).statusCode;
    expect(await list()).toBe(200);
    expect(await list()).toBe(200);
    await t.database.db.execute(sql`DELETE FROM role_grant WHERE user_id = ${u.userId}`);
    expect(await eventually(list, 403)).toBe(403);
    await t.database.db.execute(sql`INSERT INTO role_grant (user_id, role, ministry_id) VALUES (${u.userId}, 'NODAL_OFFICER', ${m})`);
    expect(await eventually(list, 200)).toBe(200);
  });

  it('the idle and absolute timeouts hold for cached sessions', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    expect(await me(u)()).toBe(200);
    expect(await me(u)()).toBe(200);
    t.clock.advance(30 * MIN + 1000);
    expect(await me(u)()).toBe(401);
    const v = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    for (let m = 0; m < 12 * 60 - 20; m += 20) {
      t.clock.advance(20 * MIN);
      expect(await me(v)()).toBe(200);
      expect(await me(v)()).toBe(200);
    }
    t.clock.advance(20 * MIN);
    expect(await me(v)()).toBe(401);
  });

  it.runIf(kind === 'postgres')('a lost LISTEN connection switches the cache off (lookups go to the database) until it is back', async () => {
    const cache = t.app.sessionCache!;
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    expect(await me(u)()).toBe(200);
    await t.database.db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN cscms_session' AND pid <> pg_backend_pid()`);
    expect(await eventually(async () => (cache.enabled ? 1 : 0), 0)).toBe(0);
    expect(cache.size).toBe(0);
    const hits = cache.hits;
    expect(await me(u)()).toBe(200);
    expect(await me(u)()).toBe(200);
    expect(cache.hits).toBe(hits); // nothing answered from the cache while it could have missed a change
    expect(await eventually(async () => (cache.enabled ? 1 : 0), 1, 5000)).toBe(1);
    expect(await me(u)()).toBe(200);
    expect(await me(u)()).toBe(200);
    expect(cache.hits).toBe(hits + 1);
  });

  it('records activity for the idle timeout at most once a minute, through the database', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    t.clock.advance(2 * MIN);
    expect(await me(u)()).toBe(200);
    const seen = async () => (await t.database.db.execute(sql`SELECT last_seen_at FROM session WHERE user_id = ${u.userId}`)) as unknown as { rows: Array<{ last_seen_at: string | Date }> };
    const t1 = new Date((await seen()).rows[0].last_seen_at).getTime();
    expect(t1).toBe(t.clock.now().getTime());
    t.clock.advance(2 * MIN);
    expect(await me(u)()).toBe(200);
    expect(new Date((await seen()).rows[0].last_seen_at).getTime()).toBe(t.clock.now().getTime());
  });
});

describe('session cache rules', () => {
  const ok = (userId: string, expiresAt: Date) => ({
    state: 'ok' as const,
    session: { id: 'h', userId, csrfToken: 'c', createdAt: new Date(0), lastSeenAt: new Date(0), expiresAt },
    user: { id: userId, loginId: 'l', displayName: 'd', email: null, employeeId: null, preferredLang: 'en' as const, persona: null },
    actor: { userId, employeeId: null, grants: [] },
  });
  const now = new Date('2026-11-23T10:00:00Z');
  const later = (ms: number) => new Date(now.getTime() + ms);

  it('is off until listening, and empties when the LISTEN connection is lost', () => {
    const c = new SessionCache();
    c.set('a', ok('u1', later(MIN * 60)), now, now, c.epoch);
    expect(c.get('a', now)).toBeUndefined();
    c.setListening(true);
    c.set('a', ok('u1', later(MIN * 60)), now, now, c.epoch);
    expect(c.get('a', now)?.user.id).toBe('u1');
    c.setListening(false);
    expect(c.size).toBe(0);
    c.setListening(true);
    expect(c.get('a', now)).toBeUndefined();
    c.dispose();
  });

  it('does not keep a lookup that began before an invalidation (it may have read the old state)', () => {
    const c = new SessionCache();
    c.setListening(true);
    const epoch = c.epoch;
    c.forgetUser('u1'); // the notification arrives while the lookup is on its way
    c.set('a', ok('u1', later(MIN * 60)), now, now, epoch);
    expect(c.get('a', now)).toBeUndefined();
    c.dispose();
  });

  it('trusts an entry for a minute at most, and never past the absolute expiry', () => {
    const c = new SessionCache();
    c.setListening(true);
    c.set('a', ok('u1', later(30_000)), now, now, c.epoch);
    c.set('b', ok('u2', later(MIN * 60)), now, now, c.epoch);
    expect(c.get('a', later(29_000))).toBeDefined();
    expect(c.get('a', later(30_000))).toBeUndefined();
    expect(c.get('b', later(59_000))).toBeDefined();
    expect(c.get('b', later(MIN))).toBeUndefined();
    c.dispose();
  });

  it('forgets every session of a user, and keeps within its size by dropping the oldest', () => {
    const c = new SessionCache(2);
    c.setListening(true);
    c.set('a', ok('u1', later(MIN * 60)), now, now, c.epoch);
    c.set('b', ok('u1', later(MIN * 60)), now, now, c.epoch);
    c.forgetUser('u1');
    expect(c.size).toBe(0);
    c.set('a', ok('u1', later(MIN * 60)), now, now, c.epoch);
    c.set('b', ok('u2', later(MIN * 60)), now, now, c.epoch);
    c.set('c', ok('u3', later(MIN * 60)), now, now, c.epoch);
    expect(c.size).toBe(2);
    expect(c.get('a', now)).toBeUndefined();
    expect(c.get('c', now)?.user.id).toBe('u3');
    c.dispose();
  });
});
