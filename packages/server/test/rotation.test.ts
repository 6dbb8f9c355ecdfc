import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { one, rows, sql } from '../src/db/client.ts';
import { runDueJobs } from '../src/jobs/jobs.ts';
import { verifyChain } from '../src/audit/audit.ts';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';

type U = Awaited<ReturnType<typeof makeUser>>;

/** A new session for an existing user at the test clock's time (sessions expire when the clock jumps). */
async function relogin(t: TestApp, u: U): Promise<U> {
  const s = await createSession(t.database.db, u.userId, t.clock.now(), t.config.sessionAbsoluteMs);
  const cookie = `${SESSION_COOKIE}=${s.token}`;
  return { userId: u.userId, cookie, csrf: s.csrfToken, headers: { cookie, 'x-csrf-token': s.csrfToken } };
}

async function validated(t: TestApp, employeeId: string): Promise<void> {
  await t.database.db.execute(sql`INSERT INTO profile (employee_id, state, data, version, ever_submitted, validated_version_no, updated_at)
    VALUES (${employeeId}, 'VALIDATED', '{}'::jsonb, 1, true, 1, ${t.clock.now().toISOString()})`);
}

describe.each(DATABASES)('rotation transfer round on %s', (kind) => {
  let t: TestApp;
  let A1: number;
  let A2: number;
  let B1: number;
  let B2: number;
  const emp: Record<string, string> = {};
  const usr: Record<string, U> = {};
  let cs1: U;
  let cs2: U;
  let nodal: U;
  let roundId: number;
  let version: number;

  beforeAll(async () => {
    t = await testApp(kind);
    t.clock.set('2026-01-15T04:00:00Z');
    A1 = await makeMinistry(t, 'A');
    A2 = await makeMinistry(t, 'A');
    B1 = await makeMinistry(t, 'B');
    B2 = await makeMinistry(t, 'B');
    const spec: Record<string, [number, string]> = {
      a1: [A1, '2015-01-01'], // 11 years in Group A: in
      a2: [A1, '2016-06-01'], // in
      a3: [A2, '2022-01-01'], // 4 years: out (tenure)
      a4: [A2, '2012-01-01'], // in, then exempted
      b1: [B1, '2014-03-01'], // in
      b2: [B1, '2017-01-01'], // in
      near: [B2, '2010-01-01'], // out: superannuation within 2 years
    };
    for (const [k, [m, from]] of Object.entries(spec)) {
      emp[k] = await makeEmployee(t, { ministryId: m, grade: 'CSS.SO', entryDate: from });
      usr[k] = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }], employeeId: emp[k] });
      if (k !== 'b2') await validated(t, emp[k]);
    }
    await t.database.db.execute(sql`UPDATE employee SET superannuation_date = '2027-06-30' WHERE id = ${emp.near}`);
    // a2 served in Group B (B2) before A1: residency counts from A1 only
    await t.database.db.execute(sql`INSERT INTO service_event (employee_id, kind, effective_date, end_date, ministry_id) VALUES
      (${emp.a2}, 'POSTING', '2009-01-01', '2016-05-31', ${B2}), (${emp.a2}, 'POSTING', '2016-06-01', NULL, ${A1})`);
    cs1 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    cs2 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });
    nodal = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: A1 }] });
  });
  afterAll(async () => t?.close());

  const round = { cadre: 'CSS', grades: ['CSS.SO'], title: 'SO rotation 2026', initiationDate: '2026-01-10', windowCloses: '2026-01-31', publicationDate: '2026-02-10' };

  it('only the cadre authority of the cadre initiates a round; dates are checked field by field', async () => {
    expect((await as(t, nodal, { method: 'POST', url: '/api/v1/rotation/rounds', payload: round })).json().code).toBe('FORBIDDEN');
    expect((await as(t, cs2, { method: 'POST', url: '/api/v1/rotation/rounds', payload: round })).json().code).toBe('OUT_OF_SCOPE');
    const bad = await as(t, cs1, { method: 'POST', url: '/api/v1/rotation/rounds', payload: { ...round, publicationDate: '2026-01-20' } });
    expect(bad.json()).toMatchObject({ status: 400, field: 'publicationDate' });
    const grade = await as(t, cs1, { method: 'POST', url: '/api/v1/rotation/rounds', payload: { ...round, grades: ['CSSS.PA'] } });
    expect(grade.json()).toMatchObject({ status: 400, field: 'grades.0' });
    const extra = await as(t, cs1, { method: 'POST', url: '/api/v1/rotation/rounds', payload: { ...round, surprise: 1 } });
    expect(extra.statusCode).toBe(400);
  });

  it('initiates: eligibility with reasons for every officer; announced at once and reminded 7 days and 1 day before the window closes', async () => {
    const r = await as(t, cs1, { method: 'POST', url: '/api/v1/rotation/rounds', payload: round });
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json();
    roundId = b.id;
    version = b.version;
    expect(b).toMatchObject({ status: 'OPEN', phase: 'PREFERENCES', daysLeft: 16, windowOpens: '2026-01-15', counts: { officers: 7, eligible: 5 } });
    const again = await as(t, cs1, { method: 'POST', url: '/api/v1/rotation/rounds', payload: round });
    expect(again.json()).toMatchObject({ status: 409, field: 'grades' });
    const jobs = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM job WHERE id LIKE ${`rotation-round:${roundId}:%`} ORDER BY run_at`);
    expect(jobs.map((j) => j.id.split(':').pop())).toEqual(['open', 'remind-7d', 'remind-1d']);
    await runDueJobs(t.app, { workerId: 'test' });
    const n = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'rotation.round.open'`);
    expect(n!.n).toBe(5);

    expect((await as(t, cs2, { url: `/api/v1/rotation/rounds/${roundId}/eligibility` })).json().code).toBe('OUT_OF_SCOPE');
    expect((await as(t, cs2, { url: `/api/v1/rotation/rounds/${roundId}` })).json().code).toBe('OUT_OF_SCOPE');
    expect((await as(t, nodal, { url: `/api/v1/rotation/rounds/${roundId}` })).json().code).toBe('FORBIDDEN');
    const list = await as(t, cs1, { url: `/api/v1/rotation/rounds/${roundId}/eligibility?eligible=false` });
    expect(list.statusCode, list.body).toBe(200);
    const out = Object.fromEntries(list.json().items.map((i: { employeeId: string; reasons: Array<{ code: string }> }) => [i.employeeId, i.reasons.map((x) => x.code)]));
    expect(out[emp.a3]).toContain('TENURE_INCOMPLETE');
    expect(out[emp.near]).toContain('NEAR_SUPERANNUATION');
    const a2 = (await as(t, usr.a2, { url: `/api/v1/rotation/rounds/${roundId}/me` })).json();
    expect(a2.eligibility).toMatchObject({ eligible: true, residencyFrom: '2016-06-01', group: 'A', requiredYears: 7 });
    expect(a2.choices.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([B1, B2]));
    expect(a2.choices.every((c: { group: string }) => c.group === 'B')).toBe(true);
    const a3 = (await as(t, usr.a3, { url: `/api/v1/rotation/rounds/${roundId}/me` })).json();
    expect(a3.eligibility.eligible).toBe(false);
    expect(a3.eligibility.reasons[0]).toMatchObject({ code: 'TENURE_INCOMPLETE', until: '2029-01-01' });
    expect(a3.eligibility.reasons[0].hi).toMatch(/निवास/);
    expect((await as(t, usr.a1, { url: '/api/v1/rotation/rounds' })).json().items).toHaveLength(1);
    const csv = await as(t, cs1, { url: `/api/v1/rotation/rounds/${roundId}/eligibility?format=csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Residency from');
  });

  it('records an exemption with a reason (audited) and the officer is out with that reason', async () => {
    const r = await as(t, cs1, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/exemptions`, payload: { employeeId: emp.a4, reason: 'Spouse posted in Delhi, medical care of a dependant' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ eligible: false, exemptionReason: 'Spouse posted in Delhi, medical care of a dependant' });
    expect(r.json().reasons.map((x: { code: string }) => x.code)).toContain('EXEMPTED');
    const short = await as(t, cs1, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/exemptions`, payload: { employeeId: emp.a4, reason: 'x' } });
    expect(short.json()).toMatchObject({ status: 400, field: 'reason' });
    const audit = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'rotation.exemption.record' AND entity_id = ${`${roundId}:${emp.a4}`}`);
    expect(audit!.n).toBe(1);
    expect((await as(t, cs2, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/exemptions`, payload: { employeeId: emp.a1, reason: 'not my cadre at all' } })).json().code).toBe('OUT_OF_SCOPE');
  });

  it('takes ranked preferences among the other group until the window closes, with versions', async () => {
    const put = (u: U, ministryIds: number[], v: number) => as(t, u, { method: 'PUT', url: `/api/v1/rotation/rounds/${roundId}/preferences`, payload: { ministryIds, version: v } });
    expect((await put(usr.a1, [B1], 0)).json()).toMatchObject({ ministryIds: [B1], version: 1 });
    const same = await put(usr.a1, [B1, A2], 1);
    expect(same.json()).toMatchObject({ status: 400, field: 'ministryIds.1' });
    expect((await put(usr.a1, [B2, B1], 1)).json()).toMatchObject({ ministryIds: [B2, B1], version: 2 });
    expect((await put(usr.a1, [B1], 1)).json().code).toBe('STALE_VERSION');
    expect((await put(usr.a1, [B1, B1], 2)).json()).toMatchObject({ status: 400, field: 'ministryIds.1' });
    expect((await put(usr.a3, [B1], 0)).json().code).toBe('NOT_ELIGIBLE');
    expect((await put(usr.b2, [A1], 0)).json().code).toBe('PROFILE_NOT_VALIDATED');
    await validated(t, emp.b2);
    expect((await put(usr.b2, [A1], 0)).statusCode).toBe(200);
    expect((await put(usr.b1, [A1, A2], 0)).statusCode).toBe(200);
    expect((await put(usr.a2, [B1, B2], 0)).statusCode).toBe(200);
    const me = (await as(t, usr.a1, { url: `/api/v1/rotation/rounds/${roundId}/me` })).json();
    expect(me.preferences).toEqual({ ministryIds: [B2, B1], version: 2 });
    expect(me.result).toBeNull();
  });

  it('takes vacancies entered per Ministry and grade or from working strength; allocation waits for the window to close', async () => {
    await t.database.db.execute(sql`INSERT INTO sanctioned_strength (ministry_id, grade, effective_from, sanctioned, set_at) VALUES (${B1}, 'CSS.SO', '2025-01-01', 5, now())`);
    const ws = await as(t, cs1, { method: 'PUT', url: `/api/v1/rotation/rounds/${roundId}/vacancies`, payload: { version, fromWorkingStrength: true } });
    expect(ws.statusCode, ws.body).toBe(200);
    expect(ws.json().items).toEqual([expect.objectContaining({ ministryId: B1, grade: 'CSS.SO', count: 3, source: 'WORKING_STRENGTH' })]); // 5 sanctioned − 2 validated in position
    version = ws.json().version;
    const bad = await as(t, cs1, { method: 'PUT', url: `/api/v1/rotation/rounds/${roundId}/vacancies`, payload: { version, items: [{ ministryId: B1, grade: 'CSS.US', count: 1 }] } });
    expect(bad.json()).toMatchObject({ status: 400, field: 'items.0.grade' });
    const items = [A1, A2, B1, B2].map((m) => ({ ministryId: m, grade: 'CSS.SO', count: 1 }));
    const ok = await as(t, cs1, { method: 'PUT', url: `/api/v1/rotation/rounds/${roundId}/vacancies`, payload: { version, items } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items).toHaveLength(4);
    version = ok.json().version;
    expect((await as(t, cs1, { method: 'PUT', url: `/api/v1/rotation/rounds/${roundId}/vacancies`, payload: { version: version - 1, items } })).json().code).toBe('STALE_VERSION');
    const early = await as(t, cs1, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/allocation`, payload: { version } });
    expect(early.json().code).toBe('INVALID_STATE');
  });

  it('after the window: no more changes; allocation by residency order with explanations; max-satisfaction too', async () => {
    t.clock.set('2026-02-01T04:00:00Z');
    cs1 = await relogin(t, cs1);
    const a1 = await relogin(t, usr.a1);
    usr.b2 = await relogin(t, usr.b2);
    expect((await as(t, a1, { method: 'PUT', url: `/api/v1/rotation/rounds/${roundId}/preferences`, payload: { ministryIds: [B1], version: 2 } })).json().code).toBe('WINDOW_CLOSED');
    const ms = await as(t, cs1, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/allocation`, payload: { version, method: 'max-satisfaction', switches: { guarantee: 'residency-worst-case' } } });
    expect(ms.statusCode, ms.body).toBe(200);
    expect(ms.json()).toMatchObject({ status: 'ALLOCATED', method: 'max-satisfaction', allocation: { method: 'max-satisfaction' } });
    version = ms.json().version;
    const run = await as(t, cs1, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/allocation`, payload: { version, method: 'residency-order', switches: { guarantee: 'sd-outcome' } } });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().allocation.objective).toMatchObject({ placed: 3, unplaced: 1 });
    version = run.json().version;
    const res = await as(t, cs1, { url: `/api/v1/rotation/rounds/${roundId}/results?pageSize=100` });
    expect(res.statusCode, res.body).toBe(200);
    const by = Object.fromEntries(res.json().items.map((i: { employeeId: string }) => [i.employeeId, i]));
    expect(by[emp.a1]).toMatchObject({ status: 'placed', ministryId: B2, rank: 1 });
    expect(by[emp.a2]).toMatchObject({ status: 'placed', ministryId: B1, rank: 1 });
    expect(by[emp.b1]).toMatchObject({ status: 'placed', ministryId: A1, rank: 1 });
    expect(by[emp.b2]).toMatchObject({ status: 'unplaced', ministryId: null });
    const code = (await one<{ employee_code: string }>(t.database.db, sql`SELECT employee_code FROM employee WHERE id = ${emp.b1}`))!.employee_code;
    expect(by[emp.b2].explanation.higher[0]).toMatchObject({ rank: 1, ministryId: A1, vacancies: 1, longer: 1, shorter: 0, heldBy: [expect.objectContaining({ employeeCode: code })] });
    expect(by[emp.b2].explanation.en.length).toBeGreaterThan(20);
    // the officer cannot see it before publication
    expect((await as(t, usr.b2, { url: `/api/v1/rotation/rounds/${roundId}/results/${emp.b2}` })).statusCode).toBe(404);
  });

  it('adjusts by hand with a reason (audited), within vacancies and the other group only', async () => {
    const url = `/api/v1/rotation/rounds/${roundId}/results/${emp.b2}/adjust`;
    const full = await as(t, cs1, { method: 'POST', url, payload: { version: 1, ministryId: A1, reason: 'Requested by the Ministry' } });
    expect(full.json()).toMatchObject({ status: 400, field: 'ministryId' });
    const same = await as(t, cs1, { method: 'POST', url, payload: { version: 1, ministryId: B2, reason: 'Requested by the Ministry' } });
    expect(same.json()).toMatchObject({ status: 400, field: 'ministryId' });
    const ok = await as(t, cs1, { method: 'POST', url, payload: { version: 1, ministryId: A2, reason: 'Vacancy in A2 left unfilled; officer agreed' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'placed', ministryId: A2, rank: null, adjusted: true, adjustmentReason: 'Vacancy in A2 left unfilled; officer agreed', engineMinistryId: null });
    expect((await as(t, cs1, { method: 'POST', url, payload: { version: 1, ministryId: null, reason: 'second thoughts' } })).json().code).toBe('STALE_VERSION');
    const audit = await one<{ changes: { reason: string } }>(t.database.db, sql`SELECT changes FROM audit_log WHERE action = 'rotation.result.adjust' ORDER BY seq DESC LIMIT 1`);
    expect(audit!.changes.reason).toBe('Vacancy in A2 left unfilled; officer agreed');
    version = (await as(t, cs1, { url: `/api/v1/rotation/rounds/${roundId}` })).json().version;
  });

  it('publishes on the publication date: everyone is told, reads why, and the transfer list is issued', async () => {
    const early = await as(t, cs1, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/publish`, payload: { version } });
    expect(early.json().code).toBe('INVALID_STATE');
    t.clock.set('2026-02-10T04:00:00Z');
    cs1 = await relogin(t, cs1);
    const b2 = await relogin(t, usr.b2);
    const a2 = await relogin(t, usr.a2);
    const p = await as(t, cs1, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/publish`, payload: { version } });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ status: 'PUBLISHED', phase: 'PUBLISHED' });
    await runDueJobs(t.app, { workerId: 'test' });
    const n = await one<{ n: number }>(t.database.db, sql`SELECT count(DISTINCT user_id)::int AS n FROM notification WHERE kind = 'rotation.round.published'`);
    expect(n!.n).toBe(4);
    const me = (await as(t, b2, { url: `/api/v1/rotation/rounds/${roundId}/me` })).json();
    expect(me.result).toMatchObject({ status: 'placed', ministryId: A2, adjusted: true });
    expect(me.result.explanation.higher[0].longer).toBe(1);
    expect((await as(t, b2, { url: `/api/v1/rotation/rounds/${roundId}/results/${emp.b2}` })).statusCode).toBe(200);
    expect((await as(t, b2, { url: `/api/v1/rotation/rounds/${roundId}/results/${emp.a2}` })).json().code).toBe('OUT_OF_SCOPE');
    const html = await as(t, a2, { url: `/api/v1/rotation/rounds/${roundId}/transfer-list` });
    expect(html.statusCode, html.body).toBe(200);
    expect(html.headers['x-verification-code']).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const xlsx = await as(t, cs1, { url: `/api/v1/rotation/rounds/${roundId}/transfer-list?format=xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const verify = await t.app.inject({ url: `/api/v1/verify/${html.headers['x-verification-code']}` });
    expect(verify.json()).toMatchObject({ current: true });
    expect((await as(t, cs1, { method: 'POST', url: `/api/v1/rotation/rounds/${roundId}/allocation`, payload: { version: p.json().version } })).json().code).toBe('INVALID_STATE');
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});
