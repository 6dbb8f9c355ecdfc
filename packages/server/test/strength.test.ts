import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { sql } from '../src/db/client.ts';

describe.each(DATABASES)('working strength and dashboard on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it('sanctioned (with history) vs in position (validated profiles) vs vacant; Nodal Officers see their Ministry only; exports neutralise formulas', async () => {
    const mA = await makeMinistry(t);
    const mB = await makeMinistry(t);
    const e1 = await makeEmployee(t, { ministryId: mA, grade: 'CSS.ASO' });
    await makeEmployee(t, { ministryId: mA, grade: 'CSS.ASO' });
    await makeEmployee(t, { ministryId: mB, grade: 'CSS.ASO' });
    await t.database.db.execute(sql`INSERT INTO profile (employee_id, state, data, validated_version_no, updated_at) VALUES (${e1}, 'VALIDATED', '{}'::jsonb, 1, now())`);
    const cs1 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    const cs2 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });
    const nodalA = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mA }] });

    expect((await as(t, cs2, { method: 'PUT', url: '/api/v1/working-strength/sanctioned', payload: { ministryId: mA, grade: 'CSS.ASO', effectiveFrom: '2025-04-01', sanctioned: 10 } })).statusCode).toBe(403);
    expect((await as(t, cs1, { method: 'PUT', url: '/api/v1/working-strength/sanctioned', payload: { ministryId: mA, grade: 'CSS.ASO', effectiveFrom: '2025-04-01', sanctioned: 10 } })).statusCode).toBe(200);
    expect((await as(t, cs1, { method: 'PUT', url: '/api/v1/working-strength/sanctioned', payload: { ministryId: mA, grade: 'CSS.ASO', effectiveFrom: '2027-04-01', sanctioned: 12 } })).statusCode).toBe(200);
    expect((await as(t, cs1, { method: 'PUT', url: '/api/v1/working-strength/sanctioned', payload: { ministryId: mA, grade: 'CSS.XYZ', effectiveFrom: '2025-04-01', sanctioned: 1 } })).json().field).toBe('grade');

    const mine = (await as(t, nodalA, { url: '/api/v1/working-strength' })).json();
    expect(mine.items).toEqual([expect.objectContaining({ ministryId: mA, grade: 'CSS.ASO', sanctioned: 10, inPosition: 1, registered: 2, vacant: 9 })]);
    expect((await as(t, nodalA, { url: `/api/v1/working-strength?ministryId=${mB}` })).json().code).toBe('OUT_OF_SCOPE');
    const all = (await as(t, cs1, { url: '/api/v1/working-strength' })).json();
    expect(all.items.map((i: { ministryId: number }) => i.ministryId).sort()).toEqual([mA, mB].sort());

    await t.database.db.execute(sql`UPDATE ministry SET name_en = '=HYPERLINK("x")' WHERE id = ${mA}`);
    const csv = await as(t, cs1, { url: '/api/v1/working-strength?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    const xlsx = await as(t, nodalA, { url: '/api/v1/working-strength?format=xlsx' });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const dash = (await as(t, nodalA, { url: '/api/v1/dashboard/profiles' })).json();
    expect(dash.ministries).toEqual([expect.objectContaining({ ministryId: mA, total: 2, completeness: 50, pendingValidation: 0 })]);
  });
});
