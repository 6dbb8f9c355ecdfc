// The Nodal Officer's list of profiles (one statement gives the page, the total and the counts by state) and bulk
// validation of unchanged submissions (on PostgreSQL its writes and audit records go with the COMMIT).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/audit/audit.ts';
import { rows, sql } from '../src/db/client.ts';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';

describe.each(DATABASES)('profile list on %s', (kind) => {
  let t: TestApp;
  let nodal: Awaited<ReturnType<typeof makeUser>>;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await testApp(kind);
    const m = await makeMinistry(t, 'A');
    const other = await makeMinistry(t, 'B');
    for (let i = 0; i < 5; i++) ids.push(await makeEmployee(t, { ministryId: m }));
    await makeEmployee(t, { ministryId: other }); // out of scope
    // two submitted, one validated, two never opened (DRAFT by default)
    for (const [id, state] of [[ids[0], 'SUBMITTED'], [ids[1], 'SUBMITTED'], [ids[2], 'VALIDATED']] as const) {
      await t.database.db.execute(sql`INSERT INTO profile (employee_id, data, state, updated_at) VALUES (${id}, '{}'::jsonb, ${state}, now())`);
    }
    nodal = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m }] });
  });
  afterAll(async () => t?.close());

  it('pages within the scope with the total and the counts by state, also past the last page', async () => {
    const list = async (qs: string) => (await as(t, nodal, { url: `/api/v1/profiles?${qs}` })).json();
    const p1 = await list('pageSize=2&page=1');
    expect(p1.items).toHaveLength(2);
    expect(p1.total).toBe(5);
    expect(p1.counts).toEqual({ SUBMITTED: 2, VALIDATED: 1, DRAFT: 2 });
    const p3 = await list('pageSize=2&page=3');
    expect(p3.items).toHaveLength(1);
    expect(new Set([...p1.items, ...(await list('pageSize=2&page=2')).items, ...p3.items].map((i: { employeeId: string }) => i.employeeId))).toEqual(new Set(ids));
    const past = await list('pageSize=2&page=9');
    expect(past).toMatchObject({ items: [], total: 5, counts: { SUBMITTED: 2, VALIDATED: 1, DRAFT: 2 } });
    const submitted = await list('state=SUBMITTED');
    expect(submitted.total).toBe(2);
    expect(submitted.counts).toEqual(p1.counts); // the counts are of the whole scope, whatever the filter
    expect((await list('state=RETURNED')).total).toBe(0);
  });

  it('bulk-validates the unchanged submissions: states, versions and one audit record each, the chain intact', async () => {
    // ids[0] and ids[1] are SUBMITTED: give each a submitted version without changes
    for (const id of [ids[0], ids[1]]) {
      await t.database.db.execute(sql`INSERT INTO profile_version (employee_id, version_no, data, status, diff, submitted_at) VALUES (${id}, 1, '{}'::jsonb, 'SUBMITTED', '[]'::jsonb, now())`);
      await t.database.db.execute(sql`UPDATE profile SET submitted_version_no = 1 WHERE employee_id = ${id}`);
    }
    const list = (await as(t, nodal, { url: '/api/v1/profiles?state=SUBMITTED&unchangedOnly=true' })).json();
    expect(list.total).toBe(2);
    const items = list.items.map((i: { employeeId: string; version: number }) => ({ employeeId: i.employeeId, version: i.version }));
    const r = await as(t, nodal, { method: 'POST', url: '/api/v1/profiles/bulk-validate', payload: { items: [...items, { employeeId: ids[2], version: 1 }] } });
    expect(r.statusCode).toBe(200);
    expect(new Set(r.json().validated)).toEqual(new Set([ids[0], ids[1]]));
    expect(r.json().skipped).toMatchObject([{ employeeId: ids[2], code: 'INVALID_STATE' }]);
    const after = await rows<{ employee_id: string; state: string; version: number; validated_version_no: number; status: string }>(t.database.db, sql`
      SELECT p.employee_id, p.state, p.version, p.validated_version_no, v.status FROM profile p JOIN profile_version v ON v.employee_id = p.employee_id AND v.version_no = 1
       WHERE p.employee_id IN (${ids[0]}, ${ids[1]}) ORDER BY p.employee_id`);
    expect(after.map(({ employee_id: _, ...x }) => x)).toEqual([
      { state: 'VALIDATED', version: 2, validated_version_no: 1, status: 'VALIDATED' },
      { state: 'VALIDATED', version: 2, validated_version_no: 1, status: 'VALIDATED' },
    ]);
    const audits = await rows<{ entity_id: string }>(t.database.db, sql`SELECT entity_id FROM audit_log WHERE action = 'profile.validate.bulk' ORDER BY entity_id`);
    expect(audits.map((a) => a.entity_id)).toEqual([ids[0], ids[1]].sort());
    expect((await verifyChain(t.database.db)).ok).toBe(true);
    // a second run finds nothing left to validate and writes nothing
    const again = await as(t, nodal, { method: 'POST', url: '/api/v1/profiles/bulk-validate', payload: { items } });
    expect(again.json().validated).toEqual([]);
    expect(again.json().skipped.map((x: { code: string }) => x.code)).toEqual(['STALE_VERSION', 'STALE_VERSION']);
  });
});
