import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeUser, testApp, type TestApp } from './harness.ts';
import { one, rows, sql } from '../src/db/client.ts';
import { runDueJobs } from '../src/jobs/jobs.ts';

const HEADER = 'employee_code,name_en,name_hi,date_of_birth,gender,marital_status,mobile,email,login_id,cadre,grade,entry_grade,entry_date,present_grade_date,ministry_code,ministry_join_date,select_list_year,probation_end';
const row = (code: string, over: Partial<Record<string, string>> = {}) => {
  const r: Record<string, string> = {
    employee_code: code, name_en: 'Asha Verma', name_hi: 'आशा वर्मा', date_of_birth: '1985-04-10', gender: 'F', marital_status: 'MARRIED', mobile: '9876543210',
    email: `${code.toLowerCase()}@nic.in`, login_id: `login.${code.toLowerCase()}`, cadre: 'CSS', grade: 'CSS.SO', entry_grade: 'CSS.ASO', entry_date: '2010-07-01',
    present_grade_date: '2017-07-01', ministry_code: 'REGTEST', ministry_join_date: '2017-07-01', select_list_year: '', probation_end: '', ...over,
  };
  return HEADER.split(',').map((k) => (r[k].includes(',') ? `"${r[k]}"` : r[k])).join(',');
};

describe.each(DATABASES)('global registration on %s', (kind) => {
  let t: TestApp;
  let cs1: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    t = await testApp(kind);
    await t.database.db.execute(sql`INSERT INTO ministry (id, code, name_en, name_hi, rotation_group) VALUES (777, 'REGTEST', 'Registration Test Ministry', 'पंजीकरण परीक्षण मंत्रालय', 'A')`);
    cs1 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
  });
  afterAll(async () => t?.close());
  const upload = (u: typeof cs1, csv: string) => as(t, u, { method: 'POST', url: '/api/v1/registration/imports?filename=cs1.csv', payload: csv, headers: { 'content-type': 'text/csv' } });
  const commit = async (id: number, mode: 'ALL' | 'VALID_ONLY', version: number) => {
    const r = await as(t, cs1, { method: 'POST', url: `/api/v1/registration/imports/${id}/commit`, payload: { mode, version } });
    if (r.statusCode === 202) await runDueJobs(t.app, { workerId: 'test' });
    return r;
  };

  it('previews row errors in the request language, commits only the valid rows, and a re-import changes nothing', async () => {
    const csv = [HEADER, row('R1'), row('R2', { mobile: '12345', date_of_birth: '1985-02-30' }), row('R1'), row('R3', { cadre: 'CSSS', grade: 'CSSS.PA', entry_grade: 'CSSS.PA' }), row('R4', { name_en: '=cmd()' })].join('\r\n');
    const p = await upload(cs1, csv);
    expect(p.statusCode).toBe(201);
    const s = p.json();
    expect(s).toMatchObject({ total: 5, valid: 1, invalid: 4, newRows: 1, status: 'PREVIEW' });
    const errs = (await as(t, cs1, { url: `/api/v1/registration/imports/${s.id}/errors?pageSize=50`, headers: { cookie: `${cs1.cookie}; lang=hi` } })).json();
    expect(errs.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, column: 'mobile', value: '12345' }),
      expect.objectContaining({ row: 3, column: 'date_of_birth' }),
      expect.objectContaining({ row: 4, column: 'employee_code', message: 'पंक्ति 2 की पुनरावृत्ति' }),
      expect.objectContaining({ row: 5, column: 'cadre', message: 'यह आपके द्वारा प्रशासित संवर्ग नहीं है' }),
      expect.objectContaining({ row: 6, column: 'name_en' }),
    ]));
    expect((await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM employee`))!.n).toBe(0); // nothing written by a preview
    const all = await commit(s.id, 'ALL', s.version);
    expect(all.json()).toMatchObject({ status: 400, field: 'mode' });
    const ok = await commit(s.id, 'VALID_ONLY', s.version);
    expect(ok.statusCode).toBe(202);
    const done = (await as(t, cs1, { url: `/api/v1/registration/imports/${s.id}` })).json();
    expect(done).toMatchObject({ status: 'COMMITTED', result: { created: 1, updated: 0, unchanged: 0 } });
    const emp = await one<{ login_id: string; superannuation_date: string; pay_level: string }>(t.database.db, sql`SELECT u.login_id, e.superannuation_date, e.pay_level FROM employee e JOIN app_user u ON u.employee_id = e.id WHERE e.employee_code = 'R1'`);
    expect(emp).toEqual({ login_id: 'login.r1', superannuation_date: '2045-04-30', pay_level: '8' });

    const again = (await upload(cs1, [HEADER, row('R1')].join('\n'))).json();
    expect(again).toMatchObject({ valid: 1, newRows: 0, changedRows: 0, unchangedRows: 1 });
    await commit(again.id, 'ALL', again.version);
    expect((await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registration.update'`))!.n).toBe(0);

    const changed = (await upload(cs1, [HEADER, row('R1', { mobile: '9123456789' })].join('\n'))).json();
    expect(changed.changedRows).toBe(1);
    await commit(changed.id, 'ALL', changed.version);
    const audit = await rows<{ changes: Record<string, unknown> }>(t.database.db, sql`SELECT changes FROM audit_log WHERE action = 'registration.update'`);
    expect(audit).toEqual([{ changes: { mobile: { before: '9876543210', after: '9123456789' } } }]);
  });

  it('refuses files without the required columns, empty files and non-cadre-authority callers', async () => {
    expect((await upload(cs1, 'employee_code,name_en\nX,Y')).json()).toMatchObject({ status: 400, field: 'file' });
    expect((await upload(cs1, HEADER)).json()).toMatchObject({ status: 400, field: 'file' });
    const nodal = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: 777 }] });
    expect((await upload(nodal, [HEADER, row('Z1')].join('\n'))).statusCode).toBe(403);
    const tpl = await as(t, cs1, { url: '/api/v1/registration/template?format=xlsx' });
    expect(tpl.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
