import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { verifyChain } from '../src/audit/audit.ts';
import { one, sql } from '../src/db/client.ts';

const complete = {
  personal: {
    nameEn: 'Asha Verma', nameHi: 'आशा वर्मा', dateOfBirth: '1985-04-10', gender: 'F', category: 'GEN', pwbd: { is: false }, maritalStatus: 'MARRIED',
    mobile: '9876543210', email: 'asha@example.gov.in',
    presentAddress: { line1: 'C-12 Sector 5', city: 'New Delhi', district: 'New Delhi', state: 'Delhi', pin: '110001' },
    permanentAddress: { line1: 'Village Rampur', city: 'Rampur', district: 'Rampur', state: 'Uttar Pradesh', pin: '244901' },
  },
  qualifications: [], training: [], languages: [],
  family: { children: [{ name: 'Meera', dateOfBirth: '2014-06-01', gender: 'F', disabilityPercent: 0 }] },
};

describe.each(DATABASES)('profile lifecycle on %s', (kind) => {
  let t: TestApp;
  let mA: number;
  let mB: number;
  let emp: string;
  let empUser: Awaited<ReturnType<typeof makeUser>>;
  let nodalA: Awaited<ReturnType<typeof makeUser>>;
  let nodalB: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    t = await testApp(kind);
    mA = await makeMinistry(t, 'A');
    mB = await makeMinistry(t, 'B');
    emp = await makeEmployee(t, { ministryId: mA });
    await t.database.db.execute(sql`INSERT INTO service_event (employee_id, kind, effective_date, ministry_id) VALUES (${emp}, 'POSTING', '2010-07-01', ${mA})`);
    empUser = await makeUser(t, { employeeId: emp, roles: [{ role: 'EMPLOYEE' }] });
    const nodalEmp = await makeEmployee(t, { ministryId: mA });
    nodalA = await makeUser(t, { employeeId: nodalEmp, roles: [{ role: 'EMPLOYEE' }, { role: 'NODAL_OFFICER', ministryId: mA }] });
    nodalB = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mB }] });
  });
  afterAll(async () => t?.close());

  it('saves an incomplete draft but refuses a malformed field, naming it in the request language', async () => {
    const v = (await as(t, empUser, { url: '/api/v1/profile' })).json();
    expect(v.state).toBe('DRAFT');
    expect(v.service.postings).toEqual([{ ministryId: mA, grade: null, from: '2010-07-01', to: null }]);
    const bad = await as(t, empUser, { method: 'PUT', url: '/api/v1/profile/draft', headers: { cookie: `${empUser.cookie}; lang=hi` }, payload: { version: v.version, data: { personal: { mobile: '12345' } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('personal.mobile');
    expect(bad.json().errors[0].message).toMatch(/मोबाइल/);
    const partial = await as(t, empUser, { method: 'PUT', url: '/api/v1/profile/draft', payload: { version: v.version, data: { personal: { mobile: '9876543210' } } } });
    expect(partial.statusCode).toBe(200);
    const incomplete = await as(t, empUser, { method: 'POST', url: '/api/v1/profile/submit', payload: { version: partial.json().version } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors.map((e: { field: string }) => e.field)).toContain('personal.nameEn');
  });

  it('submits; a Nodal Officer of another Ministry can neither see nor validate; the own one validates with a correction', async () => {
    let v = (await as(t, empUser, { url: '/api/v1/profile' })).json();
    const saved = await as(t, empUser, { method: 'PUT', url: '/api/v1/profile/draft', payload: { version: v.version, data: complete } });
    const sub = await as(t, empUser, { method: 'POST', url: '/api/v1/profile/submit', payload: { version: saved.json().version } });
    expect(sub.json()).toEqual({ state: 'SUBMITTED', version: saved.json().version + 1 });
    // the version, the Nodal Officer's notification (not the other Ministry's) and the audit record came with the commit
    const version = await one<{ status: string; n: number }>(t.database.db, sql`SELECT status, jsonb_array_length(diff) AS n FROM profile_version WHERE employee_id = ${emp} ORDER BY version_no DESC LIMIT 1`);
    expect(version).toMatchObject({ status: 'SUBMITTED' });
    const told = await one<{ a: number; b: number }>(t.database.db, sql`
      SELECT count(*) FILTER (WHERE user_id = ${nodalA.userId})::int AS a, count(*) FILTER (WHERE user_id = ${nodalB.userId})::int AS b
        FROM notification WHERE kind = 'profile.submitted' AND link = ${`/profiles/${emp}`}`);
    expect(told).toEqual({ a: 1, b: 0 });
    expect((await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${emp} AND action = 'profile.submit'`))?.n).toBe(1);

    expect((await as(t, nodalB, { url: `/api/v1/profiles/${emp}` })).json().code).toBe('OUT_OF_SCOPE');
    const listB = (await as(t, nodalB, { url: '/api/v1/profiles?state=SUBMITTED' })).json();
    expect(listB.items.map((i: { employeeId: string }) => i.employeeId)).not.toContain(emp);
    const crossB = await as(t, nodalB, { method: 'POST', url: `/api/v1/profiles/${emp}/decision`, payload: { action: 'validate', version: sub.json().version } });
    expect(crossB.statusCode).toBe(403);

    const seen = (await as(t, nodalA, { url: `/api/v1/profiles/${emp}` })).json();
    expect(seen.state).toBe('SUBMITTED');
    expect(seen.abilities).toContain('profile.validate');
    const noReason = await as(t, nodalA, { method: 'POST', url: `/api/v1/profiles/${emp}/decision`, payload: { action: 'correct', version: seen.version, corrections: { 'personal.mobile': '9123456789' } } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const ok = await as(t, nodalA, { method: 'POST', url: `/api/v1/profiles/${emp}/decision`, payload: { action: 'correct', version: seen.version, corrections: { 'personal.mobile': '9123456789' }, reason: 'Mobile as per the service book' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('VALIDATED');

    v = (await as(t, empUser, { url: '/api/v1/profile' })).json();
    expect(v.remarks).toBe('Mobile as per the service book');
    expect(v.data.personal.mobile).toBe('9123456789');
    const versions = (await as(t, empUser, { url: `/api/v1/profiles/${emp}/versions` })).json();
    expect(versions.items[0]).toMatchObject({ status: 'CORRECTED', corrections: [{ path: 'personal.mobile', before: '9876543210', after: '9123456789' }] });
    const notes = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'profile.correct'`);
    expect(notes!.n).toBe(1);
  });

  it('nobody validates their own profile', async () => {
    const me = (await as(t, nodalA, { url: '/api/v1/profile' })).json();
    const saved = await as(t, nodalA, { method: 'PUT', url: '/api/v1/profile/draft', payload: { version: me.version, data: { ...complete, personal: { ...complete.personal, nameEn: 'Ravi Kumar', nameHi: 'रवि कुमार', gender: 'M' } } } });
    const sub = await as(t, nodalA, { method: 'POST', url: '/api/v1/profile/submit', payload: { version: saved.json().version } });
    expect(sub.statusCode).toBe(200);
    const self = await as(t, nodalA, { method: 'POST', url: `/api/v1/profiles/${me.employeeId}/decision`, payload: { action: 'validate', version: sub.json().version } });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('SELF_APPROVAL');
  });

  it('after validation an edit is a change request; a stale save gets 409 with the current version; bulk validation skips changed ones', async () => {
    const v = (await as(t, empUser, { url: '/api/v1/profile' })).json();
    const changed = { ...v.data, personal: { ...v.data.personal, email: 'asha.verma@example.gov.in' } };
    const first = await as(t, empUser, { method: 'PUT', url: '/api/v1/profile/draft', payload: { version: v.version, data: changed } });
    expect(first.json().state).toBe('DRAFT');
    const stale = await as(t, empUser, { method: 'PUT', url: '/api/v1/profile/draft', payload: { version: v.version, data: changed } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', currentVersion: first.json().version });
    const sub = await as(t, empUser, { method: 'POST', url: '/api/v1/profile/submit', payload: { version: first.json().version } });
    const seen = (await as(t, nodalA, { url: `/api/v1/profiles/${emp}` })).json();
    expect(seen.changesSinceValidated).toEqual([{ path: 'personal.email', before: 'asha@example.gov.in', after: 'asha.verma@example.gov.in' }]);
    const bulk = await as(t, nodalA, { method: 'POST', url: '/api/v1/profiles/bulk-validate', payload: { items: [{ employeeId: emp, version: sub.json().version }] } });
    expect(bulk.json()).toMatchObject({ validated: [], skipped: [{ employeeId: emp, code: 'HAS_CHANGES' }] });
    const ret = await as(t, nodalA, { method: 'POST', url: `/api/v1/profiles/${emp}/decision`, payload: { action: 'return', version: sub.json().version, remarks: 'Attach proof of the new e-mail' } });
    expect(ret.json().state).toBe('RETURNED');
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});

describe.each(DATABASES)('profile print and verification on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it('prints the submitted version with a code; /verify shows what it attests and whether it is current; scripts stay inert', async () => {
    const m = await makeMinistry(t);
    const e = await makeEmployee(t, { ministryId: m });
    const u = await makeUser(t, { employeeId: e, roles: [{ role: 'EMPLOYEE' }] });
    const nodal = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m }] });
    expect((await as(t, u, { url: `/api/v1/profiles/${e}/print` })).statusCode).toBe(409);
    const v = (await as(t, u, { url: '/api/v1/profile' })).json();
    const data = { ...complete, personal: { ...complete.personal, presentAddress: { ...complete.personal.presentAddress, line1: '<script>alert(1)</script>' } } };
    const s = await as(t, u, { method: 'PUT', url: '/api/v1/profile/draft', payload: { version: v.version, data } });
    const sub = await as(t, u, { method: 'POST', url: '/api/v1/profile/submit', payload: { version: s.json().version } });
    const printed = await as(t, u, { url: `/api/v1/profiles/${e}/print` });
    expect(printed.statusCode).toBe(200);
    expect(printed.body).not.toContain('<script>alert(1)</script>');
    expect(printed.body).toContain('&lt;script&gt;');
    expect(printed.body).toContain('आशा वर्मा');
    const code = printed.headers['x-verification-code'] as string;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const again = await as(t, u, { url: `/api/v1/profiles/${e}/print` });
    expect(again.headers['x-verification-code']).toBe(code);

    const ver = (await t.app.inject({ url: `/api/v1/verify/${code.toLowerCase()}` })).json();
    expect(ver).toMatchObject({ valid: true, current: true, versionNo: 1, attests: { name: 'Asha Verma', status: expect.stringContaining('Submitted') } });
    expect(JSON.stringify(ver)).not.toContain('9876543210'); // nothing more personal than needed
    const page = await t.app.inject({ url: `/verify/${code}` });
    expect(page.body).toContain('still the current version');

    await as(t, nodal, { method: 'POST', url: `/api/v1/profiles/${e}/decision`, payload: { action: 'return', version: sub.json().version, remarks: 'Fix the address' } });
    const p2 = (await as(t, u, { url: '/api/v1/profile' })).json();
    const s2 = await as(t, u, { method: 'PUT', url: '/api/v1/profile/draft', payload: { version: p2.version, data: complete } });
    await as(t, u, { method: 'POST', url: '/api/v1/profile/submit', payload: { version: s2.json().version } });
    expect((await t.app.inject({ url: `/api/v1/verify/${code}` })).json().current).toBe(false);
    expect((await t.app.inject({ url: '/api/v1/verify/ABCD-EFGH-JKMN' })).json().valid).toBe(false);
    expect((await as(t, makeOther(), { url: `/api/v1/profiles/${e}/print` })).statusCode).toBe(401);
  });
  const makeOther = () => ({ headers: {} });
});
