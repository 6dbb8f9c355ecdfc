// npm run bench:registration — 30,000-row registration file: upload+check (preview) and commit, on PGlite
// and (with DATABASE_URL) PostgreSQL, against a raw baseline in the same run: one multi-row INSERT … SELECT of
// the same rows with no checks. Writes bench/results/registration.md. Targets: PostgreSQL ≤ 10 s, PGlite ≤ 30 s.
import fs from 'node:fs';
import os from 'node:os';
import { rows, sql } from '../packages/server/src/db/client.ts';
import { runDueJobs } from '../packages/server/src/jobs/jobs.ts';
import { makeUser, testApp, type TestApp } from '../packages/server/test/harness.ts';

const N = Number(process.env.BENCH_ROWS ?? 30_000);
const HEADER = 'employee_code,name_en,name_hi,date_of_birth,gender,marital_status,mobile,email,login_id,cadre,grade,entry_grade,entry_date,present_grade_date,ministry_code,ministry_join_date,select_list_year,probation_end';
const GRADES = ['CSS.ASO', 'CSS.SO', 'CSS.US', 'CSS.DS'];

function file(ministries: string[]): string {
  const lines = [HEADER];
  for (let i = 0; i < N; i++) {
    const y = 1966 + (i % 30);
    const dob = `${y}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const entry = `${y + 25}-07-01`;
    lines.push([`B${String(i).padStart(6, '0')}`, 'Ravi Kumar', 'रवि कुमार', dob, i % 2 ? 'M' : 'F', 'MARRIED', `9${String(100000000 + i)}`, `b${i}@nic.in`, `user.b${i}`, 'CSS', GRADES[i % 4], 'CSS.ASO', entry, entry, ministries[i % ministries.length], entry, '', ''].join(','));
  }
  return lines.join('\n');
}

async function measure(kind: 'pglite' | 'postgres') {
  const t: TestApp = await testApp(kind);
  const ministries = (await rows<{ code: string }>(t.database.db, sql`SELECT code FROM ministry`)).map((m) => m.code);
  if (ministries.length === 0) {
    await t.database.db.execute(sql`INSERT INTO ministry (id, code, name_en, name_hi, rotation_group) VALUES (1, 'M1', 'M1', 'म1', 'A')`);
    ministries.push('M1');
  }
  const csv = file(ministries);
  const cs1 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
  const t0 = performance.now();
  const up = await t.app.inject({ method: 'POST', url: '/api/v1/registration/imports?filename=bench.csv', payload: csv, headers: { ...cs1.headers, 'content-type': 'text/csv' } });
  if (up.statusCode !== 201) throw new Error(up.body);
  const s = up.json();
  const t1 = performance.now();
  const c = await t.app.inject({ method: 'POST', url: `/api/v1/registration/imports/${s.id}/commit`, payload: { mode: 'ALL', version: s.version }, headers: cs1.headers });
  if (c.statusCode !== 202) throw new Error(`commit: ${c.body} (valid ${s.valid}, invalid ${s.invalid}: ${JSON.stringify(s.firstErrors.slice(0, 3))})`);
  await runDueJobs(t.app, { workerId: 'bench' });
  const t2 = performance.now();
  const count = (await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM employee`))[0].n;
  // Raw baseline: the same rows copied with one INSERT … SELECT from the stored import, no checks, no accounts, no audit.
  await t.database.db.execute(sql`CREATE TEMP TABLE raw_copy (LIKE employee INCLUDING DEFAULTS)`);
  const b0 = performance.now();
  await t.database.db.execute(sql`
    INSERT INTO raw_copy (id, employee_code, name_en, name_hi, date_of_birth, gender, cadre, grade, pay_level, entry_grade, entry_date, present_grade_date, ministry_id, ministry_join_date, superannuation_date)
    SELECT gen_random_uuid(), r->>'employee_code', r->>'name_en', r->>'name_hi', (r->>'date_of_birth')::date, r->>'gender', r->>'cadre', r->>'grade', r->>'pay_level', r->>'entry_grade',
           (r->>'entry_date')::date, (r->>'present_grade_date')::date, (r->>'ministry_id')::int, (r->>'ministry_join_date')::date, (r->>'superannuation_date')::date
      FROM registration_import i, jsonb_array_elements(i.rows) r WHERE i.id = ${s.id}`);
  const b1 = performance.now();
  const reup = performance.now();
  const again = await t.app.inject({ method: 'POST', url: '/api/v1/registration/imports?filename=bench.csv', payload: csv, headers: { ...cs1.headers, 'content-type': 'text/csv' } });
  const reupMs = performance.now() - reup;
  await t.close();
  return { kind, preview: t1 - t0, commit: t2 - t1, total: t2 - t0, raw: b1 - b0, count, unchangedOnReimport: again.json().unchangedRows, reupMs };
}

const results = [await measure('pglite')];
if (process.env.DATABASE_URL) results.push(await measure('postgres'));
const s = (ms: number) => (ms / 1000).toFixed(2);
const md = `# Registration import benchmark (bench/registration.ts)

${N.toLocaleString('en-IN')}-row CSV uploaded by a CS.I officer through the API (parse, check every row, classify new/changed/unchanged,
store the preview), then committed as a job (employees, login accounts, role grants, audit records) in one transaction.
Baseline measured in the same run: one \`INSERT … SELECT\` of the same rows from the stored preview, with no checks, accounts or audit.
Machine: ${os.cpus().length} cores, shared. Run ${new Date().toISOString().slice(0, 16)}Z.

| database | upload + check (s) | commit (s) | **total (s)** | raw baseline insert (s) | total/raw | employees | re-import found unchanged (s) | target |
|---|---|---|---|---|---|---|---|---|
${results.map((r) => `| ${r.kind} | ${s(r.preview)} | ${s(r.commit)} | **${s(r.total)}** | ${s(r.raw)} | ${(r.total / r.raw).toFixed(1)}× | ${r.count} | ${r.unchangedOnReimport} (${s(r.reupMs)}) | ${r.kind === 'postgres' ? '≤ 10 s' : '≤ 30 s'} |`).join('\n')}
`;
fs.writeFileSync('bench/results/registration.md', md);
console.log(md);
process.exit(0);
