import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { one, sql } from '../src/db/client.ts';
import { runDueJobs } from '../src/jobs/jobs.ts';
import { verifyChain } from '../src/audit/audit.ts';
import { loadConfig } from '../src/config.ts';
import { httpIgot, igotClient, useIgotClient, type IgotClient } from '../src/integrations/igot.ts';

type U = Awaited<ReturnType<typeof makeUser>>;

describe.each(DATABASES)('areas of interest and iGOT on %s', (kind) => {
  let t: TestApp;
  let m1: number;
  let m2: number;
  let e1: string;
  let e2: string;
  let u1: U;
  let u2: U;
  let nodal1: U;
  let cs1: U;
  beforeAll(async () => {
    t = await testApp(kind);
    m1 = await makeMinistry(t, 'A');
    m2 = await makeMinistry(t, 'B');
    e1 = await makeEmployee(t, { ministryId: m1, grade: 'CSS.ASO' });
    e2 = await makeEmployee(t, { ministryId: m2, grade: 'CSS.SO' });
    u1 = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }], employeeId: e1 });
    u2 = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }], employeeId: e2 });
    nodal1 = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m1 }] });
    cs1 = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
  });
  afterAll(async () => t?.close());
  afterEach(() => useIgotClient(null));

  it('the employee picks areas from the taxonomy, sees matching iGOT courses with links, and the picks are pushed to iGOT', async () => {
    const tax = (await as(t, u1, { url: '/api/v1/interests/taxonomy' })).json();
    expect(tax.areas.length).toBeGreaterThan(15);
    expect(new Set(tax.areas.map((a: { type: string }) => a.type))).toEqual(new Set(['BEHAVIOURAL', 'FUNCTIONAL', 'DOMAIN']));
    expect(tax.areas.every((a: { hi: string }) => /[\u0900-\u097F]/.test(a.hi))).toBe(true);
    const bad = await as(t, u1, { method: 'PUT', url: '/api/v1/interests/me', payload: { areas: ['FUN.RTI', 'NO.SUCH'] } });
    expect(bad.json()).toMatchObject({ status: 400, field: 'areas.1' });
    const twice = await as(t, u1, { method: 'PUT', url: '/api/v1/interests/me', payload: { areas: ['FUN.RTI', 'FUN.RTI'] } });
    expect(twice.json()).toMatchObject({ status: 400, field: 'areas.1' });
    const ok = await as(t, u1, { method: 'PUT', url: '/api/v1/interests/me', payload: { areas: ['FUN.RTI', 'BEH.COMM'] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ areas: ['BEH.COMM', 'FUN.RTI'], igot: 'embedded' });
    expect((await as(t, u1, { url: '/api/v1/interests/me' })).json().areas).toEqual(['BEH.COMM', 'FUN.RTI']);
    const courses = (await as(t, u1, { url: '/api/v1/igot/courses' })).json();
    expect(courses.source).toBe('embedded');
    const rti = courses.items.find((c: { title: string }) => c.title.startsWith('Right to Information'));
    expect(rti).toMatchObject({ areas: ['FUN.RTI'] });
    expect(courses.items.every((c: { link: string }) => c.link.startsWith('https://igotkarmayogi.gov.in/'))).toBe(true);
    const one1 = (await as(t, u1, { url: '/api/v1/igot/courses?area=FUN.PROC' })).json();
    expect(one1.items.some((c: { title: string }) => /GeM/.test(c.title))).toBe(true);
    expect((await as(t, u1, { url: '/api/v1/igot/courses?area=NOPE' })).json()).toMatchObject({ status: 400, field: 'area' });
    await runDueJobs(t.app, { workerId: 'test' });
    const pushed = await one<{ changes: { accepted: boolean; areas: string[] } }>(t.database.db, sql`SELECT changes FROM audit_log WHERE action = 'igot.profile.push' AND entity_id = ${e1}`);
    expect(pushed!.changes).toMatchObject({ accepted: true, areas: ['BEH.COMM', 'FUN.RTI'] });
  });

  it('completed iGOT courses are pulled back into the profile’s training section (not while it awaits validation)', async () => {
    const fake: IgotClient = {
      kind: 'http',
      searchCourses: async () => [],
      pushProfile: async () => ({ accepted: true, reference: 'x' }),
      completedCourses: async () => [
        { courseId: 'do_1', title: 'Right to Information Act, 2005', provider: 'ISTM', startedOn: '2025-11-01', completedOn: '2025-11-20', link: 'https://igotkarmayogi.gov.in/app/toc/do_1/overview', certificateUrl: null },
        { courseId: 'do_2', title: 'Future course', provider: 'ISTM', startedOn: '2025-11-01', completedOn: '2099-01-01', link: null, certificateUrl: null },
      ],
    };
    useIgotClient(fake);
    await t.database.db.execute(sql`INSERT INTO profile (employee_id, state, data, version, ever_submitted, validated_version_no, updated_at)
      VALUES (${e1}, 'VALIDATED', ${JSON.stringify({ training: [] })}::jsonb, 3, true, 1, now()), (${e2}, 'SUBMITTED', ${JSON.stringify({ training: [] })}::jsonb, 2, true, NULL, now())`);
    const s = await as(t, u1, { method: 'POST', url: '/api/v1/igot/sync' });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ pulled: 2, new: 1, addedToProfile: 1 });
    expect(s.json().items).toEqual([expect.objectContaining({ courseId: 'do_1', inProfile: true })]);
    const p = await one<{ state: string; version: number; data: { training: Array<Record<string, unknown>> } }>(t.database.db, sql`SELECT state, version, data FROM profile WHERE employee_id = ${e1}`);
    expect(p!.data.training).toEqual([{ title: 'Right to Information Act, 2005', institution: 'iGOT Karmayogi · ISTM', from: '2025-11-01', to: '2025-11-20', source: 'IGOT' }]);
    expect(p!.version).toBe(4);
    expect(p!.state).not.toBe('VALIDATED'); // a change the Nodal Officer validates
    const again = (await as(t, u1, { method: 'POST', url: '/api/v1/igot/sync' })).json();
    expect(again).toMatchObject({ new: 0, addedToProfile: 0 });
    const waiting = (await as(t, u2, { method: 'POST', url: '/api/v1/igot/sync' })).json();
    expect(waiting).toMatchObject({ new: 1, addedToProfile: 0, profileState: 'SUBMITTED' });
    expect((await as(t, u2, { url: '/api/v1/igot/completions' })).json().items[0]).toMatchObject({ courseId: 'do_1', inProfile: false });
    useIgotClient({ ...fake, completedCourses: async () => { throw new (await import('../src/integrations/igot.ts')).IgotError('down'); } });
    expect((await as(t, u1, { method: 'POST', url: '/api/v1/igot/sync' })).statusCode).toBe(503);
  });

  it('Nodal Officers see interests of their Ministry per grade, DoPT its cadres; exportable', async () => {
    await as(t, u2, { method: 'PUT', url: '/api/v1/interests/me', payload: { areas: ['FUN.RTI'] } });
    const mine = await as(t, nodal1, { url: '/api/v1/interests/aggregate' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().officersWithInterests).toBe(1);
    expect(mine.json().items.every((i: { ministryId: number }) => i.ministryId === m1)).toBe(true);
    expect((await as(t, nodal1, { url: `/api/v1/interests/aggregate?ministryId=${m2}` })).json().code).toBe('OUT_OF_SCOPE');
    const all = (await as(t, cs1, { url: '/api/v1/interests/aggregate' })).json();
    expect(all.officersWithInterests).toBe(2);
    expect(all.items.find((i: { ministryId: number; areaCode: string }) => i.ministryId === m2 && i.areaCode === 'FUN.RTI')).toMatchObject({ grade: 'CSS.SO', officers: 1 });
    const xlsx = await as(t, cs1, { url: '/api/v1/interests/aggregate?format=xlsx' });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const csv = await as(t, nodal1, { url: '/api/v1/interests/aggregate?format=csv', headers: { cookie: `${nodal1.cookie}; lang=hi` } });
    expect(csv.body).toContain('सूचना का अधिकार');
    expect((await as(t, u1, { url: '/api/v1/interests/aggregate' })).json().code).toBe('FORBIDDEN');
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});

describe('iGOT HTTP adapter', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ method: string; url: string; auth: string | undefined; body: string }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
        res.setHeader('content-type', 'application/json');
        if (req.url === '/api/composite/v1/search') {
          res.end(JSON.stringify({ result: { content: [{ identifier: 'do_113', name: 'Noting and Drafting', source: 'ISTM', duration: '7200', competencies_v5: [{ competencyThemeName: 'Noting and drafting' }] }] } }));
        } else if (req.url === '/api/user/v1/search') {
          res.end(JSON.stringify({ result: { response: { content: [{ id: 'user-9' }] } } }));
        } else if (req.url === '/api/course/v1/user/enrollment/list/user-9') {
          res.end(JSON.stringify({ result: { courses: [
            { courseId: 'do_113', courseName: 'Noting and Drafting', status: 2, enrolledDate: '2025-10-01 10:00:00', completedOn: Date.parse('2025-10-05T00:00:00Z'), issuedCertificates: [{ identifier: 'cert-1' }] },
            { courseId: 'do_114', courseName: 'Half done', status: 1, enrolledDate: '2025-10-01' },
          ] } }));
        } else if (req.url === '/api/user/v1/extPatch') {
          res.end(JSON.stringify({ result: { response: 'SUCCESS' } }));
        } else {
          res.statusCode = 404;
          res.end('{}');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it('is chosen by IGOT_BASE_URL, sends the key, searches, pushes the profile and reads completions', async () => {
    const config = loadConfig({ NODE_ENV: 'test', IGOT_BASE_URL: `${base}/`, IGOT_API_KEY: 'k-123' });
    expect(config.igot).toEqual({ baseUrl: base, apiKey: 'k-123' });
    const c = igotClient(config);
    expect(c.kind).toBe('http');
    expect(igotClient(loadConfig({ NODE_ENV: 'test' })).kind).toBe('embedded');
    const courses = await c.searchCourses(['Noting and drafting']);
    expect(courses).toEqual([{ id: 'do_113', title: 'Noting and Drafting', provider: 'ISTM', durationHours: 2, competencies: ['Noting and drafting'], link: `${base}/app/toc/do_113/overview` }]);
    expect(JSON.parse(seen[0].body).request.filters['competencies_v5.competencyThemeName']).toEqual(['Noting and drafting']);
    expect(seen[0].auth).toBe('Bearer k-123');
    const done = await c.completedCourses({ employeeCode: 'E1', email: 'a@example.gov.in' });
    expect(done).toEqual([{ courseId: 'do_113', title: 'Noting and Drafting', provider: 'iGOT Karmayogi', startedOn: '2025-10-01', completedOn: '2025-10-05', link: `${base}/app/toc/do_113/overview`, certificateUrl: `${base}/public/certs/cert-1` }]);
    const pushed = await c.pushProfile({ employeeCode: 'E1', email: 'a@example.gov.in', name: 'A', ministry: 'M', designation: 'SO', competencies: ['RTI Act'], areas: [{ code: 'FUN.RTI', name: 'RTI' }] });
    expect(pushed).toEqual({ accepted: true, reference: 'user-9' });
    await expect(httpIgot({ baseUrl: `${base}/nowhere` }).searchCourses(['x'])).rejects.toThrow(/HTTP 404/);
  });
});
