import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, sql } from '../src/db/client.ts';
import { runDueJobs } from '../src/jobs/jobs.ts';
import { filedReturn, finalProfile, relogin } from './foreign-visit-helpers.ts';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';

type U = Awaited<ReturnType<typeof makeUser>>;

const visit = (over: Record<string, unknown> = {}) => ({
  countries: ['FR', 'CH'],
  departureOn: '2026-04-10',
  returnOn: '2026-04-25',
  purpose: 'Holiday with family',
  funding: { source: 'OWN', estimateRupees: 350000 },
  leave: [{ type: 'EARNED_LEAVE', from: '2026-04-10', to: '2026-04-25' }],
  addressAbroad: '12 Rue de Rivoli, Paris',
  previousVisits: [],
  ...over,
});

describe.each(DATABASES)('private foreign visit clearance on %s', (kind) => {
  let t: TestApp;
  let mA: number;
  let mB: number;
  let so: string; // CSS SO: decided in the Ministry
  let us: string; // CSS US: AVD clearance, then CS.I decides
  let nodalEmp: string;
  const u = {} as Record<'so' | 'us' | 'nodalA' | 'hodA' | 'nodalB' | 'avd' | 'csi' | 'csii' | 'admin' | 'other', U>;
  beforeAll(async () => {
    t = await testApp(kind);
    mA = await makeMinistry(t, 'A');
    mB = await makeMinistry(t, 'B');
    so = await makeEmployee(t, { ministryId: mA, grade: 'CSS.SO' });
    us = await makeEmployee(t, { ministryId: mA, grade: 'CSS.US' });
    nodalEmp = await makeEmployee(t, { ministryId: mA, grade: 'CSS.DS' });
    const hodEmp = await makeEmployee(t, { ministryId: mA, grade: 'CSS.JS' });
    const otherEmp = await makeEmployee(t, { ministryId: mB, grade: 'CSS.SO' });
    for (const e of [so, us, nodalEmp]) {
      await finalProfile(t, e);
      await filedReturn(t, e, 2024);
    }
    u.so = await makeUser(t, { employeeId: so, roles: [{ role: 'EMPLOYEE' }] });
    u.us = await makeUser(t, { employeeId: us, roles: [{ role: 'EMPLOYEE' }] });
    u.nodalA = await makeUser(t, { employeeId: nodalEmp, roles: [{ role: 'EMPLOYEE' }, { role: 'NODAL_OFFICER', ministryId: mA }] });
    u.hodA = await makeUser(t, { employeeId: hodEmp, roles: [{ role: 'EMPLOYEE' }, { role: 'NODAL_OFFICER', ministryId: mA }] });
    u.nodalB = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mB }] });
    u.avd = await makeUser(t, { roles: [{ role: 'AVD' }] });
    u.csi = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    u.csii = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });
    u.admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
    u.other = await makeUser(t, { employeeId: otherEmp, roles: [{ role: 'EMPLOYEE' }] });
  });
  afterAll(async () => t?.close());

  const post = (who: U, url: string, payload: unknown) => as(t, who, { method: 'POST', url, payload: payload as object });
  let soApp = '';

  it('refuses until the profile is final; checks the form naming the field', async () => {
    const r = await post(u.other, '/api/v1/foreign-visits', visit());
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('PROFILE_NOT_VALIDATED');
    const back = await post(u.so, '/api/v1/foreign-visits', visit({ returnOn: '2026-04-01' }));
    expect(back.statusCode).toBe(400);
    expect(back.json().field).toBe('returnOn');
    const funds = await post(u.so, '/api/v1/foreign-visits', visit({ funding: { source: 'SPONSOR', estimateRupees: 1 } }));
    expect(funds.json().field).toBe('funding.details');
    const past = await post(u.so, '/api/v1/foreign-visits', visit({ departureOn: '2026-01-01', leave: [] }));
    expect(past.json().field).toBe('departureOn');
  });

  it('applies: the Ministry decides an SO; deficiency memo due in 7 days; the Nodal Officer is told; an escalation is scheduled', async () => {
    const r = await post(u.so, '/api/v1/foreign-visits', visit());
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    soApp = a.id;
    expect(a).toMatchObject({ state: 'SUBMITTED', receivedOn: '2026-01-15', route: { competentAuthority: 'LEAVE_SANCTIONING_AUTHORITY', forwardToCadreAuthority: false } });
    expect(a.sla.deficiencyMemoDueOn).toBe('2026-01-22');
    expect(a.abilities).toEqual(['withdraw']);
    const n = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'fv.submitted' AND user_id = ${u.nodalA.userId}`);
    expect(n!.n).toBe(1);
    const job = await one<{ run_at: string }>(t.database.db, sql`SELECT run_at FROM job WHERE kind = 'fv.sla' AND payload->>'id' = ${a.id}`);
    expect(new Date(job!.run_at).toISOString()).toBe('2026-01-21T04:00:00.000Z');
  });

  it('scope: the own Ministry sees it, another does not; lists carry no vigilance', async () => {
    expect((await as(t, u.nodalB, { url: `/api/v1/foreign-visits/${soApp}` })).json().code).toBe('OUT_OF_SCOPE');
    expect((await as(t, u.other, { url: `/api/v1/foreign-visits/${soApp}` })).statusCode).toBe(403);
    expect((await as(t, u.admin, { url: `/api/v1/foreign-visits/${soApp}` })).json().code).toBe('FORBIDDEN');
    const list = (await as(t, u.nodalA, { url: '/api/v1/foreign-visits?state=SUBMITTED' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(soApp);
    expect(Object.keys(list.items[0])).not.toContain('decision');
    expect((await as(t, u.nodalB, { url: '/api/v1/foreign-visits' })).json().total).toBe(0);
    const seen = (await as(t, u.nodalA, { url: `/api/v1/foreign-visits/${soApp}` })).json();
    expect(seen.abilities).toEqual(expect.arrayContaining(['raiseDeficiency', 'markComplete']));
  });

  it('a deficiency memo stops the clock; resubmission restarts the 7 days; completeness starts the 21 days', async () => {
    let a = (await as(t, u.nodalA, { url: `/api/v1/foreign-visits/${soApp}` })).json();
    const memo = await post(u.nodalA, `/api/v1/foreign-visits/${soApp}/deficiency`, { version: a.version, deficiencies: ['Give the address abroad in full with a phone number'] });
    expect(memo.statusCode, memo.body).toBe(200);
    expect(memo.json()).toMatchObject({ state: 'DEFICIENCY_MEMO', sla: { clockStopped: true } });
    expect(memo.json().deficiencyMemos[0]).toMatchObject({ on: '2026-01-15', late: false });
    t.clock.set('2026-01-18T05:30:00Z');
    for (const k of Object.keys(u) as Array<keyof typeof u>) u[k] = await relogin(t, u[k]);
    a = memo.json();
    const re = await post(u.so, `/api/v1/foreign-visits/${soApp}/resubmit`, { version: a.version, application: visit({ addressAbroad: '12 Rue de Rivoli, 75001 Paris; +33 1 23 45 67 89' }) });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ state: 'SUBMITTED', receivedOn: '2026-01-18', sla: { deficiencyMemoDueOn: '2026-01-25' } });
    t.clock.set('2026-01-20T05:30:00Z');
    for (const k of Object.keys(u) as Array<keyof typeof u>) u[k] = await relogin(t, u[k]);
    const done = await post(u.nodalA, `/api/v1/foreign-visits/${soApp}/complete`, { version: re.json().version });
    expect(done.json()).toMatchObject({ state: 'UNDER_EXAMINATION', completeOn: '2026-01-18', sla: { decisionDueOn: '2026-02-08', overdue: false } });
  });

  it('a refusal needs Head of Department level and reasons', async () => {
    const a = (await as(t, u.nodalA, { url: `/api/v1/foreign-visits/${soApp}` })).json();
    const noReasons = await post(u.hodA, `/api/v1/foreign-visits/${soApp}/decision`, { decision: 'REFUSE', version: a.version });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().field).toBe('reasons');
    const belowHod = await post(u.nodalA, `/api/v1/foreign-visits/${soApp}/decision`, { decision: 'REFUSE', reasons: 'Work of the section would suffer', version: a.version });
    expect(belowHod.statusCode).toBe(422);
    expect(belowHod.json().reasons.map((r: { code: string }) => r.code)).toContain('FV_REFUSAL_BELOW_HOD');
  });

  it('two approvers at once: exactly one wins, the other gets 409; the vigilance clearance is stored with the decision', async () => {
    const a = (await as(t, u.nodalA, { url: `/api/v1/foreign-visits/${soApp}` })).json();
    const [x, y] = await Promise.all([
      post(u.nodalA, `/api/v1/foreign-visits/${soApp}/decision`, { decision: 'APPROVE', version: a.version }),
      post(u.hodA, `/api/v1/foreign-visits/${soApp}/decision`, { decision: 'APPROVE', version: a.version }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const won = x.statusCode === 200 ? x.json() : y.json();
    expect(won.state).toBe('APPROVED');
    expect(won.decision.vigilance).toMatchObject({ status: 'CLEAR', on: '2026-01-20', purpose: 'FOREIGN_VISIT', detailsHidden: false });
    expect(won.certificateCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const audits = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'foreign_visit' AND entity_id = ${soApp} AND action = 'fv.approve'`);
    expect(audits!.n).toBe(1);
  });

  it('the bilingual certificate carries a verification QR; the verify page confirms it; no vigilance detail is printed', async () => {
    const c = await as(t, u.so, { url: `/api/v1/foreign-visits/${soApp}/certificate` });
    expect(c.statusCode).toBe(200);
    const code = c.headers['x-verification-code'] as string;
    expect(c.body).toContain(code);
    expect(c.body).toContain('अनुमति प्रदान की गई');
    expect(c.body).toContain('<svg');
    expect(c.body).not.toMatch(/vigilance|सतर्कता/i);
    const v = (await t.app.inject({ url: `/api/v1/verify/${code}` })).json();
    expect(v).toMatchObject({ valid: true, current: true, attests: { countries: 'FR, CH', period: '2026-04-10 – 2026-04-25' } });
    expect((await t.app.inject({ url: `/verify/${code}` })).body).toContain('Genuine');
    expect((await as(t, u.nodalB, { url: `/api/v1/foreign-visits/${soApp}/certificate` })).statusCode).toBe(403);
  });

  it('the next application is pre-filled with the visits of the preceding 4 years', async () => {
    const p = (await as(t, u.so, { url: '/api/v1/foreign-visits/previous-visits?departureOn=2026-09-01' })).json();
    expect(p.since).toBe('2022-09-01');
    expect(p.visits).toEqual([expect.objectContaining({ countries: ['FR', 'CH'], from: '2026-04-10', to: '2026-04-25' })]);
  });

  it('nobody decides their own application; withdrawal before the decision', async () => {
    const own = await post(u.nodalA, '/api/v1/foreign-visits', visit({ countries: ['JP'] }));
    expect(own.statusCode, own.body).toBe(201);
    const self = await post(u.nodalA, `/api/v1/foreign-visits/${own.json().id}/complete`, { version: own.json().version });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('SELF_APPROVAL');
    const w = await post(u.nodalA, `/api/v1/foreign-visits/${own.json().id}/withdraw`, { version: own.json().version });
    expect(w.json().state).toBe('WITHDRAWN');
    const again = await post(u.nodalA, `/api/v1/foreign-visits/${own.json().id}/withdraw`, { version: w.json().version });
    expect(again.statusCode).toBe(409);
  });

  let usApp = '';
  it('CSS US and above: AVD clearance before forwarding to CS.I, which decides; the Ministry may not', async () => {
    const r = await post(u.us, '/api/v1/foreign-visits', visit({ countries: ['US'] }));
    usApp = r.json().id;
    expect(r.json().route).toMatchObject({ competentAuthority: 'CADRE_AUTHORITY', forwardToCadreAuthority: true, needsAvdClearance: true });
    const c = await post(u.nodalA, `/api/v1/foreign-visits/${usApp}/complete`, { version: r.json().version });
    expect(c.json().abilities).toEqual(expect.arrayContaining(['forward']));
    expect(c.json().abilities).not.toContain('approve');
    const early = await post(u.nodalA, `/api/v1/foreign-visits/${usApp}/forward`, { version: c.json().version });
    expect(early.statusCode).toBe(422);
    expect(early.json().reasons[0].code).toBe('FV_AVD_CLEARANCE_MISSING');
    const ministryApproves = await post(u.hodA, `/api/v1/foreign-visits/${usApp}/decision`, { decision: 'APPROVE', version: c.json().version });
    expect(ministryApproves.statusCode).toBe(422);
    expect((await as(t, u.avd, { url: '/api/v1/foreign-visits' })).json().items.map((i: { id: string }) => i.id)).toContain(usApp);
    const avd = await post(u.avd, `/api/v1/foreign-visits/${usApp}/vigilance-clearance`, { version: c.json().version });
    expect(avd.statusCode, avd.body).toBe(200);
    expect(avd.json().avdClearance).toMatchObject({ status: 'CLEAR' });
    const fw = await post(u.nodalA, `/api/v1/foreign-visits/${usApp}/forward`, { version: avd.json().version });
    expect(fw.json().state).toBe('FORWARDED_TO_CADRE_AUTHORITY');
    const byMinistry = await post(u.nodalA, `/api/v1/foreign-visits/${usApp}/decision`, { decision: 'APPROVE', version: fw.json().version });
    expect(byMinistry.statusCode).toBe(403);
    expect((await post(u.csii, `/api/v1/foreign-visits/${usApp}/decision`, { decision: 'APPROVE', version: fw.json().version })).json().code).toBe('OUT_OF_SCOPE');
    expect((await as(t, u.csi, { url: '/api/v1/foreign-visits?state=FORWARDED_TO_CADRE_AUTHORITY' })).json().total).toBe(1);
  });

  it('vigilance is fetched at the moment of the decision: a suspension recorded after forwarding blocks the approval', async () => {
    const rec = await post(u.avd, `/api/v1/vigilance/employees/${us}/events`, { event: { type: 'SUSPENSION', date: '2026-01-19', matter: 'VIG/26/3' }, orderRef: 'F.No. 7/2026-Vig' });
    expect(rec.statusCode).toBe(201);
    const a = (await as(t, u.csi, { url: `/api/v1/foreign-visits/${usApp}` })).json();
    const no = await post(u.csi, `/api/v1/foreign-visits/${usApp}/decision`, { decision: 'APPROVE', version: a.version });
    expect(no.statusCode).toBe(422);
    expect(no.json().reasons[0].code).toBe('FV_VIGILANCE_WITHHELD');
    const refuse = await post(u.csi, `/api/v1/foreign-visits/${usApp}/decision`, { decision: 'REFUSE', reasons: 'Officer under suspension (vigilance clearance withheld)', version: a.version });
    expect(refuse.statusCode, refuse.body).toBe(200);
    expect(refuse.json()).toMatchObject({ state: 'REFUSED', decision: { decision: 'REFUSED', decidedRole: 'CADRE_AUTHORITY', vigilance: { status: 'WITHHELD' } } });
    expect(refuse.json().decision.vigilance.grounds[0].code).toBe('SUSPENDED');
  });

  it('field-level privacy in lists and exports, every role: no vigilance ground, matter or order reference', async () => {
    const all = [u.so, u.us, u.nodalA, u.hodA, u.nodalB, u.avd, u.csi, u.csii, u.admin, u.other];
    for (const who of all) {
      for (const url of ['/api/v1/foreign-visits', '/api/v1/foreign-visits?state=REFUSED', '/api/v1/ipr/compliance?year=2025', '/api/v1/ipr/compliance?year=2025&format=csv', `/api/v1/foreign-visits/${soApp}/certificate`]) {
        const r = await as(t, who, { url });
        expect(r.statusCode, url).toBeLessThan(500);
        expect(r.body, url).not.toMatch(/SUSPENDED|suspension|निलंबित|VIG\/26\/3|7\/2026-Vig/i);
      }
    }
    // the detail view: details to the employee, the Ministry's Nodal Officer, AVD and CS.I; nobody else sees the application at all
    for (const [who, ok] of [[u.us, true], [u.nodalA, true], [u.avd, true], [u.csi, true], [u.nodalB, false], [u.csii, false], [u.admin, false], [u.other, false], [u.so, false]] as const) {
      const r = await as(t, who, { url: `/api/v1/foreign-visits/${usApp}` });
      expect(r.statusCode).toBe(ok ? 200 : 403);
      if (!ok) expect(r.body).not.toMatch(/SUSPENDED/);
    }
  });

  it('the escalation job tells the Nodal Officer the day before a due date, only while the application still waits', async () => {
    const r = await post(u.so, '/api/v1/foreign-visits', visit({ countries: ['NP'], departureOn: '2026-06-01', returnOn: '2026-06-05', leave: [] }));
    expect(r.statusCode, r.body).toBe(201);
    t.clock.set('2026-01-26T05:00:00Z');
    await runDueJobs(t.app, { workerId: 'fv-test', backoffMs: () => 60_000 });
    const n = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'fv.escalation.memo' AND user_id = ${u.nodalA.userId} AND link = ${`/foreign-visits/${r.json().id}`}`);
    expect(n!.n).toBe(1);
    // the first application's memo escalation found it no longer waiting: nobody told
    const first = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind LIKE 'fv.escalation.%' AND link = ${`/foreign-visits/${soApp}`}`);
    expect(first!.n).toBe(0);
  });
});
