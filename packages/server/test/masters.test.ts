import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRADES, PAY_MATRIX } from '@cscms/domain';
import { rows, sql } from '../src/db/client.ts';
import { syncMasters } from '../src/db/masters.ts';
import { MINISTRIES } from '../src/db/data/ministries.ts';
import { verifyChain } from '../src/audit/audit.ts';
import { DATABASES, as, makeUser, testApp, type TestApp } from './harness.ts';

describe('Ministries masters data', () => {
  it('has about 90 cadre units with unique ids and codes, English and Hindi names, both rotation groups', () => {
    expect(MINISTRIES.length).toBeGreaterThanOrEqual(85);
    expect(new Set(MINISTRIES.map((m) => m.id)).size).toBe(MINISTRIES.length);
    expect(new Set(MINISTRIES.map((m) => m.code)).size).toBe(MINISTRIES.length);
    for (const m of MINISTRIES) {
      expect(m.en.length).toBeGreaterThan(5);
      expect(m.hi).toMatch(/[\u0900-\u097F]/);
      if (m.reducedTenure) expect(m.rotationGroup).toBe('A');
    }
    const a = MINISTRIES.filter((m) => m.rotationGroup === 'A').length;
    expect(a).toBeGreaterThan(20);
    expect(MINISTRIES.length - a).toBeGreaterThan(20);
    for (const code of ['AGRI', 'MHA', 'DOE', 'DOR', 'DEA', 'DFS', 'DIPAM', 'DOPT', 'DOHFW', 'DHE', 'DSEL']) expect(MINISTRIES.some((m) => m.code === code)).toBe(true);
  });
});

describe.each(DATABASES)('masters on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it('syncs cadres, grades, the pay matrix and the Ministries, idempotently', async () => {
    await syncMasters(t.database.db);
    const [c] = await rows<Record<string, number>>(t.database.db, sql`SELECT (SELECT count(*)::int FROM grade) AS grades, (SELECT count(*)::int FROM pay_matrix_cell) AS cells, (SELECT count(*)::int FROM ministry WHERE id < 900) AS ministries`);
    expect(c).toEqual({ grades: GRADES.length, cells: Object.values(PAY_MATRIX).reduce((a, r) => a + r.length, 0), ministries: MINISTRIES.length });
  });

  it('answers cadres, grades and the pay matrix to any logged-in role', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    const cadres = await as(t, u, { url: '/api/v1/masters/cadres' });
    expect(cadres.statusCode).toBe(200);
    expect(cadres.json().items.map((x: { code: string }) => x.code)).toEqual(['CSS', 'CSSS', 'CSCS']);
    const grades = await as(t, u, { url: '/api/v1/masters/grades?cadre=CSSS' });
    expect(grades.json().items.map((g: { abbrev: string }) => g.abbrev)).toEqual(["Steno 'D'", 'PA', 'PS', 'PPS', 'Sr PPS', 'PSO']);
    const bad = await as(t, u, { url: '/api/v1/masters/grades?cadre=IAS' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('querystring.cadre');
    const pm = await as(t, u, { url: '/api/v1/masters/pay-matrix' });
    const levels = pm.json().levels as Array<{ level: string; cells: number[] }>;
    expect(levels.map((l) => l.level).slice(0, 15)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '13A', '14']);
    expect(levels.find((l) => l.level === '4')?.cells.slice(0, 6)).toEqual([25500, 26300, 27100, 27900, 28700, 29600]);
    expect(levels.find((l) => l.level === '7')?.cells[0]).toBe(44900);
    expect((await t.app.inject({ url: '/api/v1/masters/cadres' })).statusCode).toBe(401);
  });

  it('pages and filters the Ministries; bad query parameters are 400 naming the field', async () => {
    const u = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: 38 }] });
    const p1 = (await as(t, u, { url: '/api/v1/masters/ministries?pageSize=10&page=1' })).json();
    expect(p1.items).toHaveLength(10);
    expect(p1.total).toBeGreaterThanOrEqual(MINISTRIES.length);
    const p2 = (await as(t, u, { url: '/api/v1/masters/ministries?pageSize=10&page=2' })).json();
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    const home = (await as(t, u, { url: `/api/v1/masters/ministries?q=${encodeURIComponent('home')}` })).json();
    expect(home.items.map((m: { code: string }) => m.code)).toContain('MHA');
    const hindi = (await as(t, u, { url: `/api/v1/masters/ministries?q=${encodeURIComponent('गृह')}` })).json();
    expect(hindi.items.map((m: { code: string }) => m.code)).toContain('MHA');
    const pct = (await as(t, u, { url: `/api/v1/masters/ministries?q=${encodeURIComponent('%')}` })).json();
    expect(pct.total).toBe(0);
    const b = (await as(t, u, { url: '/api/v1/masters/ministries?group=B&pageSize=100' })).json();
    expect(b.items.every((m: { rotationGroup: string }) => m.rotationGroup === 'B')).toBe(true);
    expect(b.items[0].abilities).toEqual([]);
    for (const [q, field] of [['page=0', 'querystring.page'], ['pageSize=101', 'querystring.pageSize'], ['group=C', 'querystring.group'], ['page=abc', 'querystring.page']]) {
      const r = await as(t, u, { url: `/api/v1/masters/ministries?${q}` });
      expect(r.statusCode, q).toBe(400);
      expect(r.json().field, q).toBe(field);
    }
  });

  it('lists organisations by Ministry', async () => {
    await t.database.db.execute(sql`INSERT INTO organisation (ministry_id, name_en, name_hi, kind) VALUES (57, 'Oil PSU', 'तेल', 'PSU'), (58, 'Power PSU', 'विद्युत', 'PSU')`);
    const u = await makeUser(t, { roles: [{ role: 'SUB_NODAL_OFFICER', organisationId: 1 }] });
    const r = (await as(t, u, { url: '/api/v1/masters/organisations?ministryId=57' })).json();
    expect(r.items.map((o: { en: string }) => o.en)).toEqual(['Oil PSU']);
    expect((await as(t, u, { url: '/api/v1/masters/organisations?ministryId=x' })).statusCode).toBe(400);
  });

  it('lets an administrator change a Ministry (CSRF, version, audit before/after); the next sync keeps the edit', async () => {
    const admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
    const nodal = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: 1 }] });
    const m = (await as(t, admin, { url: '/api/v1/masters/ministries/1' })).json();
    expect(m).toMatchObject({ id: 1, code: 'AGRI', version: 1, editedAt: null, abilities: ['masters.write'] });
    const forbidden = await as(t, nodal, { method: 'PUT', url: '/api/v1/masters/ministries/1', payload: { version: 1, rotationGroup: 'A' } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('FORBIDDEN');
    const noCsrf = await t.app.inject({ method: 'PUT', url: '/api/v1/masters/ministries/1', headers: { cookie: admin.cookie }, payload: { version: 1, rotationGroup: 'A' } });
    expect(noCsrf.json().code).toBe('CSRF');
    const unknown = await as(t, admin, { method: 'PUT', url: '/api/v1/masters/ministries/1', payload: { version: 1, code: 'X' } });
    expect(unknown.statusCode).toBe(400);
    const ok = await as(t, admin, { method: 'PUT', url: '/api/v1/masters/ministries/1', payload: { version: 1, rotationGroup: 'A', reducedTenure: true, reason: 'Regrouped by CS.I O.M.' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ rotationGroup: 'A', reducedTenure: true, version: 2 });
    expect(ok.json().editedAt).toBe(t.clock.now().toISOString());
    const stale = await as(t, admin, { method: 'PUT', url: '/api/v1/masters/ministries/1', payload: { version: 1, active: false } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect((await as(t, admin, { method: 'PUT', url: '/api/v1/masters/ministries/99999', payload: { version: 1 } })).statusCode).toBe(404);
    const [a] = await rows<{ changes: Record<string, unknown>; actor_role: string; reason: string }>(t.database.db, sql`SELECT changes, actor_role, reason FROM audit_log WHERE entity = 'ministry' AND entity_id = '1' ORDER BY seq DESC LIMIT 1`);
    expect(a).toEqual({ changes: { rotation_group: { before: 'B', after: 'A' }, reduced_tenure: { before: false, after: true } }, actor_role: 'ADMIN', reason: 'Regrouped by CS.I O.M.' });
    expect((await verifyChain(t.database.db)).ok).toBe(true);
    await syncMasters(t.database.db);
    expect((await as(t, admin, { url: '/api/v1/masters/ministries/1' })).json()).toMatchObject({ rotationGroup: 'A', version: 2 });
  });
});
