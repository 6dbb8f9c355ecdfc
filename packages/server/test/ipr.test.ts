import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { one, sql } from '../src/db/client.ts';
import { runDueJobs } from '../src/jobs/jobs.ts';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { finalProfile, HOUSE, refused, relogin } from './foreign-visit-helpers.ts';

type U = Awaited<ReturnType<typeof makeUser>>;

describe.each(DATABASES)('Immovable Property Returns on %s', (kind) => {
  let t: TestApp;
  let mA: number;
  let mB: number;
  let so: string; // CSS Section Officer (Group B): annual return
  let aso: string; // CSS ASO who will not file
  let jsa: string; // CSCS JSA (Group C): first appointment only
  const u = {} as Record<'so' | 'aso' | 'jsa' | 'nodalA' | 'nodalB' | 'csi' | 'admin', U>;
  beforeAll(async () => {
    t = await testApp(kind);
    mA = await makeMinistry(t, 'A');
    mB = await makeMinistry(t, 'B');
    so = await makeEmployee(t, { ministryId: mA, grade: 'CSS.SO' });
    aso = await makeEmployee(t, { ministryId: mA, grade: 'CSS.ASO' });
    jsa = await makeEmployee(t, { ministryId: mA, grade: 'CSCS.JSA' });
    u.so = await makeUser(t, { employeeId: so, roles: [{ role: 'EMPLOYEE' }] });
    u.aso = await makeUser(t, { employeeId: aso, roles: [{ role: 'EMPLOYEE' }] });
    u.jsa = await makeUser(t, { employeeId: jsa, roles: [{ role: 'EMPLOYEE' }] });
    u.nodalA = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mA }] });
    u.nodalB = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mB }] });
    u.csi = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    u.admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
  });
  afterAll(async () => t?.close());

  it('refuses until the profile is validated or deemed final', async () => {
    const r = await as(t, u.so, { method: 'POST', url: '/api/v1/ipr/returns', payload: { year: 2025 } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('PROFILE_NOT_VALIDATED');
    for (const e of [so, aso, jsa]) await finalProfile(t, e);
  });

  it('shows the obligation, the window (1–31 January) and the next step', async () => {
    const me = (await as(t, u.so, { url: '/api/v1/ipr/me' })).json();
    expect(me.year).toBe(2025);
    expect(me.obligation.annual).toBe(true);
    expect(me.window).toMatchObject({ opens: '2026-01-01', closes: '2026-01-31' });
    expect(me.compliance.status).toBe('PENDING');
    expect(me.nextStep).toBe('START_RETURN');
    const c = (await as(t, u.jsa, { url: '/api/v1/ipr/me' })).json();
    expect(c.obligation.annual).toBe(false);
    expect(c.obligation.reason.code).toBe('IPR_GROUP_C_FIRST_APPOINTMENT_ONLY');
    expect(c.nextStep).toBe('FILE_FIRST_APPOINTMENT');
    const notYet = await as(t, u.so, { method: 'POST', url: '/api/v1/ipr/returns', payload: { year: 2026 } });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().code).toBe('WINDOW_CLOSED');
    const groupC = await as(t, u.jsa, { method: 'POST', url: '/api/v1/ipr/returns', payload: { year: 2025 } });
    expect(groupC.statusCode).toBe(400);
    expect(groupC.json().field).toBe('year');
  });

  let filedId = '';
  it('drafts, checks each row naming the field, files; a filed return is read-only in the API and in the database', async () => {
    const d = await as(t, u.so, { method: 'POST', url: '/api/v1/ipr/returns', payload: { year: 2025, carryForward: true } });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json()).toMatchObject({ status: 'DRAFT', year: 2025, asOn: '2025-12-31', nil: false, properties: [] });
    const bad = await as(t, u.so, { method: 'PUT', url: `/api/v1/ipr/returns/${d.json().id}`, payload: { version: d.json().version, nil: false, properties: [{ ...HOUSE, value: -5 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('properties.0.value');
    const empty = await as(t, u.so, { method: 'POST', url: `/api/v1/ipr/returns/${d.json().id}/submit`, payload: { version: d.json().version } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('nil');
    const saved = await as(t, u.so, { method: 'PUT', url: `/api/v1/ipr/returns/${d.json().id}`, payload: { version: d.json().version, nil: false, properties: [HOUSE] } });
    expect(saved.statusCode, saved.body).toBe(200);
    const stale = await as(t, u.so, { method: 'PUT', url: `/api/v1/ipr/returns/${d.json().id}`, payload: { version: d.json().version, nil: true, properties: [] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const filed = await as(t, u.so, { method: 'POST', url: `/api/v1/ipr/returns/${d.json().id}/submit`, payload: { version: saved.json().version } });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ status: 'FILED', filedOn: '2026-01-15', readOnly: true, mode: 'ONLINE' });
    expect(filed.json().abilities).toEqual(expect.arrayContaining(['ipr.revise', 'ipr.print']));
    filedId = filed.json().id;
    const edit = await as(t, u.so, { method: 'PUT', url: `/api/v1/ipr/returns/${filedId}`, payload: { version: filed.json().version, nil: true, properties: [] } });
    expect(edit.statusCode).toBe(409);
    expect(await refused(t.database.db.execute(sql`UPDATE ipr_return SET nil = true WHERE id = ${filedId}`))).toMatch(/read-only/);
    expect(await refused(t.database.db.execute(sql`DELETE FROM ipr_return WHERE id = ${filedId}`))).toMatch(/read-only/);
    const me = (await as(t, u.so, { url: '/api/v1/ipr/me' })).json();
    expect(me.compliance.status).toBe('FILED');
    expect(me.nextStep).toBe('FILED');
  });

  it('a revision is a new version with its reason; the earlier print stays genuine but no longer current', async () => {
    const p1 = await as(t, u.so, { url: `/api/v1/ipr/returns/${filedId}/print` });
    expect(p1.statusCode).toBe(200);
    const code1 = p1.headers['x-verification-code'] as string;
    expect(p1.body).toContain(code1);
    expect(p1.body).toContain('Gomti Nagar');
    expect((await t.app.inject({ url: `/api/v1/verify/${code1}` })).json()).toMatchObject({ valid: true, current: true, document: { en: 'Immovable Property Return' } });
    expect((await as(t, u.so, { method: 'POST', url: `/api/v1/ipr/returns/${filedId}/revise`, payload: { reason: '' } })).statusCode).toBe(400);
    const rev = await as(t, u.so, { method: 'POST', url: `/api/v1/ipr/returns/${filedId}/revise`, payload: { reason: 'Share in the ancestral land omitted' } });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json()).toMatchObject({ status: 'DRAFT', revision: 2, revisionReason: 'Share in the ancestral land omitted' });
    expect(rev.json().properties).toHaveLength(1);
    const land = { ...HOUSE, description: 'Agricultural land', nature: 'AGRICULTURAL_LAND', area: { value: 1.5, unit: 'ACRE' }, extentOfInterest: 'one-third share', acquisition: { how: 'INHERITANCE', on: '2001-01-01', from: 'Father' } };
    const s = await as(t, u.so, { method: 'PUT', url: `/api/v1/ipr/returns/${rev.json().id}`, payload: { version: rev.json().version, nil: false, properties: [...rev.json().properties, land] } });
    const f2 = await as(t, u.so, { method: 'POST', url: `/api/v1/ipr/returns/${rev.json().id}/submit`, payload: { version: s.json().version } });
    expect(f2.json()).toMatchObject({ status: 'FILED', revision: 2 });
    expect((await t.app.inject({ url: `/api/v1/verify/${code1}` })).json().current).toBe(false);
    const p2 = await as(t, u.so, { url: `/api/v1/ipr/returns/${rev.json().id}/print` });
    expect((await t.app.inject({ url: `/api/v1/verify/${p2.headers['x-verification-code']}` })).json().current).toBe(true);
    // the original still counts for compliance: filed online by the due date
    expect((await as(t, u.so, { url: '/api/v1/ipr/me' })).json().compliance).toMatchObject({ status: 'FILED', filedOn: '2026-01-15' });
  });

  it('the Nodal Officer views and prints filed returns of the Ministry only; never a draft', async () => {
    const list = await as(t, u.nodalA, { url: `/api/v1/ipr/returns?employeeId=${so}` });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    expect((await as(t, u.nodalA, { url: `/api/v1/ipr/returns/${filedId}/print` })).statusCode).toBe(200);
    expect((await as(t, u.nodalB, { url: `/api/v1/ipr/returns/${filedId}` })).json().code).toBe('OUT_OF_SCOPE');
    expect((await as(t, u.nodalB, { url: `/api/v1/ipr/returns?employeeId=${so}` })).statusCode).toBe(403);
    expect((await as(t, u.aso, { url: `/api/v1/ipr/returns/${filedId}` })).statusCode).toBe(403);
    expect((await as(t, u.admin, { url: `/api/v1/ipr/returns/${filedId}` })).json().code).toBe('FORBIDDEN');
    const draft = await as(t, u.aso, { method: 'POST', url: '/api/v1/ipr/returns', payload: { year: 2025 } });
    expect((await as(t, u.nodalA, { url: `/api/v1/ipr/returns/${draft.json().id}` })).statusCode).toBe(404);
  });

  it('compliance list: filed / pending / not required (Group C), CSV and XLSX exports, reminders', async () => {
    const r = await as(t, u.nodalA, { url: '/api/v1/ipr/compliance?year=2025' });
    expect(r.statusCode).toBe(200);
    const by = Object.fromEntries(r.json().items.map((i: { employeeId: string; status: string }) => [i.employeeId, i.status]));
    expect(by[so]).toBe('FILED');
    expect(by[aso]).toBe('PENDING');
    expect(by[jsa]).toBe('NOT_REQUIRED');
    expect(r.json().counts).toMatchObject({ FILED: 1, PENDING: 1, NOT_REQUIRED: 1 });
    expect((await as(t, u.nodalB, { url: '/api/v1/ipr/compliance?year=2025' })).json().total).toBe(0);
    expect((await as(t, u.nodalB, { url: `/api/v1/ipr/compliance?year=2025&ministryId=${mA}` })).statusCode).toBe(403);
    // the cadre authority may narrow to a Ministry; the list stays within its cadres (the CSCS JSA is CS.II's)
    const csiA = (await as(t, u.csi, { url: `/api/v1/ipr/compliance?year=2025&ministryId=${mA}` })).json();
    expect(csiA.items.map((i: { employeeId: string }) => i.employeeId).sort()).toEqual([so, aso].sort());
    const csv = await as(t, u.nodalA, { url: '/api/v1/ipr/compliance?year=2025&format=csv' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toContain('Status');
    expect(csv.body).toContain('PENDING');
    const xlsx = await as(t, u.csi, { url: '/api/v1/ipr/compliance?year=2025&format=xlsx' });
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets[0].rowCount).toBeGreaterThanOrEqual(3); // header + the two CSS officers (CSCS is CS.II's)
    const rem = await as(t, u.nodalA, { method: 'POST', url: '/api/v1/ipr/compliance/remind', payload: { year: 2025 } });
    expect(rem.json().reminded).toBe(1);
    const n = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'ipr.reminder' AND user_id = ${u.aso.userId}`);
    expect(n!.n).toBe(1);
  });

  it('the portal reminds by itself during the window (job), then schedules the next reminder day', async () => {
    await t.database.db.execute(sql`INSERT INTO job (id, kind, run_at, payload) VALUES ('ipr.reminders', 'ipr.reminders', ${t.clock.now().toISOString()}, '{}'::jsonb)`);
    await runDueJobs(t.app, { workerId: 'ipr-test', backoffMs: () => 60_000 });
    const n = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'ipr.reminder' AND user_id = ${u.aso.userId}`);
    expect(n!.n).toBe(2);
    const job = await one<{ status: string; run_at: string }>(t.database.db, sql`SELECT status, run_at FROM job WHERE id = 'ipr.reminders'`);
    expect(job!.status).toBe('PENDING');
    expect(new Date(job!.run_at).toISOString().slice(0, 10)).toBe('2026-01-24');
  });

  it('after the due date an unfiled return is NOT_FILED and withholds vigilance clearance (ground 11); a late return counts as late', async () => {
    t.clock.set('2026-02-05T05:30:00Z');
    for (const k of Object.keys(u) as Array<keyof typeof u>) u[k] = await relogin(t, u[k]);
    const r = (await as(t, u.nodalA, { url: '/api/v1/ipr/compliance?year=2025&status=NOT_FILED' })).json();
    expect(r.items.map((i: { employeeId: string }) => i.employeeId)).toEqual([aso]);
    const avd = await makeUser(t, { roles: [{ role: 'AVD' }] });
    // 2024 returns were never filed on the portal either: import them, then ground 11 speaks of 2025 only
    const v = (await as(t, avd, { url: `/api/v1/vigilance/employees/${aso}` })).json();
    expect(v.clearance.grounds.map((g: { code: string }) => g.code)).toContain('IPR_NOT_FILED');
    expect(v.clearance.grounds.find((g: { code: string }) => g.code === 'IPR_NOT_FILED').en).toMatch(/2025/);
    const late = await as(t, u.aso, { method: 'POST', url: `/api/v1/ipr/returns`, payload: { year: 2025 } });
    const saved = await as(t, u.aso, { method: 'PUT', url: `/api/v1/ipr/returns/${late.json().id}`, payload: { version: late.json().version, nil: true, properties: [] } });
    const filed = await as(t, u.aso, { method: 'POST', url: `/api/v1/ipr/returns/${late.json().id}/submit`, payload: { version: saved.json().version } });
    expect(filed.json()).toMatchObject({ status: 'FILED', nil: true });
    expect((await as(t, u.aso, { url: '/api/v1/ipr/me?year=2025' })).json().compliance.status).toBe('LATE');
    const sov = (await as(t, avd, { url: `/api/v1/vigilance/employees/${so}` })).json();
    expect(sov.clearance.grounds.map((g: { code: string }) => g.code)).not.toContain('IPR_NOT_FILED');
    t.clock.set('2026-01-15T05:30:00Z');
    for (const k of Object.keys(u) as Array<keyof typeof u>) u[k] = await relogin(t, u[k]);
  });

  it('imports past returns (CSV and XLSX) all or nothing, naming the bad line; never overwrites; cadre authority of the cadre only', async () => {
    const code = (await one<{ employee_code: string }>(t.database.db, sql`SELECT employee_code FROM employee WHERE id = ${aso}`))!.employee_code;
    const header = 'employee_code,year,kind,as_on,filed_on,mode,nil,description,state,district,sub_division,village,survey_number,area_value,area_unit,nature,extent_of_interest,held_by_name,relationship,acquired_how,acquired_on,acquired_from,value,annual_income,remarks';
    const line = (year: number, value: string) => `${code},${year},ANNUAL,,${year + 1}-01-20,ONLINE,,"Flat, 2 BHK",Delhi,South Delhi,Hauz Khas,Saket,"A-12",95,SQ_M,FLAT,full,Self,SELF,PURCHASE,2018-06-01,DDA,${value},120000,`;
    const bad = await as(t, u.csi, { method: 'POST', url: '/api/v1/ipr/import', payload: { format: 'csv', content: `${header}\n${line(2023, '5500000')}\n${line(2022, 'lots')}\n` } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('lines.3.value');
    expect((await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM ipr_return WHERE employee_id = ${aso} AND source = 'IMPORT'`))!.n).toBe(0);
    const ok = await as(t, u.csi, { method: 'POST', url: '/api/v1/ipr/import', payload: { format: 'csv', content: `${header}\r\n${line(2023, '5500000')}\r\n${line(2024, '5600000')}\r\n` } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 2, skipped: [] });
    const again = await as(t, u.csi, { method: 'POST', url: '/api/v1/ipr/import', payload: { format: 'csv', content: `${header}\n${line(2024, '5600000')}\n` } });
    expect(again.json()).toMatchObject({ imported: 0, skipped: [{ year: 2024 }] });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('IPR');
    ws.addRow(header.split(','));
    ws.addRow([code, 2021, 'ANNUAL', '', '2022-01-25', 'PAPER', 'true']);
    const x = await as(t, u.csi, { method: 'POST', url: '/api/v1/ipr/import', payload: { format: 'xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') } });
    expect(x.statusCode, x.body).toBe(200);
    expect(x.json().imported).toBe(1);
    const rows = (await as(t, u.aso, { url: '/api/v1/ipr/me' })).json().returns;
    expect(rows.find((r: { year: number }) => r.year === 2021)).toMatchObject({ nil: true, mode: 'PAPER', source: 'IMPORT' });
    // a Nodal Officer may not import; the CS.II authority may not import CSS officers' returns
    expect((await as(t, u.nodalA, { method: 'POST', url: '/api/v1/ipr/import', payload: { format: 'csv', content: header } })).json().code).toBe('FORBIDDEN');
    const csii = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });
    expect((await as(t, csii, { method: 'POST', url: '/api/v1/ipr/import', payload: { format: 'csv', content: `${header}\n${line(2019, '100')}\n` } })).json().code).toBe('OUT_OF_SCOPE');
  });

  it('a new draft carries forward the rows of the latest earlier return', async () => {
    t.clock.set('2027-01-10T05:30:00Z');
    for (const k of Object.keys(u) as Array<keyof typeof u>) u[k] = await relogin(t, u[k]);
    const d = await as(t, u.so, { method: 'POST', url: '/api/v1/ipr/returns', payload: { year: 2026, carryForward: true } });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json().properties.map((p: { description: string }) => p.description)).toEqual(['Two-storey house', 'Agricultural land']);
    const fresh = await as(t, u.aso, { method: 'POST', url: '/api/v1/ipr/returns', payload: { year: 2026, carryForward: false } });
    expect(fresh.json().properties).toEqual([]);
    t.clock.set('2026-01-15T05:30:00Z');
    for (const k of Object.keys(u) as Array<keyof typeof u>) u[k] = await relogin(t, u[k]);
  });

  it('the window is configurable by the cadre authority (audited)', async () => {
    expect((await as(t, u.nodalA, { method: 'PUT', url: '/api/v1/ipr/window', payload: { opens: '01-01', closes: '02-15', fromYear: 2026, reason: 'extended by order' } })).statusCode).toBe(403);
    const r = await as(t, u.csi, { method: 'PUT', url: '/api/v1/ipr/window', payload: { opens: '01-01', closes: '02-15', fromYear: 2026, reason: 'extended by order' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ year: 2026, opens: '2027-01-01', closes: '2027-02-15' });
    expect((await as(t, u.so, { url: '/api/v1/ipr/window?year=2025' })).json().closes).toBe('2026-01-31');
    expect((await as(t, u.so, { url: '/api/v1/ipr/window?year=2026' })).json().closes).toBe('2027-02-15');
  });

  it('a window set for later years leaves the windows of earlier years as they were; a day that does not exist is refused', async () => {
    const put = (payload: object) => as(t, u.csi, { method: 'PUT', url: '/api/v1/ipr/window', payload });
    expect((await put({ opens: '01-01', closes: '02-30', fromYear: 2027, reason: 'no such day' })).json().field).toBe('closes');
    const r = await put({ opens: '01-01', closes: '01-31', fromYear: 2027, reason: 'back to the rule from 2027' });
    expect(r.statusCode, r.body).toBe(200);
    const w = async (y: number) => (await as(t, u.so, { url: `/api/v1/ipr/window?year=${y}` })).json().closes;
    expect([await w(2025), await w(2026), await w(2027), await w(2030)]).toEqual(['2026-01-31', '2027-02-15', '2028-01-31', '2031-01-31']);
    // setting 2026 again replaces 2026 onwards (and so the later row), never an earlier year
    await put({ opens: '01-01', closes: '03-31', fromYear: 2026, reason: 'extended again by order' });
    expect([await w(2025), await w(2026), await w(2027)]).toEqual(['2026-01-31', '2027-03-31', '2028-03-31']);
    const audit = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ipr.window.set'`);
    expect(audit!.n).toBe(3);
  });
});
