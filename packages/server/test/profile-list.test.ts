// The Nodal Officer's list of profiles: one statement gives the page, the total and the counts by state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../src/db/client.ts';
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
});
