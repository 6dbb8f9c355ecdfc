import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeEmployee as makeBareEmployee, makeMinistry, makeUser, testApp, type TestApp, type EmployeeSpec } from './harness.ts';
import { finalProfile } from './foreign-visit-helpers.ts';

/** Employees here have a profile taken as final: CCL, like every service, needs one (O.M. of 15.11.2022 para 3.1). */
async function makeEmployee(t: TestApp, s: EmployeeSpec): Promise<string> {
  const id = await makeBareEmployee(t, s);
  await finalProfile(t, id);
  return id;
}
import { verifyChain } from '../src/audit/audit.ts';
import { one, sql } from '../src/db/client.ts';
import { seedOrders } from '../src/orders/seed.ts';

async function child(t: TestApp, employeeId: string, dob: string, disability = 0): Promise<number> {
  const r = await one<{ id: number }>(t.database.db, sql`INSERT INTO child (employee_id, name, date_of_birth, disability_percent) VALUES (${employeeId}, ${'Child'}, ${dob}, ${disability}) RETURNING id`);
  return r!.id;
}

type U = Awaited<ReturnType<typeof makeUser>>;

describe.each(DATABASES)('Child Care Leave on %s', (kind) => {
  let t: TestApp;
  let m1: number;
  let m2: number;
  let mother: string;
  let motherUser: U;
  let kid: number;
  let nodal1: U;
  let nodal2: U;
  beforeAll(async () => {
    t = await testApp(kind);
    await seedOrders(t.database.db);
    m1 = await makeMinistry(t);
    m2 = await makeMinistry(t);
    mother = await makeEmployee(t, { ministryId: m1, gender: 'F', grade: 'CSS.ASO' });
    kid = await child(t, mother, '2018-01-01');
    motherUser = await makeUser(t, { roles: [{ role: 'EMPLOYEE', ministryId: m1 }], employeeId: mother });
    nodal1 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m1 }] });
    nodal2 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m2 }] });
  });
  afterAll(async () => t?.close());

  it('answers the eligibility check before submitting, with reasons citing the orders, and stores nothing', async () => {
    const r = await as(t, motherUser, { method: 'POST', url: '/api/v1/ccl/check', payload: { childId: kid, from: '2026-02-01', to: '2026-02-10' } });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d).toMatchObject({ outcome: 'ADMISSIBLE', days: 10, balanceBefore: 730, balanceAfter: 720, spellNumber: 1 });
    expect(d.reasons.every((x: { citation: { order: string } }) => x.citation.order)).toBe(true);
    for (const id of new Set<string>(d.reasons.map((x: { citation: { orderId?: string } }) => x.citation.orderId).filter(Boolean))) {
      expect((await as(t, motherUser, { url: `/api/v1/orders/${encodeURIComponent(id)}` })).statusCode, id).toBe(200);
    }
    const n = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM ccl_application`);
    expect(n?.n).toBe(0);
    const bad = await as(t, motherUser, { method: 'POST', url: '/api/v1/ccl/check', payload: { childId: kid, from: '2026-02-10', to: '2026-02-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('to');
    const notMine = await as(t, motherUser, { method: 'POST', url: '/api/v1/ccl/check', payload: { childId: 999999, from: '2026-02-01', to: '2026-02-10' } });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().field).toBe('childId');
    expect((await as(t, nodal1, { method: 'POST', url: '/api/v1/ccl/check', payload: { childId: kid, from: '2026-02-01', to: '2026-02-10' } })).statusCode).toBe(403);
  });

  it('lifecycle: employee applies; another Ministry is refused; refusal needs reasons; stale version 409; own Nodal Officer sanctions; employee notified', async () => {
    const ap = await as(t, motherUser, { method: 'POST', url: '/api/v1/ccl/applications', payload: { childId: kid, from: '2026-02-01', to: '2026-02-10', purpose: 'School examinations' } });
    expect(ap.statusCode, ap.body).toBe(201);
    const a = ap.json();
    expect(a).toMatchObject({ status: 'SUBMITTED', days: 10, version: 1 });
    expect(a.decision.outcome).toBe('ADMISSIBLE');
    expect(a.abilities).toContain('ccl.withdraw');
    const told = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE user_id = ${nodal1.userId} AND kind = 'ccl.submitted' AND link = ${`/ccl/applications/${a.id}`}`);
    expect(told?.n).toBe(1);
    const notTold = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE user_id = ${nodal2.userId}`);
    expect(notTold?.n).toBe(0);
    const url = `/api/v1/ccl/applications/${a.id}/decide`;

    const other = await as(t, nodal2, { method: 'POST', url, payload: { decision: 'SANCTION', version: 1 } });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    expect((await as(t, motherUser, { method: 'POST', url, payload: { decision: 'SANCTION', version: 1 } })).statusCode).toBe(403);

    const list1 = (await as(t, nodal1, { url: '/api/v1/ccl/applications?status=SUBMITTED' })).json();
    expect(list1.items.map((i: { id: string }) => i.id)).toContain(a.id);
    expect(list1.items.find((i: { id: string }) => i.id === a.id).abilities).toContain('ccl.decide');
    expect((await as(t, nodal2, { url: '/api/v1/ccl/applications' })).json().items).toHaveLength(0);

    const noReasons = await as(t, nodal1, { method: 'POST', url, payload: { decision: 'REFUSE', version: 1 } });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().field).toBe('reasons');
    const stale = await as(t, nodal1, { method: 'POST', url, payload: { decision: 'SANCTION', version: 7 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');

    const ok = await as(t, nodal1, { method: 'POST', url, payload: { decision: 'SANCTION', version: 1 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'SANCTIONED', version: 2, decidedBy: nodal1.userId });
    expect((await as(t, nodal1, { method: 'POST', url, payload: { decision: 'SANCTION', version: 2 } })).statusCode).toBe(409);

    const note = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE user_id = ${motherUser.userId} AND kind = 'ccl.sanctioned'`);
    expect(note?.n).toBe(1);
    const audits = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'ccl_application' AND entity_id = ${a.id}`);
    expect(audits?.n).toBe(2);
    expect((await verifyChain(t.database.db)).ok).toBe(true);

    const acc = (await as(t, motherUser, { url: '/api/v1/ccl/account' })).json();
    expect(acc).toMatchObject({ daysBooked: 10, balance: 720, spellsThisYear: 1 });
    expect((await as(t, nodal1, { url: `/api/v1/ccl/account?employeeId=${mother}` })).statusCode).toBe(200);
    expect((await as(t, nodal2, { url: `/api/v1/ccl/account?employeeId=${mother}` })).statusCode).toBe(403);
  });

  it('refuses with reasons, and the refused days are free again', async () => {
    const ap = (await as(t, motherUser, { method: 'POST', url: '/api/v1/ccl/applications', payload: { childId: kid, from: '2026-04-01', to: '2026-04-07' } })).json();
    const overlap = await as(t, motherUser, { method: 'POST', url: '/api/v1/ccl/applications', payload: { childId: kid, from: '2026-04-05', to: '2026-04-12' } });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().decision.reasons.map((r: { code: string }) => r.code)).toContain('CCL_OVERLAPS_SPELL');
    const r = await as(t, nodal1, { method: 'POST', url: `/api/v1/ccl/applications/${ap.id}/decide`, payload: { decision: 'REFUSE', reasons: 'Office exigency during the budget session.', version: ap.version } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'REFUSED', refusalReasons: 'Office exigency during the budget session.' });
    const again = await as(t, motherUser, { method: 'POST', url: '/api/v1/ccl/check', payload: { childId: kid, from: '2026-04-05', to: '2026-04-12' } });
    expect(again.json().outcome).toBe('ADMISSIBLE');
  });

  it('refuses to take an application until the profile is validated or deemed final, saying where to go', async () => {
    const fresh = await makeBareEmployee(t, { ministryId: m1, gender: 'F', grade: 'CSS.ASO' });
    const c = await child(t, fresh, '2019-05-05');
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }], employeeId: fresh });
    const r = await as(t, u, { method: 'POST', url: '/api/v1/ccl/applications', payload: { childId: c, from: '2026-03-01', to: '2026-03-10', purpose: 'School examinations' } });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ code: 'PROFILE_NOT_VALIDATED', link: '/profile' });
  });

  it("refers a transgender employee's application to the sanctioning authority, saying the orders are silent", async () => {
    const e = await makeEmployee(t, { ministryId: m1, gender: 'T', grade: 'CSS.ASO' });
    const c = await child(t, e, '2019-05-05');
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }], employeeId: e });
    const r = await as(t, u, { method: 'POST', url: '/api/v1/ccl/check', payload: { childId: c, from: '2026-03-01', to: '2026-03-10' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().outcome).toBe('REFER');
    expect(r.json().reasons.map((x: { code: string }) => x.code)).toContain('CCL_TRANSGENDER_ORDERS_SILENT');
  });

  it('nobody decides their own application (SELF_APPROVAL)', async () => {
    const officer = await makeEmployee(t, { ministryId: m1, gender: 'F', grade: 'CSS.US' });
    const oKid = await child(t, officer, '2019-05-05');
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE', ministryId: m1 }, { role: 'NODAL_OFFICER', ministryId: m1 }], employeeId: officer });
    const ap = (await as(t, u, { method: 'POST', url: '/api/v1/ccl/applications', payload: { childId: oKid, from: '2026-03-02', to: '2026-03-08' } })).json();
    const r = await as(t, u, { method: 'POST', url: `/api/v1/ccl/applications/${ap.id}/decide`, payload: { decision: 'SANCTION', version: ap.version } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('SELF_APPROVAL');
    expect(ap.abilities).not.toContain('ccl.decide');
  });

  it("routes a probationer's application to the authority; the sanction needs the justification", async () => {
    const prob = await makeEmployee(t, { ministryId: m1, gender: 'F', grade: 'CSS.ASO', entryDate: '2025-09-01' });
    await t.database.db.execute(sql`UPDATE employee SET probation_end = '2027-08-31' WHERE id = ${prob}`);
    const pKid = await child(t, prob, '2022-03-03');
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE', ministryId: m1 }], employeeId: prob });
    const chk = (await as(t, u, { method: 'POST', url: '/api/v1/ccl/check', payload: { childId: pKid, from: '2026-02-02', to: '2026-02-06' } })).json();
    expect(chk.outcome).toBe('REFER');
    const ap = (await as(t, u, { method: 'POST', url: '/api/v1/ccl/applications', payload: { childId: pKid, from: '2026-02-02', to: '2026-02-06', justification: 'Child to undergo surgery.' } })).json();
    expect(ap).toMatchObject({ status: 'REFERRED', probation: true });
    // awaiting a decision (the Nodal Officer's default list): the referred application with the submitted ones, none decided
    const pending = (await as(t, nodal1, { url: '/api/v1/ccl/applications?status=PENDING&pageSize=100' })).json();
    expect(pending.items.map((x: { id: string }) => x.id)).toContain(ap.id);
    for (const x of pending.items) expect(['SUBMITTED', 'REFERRED']).toContain(x.status);
    const url = `/api/v1/ccl/applications/${ap.id}/decide`;
    const noJust = await as(t, nodal1, { method: 'POST', url, payload: { decision: 'SANCTION', version: ap.version } });
    expect(noJust.statusCode).toBe(400);
    expect(noJust.json().field).toBe('justification');
    const ok = await as(t, nodal1, { method: 'POST', url, payload: { decision: 'SANCTION', justification: 'Surgery of the child; five days only.', version: ap.version } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'SANCTIONED', justification: 'Surgery of the child; five days only.' });
  });

  it('refuses a not-admissible application with its reasons (422), e.g. a married man', async () => {
    const man = await makeEmployee(t, { ministryId: m1, gender: 'M', grade: 'CSS.SO' });
    const mKid = await child(t, man, '2020-01-01');
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE', ministryId: m1 }], employeeId: man });
    const r = await as(t, u, { method: 'POST', url: '/api/v1/ccl/applications', payload: { childId: mKid, from: '2026-02-01', to: '2026-02-10' } });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('NOT_ELIGIBLE');
    expect(r.json().decision.reasons.map((x: { code: string }) => x.code)).toContain('CCL_NOT_ELIGIBLE');
  });

  it('withdraws an application before a decision', async () => {
    const ap = (await as(t, motherUser, { method: 'POST', url: '/api/v1/ccl/applications', payload: { childId: kid, from: '2026-06-01', to: '2026-06-05' } })).json();
    const w = await as(t, motherUser, { method: 'POST', url: `/api/v1/ccl/applications/${ap.id}/withdraw`, payload: { version: ap.version } });
    expect(w.statusCode).toBe(200);
    expect(w.json().status).toBe('WITHDRAWN');
    expect((await as(t, nodal1, { method: 'POST', url: `/api/v1/ccl/applications/${ap.id}/decide`, payload: { decision: 'SANCTION', version: 2 } })).statusCode).toBe(409);
  });
});

describe.each(DATABASES)('integration endpoints on %s', (kind) => {
  let t: TestApp;
  let nodal: U;
  beforeAll(async () => {
    t = await testApp(kind);
    const m = await makeMinistry(t);
    nodal = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m }] });
  });
  afterAll(async () => t?.close());

  it('evaluates a MACP history (rules.md §2 example) without storing it', async () => {
    const r = await as(t, nodal, { method: 'POST', url: '/api/v1/rules/macp/evaluate', payload: { history: { entry: { date: '2005-01-01', level: '7' } }, asOn: '2026-01-15' } });
    expect(r.statusCode, r.body).toBe(200);
    const macp = r.json().steps.filter((s: { kind: string }) => s.kind === 'MACP').map((s: { date: string; toLevel: string }) => [s.date, s.toLevel]);
    expect(macp.slice(0, 3)).toEqual([['2015-01-01', '8'], ['2025-01-01', '9'], ['2035-01-01', '10']]);
  });

  it('refuses impossible histories with 422 naming the item, bad dates with 400, never a 500', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ entry: { date: '2010-01-01', level: '7' }, promotions: [{ date: '2009-01-01', level: '8' }] }, /^history\.promotions/],
      [{ entry: { date: '2010-01-01', level: '7' }, deferments: [{ from: '2015-01-01', to: '2016-01-01', cause: 'UNFIT' }, { from: '2015-06-01', to: '2016-06-01', cause: 'PROCEEDINGS' }] }, /^history\.deferments/],
      [{ entry: { date: '2010-01-01', level: '99' } }, /^history\.entry/],
      [{ entry: { date: '2030-01-01', level: '7' } }, /^history\.entry/],
    ];
    for (const [history, field] of cases) {
      const r = await as(t, nodal, { method: 'POST', url: '/api/v1/rules/macp/evaluate', payload: { history, asOn: '2026-01-15' } });
      expect(r.statusCode, JSON.stringify(history) + r.body).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().field).toMatch(field);
    }
    const bad = await as(t, nodal, { method: 'POST', url: '/api/v1/rules/macp/evaluate', payload: { history: { entry: { date: '2010-02-30', level: '7' } }, asOn: '2026-01-15' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('history.entry.date');
  });

  it('evaluates a CCL application: rules.md §3 example, and 422 for overlapping history', async () => {
    const base = { application: { childId: 'c1', from: '2025-03-01', to: '2025-03-10' }, employee: { gender: 'F', maritalStatus: 'MARRIED', children: [{ id: 'c1', dob: '2015-01-01' }] }, asOn: '2025-02-01' };
    const ok = await as(t, nodal, { method: 'POST', url: '/api/v1/rules/ccl/evaluate', payload: { ...base, history: [{ from: '2019-01-01', to: '2019-12-26' }] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ daysAt100: 5, daysAt80: 5, balanceAfter: 360 });
    const overlap = await as(t, nodal, { method: 'POST', url: '/api/v1/rules/ccl/evaluate', payload: { ...base, history: [{ from: '2019-01-01', to: '2019-01-20' }, { from: '2019-01-10', to: '2019-01-30' }] } });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().field).toMatch(/^history/);
    const unknownChild = await as(t, nodal, { method: 'POST', url: '/api/v1/rules/ccl/evaluate', payload: { ...base, application: { ...base.application, childId: 'zz' } } });
    expect(unknownChild.statusCode).toBe(422);
    const emp = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    expect((await as(t, emp, { method: 'POST', url: '/api/v1/rules/ccl/evaluate', payload: base })).statusCode).toBe(403);
  });
});
