import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilities, calendarDateInIndia, decide, gradeByCode, type Actor } from '@cscms/domain';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { CSV_TYPE, XLSX_TYPE, toCsv, toXlsx } from '../../http/export.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { CalendarDateSchema, ReasonSchema } from '../rules/common.ts';
import {
  adjustResult,
  countEligibility,
  eligibilityRows,
  initiateRound,
  listRounds,
  loadRound,
  ministries,
  phaseOf,
  publishRound,
  resultRows,
  roundCounts,
  runAllocation,
  savePreferences,
  setExemption,
  setVacancies,
  visibleRound,
  workingStrengthVacancies,
  type EligibilityRow,
  type MinistryInfo,
  type ResultRow,
  type RoundRow,
} from './service.ts';

const ROUND_ACTIONS = ['rotation.round.manage', 'rotation.round.read'] as const;
const Method = z.enum(['residency-order', 'max-satisfaction']);
const Switches = z.strictObject({
  balance: z.enum(['equal-numbers', 'off']).optional(),
  guarantee: z.enum(['sd-outcome', 'residency-worst-case']).optional(),
  continuityGapDays: z.number().int().min(0).max(365).optional(),
  reducedTenureForCsss: z.boolean().optional(),
});

const Round = z.object({
  id: z.number(),
  cadre: z.string(),
  grades: z.array(z.string()),
  title: z.string(),
  initiationDate: z.string().describe('residency is counted up to this date (rules.md §8.3)'),
  windowOpens: z.string(),
  windowCloses: z.string(),
  publicationDate: z.string(),
  status: z.enum(['OPEN', 'ALLOCATED', 'PUBLISHED']),
  phase: z.enum(['UPCOMING', 'PREFERENCES', 'CLOSED', 'ALLOCATED', 'PUBLISHED']),
  daysLeft: z.number().nullable().describe('days left to give preferences (null outside the window)'),
  method: Method,
  switches: z.record(z.string(), z.unknown()),
  allocation: z
    .object({
      method: Method,
      objective: z.object({ weights: z.array(z.number()), score: z.number(), byRank: z.array(z.number()), placed: z.number(), unplaced: z.number(), notTaken: z.number() }),
      fill: z.array(z.object({ ministryId: z.number(), grade: z.string(), vacancies: z.number(), filled: z.number() })),
      reasons: z.array(ReasonSchema),
      switches: z.array(z.object({ key: z.string(), value: z.unknown(), default: z.unknown(), description: z.string() })),
    })
    .nullable(),
  allocatedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number(),
  counts: z.object({ officers: z.number(), eligible: z.number(), exempted: z.number(), withPreferences: z.number(), vacancies: z.number() }).nullable(),
  abilities: z.array(z.string()),
});

const Eligibility = z.object({
  employeeId: z.string(),
  employeeCode: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  grade: z.string(),
  ministryId: z.number().nullable(),
  group: z.enum(['A', 'B']).nullable(),
  eligible: z.boolean(),
  residencyFrom: z.string().nullable(),
  residencyDays: z.number().nullable(),
  requiredYears: z.number().nullable(),
  tenureCompletedOn: z.string().nullable(),
  seniority: z.number(),
  reasons: z.array(ReasonSchema),
  exemptionReason: z.string().nullable(),
  version: z.number(),
});

const Holder = z.object({ employeeCode: z.string(), nameEn: z.string(), nameHi: z.string() });
const Result = z.object({
  employeeId: z.string(),
  employeeCode: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  grade: z.string(),
  fromMinistryId: z.number(),
  status: z.enum(['placed', 'unplaced', 'not-taken']),
  ministryId: z.number().nullable(),
  rank: z.number().nullable().describe('1-based rank of the placement among the officer’s valid preferences'),
  engineMinistryId: z.number().nullable(),
  engineRank: z.number().nullable(),
  residencyPosition: z.number(),
  adjusted: z.boolean(),
  adjustmentReason: z.string().nullable(),
  explanation: z.object({
    en: z.string(),
    hi: z.string(),
    reasons: z.array(ReasonSchema),
    higher: z.array(z.object({ rank: z.number(), ministryId: z.number().nullable(), ministry: z.string(), vacancies: z.number(), longer: z.number(), shorter: z.number(), heldBy: z.array(Holder) })),
    ignoredPreferences: z.array(z.string()),
    guaranteeRank: z.number().nullable(),
  }),
  version: z.number(),
});

const MinistryChoice = z.object({ id: z.number(), code: z.string(), en: z.string(), hi: z.string(), group: z.enum(['A', 'B']) });
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const ResultParams = IdParams.extend({ employeeId: z.uuid() });

function daysLeft(r: RoundRow, today: string): number | null {
  if (phaseOf(r, today) !== 'PREFERENCES') return null;
  return Math.max(0, Math.round((Date.parse(r.window_closes) - Date.parse(today)) / 86_400_000));
}

async function presentRound(tx: Executor, actor: Actor, r: RoundRow, today: string, manager: boolean): Promise<z.infer<typeof Round>> {
  return {
    id: r.id,
    cadre: r.cadre,
    grades: r.grades,
    title: r.title,
    initiationDate: r.initiation_date,
    windowOpens: r.window_opens,
    windowCloses: r.window_closes,
    publicationDate: r.publication_date,
    status: r.status,
    phase: phaseOf(r, today),
    daysLeft: daysLeft(r, today),
    method: r.method,
    switches: r.switches,
    allocation: manager ? r.allocation : null,
    allocatedAt: r.allocated_at ? String(r.allocated_at) : null,
    publishedAt: r.published_at ? String(r.published_at) : null,
    version: r.version,
    counts: manager ? await roundCounts(tx, r.id) : null,
    abilities: abilities(actor, ROUND_ACTIONS, { cadre: r.cadre }),
  };
}

const presentEligibility = (e: EligibilityRow): z.infer<typeof Eligibility> => ({
  employeeId: e.employee_id,
  employeeCode: e.employee_code,
  nameEn: e.name_en,
  nameHi: e.name_hi,
  grade: e.grade,
  ministryId: e.ministry_id,
  group: e.rotation_group,
  eligible: e.eligible,
  residencyFrom: e.residency_from,
  residencyDays: e.residency_days,
  requiredYears: e.required_years,
  tenureCompletedOn: e.tenure_completed_on,
  seniority: e.seniority,
  reasons: e.reasons,
  exemptionReason: e.exemption_reason,
  version: e.version,
});

/** Results with the officers who hold the higher preferences named (code and name), Ministries by id. */
async function presentResults(tx: Executor, list: ResultRow[], ms: readonly MinistryInfo[]): Promise<z.infer<typeof Result>[]> {
  const idOf = new Map(ms.map((m) => [m.code, m.id]));
  const holders = new Set<string>();
  for (const r of list) for (const h of r.explanation.higher ?? []) for (const id of h.heldBy) holders.add(id);
  const names = new Map<string, z.infer<typeof Holder>>();
  const ids = [...holders];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = await rows<{ id: string; employee_code: string; name_en: string; name_hi: string }>(tx, sql`
      SELECT id, employee_code, name_en, name_hi FROM employee WHERE id IN (${sql.join(chunk.map((x) => sql`${x}::uuid`), sql`, `)})`);
    for (const f of found) names.set(f.id, { employeeCode: f.employee_code, nameEn: f.name_en, nameHi: f.name_hi });
  }
  return list.map((r) => ({
    employeeId: r.employee_id,
    employeeCode: r.employee_code,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    grade: r.grade,
    fromMinistryId: r.from_ministry_id,
    status: r.status,
    ministryId: r.ministry_id,
    rank: r.rank,
    engineMinistryId: r.engine_ministry_id,
    engineRank: r.engine_rank,
    residencyPosition: r.residency_position,
    adjusted: r.adjusted,
    adjustmentReason: r.adjustment_reason,
    explanation: {
      en: r.explanation.en,
      hi: r.explanation.hi,
      reasons: r.explanation.reasons,
      higher: (r.explanation.higher ?? []).map((h) => ({
        rank: h.rank,
        ministryId: idOf.get(h.ministry) ?? null,
        ministry: h.ministry,
        vacancies: h.vacancies,
        longer: h.longer,
        shorter: h.shorter,
        heldBy: h.heldBy.map((id) => names.get(id) ?? { employeeCode: '?', nameEn: '?', nameHi: '?' }),
      })),
      ignoredPreferences: r.explanation.ignoredPreferences ?? [],
      guaranteeRank: r.explanation.guaranteeRank ?? null,
    },
    version: r.version,
  }));
}

function ministryName(ms: Map<number, MinistryInfo>, id: number | null, lang: 'en' | 'hi'): string {
  if (id == null) return '';
  const m = ms.get(id);
  return m ? (lang === 'hi' ? m.hi : m.en) : String(id);
}

export const rotationFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const now = () => app.deps.clock.now();
  const today = () => calendarDateInIndia(now());

  app.post('/api/v1/rotation/rounds', {
    config: { action: 'rotation.round.manage' },
    schema: {
      tags: ['rotation'],
      summary: 'Initiate a rotation round for a cadre and grade(s): residency cut-off, window for preferences, publication date. Eligibility is computed at once; every eligible officer is told, and reminded 7 days and 1 day before the window closes.',
      body: z.strictObject({
        cadre: z.enum(['CSS', 'CSSS']),
        grades: z.array(z.string().max(20)).min(1).max(10),
        title: z.string().trim().max(200).optional(),
        initiationDate: CalendarDateSchema,
        windowOpens: CalendarDateSchema.optional().describe('default today'),
        windowCloses: CalendarDateSchema,
        publicationDate: CalendarDateSchema,
        method: Method.optional(),
        switches: Switches.optional(),
      }),
      response: { 201: Round },
    },
  }, async (req, reply) => {
    const r = await app.tx(async (tx) => {
      const round = await initiateRound(tx, req, now(), req.body);
      return presentRound(tx, req.actor!, round, today(), true);
    });
    return reply.status(201).send(r);
  });

  app.get('/api/v1/rotation/rounds', {
    config: { action: 'rotation.round.read' },
    schema: { tags: ['rotation'], summary: 'Rotation rounds: a cadre authority those of its cadres, an officer those they are listed in', response: { 200: z.object({ items: z.array(Round) }) } },
  }, async (req) => app.tx(async (tx) => {
    const list = await listRounds(tx, req.actor!);
    const items = [];
    for (const r of list) items.push(await presentRound(tx, req.actor!, r, today(), decide(req.actor!, 'rotation.round.manage', { cadre: r.cadre }).allow));
    return { items };
  }));

  app.get('/api/v1/rotation/rounds/:id', {
    config: { action: 'rotation.round.read' },
    schema: { tags: ['rotation'], summary: 'A rotation round (with counts and the stored allocation summary for the cadre authority)', params: IdParams, response: { 200: Round } },
  }, async (req) => app.tx(async (tx) => {
    const { round, manager } = await visibleRound(tx, req.actor!, req.params.id);
    return presentRound(tx, req.actor!, round, today(), manager);
  }));

  app.get('/api/v1/rotation/rounds/:id/me', {
    config: { action: 'rotation.round.read' },
    schema: {
      tags: ['rotation'],
      summary: 'My place in the round: whether I am in it and why, my ranked preferences, the Ministries I may choose (other group), and my result with its explanation once published',
      params: IdParams,
      response: {
        200: z.object({
          round: Round,
          eligibility: Eligibility,
          preferences: z.object({ ministryIds: z.array(z.number()), version: z.number() }).nullable(),
          choices: z.array(MinistryChoice),
          profileFinal: z.boolean().describe('preferences need a validated (or deemed final) profile'),
          result: Result.nullable(),
        }),
      },
    },
  }, async (req) => app.tx(async (tx) => {
    const actor = req.actor!;
    const emp = actor.employeeId;
    if (!emp) throw new AppError('NOT_FOUND');
    const round = await loadRound(tx, req.params.id);
    const [el] = await eligibilityRows(tx, round.id, { employeeId: emp });
    if (!el) throw new AppError('NOT_FOUND');
    const ms = await ministries(tx);
    const pref = await one<{ ministry_ids: number[]; version: number }>(tx, sql`SELECT ministry_ids, version FROM rotation_preference WHERE round_id = ${round.id} AND employee_id = ${emp}`);
    const prof = await one<{ ok: boolean }>(tx, sql`SELECT (validated_version_no IS NOT NULL OR state = 'DEEMED_FINAL') AS ok FROM profile WHERE employee_id = ${emp}`);
    let result: z.infer<typeof Result> | null = null;
    if (round.status === 'PUBLISHED') {
      const d = decide(actor, 'rotation.result.read', { ownerEmployeeId: emp, cadre: round.cadre });
      if (d.allow) result = (await presentResults(tx, await resultRows(tx, round.id, { employeeId: emp }), ms))[0] ?? null;
    }
    return {
      round: await presentRound(tx, actor, round, today(), false),
      eligibility: presentEligibility(el),
      preferences: pref ? { ministryIds: pref.ministry_ids, version: pref.version } : null,
      choices: el.rotation_group ? ms.filter((m) => m.active && m.group !== el.rotation_group).map((m) => ({ id: m.id, code: m.code, en: m.en, hi: m.hi, group: m.group })) : [],
      profileFinal: !!prof?.ok,
      result,
    };
  }));

  app.put('/api/v1/rotation/rounds/:id/preferences', {
    config: { action: 'rotation.preference.edit' },
    schema: {
      tags: ['rotation'],
      summary: 'Give or change my ranked preferences (Ministries of the other group, best first) until the window closes; version 0 for the first time',
      params: IdParams,
      body: z.strictObject({ ministryIds: z.array(z.number().int().positive()).min(1).max(100), version: z.number().int().min(0) }),
      response: { 200: z.object({ ministryIds: z.array(z.number()), version: z.number() }) },
    },
  }, async (req) => app.tx((tx) => savePreferences(tx, req, now(), req.params.id, req.body)));

  app.get('/api/v1/rotation/rounds/:id/eligibility', {
    config: { action: 'rotation.round.manage' },
    schema: {
      tags: ['rotation'],
      summary: 'Officers of the round’s grades, in or out, with every reason; format=csv or xlsx to download',
      params: IdParams,
      querystring: PageQuery.extend({
        eligible: z.enum(['true', 'false']).optional(),
        grade: z.string().max(20).optional(),
        q: z.string().max(100).optional(),
        format: z.enum(['json', 'csv', 'xlsx']).default('json'),
      }),
      response: { 200: Page(Eligibility) },
    },
  }, async (req, reply) => {
    const q = req.query;
    const filter = { eligible: q.eligible === undefined ? undefined : q.eligible === 'true', grade: q.grade, q: q.q };
    const out = await app.tx(async (tx) => {
      const round = await loadRound(tx, req.params.id);
      const d = decide(req.actor!, 'rotation.round.manage', { cadre: round.cadre });
      if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
      if (q.format !== 'json') return { all: await eligibilityRows(tx, round.id, filter), round, ms: await ministries(tx) };
      const items = await eligibilityRows(tx, round.id, { ...filter, limit: q.pageSize, offset: offsetOf(q) });
      const total = await countEligibility(tx, round.id, filter);
      return { items, total, round };
    });
    if ('all' in out && out.all) {
      const lang = req.lang;
      const ms = new Map(out.ms.map((m) => [m.id, m]));
      const header = lang === 'hi'
        ? ['कर्मचारी कोड', 'नाम', 'ग्रेड', 'मंत्रालय', 'समूह', 'दौर में', 'निवास से', 'अपेक्षित वर्ष', 'कार्यकाल पूर्ण', 'छूट', 'कारण']
        : ['Employee code', 'Name', 'Grade', 'Ministry', 'Group', 'In the round', 'Residency from', 'Years required', 'Tenure completed on', 'Exemption', 'Reasons'];
      const body = out.all.map((e) => [e.employee_code, lang === 'hi' ? e.name_hi || e.name_en : e.name_en, gradeByCode(e.grade)?.abbrev ?? e.grade, ministryName(ms, e.ministry_id, lang), e.rotation_group ?? '',
        e.eligible ? (lang === 'hi' ? 'हाँ' : 'Yes') : lang === 'hi' ? 'नहीं' : 'No', e.residency_from ?? '', e.required_years ?? '', e.tenure_completed_on ?? '', e.exemption_reason ?? '', e.reasons.map((r) => r[lang]).join(' | ')]);
      reply.header('content-disposition', `attachment; filename="rotation-${out.round.id}-eligibility.${q.format}"`);
      return q.format === 'csv' ? reply.type(CSV_TYPE).send(toCsv(header, body) as never) : reply.type(XLSX_TYPE).send((await toXlsx('Eligibility', header, body)) as never);
    }
    return { items: (out.items ?? []).map(presentEligibility), total: out.total ?? 0, page: q.page, pageSize: q.pageSize };
  });

  app.post('/api/v1/rotation/rounds/:id/exemptions', {
    config: { action: 'rotation.round.manage' },
    schema: {
      tags: ['rotation'],
      summary: 'Record (or lift) an exemption of an officer from the round, with the reason (audited); eligibility is recomputed',
      params: IdParams,
      body: z.strictObject({ employeeId: z.uuid(), exempt: z.boolean().default(true), reason: z.string().trim().min(5).max(1000) }),
      response: { 200: Eligibility },
    },
  }, async (req) => presentEligibility(await app.tx((tx) => setExemption(tx, req, now(), req.params.id, req.body))));

  const VacancyList = z.object({
    items: z.array(z.object({ ministryId: z.number(), ministryEn: z.string(), ministryHi: z.string(), group: z.enum(['A', 'B']), grade: z.string(), count: z.number(), source: z.enum(['ENTERED', 'WORKING_STRENGTH']) })),
    fromWorkingStrength: z.array(z.object({ ministryId: z.number(), grade: z.string(), count: z.number() })).describe('what working strength gives today: sanctioned − in position'),
    version: z.number(),
  });
  async function vacancyList(tx: Executor, req: FastifyRequest, id: number): Promise<z.infer<typeof VacancyList>> {
    const round = await loadRound(tx, id);
    const d = decide(req.actor!, 'rotation.round.manage', { cadre: round.cadre });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    const ms = new Map((await ministries(tx)).map((m) => [m.id, m]));
    const list = await rows<{ ministry_id: number; grade: string; count: number; source: 'ENTERED' | 'WORKING_STRENGTH' }>(tx, sql`SELECT ministry_id, grade, count, source FROM rotation_vacancy WHERE round_id = ${id} ORDER BY grade, ministry_id`);
    return {
      items: list.map((v) => ({ ministryId: v.ministry_id, ministryEn: ms.get(v.ministry_id)?.en ?? '', ministryHi: ms.get(v.ministry_id)?.hi ?? '', group: ms.get(v.ministry_id)?.group ?? 'A', grade: v.grade, count: v.count, source: v.source })),
      fromWorkingStrength: await workingStrengthVacancies(tx, round.grades, today()),
      version: round.version,
    };
  }

  app.get('/api/v1/rotation/rounds/:id/vacancies', {
    config: { action: 'rotation.round.manage' },
    schema: { tags: ['rotation'], summary: 'Vacancies of the round per Ministry and grade, and what working strength gives today', params: IdParams, response: { 200: VacancyList } },
  }, async (req) => app.tx((tx) => vacancyList(tx, req, req.params.id)));

  app.put('/api/v1/rotation/rounds/:id/vacancies', {
    config: { action: 'rotation.round.manage' },
    schema: {
      tags: ['rotation'],
      summary: 'Set the vacancies of the round (replaces them): entered per Ministry and grade, or fromWorkingStrength=true to take sanctioned − in position (audited)',
      params: IdParams,
      body: z.strictObject({
        version: z.number().int().min(1),
        items: z.array(z.strictObject({ ministryId: z.number().int().positive(), grade: z.string().max(20), count: z.number().int().min(0).max(10_000) })).max(5000).optional(),
        fromWorkingStrength: z.boolean().optional(),
      }).refine((b) => (b.items !== undefined) !== (b.fromWorkingStrength === true), { message: 'give items, or fromWorkingStrength: true', path: ['items'] }),
      response: { 200: VacancyList },
    },
  }, async (req) => app.tx(async (tx) => {
    await setVacancies(tx, req, now(), req.params.id, req.body);
    return vacancyList(tx, req, req.params.id);
  }));

  app.post('/api/v1/rotation/rounds/:id/allocation', {
    config: { action: 'rotation.round.manage' },
    schema: {
      tags: ['rotation'],
      summary: 'Run the allocation after the window closes, with the default method (residency order) or max-satisfaction; the result is stored for review (earlier adjustments are discarded)',
      params: IdParams,
      body: z.strictObject({ version: z.number().int().min(1), method: Method.default('residency-order'), switches: Switches.optional() }),
      response: { 200: Round },
    },
  }, async (req) => app.tx(async (tx) => presentRound(tx, req.actor!, await runAllocation(tx, req, now(), req.params.id, req.body), today(), true)));

  app.get('/api/v1/rotation/rounds/:id/results', {
    config: { action: 'rotation.round.manage' },
    schema: {
      tags: ['rotation'],
      summary: 'The stored allocation for review: every officer with the outcome, the rank obtained and the explanation',
      params: IdParams,
      querystring: PageQuery.extend({ status: z.enum(['placed', 'unplaced', 'not-taken']).optional(), grade: z.string().max(20).optional() }),
      response: { 200: Page(Result) },
    },
  }, async (req) => app.tx(async (tx) => {
    const round = await loadRound(tx, req.params.id);
    const d = decide(req.actor!, 'rotation.round.manage', { cadre: round.cadre });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    const q = req.query;
    const f = { status: q.status, grade: q.grade };
    const list = await resultRows(tx, round.id, { ...f, limit: q.pageSize, offset: offsetOf(q) });
    const total = (await one<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM rotation_result WHERE round_id = ${round.id} ${f.status ? sql`AND status = ${f.status}` : sql``} ${f.grade ? sql`AND grade = ${f.grade}` : sql``}`))!.n;
    return { items: await presentResults(tx, list, await ministries(tx)), total, page: q.page, pageSize: q.pageSize };
  }));

  app.get('/api/v1/rotation/rounds/:id/results/:employeeId', {
    config: { action: 'rotation.result.read' },
    schema: { tags: ['rotation'], summary: 'One officer’s result with the explanation: the officer their own once published, the cadre authority any', params: ResultParams, response: { 200: Result } },
  }, async (req) => app.tx(async (tx) => {
    const round = await loadRound(tx, req.params.id);
    const d = decide(req.actor!, 'rotation.result.read', { ownerEmployeeId: req.params.employeeId, cadre: round.cadre });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    if (d.role === 'EMPLOYEE' && round.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', { en: 'The result is not published yet.', hi: 'परिणाम अभी प्रकाशित नहीं हुआ है।' });
    const [r] = await presentResults(tx, await resultRows(tx, round.id, { employeeId: req.params.employeeId }), await ministries(tx));
    if (!r) throw new AppError('NOT_FOUND');
    return r;
  }));

  app.post('/api/v1/rotation/rounds/:id/results/:employeeId/adjust', {
    config: { action: 'rotation.round.manage' },
    schema: {
      tags: ['rotation'],
      summary: 'Adjust one officer’s placement by hand with the reason (audited); ministryId null leaves the officer unplaced',
      params: ResultParams,
      body: z.strictObject({ version: z.number().int().min(1), ministryId: z.number().int().positive().nullable(), reason: z.string().trim().min(5).max(1000) }),
      response: { 200: Result },
    },
  }, async (req) => app.tx(async (tx) => {
    await adjustResult(tx, req, now(), req.params.id, req.params.employeeId, req.body);
    return (await presentResults(tx, await resultRows(tx, req.params.id, { employeeId: req.params.employeeId }), await ministries(tx)))[0];
  }));

  app.post('/api/v1/rotation/rounds/:id/publish', {
    config: { action: 'rotation.round.manage' },
    schema: {
      tags: ['rotation'],
      summary: 'Publish the reviewed allocation (on or after the publication date): every officer in it is notified and can read why; the transfer list becomes available',
      params: IdParams,
      body: z.strictObject({ version: z.number().int().min(1) }),
      response: { 200: Round },
    },
  }, async (req) => app.tx(async (tx) => presentRound(tx, req.actor!, await publishRound(tx, req, now(), req.params.id, req.body.version), today(), true)));
};
