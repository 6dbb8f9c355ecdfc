import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { rows, one, sql } from '../src/db/client.ts';
import { runDueJobs } from '../src/jobs/jobs.ts';
import { verifyChain } from '../src/audit/audit.ts';

const complete = (nameEn: string, nameHi: string) => ({
  personal: {
    nameEn, nameHi, dateOfBirth: '1985-04-10', gender: 'F', category: 'OBC', pwbd: { is: false }, maritalStatus: 'MARRIED', mobile: '9876543210', email: 'x@example.gov.in',
    presentAddress: { line1: 'A-1', city: 'Delhi', district: 'New Delhi', state: 'Delhi', pin: '110001' },
    permanentAddress: { line1: 'A-1', city: 'Delhi', district: 'New Delhi', state: 'Delhi', pin: '110001' },
  },
  qualifications: [], training: [], languages: [], family: { children: [] },
});

describe.each(DATABASES)('validation window and deadline on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it('announces, reminds, and at the deadline takes submitted profiles as final against the Nodal Officer and flags the never-submitted', async () => {
    t.clock.set('2026-03-01T04:00:00Z');
    const m = await makeMinistry(t, 'A');
    const submitted = await makeEmployee(t, { ministryId: m, grade: 'CSS.ASO' });
    const untouched = await makeEmployee(t, { ministryId: m, grade: 'CSS.ASO' });
    const u1 = await makeUser(t, { employeeId: submitted, roles: [{ role: 'EMPLOYEE' }] });
    await makeUser(t, { employeeId: untouched, roles: [{ role: 'EMPLOYEE' }] });
    await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m }] });
    const cs2 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });
    const cs1 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });

    const wrongCadre = await as(t, cs2, { method: 'POST', url: '/api/v1/validation-windows', payload: { cadre: 'CSS', deadline: '2026-03-20' } });
    expect(wrongCadre.statusCode).toBe(403);
    const past = await as(t, cs1, { method: 'POST', url: '/api/v1/validation-windows', payload: { cadre: 'CSS', deadline: '2026-02-20' } });
    expect(past.json()).toMatchObject({ status: 400, field: 'deadline' });
    const w = await as(t, cs1, { method: 'POST', url: '/api/v1/validation-windows', payload: { cadre: 'CSS', ministryIds: [m], deadline: '2026-03-20' } });
    expect(w.statusCode).toBe(201);
    expect(w.json().daysLeft).toBe(19);
    const again = await as(t, cs1, { method: 'POST', url: '/api/v1/validation-windows', payload: { cadre: 'CSS', deadline: '2026-03-25' } });
    expect(again.statusCode).toBe(409);
    const jobs = await rows<{ id: string; run_at: string }>(t.database.db, sql`SELECT id, run_at FROM job WHERE id LIKE ${`profile-window:${w.json().id}:%`} ORDER BY run_at`);
    expect(jobs.map((j) => j.id.split(':').pop())).toEqual(['open', 'remind-7d', 'remind-1d', 'deadline']);

    await runDueJobs(t.app, { workerId: 'test' });
    const opened = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'profile.window.open'`);
    expect(opened!.n).toBe(2);

    const v = (await as(t, u1, { url: '/api/v1/profile' })).json();
    const s = await as(t, u1, { method: 'PUT', url: '/api/v1/profile/draft', payload: { version: v.version, data: complete('Sita Devi', 'सीता देवी') } });
    expect((await as(t, u1, { method: 'POST', url: '/api/v1/profile/submit', payload: { version: s.json().version } })).statusCode).toBe(200);

    t.clock.set('2026-03-20T18:31:00Z'); // 00:01 IST on 21.03.2026: the deadline day is over
    await runDueJobs(t.app, { workerId: 'test' });
    expect((await as(t, u1, { url: '/api/v1/profile' })).json().code).toBe('SESSION_EXPIRED'); // 19 days later
    const p = await one<{ state: string }>(t.database.db, sql`SELECT state FROM profile WHERE employee_id = ${submitted}`);
    expect(p!.state).toBe('DEEMED_FINAL');
    const flags = await rows<{ employee_id: string; kind: string }>(t.database.db, sql`SELECT employee_id, kind FROM nodal_omission ORDER BY kind`);
    expect(flags).toEqual([{ employee_id: untouched, kind: 'NEVER_SUBMITTED' }, { employee_id: submitted, kind: 'NOT_VALIDATED' }]);
    const cs1again = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    const closed = (await as(t, cs1again, { url: '/api/v1/validation-windows' })).json().items[0];
    expect(closed).toMatchObject({ status: 'CLOSED', outcome: { deemedFinal: 1, neverSubmitted: 1 } });
    const reminders = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind IN ('profile.window.remind-7d', 'profile.window.remind-1d')`);
    expect(reminders!.n).toBe(2); // only the employee who had not submitted, twice
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});
