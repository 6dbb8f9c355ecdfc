// Rotation transfer rounds (rules.md §8; CSCMS O.M. of 15.11.2022 para 3.7): the use cases around the pure engine
// in @cscms/domain/rotation. Every write is one transaction with its audit record.
import type { FastifyRequest } from 'fastify';
import { addDays, calendarDateInIndia, decide, formatOrderDate, gradeByCode, type Action, type Actor, type CadreCode, type Reason } from '@cscms/domain';
import {
  allocateMaxSatisfaction,
  allocateResidencyOrder,
  candidateFromDecision,
  roundEligibility,
  type AllocationMethod,
  type AllocationResult,
  type EligibilityDecision,
  type RotationMinistry,
  type RotationOfficer,
  type RotationSwitchValues,
} from '@cscms/domain/rotation';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { enqueueJob, registerJobHandler, type JobContext } from '../../jobs/jobs.ts';
import { notify } from '../../notify/notify.ts';
import { requireFinalProfile } from '../profile/service.ts';

export type RoundStatus = 'OPEN' | 'ALLOCATED' | 'PUBLISHED';
export type Phase = 'UPCOMING' | 'PREFERENCES' | 'CLOSED' | 'ALLOCATED' | 'PUBLISHED';

export interface RoundRow {
  id: number;
  cadre: CadreCode;
  grades: string[];
  title: string;
  initiation_date: string;
  window_opens: string;
  window_closes: string;
  publication_date: string;
  status: RoundStatus;
  method: AllocationMethod;
  switches: Partial<RotationSwitchValues>;
  allocation: StoredAllocation | null;
  allocated_at: string | null;
  published_at: string | null;
  created_at: string;
  version: number;
}

export interface StoredAllocation {
  method: AllocationMethod;
  objective: AllocationResult['objective'];
  fill: Array<{ ministryId: number; grade: string; vacancies: number; filled: number }>;
  reasons: Reason[];
  switches: AllocationResult['switches'];
}

export interface MinistryInfo {
  id: number;
  code: string;
  en: string;
  hi: string;
  group: 'A' | 'B';
  reducedTenure: boolean;
  active: boolean;
}

export function authorize(actor: Actor, action: Action, scope: Parameters<typeof decide>[2]): void {
  const d = decide(actor, action, scope);
  if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
}

export function phaseOf(r: Pick<RoundRow, 'status' | 'window_opens' | 'window_closes'>, today: string): Phase {
  if (r.status === 'PUBLISHED') return 'PUBLISHED';
  if (r.status === 'ALLOCATED') return 'ALLOCATED';
  if (today < r.window_opens) return 'UPCOMING';
  if (today <= r.window_closes) return 'PREFERENCES';
  return 'CLOSED';
}

export async function loadRound(tx: Executor, id: number, forUpdate = false): Promise<RoundRow> {
  const r = await one<RoundRow>(tx, forUpdate ? sql`SELECT * FROM rotation_round WHERE id = ${id} FOR UPDATE` : sql`SELECT * FROM rotation_round WHERE id = ${id}`);
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export function checkVersion(current: number, given: number): void {
  if (current !== given) throw new AppError('STALE_VERSION', { extra: { currentVersion: current } });
}

export async function ministries(tx: Executor): Promise<MinistryInfo[]> {
  const list = await rows<{ id: number; code: string; name_en: string; name_hi: string; rotation_group: 'A' | 'B'; reduced_tenure: boolean; active: boolean }>(tx, sql`
    SELECT id, code, name_en, name_hi, rotation_group, reduced_tenure, active FROM ministry ORDER BY name_en`);
  return list.map((m) => ({ id: m.id, code: m.code, en: m.name_en, hi: m.name_hi, group: m.rotation_group, reducedTenure: m.reduced_tenure, active: m.active }));
}

function engineMinistries(ms: readonly MinistryInfo[]): RotationMinistry[] {
  return ms.map((m) => ({ code: m.code, group: m.group, reducedTenure: m.reducedTenure, en: m.en, hi: m.hi }));
}

interface OfficerRow {
  id: string;
  grade: string;
  date_of_birth: string;
  superannuation_date: string;
  ministry_id: number;
  ministry_join_date: string;
  select_list_year: number | null;
  seniority: number;
}

/**
 * The engine's view of the officers of the round's grades: postings from service history (POSTING events; an
 * officer with none is taken to be in their present Ministry since they joined it), seniority = position in the
 * grade by date of joining the grade, then entry, then date of birth, then employee code (the portal holds no
 * seniority list; documented reading), in a select list when the select-list year is the year of the initiation
 * date or the year before (promotion expected within a year, §8.4).
 */
async function officersOf(tx: Executor, round: RoundRow, ms: readonly MinistryInfo[], onlyEmployee?: string): Promise<RotationOfficer[]> {
  const code = new Map(ms.map((m) => [m.id, m.code]));
  const grades = sql.join(round.grades.map((g) => sql`${g}`), sql`, `);
  const list = await rows<OfficerRow>(tx, sql`
    SELECT * FROM (
      SELECT e.id, e.grade, e.date_of_birth, e.superannuation_date, e.ministry_id, e.ministry_join_date, e.select_list_year,
             row_number() OVER (PARTITION BY e.grade ORDER BY e.present_grade_date, e.entry_date, e.date_of_birth, e.employee_code)::int AS seniority
        FROM employee e WHERE e.cadre = ${round.cadre} AND e.grade IN (${grades})) x
     ${onlyEmployee ? sql`WHERE x.id = ${onlyEmployee}` : sql``}
     ORDER BY x.id`);
  if (list.length === 0) return [];
  const ids = sql.join(list.map((o) => sql`${o.id}::uuid`), sql`, `);
  const postings = await rows<{ employee_id: string; ministry_id: number; grade: string | null; effective_date: string; end_date: string | null }>(tx, sql`
    SELECT employee_id, ministry_id, grade, effective_date, end_date FROM service_event
     WHERE kind = 'POSTING' AND ministry_id IS NOT NULL AND employee_id IN (${ids}) ORDER BY employee_id, effective_date`);
  const byEmp = new Map<string, typeof postings>();
  for (const p of postings) {
    let l = byEmp.get(p.employee_id);
    if (!l) byEmp.set(p.employee_id, (l = []));
    l.push(p);
  }
  const exemptions = new Map(
    (await rows<{ employee_id: string; exemption_reason: string }>(tx, sql`SELECT employee_id, exemption_reason FROM rotation_eligibility WHERE round_id = ${round.id} AND exemption_reason IS NOT NULL`)).map((x) => [x.employee_id, x.exemption_reason]),
  );
  const year = Number(round.initiation_date.slice(0, 4));
  return list.map((o): RotationOfficer => {
    const ps = byEmp.get(o.id);
    const postingsOf = ps?.length
      ? ps.map((p) => ({ ministry: code.get(p.ministry_id) ?? String(p.ministry_id), grade: p.grade ?? o.grade, from: p.effective_date, ...(p.end_date ? { to: p.end_date } : {}) }))
      : [{ ministry: code.get(o.ministry_id) ?? String(o.ministry_id), grade: o.grade, from: o.ministry_join_date }];
    const ex = exemptions.get(o.id);
    return {
      id: o.id,
      grade: o.grade,
      dateOfBirth: o.date_of_birth,
      superannuationDate: o.superannuation_date,
      postings: postingsOf,
      inSelectList: o.select_list_year != null && o.select_list_year >= year - 1,
      seniority: o.seniority,
      ...(ex ? { exemption: { reason: ex } } : {}),
    };
  });
}

/** Computes (or recomputes) the eligibility snapshot of the round, keeping recorded exemptions. */
export async function computeEligibility(tx: Executor, round: RoundRow, now: Date, onlyEmployee?: string): Promise<EligibilityDecision[]> {
  const ms = await ministries(tx);
  const officers = await officersOf(tx, round, ms, onlyEmployee);
  const decisions = roundEligibility(officers, { cadre: round.cadre, grades: round.grades, initiationDate: round.initiation_date }, engineMinistries(ms), round.switches);
  const idOf = new Map(ms.map((m) => [m.code, m.id]));
  const at = now.toISOString();
  for (let i = 0; i < decisions.length; i += 200) {
    const chunk = decisions.slice(i, i + 200);
    const values = sql.join(
      chunk.map((d) => sql`(${round.id}, ${d.officerId}::uuid, ${d.grade}, ${d.ministry ? (idOf.get(d.ministry) ?? null) : null}, ${d.group ?? null}, ${d.eligible},
        ${d.residencyFrom ?? null}::date, ${d.residencyDays ?? null}::int, ${d.requiredYears ?? null}::int, ${d.tenureCompletedOn ?? null}::date, ${d.seniority}, ${d.dateOfBirth}::date,
        ${JSON.stringify(d.reasons)}::jsonb, ${at}::timestamptz)`),
      sql`, `,
    );
    await tx.execute(sql`
      INSERT INTO rotation_eligibility (round_id, employee_id, grade, ministry_id, rotation_group, eligible, residency_from, residency_days, required_years, tenure_completed_on, seniority, date_of_birth, reasons, computed_at)
      VALUES ${values}
      ON CONFLICT (round_id, employee_id) DO UPDATE SET grade = EXCLUDED.grade, ministry_id = EXCLUDED.ministry_id, rotation_group = EXCLUDED.rotation_group, eligible = EXCLUDED.eligible,
        residency_from = EXCLUDED.residency_from, residency_days = EXCLUDED.residency_days, required_years = EXCLUDED.required_years, tenure_completed_on = EXCLUDED.tenure_completed_on,
        seniority = EXCLUDED.seniority, date_of_birth = EXCLUDED.date_of_birth, reasons = EXCLUDED.reasons, computed_at = EXCLUDED.computed_at, version = rotation_eligibility.version + 1`);
  }
  return decisions;
}

/** Users of the officers in the round (eligible), optionally only those who have not given preferences. */
async function roundUsers(tx: Executor, roundId: number, which: 'eligible' | 'no-preferences' | 'all-results'): Promise<string[]> {
  const q =
    which === 'all-results'
      ? sql`SELECT u.id FROM rotation_result r JOIN app_user u ON u.employee_id = r.employee_id WHERE r.round_id = ${roundId} AND u.active`
      : sql`SELECT u.id FROM rotation_eligibility el JOIN app_user u ON u.employee_id = el.employee_id
             ${which === 'no-preferences' ? sql`LEFT JOIN rotation_preference p ON p.round_id = el.round_id AND p.employee_id = el.employee_id` : sql``}
             WHERE el.round_id = ${roundId} AND el.eligible AND u.active ${which === 'no-preferences' ? sql`AND p.employee_id IS NULL` : sql``}`;
  return (await rows<{ id: string }>(tx, q)).map((r) => r.id);
}

type RoundJob = JobContext<{ roundId: number; stage: 'open' | 'remind-7d' | 'remind-1d' | 'published' }>;

/** Announcement, reminders before the window closes, publication (para 3.7: timelines intimated through the portal). */
async function announce(ctx: RoundJob): Promise<void> {
  const r = await one<RoundRow>(ctx.tx, sql`SELECT * FROM rotation_round WHERE id = ${ctx.payload.roundId}`);
  if (!r) return;
  const stage = ctx.payload.stage;
  const due = formatOrderDate(r.window_closes);
  const link = `/rotation/${r.id}`;
  if (stage === 'published') {
    if (r.status !== 'PUBLISHED') return;
    const users = await roundUsers(ctx.tx, r.id, 'all-results');
    await notify(ctx.tx, {
      userIds: users,
      kind: 'rotation.round.published',
      title: { en: `Rotation transfer list published (${r.cadre})`, hi: `रोटेशन स्थानांतरण सूची प्रकाशित (${r.cadre})` },
      body: { en: 'See your result and why you got it.', hi: 'अपना परिणाम और उसका कारण देखें।' },
      link,
      email: true,
    }, ctx.now);
    await ctx.audit({ entity: 'rotation_round', entityId: String(r.id), action: 'rotation.round.published.notified', changes: { officers: users.length } });
    return;
  }
  if (r.status !== 'OPEN' || calendarDateInIndia(ctx.now) > r.window_closes) return;
  const words = {
    open: { en: `Rotation transfer: you are in the ${r.cadre} round. Give your preferences by ${due}`, hi: `रोटेशन स्थानांतरण: आप ${r.cadre} दौर में हैं। ${due} तक अपनी वरीयताएँ दें` },
    'remind-7d': { en: `7 days left to give your rotation preferences (by ${due})`, hi: `रोटेशन वरीयताएँ देने के लिए 7 दिन शेष (${due} तक)` },
    'remind-1d': { en: `Last day tomorrow: give your rotation preferences by ${due}`, hi: `कल अंतिम दिन: ${due} तक अपनी रोटेशन वरीयताएँ दें` },
  }[stage];
  const users = await roundUsers(ctx.tx, r.id, stage === 'open' ? 'eligible' : 'no-preferences');
  await notify(ctx.tx, {
    userIds: users,
    kind: `rotation.round.${stage}`,
    title: words,
    body: {
      en: 'Rank the Ministries of the other group where you would like to serve; you can change them until the window closes (O.M. of 15.11.2022, para 3.7).',
      hi: 'दूसरे समूह के उन मंत्रालयों को वरीयता क्रम में रखें जहाँ आप सेवा करना चाहेंगे; समय-सीमा समाप्त होने तक आप इन्हें बदल सकते हैं (दिनांक 15.11.2022 का का.ज्ञा., पैरा 3.7)।',
    },
    link,
    email: stage === 'open',
  }, ctx.now);
  await ctx.audit({ entity: 'rotation_round', entityId: String(r.id), action: `rotation.round.${stage}.notified`, changes: { officers: users.length } });
}

registerJobHandler('rotation.round.notify', announce);

/** 09:00 IST on a date. */
function nineIst(date: string): Date {
  return new Date(Date.parse(`${date}T09:00:00+05:30`));
}

export interface InitiateInput {
  cadre: CadreCode;
  grades: string[];
  title?: string;
  initiationDate: string;
  windowOpens?: string;
  windowCloses: string;
  publicationDate: string;
  method?: AllocationMethod;
  switches?: Partial<Pick<RotationSwitchValues, 'balance' | 'guarantee' | 'continuityGapDays' | 'reducedTenureForCsss'>>;
}

export async function initiateRound(tx: Executor, req: FastifyRequest, now: Date, b: InitiateInput): Promise<RoundRow> {
  authorize(req.actor!, 'rotation.round.manage', { cadre: b.cadre });
  const today = calendarDateInIndia(now);
  b.grades.forEach((g, i) => {
    const gr = gradeByCode(g);
    if (!gr || gr.cadre !== b.cadre) throw fieldError(`grades.${i}`, `${g} is not a grade of the ${b.cadre} cadre.`, `${g} ${b.cadre} संवर्ग का ग्रेड नहीं है।`);
  });
  if (new Set(b.grades).size !== b.grades.length) throw fieldError('grades', 'A grade is repeated.', 'कोई ग्रेड दोहराया गया है।');
  const opens = b.windowOpens ?? today;
  if (b.initiationDate > opens) throw fieldError('initiationDate', 'The initiation date (residency cut-off) cannot be after the window opens.', 'आरंभ तिथि (निवास की गणना-तिथि) वरीयता अवधि खुलने के बाद की नहीं हो सकती।');
  if (opens < today) throw fieldError('windowOpens', 'The window cannot open in the past.', 'वरीयता अवधि पिछली तिथि से नहीं खुल सकती।');
  if (b.windowCloses < opens || b.windowCloses < today) throw fieldError('windowCloses', 'The window must close on or after the day it opens, and not in the past.', 'वरीयता अवधि खुलने के दिन या उसके बाद बंद होनी चाहिए, पिछली तिथि को नहीं।');
  if (b.publicationDate <= b.windowCloses) throw fieldError('publicationDate', 'The publication date must be after the window closes.', 'प्रकाशन तिथि वरीयता अवधि की समाप्ति के बाद की होनी चाहिए।');
  const clash = await one<{ id: number }>(tx, sql`
    SELECT id FROM rotation_round WHERE cadre = ${b.cadre} AND status <> 'PUBLISHED' AND grades && ARRAY[${sql.join(b.grades.map((g) => sql`${g}`), sql`, `)}]::text[] LIMIT 1`);
  if (clash) throw new AppError('CONFLICT', { field: 'grades', en: `Round ${clash.id} for these grades is not yet published.`, hi: `इन ग्रेडों का दौर ${clash.id} अभी प्रकाशित नहीं हुआ है।` });
  const round = (await one<RoundRow>(tx, sql`
    INSERT INTO rotation_round (cadre, grades, title, initiation_date, window_opens, window_closes, publication_date, method, switches, created_by, created_at)
    VALUES (${b.cadre}, ARRAY[${sql.join(b.grades.map((g) => sql`${g}`), sql`, `)}]::text[], ${b.title ?? ''}, ${b.initiationDate}, ${opens}, ${b.windowCloses}, ${b.publicationDate},
            ${b.method ?? 'residency-order'}, ${JSON.stringify(b.switches ?? {})}::jsonb, ${req.actor!.userId}, ${now.toISOString()})
    RETURNING *`))!;
  const decisions = await computeEligibility(tx, round, now);
  const base = `rotation-round:${round.id}`;
  await enqueueJob(tx, { id: `${base}:open`, kind: 'rotation.round.notify', runAt: opens <= today ? now : nineIst(opens), payload: { roundId: round.id, stage: 'open' } });
  for (const [stage, days] of [['remind-7d', 7], ['remind-1d', 1]] as const) {
    const on = addDays(b.windowCloses, -days);
    if (on > today && on >= opens) await enqueueJob(tx, { id: `${base}:${stage}`, kind: 'rotation.round.notify', runAt: nineIst(on), payload: { roundId: round.id, stage } });
  }
  await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), {
    entity: 'rotation_round',
    entityId: String(round.id),
    action: 'rotation.round.initiate',
    changes: { cadre: b.cadre, grades: b.grades, initiationDate: b.initiationDate, windowOpens: opens, windowCloses: b.windowCloses, publicationDate: b.publicationDate, method: round.method, switches: b.switches ?? {}, officers: decisions.length, eligible: decisions.filter((d) => d.eligible).length },
  });
  return round;
}

/** Rounds the actor may see: a cadre authority those of its cadres; an officer those they are listed in. */
export async function listRounds(tx: Executor, actor: Actor): Promise<RoundRow[]> {
  const cadres = actor.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []);
  const emp = actor.employeeId ?? '00000000-0000-0000-0000-000000000000';
  return rows<RoundRow>(tx, sql`
    SELECT r.* FROM rotation_round r
     WHERE r.cadre IN (${sql.join([...cadres, '-'].map((c) => sql`${c}`), sql`, `)})
        OR EXISTS (SELECT 1 FROM rotation_eligibility el WHERE el.round_id = r.id AND el.employee_id = ${emp}::uuid)
     ORDER BY r.created_at DESC, r.id DESC LIMIT 200`);
}

/** A round is visible to a cadre authority of its cadre, or to an officer listed in it (else 404). */
export async function visibleRound(tx: Executor, actor: Actor, id: number): Promise<{ round: RoundRow; manager: boolean }> {
  const round = await loadRound(tx, id);
  const manager = decide(actor, 'rotation.round.manage', { cadre: round.cadre }).allow;
  if (manager) return { round, manager };
  if (actor.employeeId) {
    const listed = await one(tx, sql`SELECT 1 AS x FROM rotation_eligibility WHERE round_id = ${id} AND employee_id = ${actor.employeeId}`);
    if (listed) return { round, manager };
  }
  if (actor.grants.some((g) => g.role === 'CADRE_AUTHORITY')) throw new AppError('OUT_OF_SCOPE');
  throw new AppError('NOT_FOUND');
}

export async function roundCounts(tx: Executor, id: number): Promise<{ officers: number; eligible: number; exempted: number; withPreferences: number; vacancies: number }> {
  return (await one<{ officers: number; eligible: number; exempted: number; with_preferences: number; vacancies: number }>(tx, sql`
    SELECT (SELECT count(*)::int FROM rotation_eligibility WHERE round_id = ${id}) AS officers,
           (SELECT count(*)::int FROM rotation_eligibility WHERE round_id = ${id} AND eligible) AS eligible,
           (SELECT count(*)::int FROM rotation_eligibility WHERE round_id = ${id} AND exemption_reason IS NOT NULL) AS exempted,
           (SELECT count(*)::int FROM rotation_preference p JOIN rotation_eligibility el ON el.round_id = p.round_id AND el.employee_id = p.employee_id WHERE p.round_id = ${id} AND el.eligible) AS with_preferences,
           (SELECT coalesce(sum(count), 0)::int FROM rotation_vacancy WHERE round_id = ${id}) AS vacancies`)
    .then((r) => ({ officers: r!.officers, eligible: r!.eligible, exempted: r!.exempted, withPreferences: r!.with_preferences, vacancies: r!.vacancies })));
}

export interface EligibilityRow {
  employee_id: string;
  employee_code: string;
  name_en: string;
  name_hi: string;
  grade: string;
  ministry_id: number | null;
  rotation_group: 'A' | 'B' | null;
  eligible: boolean;
  residency_from: string | null;
  residency_days: number | null;
  required_years: number | null;
  tenure_completed_on: string | null;
  seniority: number;
  reasons: Reason[];
  exemption_reason: string | null;
  version: number;
}

/** Records or lifts an exemption (audited), then recomputes that officer's eligibility. */
export async function setExemption(tx: Executor, req: FastifyRequest, now: Date, roundId: number, b: { employeeId: string; exempt: boolean; reason: string }): Promise<EligibilityRow> {
  const round = await loadRound(tx, roundId, true);
  authorize(req.actor!, 'rotation.round.manage', { cadre: round.cadre });
  if (round.status === 'PUBLISHED') throw new AppError('INVALID_STATE', { en: 'The round is published; exemptions can no longer change.', hi: 'दौर प्रकाशित हो चुका है; छूट अब नहीं बदल सकती।' });
  const before = await one<{ eligible: boolean; exemption_reason: string | null }>(tx, sql`
    SELECT eligible, exemption_reason FROM rotation_eligibility WHERE round_id = ${roundId} AND employee_id = ${b.employeeId} FOR UPDATE`);
  if (!before) throw fieldError('employeeId', 'This officer is not listed in the round.', 'यह अधिकारी इस दौर में सूचीबद्ध नहीं है।');
  if (b.exempt) {
    await tx.execute(sql`UPDATE rotation_eligibility SET exemption_reason = ${b.reason}, exempted_by = ${req.actor!.userId}, exempted_at = ${now.toISOString()} WHERE round_id = ${roundId} AND employee_id = ${b.employeeId}`);
  } else {
    await tx.execute(sql`UPDATE rotation_eligibility SET exemption_reason = NULL, exempted_by = ${req.actor!.userId}, exempted_at = ${now.toISOString()} WHERE round_id = ${roundId} AND employee_id = ${b.employeeId}`);
  }
  const [d] = await computeEligibility(tx, round, now, b.employeeId);
  await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), {
    entity: 'rotation_eligibility',
    entityId: `${roundId}:${b.employeeId}`,
    action: b.exempt ? 'rotation.exemption.record' : 'rotation.exemption.lift',
    changes: { reason: b.reason, exemption: { before: before.exemption_reason, after: b.exempt ? b.reason : null }, eligible: { before: before.eligible, after: d?.eligible ?? before.eligible } },
  });
  return (await eligibilityRows(tx, roundId, { employeeId: b.employeeId }))[0];
}

interface EligibilityFilter {
  employeeId?: string;
  eligible?: boolean;
  grade?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

function eligibilityWhere(roundId: number, f: EligibilityFilter) {
  const where = [sql`el.round_id = ${roundId}`];
  if (f.employeeId) where.push(sql`el.employee_id = ${f.employeeId}`);
  if (f.eligible !== undefined) where.push(sql`el.eligible = ${f.eligible}`);
  if (f.grade) where.push(sql`el.grade = ${f.grade}`);
  if (f.q) where.push(sql`(e.name_en ILIKE ${`%${f.q}%`} OR e.employee_code = ${f.q})`);
  return where;
}

export async function countEligibility(tx: Executor, roundId: number, f: EligibilityFilter): Promise<number> {
  return (await one<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM rotation_eligibility el JOIN employee e ON e.id = el.employee_id WHERE ${sql.join(eligibilityWhere(roundId, f), sql` AND `)}`))!.n;
}

export async function eligibilityRows(tx: Executor, roundId: number, f: EligibilityFilter): Promise<EligibilityRow[]> {
  const where = eligibilityWhere(roundId, f);
  return rows<EligibilityRow>(tx, sql`
    SELECT el.employee_id, e.employee_code, e.name_en, e.name_hi, el.grade, el.ministry_id, el.rotation_group, el.eligible, el.residency_from, el.residency_days,
           el.required_years, el.tenure_completed_on, el.seniority, el.reasons, el.exemption_reason, el.version
      FROM rotation_eligibility el JOIN employee e ON e.id = el.employee_id
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY el.grade, el.eligible DESC, el.residency_from NULLS LAST, el.seniority, e.employee_code
     ${f.limit ? sql`LIMIT ${f.limit} OFFSET ${f.offset ?? 0}` : sql``}`);
}

/** Ranked preferences of the officer: Ministries of the other group only, while the window is open. */
export async function savePreferences(tx: Executor, req: FastifyRequest, now: Date, roundId: number, b: { ministryIds: number[]; version: number }): Promise<{ ministryIds: number[]; version: number }> {
  const actor = req.actor!;
  const employeeId = actor.employeeId;
  if (!employeeId) throw new AppError('NOT_FOUND', { en: 'You have no employee record in the portal.', hi: 'पोर्टल में आपका कोई कर्मचारी अभिलेख नहीं है।' });
  authorize(actor, 'rotation.preference.edit', { ownerEmployeeId: employeeId });
  const round = await loadRound(tx, roundId);
  const el = await one<{ eligible: boolean; rotation_group: 'A' | 'B' | null; ministry_id: number | null }>(tx, sql`
    SELECT eligible, rotation_group, ministry_id FROM rotation_eligibility WHERE round_id = ${roundId} AND employee_id = ${employeeId}`);
  if (!el) throw new AppError('NOT_FOUND');
  if (!el.eligible || !el.rotation_group) throw new AppError('NOT_ELIGIBLE', { en: 'You are not in this round: see the reasons on the round page.', hi: 'आप इस दौर में नहीं हैं: कारण दौर के पृष्ठ पर देखें।' });
  const today = calendarDateInIndia(now);
  const phase = phaseOf(round, today);
  if (phase === 'UPCOMING') throw new AppError('WINDOW_CLOSED', { en: `The window for preferences opens on ${formatOrderDate(round.window_opens)}.`, hi: `वरीयताओं की अवधि ${formatOrderDate(round.window_opens)} को खुलेगी।` });
  if (phase !== 'PREFERENCES') throw new AppError('WINDOW_CLOSED', { en: `The window for preferences closed on ${formatOrderDate(round.window_closes)}.`, hi: `वरीयताओं की अवधि ${formatOrderDate(round.window_closes)} को बंद हो गई।` });
  await requireFinalProfile(tx, employeeId);
  const ms = new Map((await ministries(tx)).map((m) => [m.id, m]));
  const seen = new Set<number>();
  b.ministryIds.forEach((id, i) => {
    const m = ms.get(id);
    if (!m?.active) throw fieldError(`ministryIds.${i}`, `Unknown Ministry ${id}.`, `अज्ञात मंत्रालय ${id}।`);
    if (m.group === el.rotation_group) throw fieldError(`ministryIds.${i}`, `${m.en} is in Group ${m.group}, your own group: a rotation moves you to the other group (rules.md §8.1).`, `${m.hi} समूह ${m.group} में है, जो आपका अपना समूह है: रोटेशन में आप दूसरे समूह में जाते हैं।`, 'same_group');
    if (seen.has(id)) throw fieldError(`ministryIds.${i}`, `${m.en} is listed twice.`, `${m.hi} दो बार सूचीबद्ध है।`, 'repeated');
    seen.add(id);
  });
  const cur = await one<{ ministry_ids: number[]; version: number }>(tx, sql`SELECT ministry_ids, version FROM rotation_preference WHERE round_id = ${roundId} AND employee_id = ${employeeId} FOR UPDATE`);
  checkVersion(cur?.version ?? 0, b.version);
  const ids = sql`ARRAY[${sql.join([...b.ministryIds.map((m) => sql`${m}`), sql`0`], sql`, `)}]::int[]`;
  const saved = cur
    ? await one<{ ministry_ids: number[]; version: number }>(tx, sql`
        UPDATE rotation_preference SET ministry_ids = array_remove(${ids}, 0), version = version + 1, updated_at = ${now.toISOString()}
         WHERE round_id = ${roundId} AND employee_id = ${employeeId} AND version = ${b.version} RETURNING ministry_ids, version`)
    : await one<{ ministry_ids: number[]; version: number }>(tx, sql`
        INSERT INTO rotation_preference (round_id, employee_id, ministry_ids, updated_at) VALUES (${roundId}, ${employeeId}, array_remove(${ids}, 0), ${now.toISOString()})
        ON CONFLICT DO NOTHING RETURNING ministry_ids, version`);
  if (!saved) throw new AppError('STALE_VERSION');
  await appendAudit(tx, auditContext(req, now, 'EMPLOYEE'), {
    entity: 'rotation_preference',
    entityId: `${roundId}:${employeeId}`,
    action: 'rotation.preferences.save',
    changes: { ministryIds: { before: cur?.ministry_ids ?? null, after: saved.ministry_ids } },
  });
  return { ministryIds: saved.ministry_ids, version: saved.version };
}

export interface VacancyInput {
  ministryId: number;
  grade: string;
  count: number;
}

/** Replaces the vacancies of the round (entered by hand, or taken from working strength). */
export async function setVacancies(tx: Executor, req: FastifyRequest, now: Date, roundId: number, b: { version: number; items?: VacancyInput[]; fromWorkingStrength?: boolean }): Promise<RoundRow> {
  const round = await loadRound(tx, roundId, true);
  authorize(req.actor!, 'rotation.round.manage', { cadre: round.cadre });
  if (round.status === 'PUBLISHED') throw new AppError('INVALID_STATE', { en: 'The round is published.', hi: 'दौर प्रकाशित हो चुका है।' });
  checkVersion(round.version, b.version);
  const ms = new Map((await ministries(tx)).map((m) => [m.id, m]));
  let items: VacancyInput[];
  let source: 'ENTERED' | 'WORKING_STRENGTH';
  if (b.fromWorkingStrength) {
    items = await workingStrengthVacancies(tx, round.grades, calendarDateInIndia(now));
    source = 'WORKING_STRENGTH';
  } else {
    items = b.items ?? [];
    source = 'ENTERED';
    const seen = new Set<string>();
    items.forEach((v, i) => {
      const m = ms.get(v.ministryId);
      if (!m) throw fieldError(`items.${i}.ministryId`, `Unknown Ministry ${v.ministryId}.`, `अज्ञात मंत्रालय ${v.ministryId}।`);
      if (!round.grades.includes(v.grade)) throw fieldError(`items.${i}.grade`, `${v.grade} is not a grade of this round.`, `${v.grade} इस दौर का ग्रेड नहीं है।`);
      const k = `${v.ministryId}:${v.grade}`;
      if (seen.has(k)) throw fieldError(`items.${i}`, `${m.en} ${v.grade} is entered twice.`, `${m.hi} ${v.grade} दो बार दर्ज है।`, 'repeated');
      seen.add(k);
    });
  }
  const before = await rows<{ ministry_id: number; grade: string; count: number }>(tx, sql`SELECT ministry_id, grade, count FROM rotation_vacancy WHERE round_id = ${roundId} ORDER BY ministry_id, grade`);
  await tx.execute(sql`DELETE FROM rotation_vacancy WHERE round_id = ${roundId}`);
  const keep = items.filter((v) => v.count > 0);
  for (let i = 0; i < keep.length; i += 300) {
    const chunk = keep.slice(i, i + 300);
    await tx.execute(sql`INSERT INTO rotation_vacancy (round_id, ministry_id, grade, count, source, set_by, set_at) VALUES ${sql.join(
      chunk.map((v) => sql`(${roundId}, ${v.ministryId}, ${v.grade}, ${v.count}, ${source}, ${req.actor!.userId}, ${now.toISOString()})`),
      sql`, `,
    )}`);
  }
  const r = (await one<RoundRow>(tx, sql`UPDATE rotation_round SET version = version + 1 WHERE id = ${roundId} RETURNING *`))!;
  await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), {
    entity: 'rotation_round',
    entityId: String(roundId),
    action: 'rotation.vacancies.set',
    changes: { source, before: before.map((v) => ({ ministryId: v.ministry_id, grade: v.grade, count: v.count })), after: keep },
  });
  return r;
}

/** Vacancies = sanctioned strength in force − in position (validated profiles), per Ministry and grade (working strength). */
export async function workingStrengthVacancies(tx: Executor, grades: readonly string[], today: string): Promise<VacancyInput[]> {
  const list = await rows<{ ministry_id: number; grade: string; vacant: number }>(tx, sql`
    WITH s AS (
      SELECT DISTINCT ON (ministry_id, grade) ministry_id, grade, sanctioned FROM sanctioned_strength
       WHERE effective_from <= ${today} ORDER BY ministry_id, grade, effective_from DESC),
    e AS (
      SELECT e.ministry_id, e.grade, count(*) FILTER (WHERE p.validated_version_no IS NOT NULL OR p.state = 'DEEMED_FINAL')::int AS in_position
        FROM employee e LEFT JOIN profile p ON p.employee_id = e.id GROUP BY 1, 2)
    SELECT s.ministry_id, s.grade, greatest(0, s.sanctioned - coalesce(e.in_position, 0))::int AS vacant
      FROM s JOIN ministry m ON m.id = s.ministry_id AND m.active LEFT JOIN e ON e.ministry_id = s.ministry_id AND e.grade = s.grade
     WHERE s.grade IN (${sql.join(grades.map((g) => sql`${g}`), sql`, `)})
     ORDER BY s.ministry_id, s.grade`);
  return list.filter((v) => v.vacant > 0).map((v) => ({ ministryId: v.ministry_id, grade: v.grade, count: v.vacant }));
}

/** Runs the allocation with the chosen method and stores it for review (any manual adjustment is discarded). */
export async function runAllocation(tx: Executor, req: FastifyRequest, now: Date, roundId: number, b: { version: number; method: AllocationMethod; switches?: Partial<RotationSwitchValues> }): Promise<RoundRow> {
  const round = await loadRound(tx, roundId, true);
  authorize(req.actor!, 'rotation.round.manage', { cadre: round.cadre });
  checkVersion(round.version, b.version);
  const today = calendarDateInIndia(now);
  const phase = phaseOf(round, today);
  if (phase === 'PUBLISHED') throw new AppError('INVALID_STATE', { en: 'The round is published.', hi: 'दौर प्रकाशित हो चुका है।' });
  if (phase === 'UPCOMING' || phase === 'PREFERENCES') {
    throw new AppError('INVALID_STATE', { en: `Preferences can be given until ${formatOrderDate(round.window_closes)}; run the allocation after the window closes.`, hi: `वरीयताएँ ${formatOrderDate(round.window_closes)} तक दी जा सकती हैं; अवधि समाप्त होने के बाद आवंटन करें।` });
  }
  const ms = await ministries(tx);
  const byId = new Map(ms.map((m) => [m.id, m]));
  const idOf = new Map(ms.map((m) => [m.code, m.id]));
  const switches = { ...round.switches, ...(b.switches ?? {}) };
  const el = await rows<{ employee_id: string; grade: string; eligible: boolean; ministry_id: number | null; rotation_group: 'A' | 'B' | null; residency_from: string | null; seniority: number; date_of_birth: string; reasons: Reason[] }>(tx, sql`
    SELECT employee_id, grade, eligible, ministry_id, rotation_group, residency_from, seniority, date_of_birth, reasons FROM rotation_eligibility WHERE round_id = ${roundId} AND eligible`);
  const prefs = new Map((await rows<{ employee_id: string; ministry_ids: number[] }>(tx, sql`SELECT employee_id, ministry_ids FROM rotation_preference WHERE round_id = ${roundId}`)).map((p) => [p.employee_id, p.ministry_ids]));
  const candidates = el.map((e) => {
    const d: EligibilityDecision = {
      officerId: e.employee_id, eligible: true, reasons: e.reasons, grade: e.grade, ministry: e.ministry_id != null ? byId.get(e.ministry_id)?.code : undefined, group: e.rotation_group ?? undefined,
      residencyFrom: e.residency_from ?? undefined, seniority: e.seniority, dateOfBirth: e.date_of_birth, switches: [],
    };
    return candidateFromDecision(d, (prefs.get(e.employee_id) ?? []).map((id) => byId.get(id)?.code ?? String(id)));
  });
  const vacancies = (await rows<{ ministry_id: number; grade: string; count: number }>(tx, sql`SELECT ministry_id, grade, count FROM rotation_vacancy WHERE round_id = ${roundId}`))
    .map((v) => ({ ministry: byId.get(v.ministry_id)!.code, grade: v.grade, count: v.count }));
  let result: AllocationResult;
  try {
    const input = { cadre: round.cadre, ministries: engineMinistries(ms), candidates, vacancies, switches };
    result = b.method === 'max-satisfaction' ? allocateMaxSatisfaction(input) : allocateResidencyOrder(input);
  } catch (e) {
    if (e instanceof RangeError) throw new AppError('VALIDATION', { en: e.message, hi: e.message });
    throw e;
  }
  await tx.execute(sql`DELETE FROM rotation_result WHERE round_id = ${roundId}`);
  for (let i = 0; i < result.officers.length; i += 200) {
    const chunk = result.officers.slice(i, i + 200);
    await tx.execute(sql`
      INSERT INTO rotation_result (round_id, employee_id, grade, from_ministry_id, status, engine_ministry_id, engine_rank, ministry_id, rank, residency_position, explanation)
      VALUES ${sql.join(
        chunk.map((o) => {
          const mid = o.ministry ? (idOf.get(o.ministry) ?? null) : null;
          const explanation = { reasons: o.reasons, en: o.en, hi: o.hi, higher: o.higher, ignoredPreferences: o.ignoredPreferences, guaranteeRank: o.guaranteeRank ?? null };
          return sql`(${roundId}, ${o.officerId}::uuid, ${o.grade}, ${idOf.get(o.fromMinistry)!}, ${o.status}, ${mid}::int, ${o.rank ?? null}::int, ${mid}::int, ${o.rank ?? null}::int, ${o.residencyPosition}, ${JSON.stringify(explanation)}::jsonb)`;
        }),
        sql`, `,
      )}`);
  }
  const stored: StoredAllocation = {
    method: result.method,
    objective: result.objective,
    fill: result.fill.map((f) => ({ ministryId: idOf.get(f.ministry)!, grade: f.grade, vacancies: f.vacancies, filled: f.filled })),
    reasons: result.reasons,
    switches: result.switches,
  };
  const r = (await one<RoundRow>(tx, sql`
    UPDATE rotation_round SET status = 'ALLOCATED', method = ${b.method}, switches = ${JSON.stringify(switches)}::jsonb, allocation = ${JSON.stringify(stored)}::jsonb,
           allocated_at = ${now.toISOString()}, allocated_by = ${req.actor!.userId}, version = version + 1
     WHERE id = ${roundId} RETURNING *`))!;
  await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), {
    entity: 'rotation_round',
    entityId: String(roundId),
    action: 'rotation.allocation.run',
    changes: { status: { before: round.status, after: 'ALLOCATED' }, method: b.method, switches, objective: result.objective },
  });
  return r;
}

/** Manual adjustment of one officer's placement, with the reason (audited). */
export async function adjustResult(tx: Executor, req: FastifyRequest, now: Date, roundId: number, employeeId: string, b: { version: number; ministryId: number | null; reason: string }): Promise<void> {
  const round = await loadRound(tx, roundId, true);
  authorize(req.actor!, 'rotation.round.manage', { cadre: round.cadre });
  if (round.status !== 'ALLOCATED') throw new AppError('INVALID_STATE', { en: 'Only a stored allocation that is not yet published can be adjusted.', hi: 'केवल संग्रहीत और अप्रकाशित आवंटन ही समायोजित किया जा सकता है।' });
  const res = await one<{ grade: string; from_ministry_id: number; status: string; ministry_id: number | null; version: number }>(tx, sql`
    SELECT grade, from_ministry_id, status, ministry_id, version FROM rotation_result WHERE round_id = ${roundId} AND employee_id = ${employeeId} FOR UPDATE`);
  if (!res) throw new AppError('NOT_FOUND');
  checkVersion(res.version, b.version);
  let rank: number | null = null;
  if (b.ministryId != null) {
    const ms = new Map((await ministries(tx)).map((m) => [m.id, m]));
    const m = ms.get(b.ministryId);
    const from = ms.get(res.from_ministry_id);
    if (!m?.active) throw fieldError('ministryId', `Unknown Ministry ${b.ministryId}.`, `अज्ञात मंत्रालय ${b.ministryId}।`);
    if (from && m.group === from.group) throw fieldError('ministryId', `${m.en} is in the officer's own group ${m.group}.`, `${m.hi} अधिकारी के अपने समूह ${m.group} में है।`, 'same_group');
    const cap = (await one<{ count: number }>(tx, sql`SELECT count FROM rotation_vacancy WHERE round_id = ${roundId} AND ministry_id = ${b.ministryId} AND grade = ${res.grade}`))?.count ?? 0;
    const filled = (await one<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM rotation_result WHERE round_id = ${roundId} AND ministry_id = ${b.ministryId} AND grade = ${res.grade} AND employee_id <> ${employeeId}`))!.n;
    if (filled >= cap) throw fieldError('ministryId', `${m.en} has ${cap} vacancies for ${res.grade}, all filled: move an officer out first.`, `${m.hi} में ${res.grade} की ${cap} रिक्तियाँ हैं, सभी भरी हुई: पहले किसी अधिकारी को हटाएँ।`, 'no_vacancy');
    const prefs = (await one<{ ministry_ids: number[] }>(tx, sql`SELECT ministry_ids FROM rotation_preference WHERE round_id = ${roundId} AND employee_id = ${employeeId}`))?.ministry_ids ?? [];
    const i = prefs.indexOf(b.ministryId);
    rank = i >= 0 ? i + 1 : null;
  }
  const status = b.ministryId != null ? 'placed' : res.status === 'not-taken' ? 'not-taken' : 'unplaced';
  await tx.execute(sql`
    UPDATE rotation_result SET ministry_id = ${b.ministryId}, rank = ${rank}, status = ${status}, adjusted = true, adjustment_reason = ${b.reason}, adjusted_by = ${req.actor!.userId}, adjusted_at = ${now.toISOString()}, version = version + 1
     WHERE round_id = ${roundId} AND employee_id = ${employeeId}`);
  await tx.execute(sql`UPDATE rotation_round SET version = version + 1 WHERE id = ${roundId}`);
  await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), {
    entity: 'rotation_result',
    entityId: `${roundId}:${employeeId}`,
    action: 'rotation.result.adjust',
    changes: { ministryId: { before: res.ministry_id, after: b.ministryId }, status: { before: res.status, after: status }, reason: b.reason },
  });
}

export async function publishRound(tx: Executor, req: FastifyRequest, now: Date, roundId: number, version: number): Promise<RoundRow> {
  const round = await loadRound(tx, roundId, true);
  authorize(req.actor!, 'rotation.round.manage', { cadre: round.cadre });
  checkVersion(round.version, version);
  if (round.status !== 'ALLOCATED') throw new AppError('INVALID_STATE', { en: 'Run and review the allocation before publishing.', hi: 'प्रकाशन से पहले आवंटन करें और उसकी समीक्षा करें।' });
  const today = calendarDateInIndia(now);
  if (today < round.publication_date) throw new AppError('INVALID_STATE', { field: 'publicationDate', en: `The list is to be published on ${formatOrderDate(round.publication_date)}.`, hi: `सूची ${formatOrderDate(round.publication_date)} को प्रकाशित होनी है।` });
  const r = (await one<RoundRow>(tx, sql`
    UPDATE rotation_round SET status = 'PUBLISHED', published_at = ${now.toISOString()}, published_by = ${req.actor!.userId}, version = version + 1 WHERE id = ${roundId} RETURNING *`))!;
  const counts = await rows<{ status: string; n: number; adjusted: number }>(tx, sql`SELECT status, count(*)::int AS n, count(*) FILTER (WHERE adjusted)::int AS adjusted FROM rotation_result WHERE round_id = ${roundId} GROUP BY status`);
  await enqueueJob(tx, { id: `rotation-round:${roundId}:published`, kind: 'rotation.round.notify', runAt: now, payload: { roundId, stage: 'published' } });
  await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), {
    entity: 'rotation_round',
    entityId: String(roundId),
    action: 'rotation.round.publish',
    changes: { status: { before: 'ALLOCATED', after: 'PUBLISHED' }, results: Object.fromEntries(counts.map((c) => [c.status, c.n])), adjusted: counts.reduce((s, c) => s + c.adjusted, 0) },
  });
  return r;
}

export interface ResultRow {
  employee_id: string;
  employee_code: string;
  name_en: string;
  name_hi: string;
  grade: string;
  from_ministry_id: number;
  status: 'placed' | 'unplaced' | 'not-taken';
  engine_ministry_id: number | null;
  engine_rank: number | null;
  ministry_id: number | null;
  rank: number | null;
  residency_position: number;
  explanation: { reasons: Reason[]; en: string; hi: string; higher: Array<{ rank: number; ministry: string; vacancies: number; heldBy: string[]; longer: number; shorter: number }>; ignoredPreferences: string[]; guaranteeRank: number | null };
  adjusted: boolean;
  adjustment_reason: string | null;
  version: number;
}

export async function resultRows(tx: Executor, roundId: number, f: { employeeId?: string; status?: string; grade?: string; limit?: number; offset?: number } = {}): Promise<ResultRow[]> {
  const where = [sql`r.round_id = ${roundId}`];
  if (f.employeeId) where.push(sql`r.employee_id = ${f.employeeId}`);
  if (f.status) where.push(sql`r.status = ${f.status}`);
  if (f.grade) where.push(sql`r.grade = ${f.grade}`);
  return rows<ResultRow>(tx, sql`
    SELECT r.employee_id, e.employee_code, e.name_en, e.name_hi, r.grade, r.from_ministry_id, r.status, r.engine_ministry_id, r.engine_rank, r.ministry_id, r.rank,
           r.residency_position, r.explanation, r.adjusted, r.adjustment_reason, r.version
      FROM rotation_result r JOIN employee e ON e.id = r.employee_id
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY r.grade, (SELECT rotation_group FROM ministry WHERE id = r.from_ministry_id), r.residency_position, e.employee_code
     ${f.limit ? sql`LIMIT ${f.limit} OFFSET ${f.offset ?? 0}` : sql``}`);
}
