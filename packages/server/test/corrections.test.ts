import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { one, sql } from '../src/db/client.ts';

describe.each(DATABASES)('service-history correction requests on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it('the employee asks, the CS.I officer accepts and the record changes (audited); CS.II and self-decisions are refused', async () => {
    const m = await makeMinistry(t);
    const e = await makeEmployee(t, { ministryId: m, grade: 'CSS.ASO', entryDate: '2012-03-01' });
    const emp = await makeUser(t, { employeeId: e, roles: [{ role: 'EMPLOYEE' }] });
    const cs1 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    const cs2 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });

    const bad = await as(t, emp, { method: 'POST', url: '/api/v1/corrections', payload: { field: 'entryDate', proposedValue: '2012-02-30', reason: 'As per appointment order' } });
    expect(bad.json()).toMatchObject({ status: 400, field: 'proposedValue' });
    const same = await as(t, emp, { method: 'POST', url: '/api/v1/corrections', payload: { field: 'entryDate', proposedValue: '2012-03-01', reason: 'As per appointment order' } });
    expect(same.statusCode).toBe(400);
    const r = await as(t, emp, { method: 'POST', url: '/api/v1/corrections', payload: { field: 'entryDate', proposedValue: '2012-02-27', reason: 'As per appointment order No. 5/2012' } });
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ currentValue: '2012-03-01', proposedValue: '2012-02-27', status: 'PENDING' });

    const other = await as(t, cs2, { method: 'POST', url: `/api/v1/corrections/${c.id}/decision`, payload: { decision: 'ACCEPT', reason: 'Checked the order', version: c.version } });
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    expect((await as(t, cs2, { url: '/api/v1/corrections' })).json().total).toBe(0);
    const ok = await as(t, cs1, { method: 'POST', url: `/api/v1/corrections/${c.id}/decision`, payload: { decision: 'ACCEPT', reason: 'Checked the appointment order', version: c.version } });
    expect(ok.json().status).toBe('ACCEPTED');
    const again = await as(t, cs1, { method: 'POST', url: `/api/v1/corrections/${c.id}/decision`, payload: { decision: 'REJECT', reason: 'Second thoughts', version: c.version } });
    expect(again.statusCode).toBe(409);
    expect((await one<{ entry_date: string }>(t.database.db, sql`SELECT entry_date FROM employee WHERE id = ${e}`))!.entry_date).toBe('2012-02-27');
    const audit = await one<{ changes: Record<string, unknown> }>(t.database.db, sql`SELECT changes FROM audit_log WHERE action = 'correction.accept'`);
    expect(audit!.changes['employee.entry_date']).toEqual({ before: '2012-03-01', after: '2012-02-27' });
  });
});
