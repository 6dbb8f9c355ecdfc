import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { sql } from '../src/db/client.ts';
import { seedOrders } from '../src/orders/seed.ts';

async function event(t: TestApp, employeeId: string, kind: string, date: string, extra: { grade?: string; toLevel?: string; endDate?: string; details?: Record<string, unknown> } = {}) {
  await t.database.db.execute(sql`
    INSERT INTO service_event (employee_id, kind, effective_date, end_date, grade, to_level, details)
    VALUES (${employeeId}, ${kind}, ${date}, ${extra.endDate ?? null}, ${extra.grade ?? null}, ${extra.toLevel ?? null}, ${JSON.stringify(extra.details ?? {})}::jsonb)`);
}

describe.each(DATABASES)('career and MACP due list on %s', (kind) => {
  let t: TestApp;
  let m1: number;
  let m2: number;
  let aso2005: string; // rules.md §2 example: DR ASO (L7) regular from 01.01.2005
  let aso2016: string; // 10 years fall due 01.05.2026: inside a 6-month window from 15.01.2026
  let other: string; // another Ministry
  beforeAll(async () => {
    t = await testApp(kind);
    await seedOrders(t.database.db);
    m1 = await makeMinistry(t);
    m2 = await makeMinistry(t);
    aso2005 = await makeEmployee(t, { ministryId: m1, grade: 'CSS.ASO', entryDate: '2005-01-01' });
    await event(t, aso2005, 'ENTRY', '2005-01-01', { grade: 'CSS.ASO', toLevel: '7' });
    await event(t, aso2005, 'MACP', '2015-01-01', { toLevel: '8', details: { pay: { amount: 47600, on: '2016-01-01', level: '8' } } });
    aso2016 = await makeEmployee(t, { ministryId: m1, grade: 'CSS.ASO', entryDate: '2016-05-01' });
    await event(t, aso2016, 'ENTRY', '2016-05-01', { grade: 'CSS.ASO', toLevel: '7' });
    await t.database.db.execute(sql`UPDATE employee SET name_en = ${'=HYPERLINK("http://x.example","click")'} WHERE id = ${aso2016}`);
    other = await makeEmployee(t, { ministryId: m2, grade: 'CSS.ASO', entryDate: '2006-02-01' });
    await event(t, other, 'ENTRY', '2006-02-01', { grade: 'CSS.ASO', toLevel: '7' });
  });
  afterAll(async () => t?.close());

  it("shows an employee their own MACP timeline with reasons citing orders in the library", async () => {
    const me = await makeUser(t, { roles: [{ role: 'EMPLOYEE', ministryId: m1 }], employeeId: aso2005 });
    const r = await as(t, me, { url: '/api/v1/me/career' });
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c.employee.id).toBe(aso2005);
    expect(c.asOn).toBe('2026-01-15');
    const macp = c.steps.filter((s: { kind: string }) => s.kind === 'MACP');
    expect(macp.slice(0, 3).map((s: { date: string; toLevel: string }) => [s.date, s.toLevel])).toEqual([
      ['2015-01-01', '8'],
      ['2025-01-01', '9'],
      ['2035-01-01', '10'],
    ]);
    expect(macp.map((s: { status: string }) => s.status).slice(0, 3)).toEqual(['GRANTED', 'DUE', 'PROSPECTIVE']);
    expect(macp[1].pay?.toLevel).toBe('9');
    const orderIds = new Set<string>();
    for (const s of c.steps) for (const reason of s.reasons) if (reason.citation.orderId) orderIds.add(reason.citation.orderId);
    expect(orderIds.size).toBeGreaterThan(0);
    for (const id of orderIds) expect((await as(t, me, { url: `/api/v1/orders/${encodeURIComponent(id)}` })).statusCode, id).toBe(200);
    const same = await as(t, me, { url: `/api/v1/employees/${aso2005}/career` });
    expect(same.statusCode).toBe(200);
  });

  it("refuses another employee's career to an employee, allows the Nodal Officer of the Ministry only", async () => {
    const me = await makeUser(t, { roles: [{ role: 'EMPLOYEE', ministryId: m1 }], employeeId: aso2016 });
    const r = await as(t, me, { url: `/api/v1/employees/${aso2005}/career` });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('OUT_OF_SCOPE');
    const no1 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m1 }] });
    expect((await as(t, no1, { url: `/api/v1/employees/${aso2005}/career` })).statusCode).toBe(200);
    expect((await as(t, no1, { url: `/api/v1/employees/${other}/career` })).statusCode).toBe(403);
    const ca = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    expect((await as(t, ca, { url: `/api/v1/employees/${other}/career` })).statusCode).toBe(200);
    expect((await as(t, no1, { url: '/api/v1/employees/00000000-0000-4000-8000-000000000000/career' })).statusCode).toBe(404);
    const noEmp = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m1 }] });
    expect((await as(t, noEmp, { url: '/api/v1/me/career' })).statusCode).toBe(404);
  });

  it('lists the MACP due in the next N months for the Nodal Officer of the Ministry only', async () => {
    const no1 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m1 }] });
    const r = await as(t, no1, { url: '/api/v1/macp/due?months=6' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    const ids = body.items.map((i: { employee: { id: string } }) => i.employee.id);
    expect(ids).toContain(aso2005);
    expect(ids).toContain(aso2016);
    expect(ids).not.toContain(other);
    const soon = body.items.find((i: { employee: { id: string } }) => i.employee.id === aso2016);
    expect(soon).toMatchObject({ date: '2026-05-01', status: 'PROSPECTIVE', fromLevel: '7', toLevel: '8' });
    const short = (await as(t, no1, { url: '/api/v1/macp/due?months=1' })).json();
    expect(short.items.map((i: { employee: { id: string } }) => i.employee.id)).not.toContain(aso2016);

    const wrong = await as(t, no1, { url: `/api/v1/macp/due?ministryId=${m2}` });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('OUT_OF_SCOPE');
    const emp = await makeUser(t, { roles: [{ role: 'EMPLOYEE', ministryId: m1 }] });
    expect((await as(t, emp, { url: '/api/v1/macp/due' })).statusCode).toBe(403);
    const no2 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m2 }] });
    const theirs = (await as(t, no2, { url: '/api/v1/macp/due?months=6' })).json();
    expect(theirs.items.every((i: { employee: { ministry: { id: number } } }) => i.employee.ministry.id === m2)).toBe(true);
  });

  it('exports the due list as CSV with formula injection neutralised', async () => {
    const no1 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m1 }] });
    const r = await as(t, no1, { url: '/api/v1/macp/due?months=6&format=csv' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toContain('attachment');
    const lines = r.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('employee_code');
    const evil = lines.find((l) => l.includes('HYPERLINK'));
    expect(evil).toBeDefined();
    expect(evil).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(lines.some((l) => /(^|,)=/.test(l))).toBe(false);
  });

  it("assumes a direct recruit's first-cell pay (from 2016) when no pay is recorded, and says so", async () => {
    const dr = await makeEmployee(t, { ministryId: m1, grade: 'CSS.ASO', entryDate: '2017-03-01' });
    await event(t, dr, 'ENTRY', '2017-03-01', { grade: 'CSS.ASO', toLevel: '7', details: { mode: 'DIRECT_RECRUITMENT' } });
    const no1 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m1 }] });
    const c = (await as(t, no1, { url: `/api/v1/employees/${dr}/career` })).json();
    expect(c.reasons.map((r: { code: string }) => r.code)).toContain('PAY_ASSUMED_DR_FIRST_CELL');
    const first = c.steps.find((s: { kind: string }) => s.kind === 'MACP');
    expect(first).toMatchObject({ date: '2027-03-01', toLevel: '8' });
    // 44,900 on 01.03.2017, increments each 1 January 2018..2027 (10) → cell 11 of L7 = 60,400; +1 → 62,200 → L8 equal-or-next: 62,200
    expect(first.pay).toMatchObject({ fromPay: 60400, toLevel: '8', toPay: 62200 });
  });

  it('answers a stored impossible history with 422 naming the event, not a 500', async () => {
    const bad = await makeEmployee(t, { ministryId: m1, grade: 'CSS.SO', entryDate: '2012-01-01' });
    await event(t, bad, 'ENTRY', '2012-01-01', { grade: 'CSS.ASO', toLevel: '7' });
    await event(t, bad, 'PROMOTION', '2010-01-01', { grade: 'CSS.SO', toLevel: '8' });
    const no1 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m1 }] });
    const r = await as(t, no1, { url: `/api/v1/employees/${bad}/career` });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().field).toMatch(/^serviceHistory\.promotions/);
    const due = (await as(t, no1, { url: '/api/v1/macp/due?months=6' })).json();
    expect(due.problems.map((p: { employeeId: string }) => p.employeeId)).toContain(bad);
  });
});
