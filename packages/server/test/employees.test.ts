import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import { rows, sql } from '../src/db/client.ts';
import { type EmployeeBundle, generate, type SeedData } from '../src/seed/generate.ts';
import { loadSeed } from '../src/seed/load.ts';
import { DATABASES, as, makeUser, testApp, type TestApp } from './harness.ts';

describe.each(DATABASES)('employees on %s', (kind) => {
  let t: TestApp;
  let data: SeedData;
  const login = async (persona: string) => {
    const s = await createSession(t.database.db, data.personas[persona], t.clock.now(), t.config.sessionAbsoluteMs);
    return { headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken } };
  };
  const bundleOf = (persona: string) => data.bundles.find((b) => b.user.id === data.personas[persona]) as EmployeeBundle;

  beforeAll(async () => {
    t = await testApp(kind);
    data = generate({ employees: 600, seed: 11, asOn: '2026-01-01' });
    await loadSeed(t.database.db, data, { now: t.clock.now() });
  });
  afterAll(async () => t?.close());

  it('an employee reads their own summary, with abilities', async () => {
    const me = await login('employee-css');
    const b = bundleOf('employee-css');
    const r = await as(t, me, { url: '/api/v1/employees/me/summary' });
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({
      id: b.employee.id, employeeCode: b.employee.employee_code, nameEn: b.employee.name_en, nameHi: b.employee.name_hi, cadre: 'CSS',
      grade: { code: b.employee.grade }, payLevel: b.employee.pay_level, ministry: { id: b.employee.ministry_id },
      entryDate: b.employee.entry_date, presentGradeDate: b.employee.present_grade_date, dateOfBirth: b.employee.date_of_birth, superannuationDate: b.employee.superannuation_date,
    });
    expect(s.grade.en.length).toBeGreaterThan(3);
    expect(s.ministry.hi).toMatch(/[\u0900-\u097F]/);
    expect(s.abilities).toContain('employee.summary');
    const byId = await as(t, me, { url: `/api/v1/employees/${b.employee.id}/summary` });
    expect(byId.json()).toEqual(s);
  });

  it("an employee cannot read a colleague's summary (403 OUT_OF_SCOPE)", async () => {
    const me = await login('employee-css');
    const other = data.bundles.find((b) => b.employee.ministry_id === bundleOf('employee-css').employee.ministry_id && b.user.id !== data.personas['employee-css']) ?? data.bundles[1];
    const r = await as(t, me, { url: `/api/v1/employees/${other.employee.id}/summary` });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('OUT_OF_SCOPE');
  });

  it("a Nodal Officer reads summaries of their Ministry, not another Ministry's (403 OUT_OF_SCOPE)", async () => {
    const n1 = await login('nodal-1');
    const m1 = bundleOf('nodal-1').employee.ministry_id;
    const m2 = bundleOf('nodal-2').employee.ministry_id;
    expect(m1).not.toBe(m2);
    const mine = data.bundles.find((b) => b.employee.ministry_id === m1 && b.user.id !== data.personas['nodal-1'])!;
    const theirs = data.bundles.find((b) => b.employee.ministry_id === m2)!;
    const ok = await as(t, n1, { url: `/api/v1/employees/${mine.employee.id}/summary` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().abilities).toContain('employee.summary');
    const no = await as(t, n1, { url: `/api/v1/employees/${theirs.employee.id}/summary` });
    expect(no.statusCode).toBe(403);
    expect(no.json().code).toBe('OUT_OF_SCOPE');
    // the Nodal Officer is an employee too: their own summary
    expect((await as(t, n1, { url: '/api/v1/employees/me/summary' })).json().id).toBe(bundleOf('nodal-1').employee.id);
  });

  it('a cadre authority reads its cadres only; roles without the action are refused; unknown and malformed ids', async () => {
    const cs1 = await login('cs1');
    const css = data.bundles.find((b) => b.employee.cadre === 'CSS')!;
    const csss = data.bundles.find((b) => b.employee.cadre === 'CSSS')!;
    expect((await as(t, cs1, { url: `/api/v1/employees/${css.employee.id}/summary` })).statusCode).toBe(200);
    expect((await as(t, cs1, { url: `/api/v1/employees/${csss.employee.id}/summary` })).json().code).toBe('OUT_OF_SCOPE');
    const admin = await login('admin');
    const f = await as(t, admin, { url: `/api/v1/employees/${css.employee.id}/summary` });
    expect(f.statusCode).toBe(403);
    expect(f.json().code).toBe('FORBIDDEN');
    expect((await as(t, admin, { url: '/api/v1/employees/me/summary' })).statusCode).toBe(403);
    expect((await as(t, cs1, { url: '/api/v1/employees/me/summary' })).statusCode).toBe(404); // no employee record of their own
    const nf = await as(t, cs1, { url: '/api/v1/employees/00000000-0000-4000-8000-000000000000/summary' });
    expect(nf.statusCode).toBe(404);
    const bad = await as(t, cs1, { url: '/api/v1/employees/not-a-uuid/summary' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('params.id');
    expect((await t.app.inject({ url: `/api/v1/employees/${css.employee.id}/summary` })).statusCode).toBe(401);
  });

  it("a Nodal Officer's list holds only their Ministry, filtered and paged in SQL", async () => {
    const n1 = await login('nodal-1');
    const m1 = bundleOf('nodal-1').employee.ministry_id;
    const expected = data.bundles.filter((b) => b.employee.ministry_id === m1).map((b) => b.employee).sort((a, b) => (a.name_en < b.name_en ? -1 : a.name_en > b.name_en ? 1 : a.id < b.id ? -1 : 1));
    const r = await as(t, n1, { url: '/api/v1/employees?pageSize=100' });
    expect(r.statusCode).toBe(200);
    const page = r.json();
    expect(page.total).toBe(expected.length);
    expect(page.items.map((e: { id: string }) => e.id)).toEqual(expected.slice(0, 100).map((e) => e.id));
    expect(page.items.every((e: { ministry: { id: number }; abilities: string[] }) => e.ministry.id === m1 && e.abilities.includes('employee.summary'))).toBe(true);
    const p2 = (await as(t, n1, { url: '/api/v1/employees?pageSize=2&page=2' })).json();
    expect(p2.items.map((e: { id: string }) => e.id)).toEqual(expected.slice(2, 4).map((e) => e.id));
    const other = bundleOf('nodal-2').employee.ministry_id;
    const out = await as(t, n1, { url: `/api/v1/employees?ministryId=${other}` });
    expect(out.statusCode).toBe(403);
    expect(out.json().code).toBe('OUT_OF_SCOPE');
    const q = expected[0].name_en.split(' ')[1];
    const byName = (await as(t, n1, { url: `/api/v1/employees?q=${encodeURIComponent(q)}&pageSize=100` })).json();
    expect(byName.total).toBe(expected.filter((e) => e.name_en.toLowerCase().includes(q.toLowerCase()) || e.name_hi.includes(q) || e.employee_code.toLowerCase().includes(q.toLowerCase()) || e.login_id.includes(q.toLowerCase())).length);
    const so = (await as(t, n1, { url: '/api/v1/employees?grade=CSS.SO&pageSize=100' })).json();
    expect(so.total).toBe(expected.filter((e) => e.grade === 'CSS.SO').length);
  });

  it("a cadre authority's list holds only its cadres; an employee may not list; bad parameters are 400 naming the field", async () => {
    const cs2 = await login('cs2');
    const r = (await as(t, cs2, { url: '/api/v1/employees?pageSize=100' })).json();
    expect(r.total).toBe(data.bundles.filter((b) => b.employee.cadre !== 'CSS').length);
    expect(r.items.every((e: { cadre: string }) => e.cadre === 'CSSS' || e.cadre === 'CSCS')).toBe(true);
    const [{ n }] = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM employee WHERE cadre = 'CSCS'`);
    expect((await as(t, cs2, { url: '/api/v1/employees?cadre=CSCS' })).json().total).toBe(n);
    expect((await as(t, cs2, { url: '/api/v1/employees?cadre=CSS' })).json()).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'cadre' });
    const emp = await login('employee-csss');
    const f = await as(t, emp, { url: '/api/v1/employees' });
    expect(f.statusCode).toBe(403);
    expect(f.json().code).toBe('FORBIDDEN');
    for (const [qs, field] of [['pageSize=1000', 'querystring.pageSize'], ['grade=SO', 'querystring.grade'], ['ministryId=-1', 'querystring.ministryId'], ['cadre=IAS', 'querystring.cadre']]) {
      const b = await as(t, cs2, { url: `/api/v1/employees?${qs}` });
      expect(b.statusCode, qs).toBe(400);
      expect(b.json().field, qs).toBe(field);
    }
    // a Nodal Officer grant with no Ministry sees nothing rather than everything
    const odd = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER' }] });
    expect((await as(t, odd, { url: '/api/v1/employees' })).json()).toMatchObject({ items: [], total: 0 });
  });
});
