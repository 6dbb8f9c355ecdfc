import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/audit/audit.ts';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import { one, rows, sql } from '../src/db/client.ts';
import { makePersona } from './auth-helpers.ts';
import { DATABASES, as, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';

describe.each(DATABASES)('user administration on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    t = await testApp(kind);
    admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
  });
  afterAll(async () => t?.close());

  const version = async (id: string) => (await one<{ version: number }>(t.database.db, sql`SELECT version FROM app_user WHERE id = ${id}`))!.version;

  it('lists users with roles, persona and version; pages and searches', async () => {
    const m = await makeMinistry(t);
    const p = await makePersona(t, { persona: 'nodal-2', name: 'Zeta Searchable Officer', email: 'zeta@nic.in', roles: [{ role: 'NODAL_OFFICER', ministryId: m }, { role: 'EMPLOYEE' }] });
    const r = await as(t, admin, { url: '/api/v1/admin/users?q=zeta%20searchable' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      items: [
        {
          id: p.userId,
          loginId: p.loginId,
          displayName: 'Zeta Searchable Officer',
          email: 'zeta@nic.in',
          active: true,
          persona: 'nodal-2',
          roles: [
            { role: 'NODAL_OFFICER', ministryId: m, organisationId: null, cadres: null },
            { role: 'EMPLOYEE', ministryId: null, organisationId: null, cadres: null },
          ],
          version: 1,
          abilities: ['user.disable'],
        },
      ],
      total: 1,
      page: 1,
      pageSize: 25,
    });
    for (let i = 0; i < 3; i++) await makePersona(t, { name: `Paged Person ${i}` });
    const p1 = (await as(t, admin, { url: '/api/v1/admin/users?q=Paged%20Person&page=1&pageSize=2' })).json();
    const p2 = (await as(t, admin, { url: '/api/v1/admin/users?q=Paged%20Person&page=2&pageSize=2' })).json();
    expect(p1.total).toBe(3);
    expect(p1.items.map((x: { displayName: string }) => x.displayName)).toEqual(['Paged Person 0', 'Paged Person 1']);
    expect(p2.items.map((x: { displayName: string }) => x.displayName)).toEqual(['Paged Person 2']);
    // LIKE wildcards in q are literal
    expect((await as(t, admin, { url: '/api/v1/admin/users?q=%25' })).json().total).toBe(0);
    // the admin's own row cannot be disabled by them
    const self = (await as(t, admin, { url: `/api/v1/admin/users?q=${admin.userId}` })).json();
    expect(self.items[0].abilities).toEqual([]);
    expect((await as(t, admin, { url: '/api/v1/admin/users?pageSize=1000' })).statusCode).toBe(400);
  });

  it('only an administrator may list or disable users', async () => {
    const emp = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }, { role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    expect((await as(t, emp, { url: '/api/v1/admin/users' })).statusCode).toBe(403);
    const victim = await makePersona(t);
    const r = await as(t, emp, { method: 'POST', url: `/api/v1/admin/users/${victim.userId}/disable`, payload: { reason: 'x', version: 1 } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('FORBIDDEN');
    expect((await t.app.inject({ url: '/api/v1/admin/users' })).statusCode).toBe(401);
  });

  it("disabling a user ends their live sessions at once (their cookie gets 401 on the next request), with the reason audited", async () => {
    const target = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    const second = await createSession(t.database.db, target.userId, t.clock.now(), t.config.sessionAbsoluteMs);
    expect((await as(t, target, { url: '/api/v1/me' })).statusCode).toBe(200);
    const v = await version(target.userId);
    const r = await as(t, admin, { method: 'POST', url: `/api/v1/admin/users/${target.userId}/disable`, payload: { reason: 'Left the service on transfer', version: v } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: target.userId, active: false, version: v + 1 });
    for (const cookie of [target.cookie, `${SESSION_COOKIE}=${second.token}`]) {
      const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
      expect(me.statusCode).toBe(401);
      expect(me.json().code).toBe('SESSION_EXPIRED');
    }
    const live = await rows(t.database.db, sql`SELECT id FROM session WHERE user_id = ${target.userId} AND revoked_at IS NULL`);
    expect(live).toEqual([]);
    const audit = await rows<{ action: string; reason: string; actor_user_id: string; actor_role: string; changes: unknown }>(t.database.db, sql`SELECT action, reason, actor_user_id, actor_role, changes FROM audit_log WHERE entity = 'app_user' AND entity_id = ${target.userId}`);
    expect(audit).toEqual([{ action: 'user.disable', reason: 'Left the service on transfer', actor_user_id: admin.userId, actor_role: 'ADMIN', changes: { active: { before: true, after: false }, sessionsRevoked: 2 } }]);

    // enabling lets them log in again; the old sessions stay ended
    const again = await as(t, admin, { method: 'POST', url: `/api/v1/admin/users/${target.userId}/enable`, payload: { reason: 'Rejoined', version: v + 1 } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ active: true, version: v + 2 });
    expect((await as(t, target, { url: '/api/v1/me' })).statusCode).toBe(401);
    const fresh = await createSession(t.database.db, target.userId, t.clock.now(), t.config.sessionAbsoluteMs);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: `${SESSION_COOKIE}=${fresh.token}` } })).statusCode).toBe(200);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('optimistic locking: a stale version is 409 STALE_VERSION and changes nothing; a repeat is 409 CONFLICT', async () => {
    const target = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    const v = await version(target.userId);
    const stale = await as(t, admin, { method: 'POST', url: `/api/v1/admin/users/${target.userId}/disable`, payload: { reason: 'x', version: v + 5 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', currentVersion: v });
    expect((await as(t, target, { url: '/api/v1/me' })).statusCode).toBe(200);
    const enableActive = await as(t, admin, { method: 'POST', url: `/api/v1/admin/users/${target.userId}/enable`, payload: { reason: 'x', version: v } });
    expect(enableActive.statusCode).toBe(409);
    expect(enableActive.json().code).toBe('CONFLICT');
    expect(await version(target.userId)).toBe(v);
  });

  it('nobody may disable themselves; bad input is a 4xx problem naming the field', async () => {
    const self = await as(t, admin, { method: 'POST', url: `/api/v1/admin/users/${admin.userId}/disable`, payload: { reason: 'oops', version: await version(admin.userId) } });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('SELF_APPROVAL');
    const target = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    const url = `/api/v1/admin/users/${target.userId}/disable`;
    const cases: Array<[unknown, string]> = [
      [{ version: 1 }, 'reason'],
      [{ reason: '', version: 1 }, 'reason'],
      [{ reason: '   ', version: 1 }, 'reason'],
      [{ reason: 'x'.repeat(501), version: 1 }, 'reason'],
      [{ reason: 'ok' }, 'version'],
      [{ reason: 'ok', version: '1' }, 'version'],
      [{ reason: 'ok', version: 1, active: false }, '(body)'],
    ];
    for (const [payload, field] of cases) {
      const r = await as(t, admin, { method: 'POST', url, payload: payload as object });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().field, JSON.stringify(payload)).toBe(field);
    }
    const notUuid = await as(t, admin, { method: 'POST', url: '/api/v1/admin/users/not-a-uuid/disable', payload: { reason: 'x', version: 1 } });
    expect(notUuid.statusCode).toBe(400);
    const missing = await as(t, admin, { method: 'POST', url: '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/disable', payload: { reason: 'x', version: 1 } });
    expect(missing.statusCode).toBe(404);
    const noCsrf = await t.app.inject({ method: 'POST', url, headers: { cookie: admin.cookie }, payload: { reason: 'x', version: 1 } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF');
    expect((await as(t, target, { url: '/api/v1/me' })).statusCode).toBe(200);
  });
});
