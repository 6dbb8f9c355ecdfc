// The competent authority for private foreign visits, configurable per cadre / grade / Ministry (issue 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, sql } from '../src/db/client.ts';
import { filedReturn, finalProfile } from './foreign-visit-helpers.ts';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';

type U = Awaited<ReturnType<typeof makeUser>>;

const visit = {
  countries: ['JP'],
  departureOn: '2026-05-10',
  returnOn: '2026-05-20',
  purpose: 'Holiday',
  funding: { source: 'OWN', estimateRupees: 200000 },
  leave: [{ type: 'EARNED_LEAVE', from: '2026-05-10', to: '2026-05-20' }],
  addressAbroad: '1-1 Chiyoda, Tokyo',
  previousVisits: [],
};

describe.each(DATABASES)('competent authority for private foreign visits, configured on %s', (kind) => {
  let t: TestApp;
  let mA: number;
  let mB: number;
  const u = {} as Record<'soA' | 'soB' | 'nodalA' | 'avd' | 'csi' | 'csii' | 'admin' | 'emp', U>;
  beforeAll(async () => {
    t = await testApp(kind);
    mA = await makeMinistry(t, 'A');
    mB = await makeMinistry(t, 'B');
    const soA = await makeEmployee(t, { ministryId: mA, grade: 'CSS.SO' });
    const soB = await makeEmployee(t, { ministryId: mB, grade: 'CSS.SO' });
    for (const e of [soA, soB]) {
      await finalProfile(t, e);
      await filedReturn(t, e, 2024);
    }
    u.soA = await makeUser(t, { employeeId: soA, roles: [{ role: 'EMPLOYEE' }] });
    u.soB = await makeUser(t, { employeeId: soB, roles: [{ role: 'EMPLOYEE' }] });
    u.nodalA = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mA }] });
    u.avd = await makeUser(t, { roles: [{ role: 'AVD' }] });
    u.csi = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    u.csii = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });
    u.admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
    u.emp = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
  });
  afterAll(async () => t?.close());

  const get = (who: U) => as(t, who, { url: '/api/v1/foreign-visits/routes' });
  const put = (who: U, payload: object) => as(t, who, { method: 'PUT', url: '/api/v1/foreign-visits/routes', payload });
  const DEFAULT = { cadre: 'CSS', minRank: 3, cadreAuthority: 'CS.I', needsAvdClearance: true };
  const SO_IN_A = () => ({ cadre: 'CSS', grades: ['CSS.SO'], ministryIds: [mA], cadreAuthority: 'CS.I', needsAvdClearance: true });

  it('shows the default rule to the cadre authority, the administrator and Nodal Officers; not to an employee or AVD', async () => {
    for (const who of [u.csi, u.admin, u.nodalA]) {
      const r = await get(who);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ version: 1, inForce: { configured: false, rules: [DEFAULT] } });
      expect(r.json().inForce.citation.order).toContain('17.01.2013');
    }
    expect((await get(u.emp)).statusCode).toBe(403);
    expect((await get(u.avd)).statusCode).toBe(403);
  });

  it('refuses bad input naming the field (400 problem+json), the wrong role (403), another cadre\'s authority (403)', async () => {
    const base = { version: 1, reason: 'CS.I O.M. on SOs of Ministry A' };
    const cases: Array<[object, string]> = [
      [{ ...base, rules: [DEFAULT, { ...SO_IN_A(), grades: ['CSS.SO', 'CSS.XX'] }] }, 'rules.1.grades.1'],
      [{ ...base, rules: [DEFAULT, { ...SO_IN_A(), grades: ['CSSS.PA'] }] }, 'rules.1.grades.0'],
      [{ ...base, rules: [{ ...DEFAULT, cadreAuthority: 'CS.II' }] }, 'rules.0.cadreAuthority'],
      [{ ...base, rules: [{ ...DEFAULT, cadre: 'IAS' }] }, 'rules.0.cadre'],
      [{ ...base, rules: [{ ...DEFAULT, minRank: 7 }] }, 'rules.0.minRank'],
      [{ ...base, rules: [DEFAULT, { ...SO_IN_A(), ministryIds: [mA, 987654] }] }, 'rules.1.ministryIds.1'],
      [{ version: 1, rules: [DEFAULT, SO_IN_A()] }, 'reason'],
      [{ ...base, from: '2026-01-01', rules: [DEFAULT, SO_IN_A()] }, 'from'],
      [{ ...base, rules: [DEFAULT] }, 'rules'],
    ];
    for (const [body, field] of cases) {
      const r = await put(u.csi, body);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().field, r.body).toBe(field);
    }
    expect((await put(u.nodalA, { ...base, rules: [DEFAULT, SO_IN_A()] })).json().code).toBe('FORBIDDEN');
    const wrongCadre = await put(u.csii, { ...base, rules: [DEFAULT, SO_IN_A()] });
    expect(wrongCadre.statusCode).toBe(403);
    expect(wrongCadre.json().code).toBe('OUT_OF_SCOPE');
    expect((await get(u.csi)).json().version).toBe(1);
  });

  it('CS.I configures a rule for Ministry A: audited with before and after; a stale version gets 409', async () => {
    const r = await put(u.csi, { version: 1, rules: [DEFAULT, SO_IN_A()], reason: 'Section Officers of Ministry A to CS.I', orderRef: 'CS.I O.M. 9/1/2026-CS-I(P) dated 15.01.2026' });
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    expect(v).toMatchObject({ version: 2, inForce: { from: '2026-01-15', configured: true, reason: 'Section Officers of Ministry A to CS.I', citation: { order: 'CS.I O.M. 9/1/2026-CS-I(P) dated 15.01.2026' } } });
    expect(v.inForce.rules[1]).toMatchObject({ grades: ['CSS.SO'], ministryIds: [mA] });
    expect(v.inForce.rules[1].description.en).toContain(`Ministries ${mA}`);
    const a = await one<{ actor_role: string; reason: string; changes: { rules: { before: unknown[]; after: unknown[] }; version: { before: number; after: number } } }>(
      t.database.db, sql`SELECT actor_role, reason, changes FROM audit_log WHERE entity = 'setting' AND entity_id = 'fv.routes' AND action = 'fv.routes.set' ORDER BY seq DESC LIMIT 1`);
    expect(a).toMatchObject({ actor_role: 'CADRE_AUTHORITY', reason: 'Section Officers of Ministry A to CS.I' });
    expect(a!.changes.rules.before).toEqual([DEFAULT]);
    expect(a!.changes.rules.after).toHaveLength(2);
    expect(a!.changes.version).toEqual({ before: 1, after: 2 });
    const stale = await put(u.admin, { version: 1, rules: [DEFAULT], reason: 'Undo the rule for Ministry A' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
  });

  it('an SO of Ministry A is routed to CS.I with the AVD clearance, naming the rule; an SO of Ministry B stays with the Ministry', async () => {
    const a = await as(t, u.soA, { method: 'POST', url: '/api/v1/foreign-visits', payload: visit });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().route).toMatchObject({ competentAuthority: 'CADRE_AUTHORITY', forwardToCadreAuthority: true, needsAvdClearance: true });
    expect(a.json().route.reason.en).toContain('Rule 2 in force from 15.01.2026');
    expect(a.json().route.reason.citation.order).toBe('CS.I O.M. 9/1/2026-CS-I(P) dated 15.01.2026');
    const b = await as(t, u.soB, { method: 'POST', url: '/api/v1/foreign-visits', payload: visit });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().route).toMatchObject({ competentAuthority: 'LEAVE_SANCTIONING_AUTHORITY', forwardToCadreAuthority: false, needsAvdClearance: false });
    // the Ministry examines; the application then needs the AVD clearance before it can go to CS.I
    const complete = await as(t, u.nodalA, { method: 'POST', url: `/api/v1/foreign-visits/${a.json().id}/complete`, payload: { version: a.json().version } });
    expect(complete.statusCode, complete.body).toBe(200);
    expect(complete.json().abilities).toEqual(expect.arrayContaining(['forward']));
    expect(complete.json().abilities).not.toContain('approve');
    const fwd = await as(t, u.nodalA, { method: 'POST', url: `/api/v1/foreign-visits/${a.json().id}/forward`, payload: { version: complete.json().version } });
    expect(fwd.statusCode).toBe(422);
    expect(JSON.stringify(fwd.json())).toContain('FV_AVD_CLEARANCE_MISSING');
  });

  it('the administrator removes the rule (audited as ADMIN)', async () => {
    const r = await put(u.admin, { version: 2, rules: [DEFAULT], reason: 'Rule for Ministry A withdrawn' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ version: 3, inForce: { rules: [DEFAULT] } });
    const a = await one<{ actor_role: string }>(t.database.db, sql`SELECT actor_role FROM audit_log WHERE action = 'fv.routes.set' ORDER BY seq DESC LIMIT 1`);
    expect(a!.actor_role).toBe('ADMIN');
  });
});
