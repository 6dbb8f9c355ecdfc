// Deputation end to end (issue 6): organisations and their sub-nodal officers, advertisements (draft →
// published → corrigendum → closed by the job), eligibility from the engine, applications through every
// transition and every role's view, on PGlite and (with DATABASE_URL) PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import { one, rows, sql } from '../src/db/client.ts';
import { runDueJobs } from '../src/jobs/jobs.ts';
import { lastReportingYears } from '../src/integrations/sparrow.ts';
import { DATABASES, as, makeEmployee, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';

type U = { userId: string; headers: Record<string, string> };

describe.each(DATABASES)('deputation on %s', (kind) => {
  let t: TestApp;
  let mA: number;
  let mB: number;
  let orgId: number;
  let org2Id: number;
  const u = {} as Record<'nodalA' | 'nodalB' | 'csi' | 'csii' | 'avd' | 'admin' | 'sub' | 'sub2' | 'so' | 'us' | 'young' | 'draftOnly' | 'suspended' | 'noIpr' | 'so2', U>;
  const emp = {} as Record<'nodalA' | 'so' | 'us' | 'young' | 'draftOnly' | 'suspended' | 'noIpr' | 'so2', string>;
  let adSo: string;
  let adUs: string;

  const post = (who: U, url: string, payload: unknown) => as(t, who, { method: 'POST', url, payload: payload as object });
  const get = (who: U, url: string) => as(t, who, { url });
  async function sessionFor(userId: string): Promise<U> {
    const s = await createSession(t.database.db, userId, t.clock.now(), t.config.sessionAbsoluteMs);
    const cookie = `${SESSION_COOKIE}=${s.token}`;
    return { userId, headers: { cookie, 'x-csrf-token': s.csrfToken } };
  }
  async function validated(employeeId: string) {
    await t.database.db.execute(sql`INSERT INTO profile (employee_id, state, data, validated_version_no, updated_at) VALUES (${employeeId}, 'VALIDATED', '{}'::jsonb, 1, now())`);
  }
  async function iprFiled(employeeId: string, year = 2024) {
    await t.database.db.execute(sql`
      INSERT INTO ipr_return (id, employee_id, kind, year, as_on, status, nil, rows, mode, filed_on, created_at, updated_at)
      VALUES (${randomUUID()}, ${employeeId}, 'ANNUAL', ${year}, ${`${year}-12-31`}, 'FILED', true, '[]'::jsonb, 'ONLINE', ${`${year + 1}-01-20`}, now(), now())`);
  }
  async function employee(key: keyof typeof emp, spec: Parameters<typeof makeEmployee>[1], opts: { profile?: boolean; ipr?: boolean; nodal?: boolean } = {}) {
    emp[key] = await makeEmployee(t, spec);
    if (opts.profile !== false) await validated(emp[key]);
    if (opts.ipr !== false) await iprFiled(emp[key]);
    u[key] = await makeUser(t, { employeeId: emp[key], roles: [{ role: 'EMPLOYEE' }, ...(opts.nodal ? [{ role: 'NODAL_OFFICER' as const, ministryId: spec.ministryId }] : [])] });
  }
  const ad = (over: Record<string, unknown> = {}) => ({
    organisationId: orgId,
    post: 'Deputy Manager (Administration)',
    level: '10',
    posts: 1,
    station: 'New Delhi',
    eligibleCadres: ['CSS'],
    feeder: [{ grade: 'CSS.SO', minRegularServiceYears: 5 }],
    qualifications: ['Graduate'],
    tenureYears: null,
    closingDate: '2026-02-15',
    documents: ['APAR dossier', 'Vigilance clearance'],
    ...over,
  });
  async function appView(who: U, id: string) {
    const r = await get(who, `/api/v1/deputation/applications/${id}`);
    return r;
  }

  beforeAll(async () => {
    t = await testApp(kind);
    mA = await makeMinistry(t, 'A');
    mB = await makeMinistry(t, 'B');
    await employee('nodalA', { ministryId: mA, grade: 'CSS.SO' }, { nodal: true });
    await employee('so', { ministryId: mA, grade: 'CSS.SO' });
    await employee('so2', { ministryId: mA, grade: 'CSS.SO' });
    await employee('us', { ministryId: mA, grade: 'CSS.US' });
    await employee('young', { ministryId: mA, grade: 'CSS.SO', entryDate: '2022-07-01', dateOfBirth: '1995-01-01' });
    await employee('draftOnly', { ministryId: mA, grade: 'CSS.SO' }, { profile: false });
    await employee('suspended', { ministryId: mA, grade: 'CSS.SO' });
    await employee('noIpr', { ministryId: mA, grade: 'CSS.SO' }, { ipr: false });
    await t.database.db.execute(sql`INSERT INTO vigilance_event (employee_id, kind, event_date, details) VALUES (${emp.suspended}, 'SUSPENSION', '2025-12-01', '{}'::jsonb)`);
    u.nodalB = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: mB }] });
    u.csi = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    u.csii = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSSS', 'CSCS'] }] });
    u.avd = await makeUser(t, { roles: [{ role: 'AVD' }] });
    u.admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
  });
  afterAll(async () => t?.close());

  it('a Nodal Officer onboards an organisation of own Ministry and invites its sub-nodal officer; nobody else may', async () => {
    const body = { nameEn: 'Bharat Heavy Things Ltd', nameHi: 'भारत हेवी थिंग्स लिमिटेड', kind: 'PSU', station: 'New Delhi' };
    const r = await post(u.nodalA, '/api/v1/organisations', body);
    expect(r.statusCode, r.body).toBe(201);
    orgId = r.json().id;
    expect(r.json().ministryId).toBe(mA);
    expect(r.json().abilities).toContain('organisation.manage');
    const other = await post(u.nodalB, '/api/v1/organisations', { ...body, ministryId: mA });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    for (const who of [u.so, u.csi, u.admin, u.avd]) expect((await post(who, '/api/v1/organisations', body)).json().code).toBe('FORBIDDEN');
    const dup = await post(u.nodalA, '/api/v1/organisations', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().field).toBe('nameEn');
    const bad = await post(u.nodalA, '/api/v1/organisations', { ...body, kind: 'NGO', extra: 1 });
    expect(bad.statusCode).toBe(400);

    const inv = await post(u.nodalA, `/api/v1/organisations/${orgId}/officers`, { loginId: 'sno.bhtl', email: 'sno@bhtl.example.in', name: 'R. Sharma', designation: 'GM (HR)' });
    expect(inv.statusCode, inv.body).toBe(201);
    const officer = inv.json().officers[0];
    expect(officer).toMatchObject({ loginId: 'sno.bhtl', status: 'ACTIVE' });
    u.sub = await sessionFor(officer.userId);
    const note = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE user_id = ${officer.userId} AND kind = 'organisation.officer.invited'`);
    expect(note!.n).toBe(1);
    // invited officer sees their organisation, not others
    expect((await get(u.sub, `/api/v1/organisations/${orgId}`)).statusCode).toBe(200);
    const mine = (await get(u.sub, '/api/v1/organisations')).json();
    expect(mine.items.map((o: { id: number }) => o.id)).toEqual([orgId]);
    // a second organisation, under Ministry B, with its own officer
    const o2 = await post(u.nodalB, '/api/v1/organisations', { nameEn: 'Other Autonomous Body', nameHi: 'अन्य स्वायत्त निकाय', kind: 'AUTONOMOUS' });
    org2Id = o2.json().id;
    const inv2 = await post(u.nodalB, `/api/v1/organisations/${org2Id}/officers`, { loginId: 'sno.oab', email: 'sno@oab.example.in', name: 'K. Iyer' });
    u.sub2 = await sessionFor(inv2.json().officers[0].userId);
    expect((await get(u.sub2, `/api/v1/organisations/${orgId}`)).json().code).toBe('OUT_OF_SCOPE');
    expect((await get(u.nodalB, `/api/v1/organisations/${orgId}`)).json().code).toBe('OUT_OF_SCOPE');
  });

  it('the sub-nodal officer drafts and publishes; a draft is invisible to employees; problems name the field', async () => {
    const bad = await post(u.sub, '/api/v1/deputation/advertisements', ad({ posts: 0 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('posts');
    const other = await post(u.sub2, '/api/v1/deputation/advertisements', ad());
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    const r = await post(u.sub, '/api/v1/deputation/advertisements', ad());
    expect(r.statusCode, r.body).toBe(201);
    adSo = r.json().id;
    expect(r.json()).toMatchObject({ state: 'DRAFT', revision: 1, organisation: { en: 'Bharat Heavy Things Ltd' } });
    expect(r.json().steps).toEqual(expect.arrayContaining(['edit', 'publish']));
    expect((await get(u.so, `/api/v1/deputation/advertisements/${adSo}`)).statusCode).toBe(404);
    expect((await get(u.so, '/api/v1/deputation/advertisements')).json().items).toEqual([]);
    expect((await get(u.sub2, `/api/v1/deputation/advertisements/${adSo}`)).statusCode).toBe(403);
    // a draft edit is a revision too; a stale version is refused
    const ed = await as(t, u.sub, { method: 'PUT', url: `/api/v1/deputation/advertisements/${adSo}`, payload: { version: 1, changes: { station: 'New Delhi (Scope Complex)' } } });
    expect(ed.statusCode, ed.body).toBe(200);
    expect(ed.json().revision).toBe(2);
    const stale = await post(u.sub, `/api/v1/deputation/advertisements/${adSo}/publish`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const pub = await post(u.sub, `/api/v1/deputation/advertisements/${adSo}/publish`, { version: ed.json().version });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ state: 'PUBLISHED', publishedOn: '2026-01-15', applicationsOpen: true });
    const told = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE user_id = ${u.so.userId} AND kind = 'deputation.ad.published'`);
    expect(told!.n).toBe(1);
    const jobs = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM job WHERE id LIKE ${`deputation-ad:${adSo}:%`} ORDER BY id`);
    expect(jobs.map((j) => j.id.split(':').at(-1))).toEqual(['close', 'remind-1d', 'remind-7d']);
    // the Ministry's Nodal Officer may publish for its organisation's posts (US and above post for the DoPT route)
    const us = await post(u.nodalA, '/api/v1/deputation/advertisements', ad({ post: 'Director (Admin)', level: '12', feeder: [{ grade: 'CSS.US', minRegularServiceYears: 3 }] }));
    expect(us.statusCode, us.body).toBe(201);
    adUs = us.json().id;
    expect((await post(u.nodalA, `/api/v1/deputation/advertisements/${adUs}/publish`, { version: us.json().version })).statusCode).toBe(200);
  });

  it('employees see each published advertisement with "eligible" or the engine\'s reasons why not', async () => {
    const list = (await get(u.so, '/api/v1/deputation/advertisements')).json();
    const so = list.items.find((a: { id: string }) => a.id === adSo);
    expect(so.eligibility.eligible).toBe(true);
    expect(so.eligibility.asOn).toBe('2026-02-15');
    const us = list.items.find((a: { id: string }) => a.id === adUs);
    expect(us.eligibility.eligible).toBe(false);
    expect(us.eligibility.reasons.map((r: { code: string }) => r.code)).toContain('DEP_GRADE_NOT_ELIGIBLE');
    const codes = async (who: U) => ((await get(who, `/api/v1/deputation/advertisements/${adSo}`)).json().eligibility.reasons as Array<{ code: string }>).map((r) => r.code);
    expect(await codes(u.young)).toEqual(expect.arrayContaining(['DEP_SERVICE_IN_GRADE_SHORT', 'DEP_CSS_9_YEARS']));
    expect(await codes(u.suspended)).toContain('DEP_VIGILANCE_WITHHELD');
    expect(await codes(u.noIpr)).toEqual(expect.arrayContaining(['DEP_IPR_NOT_COMPLIANT', 'DEP_VIGILANCE_WITHHELD']));
    expect(await codes(u.draftOnly)).toContain('DEP_PROFILE_NOT_VALIDATED');
    const only = (await get(u.young, '/api/v1/deputation/advertisements?eligibleOnly=true')).json();
    expect(only.items).toEqual([]);
    // sub-nodal officers do not browse other organisations' advertisements
    expect((await get(u.sub2, '/api/v1/deputation/advertisements')).json().code).toBe('FORBIDDEN');
    const managed = (await get(u.sub2, '/api/v1/deputation/advertisements/manage')).json();
    expect(managed.items).toEqual([]);
  });

  let appSo: string;
  let appNodal: string;
  let appUs: string;
  it('applying: refused until the profile is final, refused with reasons when not eligible, once per advertisement; withdraw and apply again', async () => {
    const draft = await post(u.draftOnly, '/api/v1/deputation/applications', { advertisementId: adSo, statement: 'I have 15 years in administration.' });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().code).toBe('PROFILE_NOT_VALIDATED');
    const young = await post(u.young, '/api/v1/deputation/applications', { advertisementId: adSo, statement: 'Please consider me.' });
    expect(young.statusCode).toBe(422);
    expect(young.json().code).toBe('NOT_ELIGIBLE');
    expect(young.json().reasons.map((r: { code: string }) => r.code)).toContain('DEP_CSS_9_YEARS');
    const empty = await post(u.so, '/api/v1/deputation/applications', { advertisementId: adSo, statement: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('statement');
    const ok = await post(u.so, '/api/v1/deputation/applications', { advertisementId: adSo, statement: 'Fifteen years in establishment matters.' });
    expect(ok.statusCode, ok.body).toBe(201);
    appSo = ok.json().id;
    expect(ok.json()).toMatchObject({ state: 'APPLIED', forwarded: false, timeline: [{ action: 'apply', to: 'APPLIED', role: 'EMPLOYEE' }] });
    expect(ok.json().clearanceRoute.clearedBy).toBe('NODAL_OFFICER');
    const again = await post(u.so, '/api/v1/deputation/applications', { advertisementId: adSo, statement: 'Again.' });
    expect(again.statusCode).toBe(409);
    // so2 applies and withdraws (a terminal step), then applies afresh
    const a2 = await post(u.so2, '/api/v1/deputation/applications', { advertisementId: adSo, statement: 'Interested in the post.' });
    const w = await post(u.so2, `/api/v1/deputation/applications/${a2.json().id}/withdraw`, { version: a2.json().version, reason: 'Personal reasons' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().state).toBe('WITHDRAWN');
    expect((await post(u.so2, `/api/v1/deputation/applications/${a2.json().id}/withdraw`, { version: w.json().version })).json().code).toBe('INVALID_STATE');
    expect((await post(u.so2, '/api/v1/deputation/applications', { advertisementId: adSo, statement: 'Re-applying now.' })).statusCode).toBe(201);
    // nobody withdraws another's application
    expect((await post(u.so2, `/api/v1/deputation/applications/${appSo}/withdraw`, { version: 1 })).json().code).toBe('OUT_OF_SCOPE');
    const n = await post(u.nodalA, '/api/v1/deputation/applications', { advertisementId: adSo, statement: 'The Nodal Officer applies too.' });
    expect(n.statusCode, n.body).toBe(201);
    appNodal = n.json().id;
    const us = await post(u.us, '/api/v1/deputation/applications', { advertisementId: adUs, statement: 'Under Secretary since 2010.' });
    expect(us.statusCode, us.body).toBe(201);
    appUs = us.json().id;
    expect(us.json().clearanceRoute).toMatchObject({ clearedBy: 'CADRE_AUTHORITY', doptApprovalNeeded: true });
    const told = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE user_id = ${u.nodalA.userId} AND kind = 'deputation.applied.nodal'`);
    expect(told!.n).toBeGreaterThanOrEqual(3);
  });

  it('before forwarding the borrowing organisation sees nothing of the application', async () => {
    expect((await get(u.sub, `/api/v1/deputation/applications/${appSo}`)).statusCode).toBe(404);
    expect((await get(u.sub, '/api/v1/deputation/applications')).json().items).toEqual([]);
    expect((await get(u.sub2, `/api/v1/deputation/applications/${appSo}`)).json().code).toBe('OUT_OF_SCOPE');
    const manage = (await get(u.sub, '/api/v1/deputation/advertisements/manage')).json();
    expect(manage.items.find((a: { id: string }) => a.id === adSo).counts).toEqual({ applications: null, forwarded: 0 });
  });

  it('cadre unit: forwarding needs the integrity certificate and 5 years of APAR gradings; no self-forwarding; another Ministry cannot', async () => {
    const v = (await appView(u.nodalA, appSo)).json();
    expect(v.steps).toEqual(expect.arrayContaining(['forward', 'rejectByMinistry']));
    const prev = await get(u.nodalA, `/api/v1/deputation/applications/${appSo}/forwarding`);
    expect(prev.statusCode, prev.body).toBe(200);
    expect(prev.json().vigilance.status).toBe('CLEAR');
    expect(prev.json().aparGradings.missingYears).toHaveLength(5);
    const noCert = await post(u.nodalA, `/api/v1/deputation/applications/${appSo}/forward`, { version: v.version, integrityCertificate: false });
    expect(noCert.statusCode).toBe(400);
    expect(noCert.json().field).toBe('integrityCertificate');
    const noApar = await post(u.nodalA, `/api/v1/deputation/applications/${appSo}/forward`, { version: v.version, integrityCertificate: true });
    expect(noApar.statusCode).toBe(400);
    expect(noApar.json().field).toBe('aparGradings');
    const years = lastReportingYears('2026-01-15');
    // SPARROW (embedded fake) has three years; the Nodal Officer enters the other two
    for (const y of years.slice(0, 3)) await t.database.db.execute(sql`INSERT INTO apar_grading (employee_id, year, grading, score) VALUES (${emp.so}, ${y}, 'VERY_GOOD', 8.5)`);
    const other = await post(u.nodalB, `/api/v1/deputation/applications/${appSo}/forward`, { version: v.version, integrityCertificate: true });
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    const self = await post(u.nodalA, `/api/v1/deputation/applications/${appNodal}/forward`, { version: 1, integrityCertificate: true });
    expect(self.json().code).toBe('SELF_APPROVAL');
    const fw = await post(u.nodalA, `/api/v1/deputation/applications/${appSo}/forward`, {
      version: v.version,
      integrityCertificate: true,
      aparGradings: years.slice(3).map((y) => ({ year: y, grading: 'OUTSTANDING' })),
      remarks: 'Cadre clearance given.',
    });
    expect(fw.statusCode, fw.body).toBe(200);
    expect(fw.json()).toMatchObject({ state: 'CADRE_CLEARED', forwarded: true });
    expect(fw.json().forwarding.aparGradings.items).toHaveLength(5);
    expect(fw.json().forwarding.aparGradings.source).toBe('MIXED');
    expect(fw.json().forwarding.vigilance.grounds).toEqual([]);
    const stale = await post(u.nodalA, `/api/v1/deputation/applications/${appSo}/reject`, { version: v.version, reasons: 'Too late, already forwarded.' });
    expect(stale.json().code).toBe('STALE_VERSION');
    const nv = (await appView(u.nodalA, appNodal)).json();
    expect(nv.steps).toEqual(['withdraw']); // own application: only the applicant's step, no decision
  });

  it('a sub-nodal officer sees a forwarded application with only the vigilance clearance result', async () => {
    const v = await appView(u.sub, appSo);
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().forwarding.vigilance).toEqual({ on: '2026-01-15', purpose: 'DEPUTATION', status: 'CLEAR' });
    expect(v.json().forwarding.detailsHidden).toBe(true);
    expect(v.json().forwarding.penaltiesLast10Years).toEqual({ from: '2016-01-15', to: '2026-01-15', count: 0 });
    expect(JSON.stringify(v.json().forwarding)).not.toMatch(/grounds|notes/);
    expect(v.json().steps).toEqual(expect.arrayContaining(['shortlist', 'notSelect']));
    const list = (await get(u.sub, '/api/v1/deputation/applications')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([appSo]);
    expect((await get(u.sub, `/api/v1/deputation/applications/${appSo}/forwarding`)).json().code).toBe('FORBIDDEN');
    // the Nodal Officer still sees the full clearance
    expect((await appView(u.nodalA, appSo)).json().forwarding.vigilance.grounds).toEqual([]);
    expect((await appView(u.nodalA, appSo)).json().forwarding.detailsHidden).toBe(false);
  });

  it('CS.I decides only for US and above; the Ministry rejects with reasons', async () => {
    const so = (await appView(u.csi, appSo)).json();
    const dopt = await post(u.csi, `/api/v1/deputation/applications/${appSo}/dopt-decision`, { version: so.version, decision: 'approve' });
    expect(dopt.statusCode).toBe(409);
    expect(dopt.json().reasons[0].code).toBe('DEP_DOPT_NOT_NEEDED');
    let us = (await appView(u.nodalA, appUs)).json();
    us = (await post(u.nodalA, `/api/v1/deputation/applications/${appUs}/forward`, {
      version: us.version,
      integrityCertificate: true,
      aparGradings: lastReportingYears('2026-01-15').map((y) => ({ year: y, grading: 'VERY_GOOD' })),
    })).json();
    expect(us).toMatchObject({ state: 'CADRE_CLEARED', forwarded: false });
    expect((await appView(u.sub, appUs)).statusCode).toBe(404);
    const csii = await post(u.csii, `/api/v1/deputation/applications/${appUs}/dopt-decision`, { version: us.version, decision: 'approve' });
    expect(csii.json().code).toBe('OUT_OF_SCOPE');
    const noReasons = await post(u.csi, `/api/v1/deputation/applications/${appUs}/dopt-decision`, { version: us.version, decision: 'reject', reasons: 'no' });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.json().field).toBe('reasons');
    const ok = await post(u.csi, `/api/v1/deputation/applications/${appUs}/dopt-decision`, { version: us.version, decision: 'approve' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'APPROVED_BY_DOPT', forwarded: true });
    expect((await appView(u.sub, appUs)).statusCode).toBe(200);
    const rej = await post(u.nodalA, `/api/v1/deputation/applications/${(await get(u.nodalA, `/api/v1/deputation/applications?state=APPLIED`)).json().items.find((i: { employee: { id: string } }) => i.employee.id === emp.so2).id}/reject`, { version: 1, reasons: 'Exigencies of work in the Section.' });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json().state).toBe('REJECTED_BY_MINISTRY');
    expect(rej.json().timeline.at(-1)).toMatchObject({ action: 'rejectByMinistry', reasons: 'Exigencies of work in the Section.' });
  });

  it('corrigendum: a new revision with what changed, shown to applicants; the closing date cannot be advanced', async () => {
    const a = (await get(u.sub, `/api/v1/deputation/advertisements/${adSo}`)).json();
    const back = await as(t, u.sub, { method: 'PUT', url: `/api/v1/deputation/advertisements/${adSo}`, payload: { version: a.version, changes: { closingDate: '2026-02-01' } } });
    expect(back.statusCode).toBe(400);
    expect(back.json().field).toBe('changes.closingDate');
    const c = await as(t, u.sub, { method: 'PUT', url: `/api/v1/deputation/advertisements/${adSo}`, payload: { version: a.version, changes: { posts: 2, closingDate: '2026-02-20' }, note: 'One more post; date extended.' } });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().revision).toBe(3);
    const versions = (await get(u.so, `/api/v1/deputation/advertisements/${adSo}/versions`)).json().items;
    expect(versions.map((v: { kind: string }) => v.kind)).toEqual(['corrigendum', 'published']);
    expect(versions[0].fields.sort()).toEqual(['closingDate', 'posts']);
    const mine = (await appView(u.so, appSo)).json();
    expect(mine.advertisementChanges).toEqual([{ revision: 3, fields: expect.arrayContaining(['posts', 'closingDate']), note: 'One more post; date extended.', on: '2026-01-15' }]);
    const job = await one<{ run_at: string }>(t.database.db, sql`SELECT run_at FROM job WHERE id = ${`deputation-ad:${adSo}:close`}`);
    expect(new Date(job!.run_at).toISOString()).toBe('2026-02-20T18:30:00.000Z');
  });

  it('the organisation shortlists, selects and records joining; tenure, extensions with their authority, repatriation and cooling-off', async () => {
    let v = (await appView(u.sub, appSo)).json();
    expect((await post(u.nodalA, `/api/v1/deputation/applications/${appSo}/selection`, { version: v.version, action: 'shortlist' })).json().code).toBe('FORBIDDEN');
    expect((await post(u.sub2, `/api/v1/deputation/applications/${appSo}/selection`, { version: v.version, action: 'shortlist' })).json().code).toBe('OUT_OF_SCOPE');
    v = (await post(u.sub, `/api/v1/deputation/applications/${appSo}/selection`, { version: v.version, action: 'shortlist' })).json();
    expect(v.state).toBe('SHORTLISTED');
    const early = await post(u.sub, `/api/v1/deputation/applications/${appSo}/joining`, { version: v.version, joinedOn: '2026-01-15' });
    expect(early.statusCode).toBe(409);
    v = (await post(u.sub, `/api/v1/deputation/applications/${appSo}/selection`, { version: v.version, action: 'select', remarks: 'Interview on 10.01.2026' })).json();
    expect(v.state).toBe('SELECTED');
    const future = await post(u.sub, `/api/v1/deputation/applications/${appSo}/joining`, { version: v.version, joinedOn: '2026-02-01' });
    expect(future.json().field).toBe('joinedOn');
    v = (await post(u.sub, `/api/v1/deputation/applications/${appSo}/joining`, { version: v.version, joinedOn: '2026-01-15', basicPay: 56100, sameStation: true })).json();
    expect(v.state).toBe('JOINED');
    // the timeline carries the date of joining as a date (each reader sees it in their language), not English words
    expect(v.timeline.at(-1)).toMatchObject({ action: 'join', to: 'JOINED', joinedOn: '2026-01-15' });
    expect(v.timeline.at(-1).remarks).toBeUndefined();
    expect(v.tenure).toMatchObject({ joinedOn: '2026-01-15', normalEndOn: '2031-01-14', hardCapOn: '2033-01-14', endOn: '2031-01-14' });
    expect(v.tenure.allowance.amount).toBe(Math.min(Math.round(56100 * 0.05), v.tenure.allowance.ceiling));
    const minister = await post(u.sub, `/api/v1/deputation/applications/${appSo}/extensions`, { version: v.version, until: '2033-01-14', approvedBy: 'BORROWING_SECRETARY', orderRef: 'BHTL/HR/2030/1' });
    expect(minister.statusCode).toBe(422);
    expect(minister.json().field).toBe('approvedBy');
    const beyond = await post(u.sub, `/api/v1/deputation/applications/${appSo}/extensions`, { version: v.version, until: '2033-06-30', approvedBy: 'BORROWING_MINISTER', orderRef: 'BHTL/HR/2030/1' });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().field).toBe('until');
    const sixth = await post(u.sub, `/api/v1/deputation/applications/${appSo}/extensions`, { version: v.version, until: '2032-01-14', approvedBy: 'BORROWING_SECRETARY', orderRef: 'BHTL/HR/2030/1' });
    expect(sixth.statusCode, sixth.body).toBe(200);
    expect(sixth.json().tenure.endOn).toBe('2032-01-14');
    v = sixth.json();
    const rep = await post(u.sub, `/api/v1/deputation/applications/${appSo}/repatriation`, { version: v.version, repatriatedOn: '2028-06-30', reason: 'Premature repatriation at own request' });
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.json().state).toBe('REPATRIATED');
    expect(rep.json().tenure).toMatchObject({ repatriatedOn: '2028-06-30', premature: true, coolingOffEndsOn: '2031-06-30' });
    const timeline = (await appView(u.so, appSo)).json().timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['apply', 'forward', 'shortlist', 'select', 'join', 'extend', 'repatriate']);
    const kinds = await rows<{ kind: string }>(t.database.db, sql`SELECT DISTINCT kind FROM notification WHERE user_id = ${u.so.userId} AND kind LIKE 'deputation.%' ORDER BY kind`);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['deputation.applied', 'deputation.forwarded', 'deputation.shortlist', 'deputation.select', 'deputation.joined', 'deputation.extended', 'deputation.repatriated']));
    const audit = await rows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE entity = 'deputation_application' AND entity_id = ${appSo} ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['deputation.apply', 'deputation.forward', 'deputation.shortlist', 'deputation.select', 'deputation.join', 'deputation.extend', 'deputation.repatriate']);
    // the cooling-off now keeps the officer out
    const again = (await get(u.so, `/api/v1/deputation/advertisements/${adUs}`)).json();
    expect(again.eligibility.reasons.map((r: { code: string }) => r.code)).toContain('DEP_COOLING_OFF');
  });

  it("every role's view of the applications", async () => {
    const ids = async (who: U) => ((await get(who, '/api/v1/deputation/applications?pageSize=100')).json().items ?? []).map((i: { id: string }) => i.id).sort();
    expect(await ids(u.so)).toEqual([appSo]);
    expect((await ids(u.nodalA)).length).toBe(5); // Ministry A: so, so2 ×2, nodalA, us
    expect(await ids(u.nodalB)).toEqual([]);
    expect((await ids(u.csi)).length).toBe(5);
    expect(await ids(u.csii)).toEqual([]);
    expect((await ids(u.sub)).sort()).toEqual([appSo, appUs].sort());
    expect(await ids(u.sub2)).toEqual([]);
    for (const who of [u.avd, u.admin]) expect((await get(who, '/api/v1/deputation/applications')).json().code).toBe('FORBIDDEN');
    expect((await get(u.nodalB, `/api/v1/deputation/applications/${appSo}`)).json().code).toBe('OUT_OF_SCOPE');
    expect((await get(u.so2, `/api/v1/deputation/applications/${appSo}`)).json().code).toBe('OUT_OF_SCOPE');
    // advertisements in every state: own organisation's / own Ministry's; DoPT and the administrator all
    const ads = async (who: U) => ((await get(who, '/api/v1/deputation/advertisements/manage?pageSize=100')).json().items ?? []).map((i: { id: string }) => i.id).sort();
    expect(await ads(u.sub)).toEqual([adSo, adUs].sort());
    expect(await ads(u.nodalA)).toEqual([adSo, adUs].sort());
    expect(await ads(u.sub2)).toEqual([]);
    expect(await ads(u.nodalB)).toEqual([]);
    expect((await ads(u.csi)).length).toBeGreaterThanOrEqual(2);
    for (const who of [u.so, u.avd]) expect((await get(who, '/api/v1/deputation/advertisements/manage')).json().code).toBe('FORBIDDEN');
    expect((await get(u.avd, '/api/v1/deputation/advertisements')).json().code).toBe('FORBIDDEN');
    const csv = await get(u.nodalA, '/api/v1/deputation/applications?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toMatch(/Employee code/);
  });

  it("deactivating an organisation ends its sub-nodal officers' access at once", async () => {
    const o = (await get(u.nodalA, `/api/v1/organisations/${orgId}`)).json();
    expect((await post(u.sub, `/api/v1/organisations/${orgId}/deactivate`, { version: o.version, reason: 'Wound up' })).json().code).toBe('FORBIDDEN');
    const d = await post(u.nodalA, `/api/v1/organisations/${orgId}/deactivate`, { version: o.version, reason: 'Wound up by Cabinet decision' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ active: false, officersRevoked: 1, sessionsEnded: 1 });
    expect(d.json().officers[0].status).toBe('REVOKED');
    const after = await get(u.sub, '/api/v1/deputation/applications');
    expect(after.statusCode).toBe(401);
    const grants = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM role_grant WHERE user_id = ${u.sub.userId} AND role = 'SUB_NODAL_OFFICER'`);
    expect(grants!.n).toBe(0);
    // a fresh login has no sub-nodal access left
    const fresh = await sessionFor(u.sub.userId);
    expect((await get(fresh, '/api/v1/deputation/applications')).json().code).toBe('FORBIDDEN');
    const audit = await one<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE entity = 'organisation' AND entity_id = ${String(orgId)} ORDER BY seq DESC LIMIT 1`);
    expect(audit!.action).toBe('organisation.deactivate');
    // its advertisements leave the employees' list and take no applications
    expect((await get(u.young, '/api/v1/deputation/advertisements')).json().items).toEqual([]);
    const late = await post(u.young, '/api/v1/deputation/applications', { advertisementId: adUs, statement: 'After deactivation.' });
    expect(late.json().code).toBe('WINDOW_CLOSED');
  });
  it('reminders before the closing date, and the advertisement closes by itself when the closing date ends', async () => {
    const W = { workerId: 'test-worker' };
    t.clock.set('2026-02-13T04:00:00Z'); // 09:30 IST on 13.02.2026: the 7-day reminder is due
    await runDueJobs(t.app, W);
    const reminded = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'deputation.ad.remind-7d' AND user_id = ${u.young.userId}`);
    expect(reminded!.n).toBe(1);
    const applied = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE kind = 'deputation.ad.remind-7d' AND user_id = ${u.so.userId}`);
    expect(applied!.n).toBe(0);
    t.clock.set('2026-02-20T18:31:00Z'); // just after midnight IST ending 20.02.2026
    await runDueJobs(t.app, W);
    const a = await one<{ state: string; closed_on: string }>(t.database.db, sql`SELECT state, closed_on FROM deputation_advertisement WHERE id = ${adSo}`);
    expect(a).toEqual({ state: 'CLOSED', closed_on: '2026-02-21' });
    const late = await post(await sessionFor(u.so2.userId), '/api/v1/deputation/applications', { advertisementId: adSo, statement: 'Late.' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('WINDOW_CLOSED');
    t.clock.set('2026-01-15T05:30:00Z');
  });

});
