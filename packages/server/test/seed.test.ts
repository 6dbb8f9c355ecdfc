import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addYears, completedYears, gradeByCode, gradesOf, levelIndex } from '@cscms/domain';
import { generate, type SeedData, simulateCareer, superannuationDate } from '../src/seed/generate.ts';
import { cadreClearanceRoute, deputationEligibility } from '@cscms/domain/deputation';
import { iprComplianceForVigilance } from '@cscms/domain/ipr';
import { vigilanceClearance } from '@cscms/domain/vigilance';
import { loadSeed } from '../src/seed/load.ts';
import { syncMasters } from '../src/db/masters.ts';
import { rows, sql, type Database } from '../src/db/client.ts';
import { verifyChain } from '../src/audit/audit.ts';
import { DATABASES, freshDatabase } from './harness.ts';

const hash = (d: SeedData) => createHash('sha256').update(JSON.stringify(d)).digest('hex');

describe('demo data generator', () => {
  const asOn = '2026-01-01';
  const data = generate({ employees: 3000, seed: 42, asOn });

  it('is deterministic: same N and seed → identical rows; another seed → other rows', () => {
    expect(hash(generate({ employees: 3000, seed: 42, asOn }))).toBe(hash(data));
    expect(hash(generate({ employees: 3000, seed: 43, asOn }))).not.toBe(hash(data));
    // a smaller N is a prefix of a larger one
    const small = generate({ employees: 100, seed: 42, asOn });
    expect(small.bundles.map((b) => b.employee)).toEqual(data.bundles.slice(0, 100).map((b) => b.employee));
  });

  it('spreads employees over the cadres (CSS most, then CSSS, then CSCS) and over most Ministries', () => {
    const by = (c: string) => data.bundles.filter((b) => b.employee.cadre === c).length;
    expect(by('CSS')).toBeGreaterThan(by('CSSS'));
    expect(by('CSSS')).toBeGreaterThan(by('CSCS'));
    expect(by('CSCS')).toBeGreaterThan(0);
    expect(new Set(data.bundles.map((b) => b.employee.ministry_id)).size).toBeGreaterThan(80);
  });

  it('keeps codes, login ids and user ids unique; every employee has a login with role EMPLOYEE', () => {
    const es = data.bundles.map((b) => b.employee);
    expect(new Set(es.map((e) => e.employee_code)).size).toBe(es.length);
    expect(new Set(es.map((e) => e.login_id)).size).toBe(es.length);
    expect(new Set(es.map((e) => e.id)).size).toBe(es.length);
    const logins = [...data.bundles.map((b) => b.user.login_id), ...data.personaUsers.map((u) => u.login_id)];
    expect(new Set(logins).size).toBe(logins.length);
    for (const b of data.bundles) {
      expect(b.user.employee_id).toBe(b.employee.id);
      expect(b.user.login_id).toBe(b.employee.login_id);
      expect(b.grants).toEqual([expect.objectContaining({ user_id: b.user.id, role: 'EMPLOYEE' })]);
    }
  });

  it('writes rule-consistent service histories', () => {
    for (const b of data.bundles) {
      const e = b.employee;
      const g = gradeByCode(e.grade)!;
      const ctx = `${e.employee_code} ${e.grade} L${e.pay_level}`;
      expect(g.cadre, ctx).toBe(e.cadre);
      expect(e.present_grade_date >= e.entry_date, ctx).toBe(true);
      expect(e.present_grade_date <= asOn, ctx).toBe(true);
      const ageAtEntry = completedYears(e.date_of_birth, e.entry_date);
      expect(ageAtEntry, ctx).toBeGreaterThanOrEqual(18);
      expect(ageAtEntry, ctx).toBeLessThanOrEqual(35);
      // superannuation: last day of the month of the 60th birthday (born on the 1st: the month before), in the future
      expect(e.superannuation_date, ctx).toBe(superannuationDate(e.date_of_birth));
      expect(e.superannuation_date > asOn, ctx).toBe(true);
      expect(addDays(e.superannuation_date, 1).endsWith('-01'), ctx).toBe(true); // a month's last day
      const sixty = addYears(e.date_of_birth, 60);
      expect(e.superannuation_date.slice(0, 7), ctx).toBe(e.date_of_birth.endsWith('-01') ? addDays(sixty, -1).slice(0, 7) : sixty.slice(0, 7));
      expect(e.ministry_join_date >= e.entry_date && e.ministry_join_date <= asOn, ctx).toBe(true);
      // level: the grade's level, the non-functional level of SO/PS after 4 years, or an ACP/MACP level above it
      expect(levelIndex(e.pay_level), ctx).toBeGreaterThanOrEqual(levelIndex(g.level));
      const ups = b.events.filter((x) => x.kind === 'MACP' || x.kind === 'ACP');
      const nfsg = b.events.some((x) => (x.details as { nonFunctional?: { level: string } }).nonFunctional?.level === e.pay_level);
      const ok = e.pay_level === g.level || nfsg || ups.some((x) => x.to_level === e.pay_level);
      expect(ok, ctx).toBe(true);
      if (nfsg) expect(completedYears(e.present_grade_date, asOn) >= 4 || ups.length > 0, ctx).toBe(true);
      // at most three financial upgradations, promotions that raised the level counted
      let counted = 0;
      for (const x of b.events) {
        if (x.kind === 'MACP' || x.kind === 'ACP') expect(counted, ctx).toBeLessThan(3);
        if (x.kind === 'MACP' || x.kind === 'ACP' || (x.kind === 'PROMOTION' && x.from_level !== x.to_level)) counted++;
      }
      // events: ENTRY first in the entry grade, promotions one rank at a time, the last one into the present grade
      const career = b.events.filter((x) => x.kind !== 'POSTING');
      expect(career[0], ctx).toMatchObject({ kind: 'ENTRY', effective_date: e.entry_date, grade: e.entry_grade });
      const promos = career.filter((x) => x.kind === 'PROMOTION');
      const ranks = [gradeByCode(e.entry_grade)!.rank, ...promos.map((p) => gradeByCode(p.grade!)!.rank)];
      for (let i = 1; i < ranks.length; i++) expect(ranks[i], ctx).toBe(ranks[i - 1] + 1);
      if (promos.length) expect(promos.at(-1), ctx).toMatchObject({ grade: e.grade, effective_date: e.present_grade_date });
      for (const x of b.events) expect(x.effective_date <= asOn && x.effective_date >= e.entry_date, ctx).toBe(true);
      for (const u of ups) expect(u.kind === 'ACP' ? u.effective_date < '2008-09-01' : u.effective_date >= '2008-09-01', ctx).toBe(true);
      // postings cover the service, the last one is the present Ministry
      const postings = b.events.filter((x) => x.kind === 'POSTING');
      expect(postings[0].effective_date, ctx).toBe(e.entry_date);
      expect(postings.at(-1), ctx).toMatchObject({ ministry_id: e.ministry_id, effective_date: e.ministry_join_date, end_date: null });
      // children born after the parent was 18, not in the future
      for (const c of b.children) expect(c.date_of_birth > addYears(e.date_of_birth, 18) && c.date_of_birth <= asOn, ctx).toBe(true);
      if (e.probation_end) expect(e.probation_end, ctx).toBe(addYears(e.entry_date, 2));
    }
  });

  it('has the variety the services need: MACP, single fathers, disabled children, vigilance events, select lists, probationers', () => {
    const b = data.bundles;
    expect(b.filter((x) => x.events.some((e) => e.kind === 'MACP')).length).toBeGreaterThan(100);
    expect(b.filter((x) => x.employee.gender === 'M' && ['WIDOWED', 'DIVORCED'].includes(x.employee.marital_status) && x.children.length > 0).length).toBeGreaterThan(5);
    expect(b.filter((x) => x.employee.gender === 'F').length).toBeGreaterThan(500);
    expect(b.flatMap((x) => x.children).filter((c) => c.disability_percent >= 40).length).toBeGreaterThan(5);
    const vig = b.flatMap((x) => x.vigilance);
    expect(vig.length).toBeGreaterThan(20);
    expect(new Set(vig.map((v) => v.kind)).size).toBeGreaterThanOrEqual(4);
    expect(b.filter((x) => x.employee.select_list_year != null).length).toBeGreaterThan(10);
    expect(b.filter((x) => x.employee.probation_end != null).length).toBeGreaterThan(10);
  });

  it('names the demo personas, the nodal officers in two different Ministries', () => {
    expect(Object.keys(data.personas).sort()).toEqual(['admin', 'avd', 'cs1', 'cs2', 'employee-css', 'employee-cscs', 'employee-csss', 'employee-rotation', 'employee-us', 'nodal-1', 'nodal-2', 'sub-nodal'].sort());
    const byUser = new Map(data.bundles.map((b) => [b.user.id, b]));
    for (const c of ['css', 'csss', 'cscs']) expect(byUser.get(data.personas[`employee-${c}`])?.employee.cadre).toBe(c.toUpperCase());
    const n1 = byUser.get(data.personas['nodal-1'])!;
    const n2 = byUser.get(data.personas['nodal-2'])!;
    expect(n1.employee.ministry_id).not.toBe(n2.employee.ministry_id);
    // a round of CSS ASO/SO initiated on the as-on date has this persona in it (rules.md §8: at most 7 years required)
    const rot = byUser.get(data.personas['employee-rotation'])!.employee;
    expect([rot.cadre, ['CSS.ASO', 'CSS.SO'].includes(rot.grade), rot.select_list_year]).toEqual(['CSS', true, null]);
    expect(completedYears(rot.ministry_join_date, asOn)).toBeGreaterThanOrEqual(8);
    expect(rot.superannuation_date > addYears(asOn, 2)).toBe(true);
    const nodalGrants = data.personaGrants.filter((g) => g.role === 'NODAL_OFFICER');
    expect(nodalGrants).toEqual([
      expect.objectContaining({ user_id: n1.user.id, ministry_id: n1.employee.ministry_id }),
      expect.objectContaining({ user_id: n2.user.id, ministry_id: n2.employee.ministry_id }),
    ]);
    expect(data.personaGrants.find((g) => g.role === 'CADRE_AUTHORITY' && g.user_id === data.personas.cs1)?.cadres).toEqual(['CSS']);
    expect(data.personaGrants.find((g) => g.role === 'CADRE_AUTHORITY' && g.user_id === data.personas.cs2)?.cadres).toEqual(['CSSS', 'CSCS']);
    const sub = data.personaGrants.find((g) => g.role === 'SUB_NODAL_OFFICER')!;
    expect(data.organisations.some((o) => o.id === sub.organisation_id)).toBe(true);
  });

  it('has an officer who may really go on deputation, in the Ministry of another persona Nodal Officer (issue 6)', () => {
    const byUser = new Map(data.bundles.map((b) => [b.user.id, b]));
    const us = byUser.get(data.personas['employee-us'])!;
    const n2 = byUser.get(data.personas['nodal-2'])!;
    const e = us.employee;
    // nodal-2 gives the cadre clearance and forwards (never one's own); an Under Secretary's is CS.I's
    expect(e.ministry_id).toBe(n2.employee.ministry_id);
    expect(us.user.id).not.toBe(n2.user.id);
    expect(cadreClearanceRoute(e.grade)).toMatchObject({ clearedBy: 'CADRE_AUTHORITY', doptApprovalNeeded: true });
    // every annual property return filed online on time, so vigilance is clear; the engine says eligible
    expect(us.vigilance).toEqual([]);
    const returns = data.iprReturns.filter((r) => r.employee_id === e.id);
    expect(returns.map((r) => r.year)).toEqual([2021, 2022, 2023, 2024]);
    const ipr = iprComplianceForVigilance(
      { employeeId: e.id, grade: e.grade, gradeHistory: us.events.filter((x) => x.grade && ['ENTRY', 'PROMOTION'].includes(x.kind)).map((x) => ({ from: x.effective_date, grade: x.grade! })), firstAppointmentOn: e.entry_date },
      returns.map((r) => ({ employeeId: r.employee_id, kind: r.kind, year: r.year, asOn: r.as_on, nil: r.nil, properties: [], filedOn: r.filed_on, mode: r.mode })),
      asOn,
    );
    expect(ipr.compliant).toBe(true);
    const vigilance = vigilanceClearance([], { purpose: 'DEPUTATION', on: asOn, iprCompliance: { year: ipr.year, status: ipr.status } });
    expect(vigilance.status).toBe('CLEAR');
    const ad = {
      id: 'ad', version: 1, state: 'PUBLISHED' as const, organisation: 'A borrowing organisation', post: 'Deputy Director', level: '12', posts: 1, station: 'New Delhi',
      eligibleCadres: ['CSS' as const], feeder: [{ grade: 'CSS.US', minRegularServiceYears: 2 }], qualifications: [], closingDate: addDays(asOn, 30), documents: [], history: [],
    };
    const candidate = { employeeId: e.id, dateOfBirth: e.date_of_birth, substantiveGrade: e.grade, gradeRegularFrom: e.present_grade_date, cadreServiceFrom: e.entry_date, payLevel: e.pay_level };
    const r = deputationEligibility(candidate, ad, { vigilance, iprCompliant: ipr.compliant, profileValidated: true, lastDeputation: null, ministersPersonalStaff: false });
    expect(r.reasons).toEqual([]);
    expect(r.eligible).toBe(true);
    // and the returns load as the IPR feature keeps them (one revision each, filed online)
    for (const x of returns) expect(x).toMatchObject({ kind: 'ANNUAL', status: 'FILED', mode: 'ONLINE', as_on: `${x.year}-12-31`, filed_by: us.user.id });
  });

  it('applies MACP as rules.md §2 example: DR ASO from 01.01.2005, no promotion → L8 2015, L9 2025, L10 2035', () => {
    const c = simulateCareer(gradesOf('CSS'), 1, '2005-01-01', [], '2040-01-01', {});
    expect(c.events.filter((e) => e.kind === 'MACP').map((e) => [e.effective_date, e.to_level])).toEqual([
      ['2015-01-01', '8'], ['2025-01-01', '9'], ['2035-01-01', '10'],
    ]);
  });

  it('counts promotions toward the three and upgrades after 10 years in one level; no MACP before 01.09.2008', () => {
    // JSA 1990 (ACP era): first upgradation ACP at 12 years (2002) to SSA's level; promoted to SSA 2004 (level 4 already: not counted)
    const c = simulateCareer(gradesOf('CSCS'), 1, '1990-03-15', ['2004-06-01'], '2026-01-01', {});
    expect(c.events.map((e) => [e.kind, e.effective_date, e.to_level])).toEqual([
      ['ENTRY', '1990-03-15', '2'],
      ['ACP', '2002-03-15', '4'],
      ['PROMOTION', '2004-06-01', '4'],
      ['MACP', '2010-03-15', '5'],
      ['MACP', '2020-03-15', '6'],
    ]);
  });
});

describe.each(DATABASES)('demo data loader on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    await syncMasters(database.db);
  });
  afterAll(async () => database?.close());

  it('loads in audited batches, once', async () => {
    const data = generate({ employees: 450, seed: 5 });
    const r = await loadSeed(database.db, data, { now: new Date('2026-01-15T05:30:00Z'), batchSize: 200 });
    expect(r).toMatchObject({ loaded: true, employees: 450, batches: 4 });
    const [c] = await rows<Record<string, number>>(database.db, sql`SELECT
      (SELECT count(*)::int FROM employee) AS employees, (SELECT count(*)::int FROM app_user) AS users,
      (SELECT count(*)::int FROM service_event) AS events, (SELECT count(*)::int FROM child) AS children,
      (SELECT count(*)::int FROM organisation) AS orgs, (SELECT count(*)::int FROM audit_log WHERE entity = 'seed' AND actor_kind = 'SYSTEM') AS audits,
      (SELECT count(*)::int FROM app_user WHERE persona IS NOT NULL) AS personas`);
    expect(c).toEqual({
      employees: 450, users: 450 + data.personaUsers.length, events: data.bundles.reduce((a, b) => a + b.events.length, 0),
      children: data.bundles.reduce((a, b) => a + b.children.length, 0), orgs: data.organisations.length, audits: 4, personas: Object.keys(data.personas).length,
    });
    expect((await verifyChain(database.db)).ok).toBe(true);
    // the loader may skip foreign-key triggers (superuser): every reference must hold anyway
    const fks = await rows<{ child: string; col: string; parent: string; pcol: string }>(database.db, sql`
      SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent, pa.attname AS pcol
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
         AND c.conrelid::regclass::text IN ('employee', 'service_event', 'child', 'vigilance_event', 'app_user', 'role_grant', 'organisation', 'ipr_return')`);
    expect(fks.length).toBeGreaterThanOrEqual(12);
    for (const fk of fks) {
      const [{ n }] = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(fk.child)} c
        WHERE c.${sql.raw(fk.col)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${sql.raw(fk.parent)} p WHERE p.${sql.raw(fk.pcol)} = c.${sql.raw(fk.col)})`);
      expect(n, `${fk.child}.${fk.col} → ${fk.parent}.${fk.pcol}`).toBe(0);
    }
    const again = await loadSeed(database.db, data, { now: new Date() });
    expect(again.loaded).toBe(false);
    // the loaded rows read back as generated (dates as strings, jsonb and arrays intact)
    const e0 = data.bundles[0].employee;
    const [back] = await rows<Record<string, unknown>>(database.db, sql`SELECT * FROM employee WHERE id = ${e0.id}`);
    expect(back).toMatchObject({ ...e0 });
    const [g] = await rows<{ cadres: string[] }>(database.db, sql`SELECT cadres FROM role_grant WHERE user_id = ${data.personas.cs2}`);
    expect(g.cadres).toEqual(['CSSS', 'CSCS']);
    // the deputation persona's property returns, filed online on time
    const filed = await rows<{ year: number; status: string; mode: string; filed_on: string }>(database.db, sql`
      SELECT r.year, r.status, r.mode, r.filed_on FROM ipr_return r JOIN app_user u ON u.employee_id = r.employee_id WHERE u.id = ${data.personas['employee-us']} ORDER BY r.year`);
    expect(filed).toEqual(data.iprReturns.map((r) => ({ year: r.year, status: 'FILED', mode: 'ONLINE', filed_on: r.filed_on })));
    expect(filed.length).toBeGreaterThan(0);
  });
});
