// Deputation advertisements of a borrowing organisation (O.M. of 15.11.2022 para 3.4): draft → published →
// closed (automatically when the closing date has passed), every change after publishing a new revision
// (corrigendum) shown to applicants with the fields changed. The domain engine decides every step.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { abilities, addDays, calendarDateInIndia, decide, formatOrderDate, hasRole, type Actor, type Reason, type ResourceScope } from '@cscms/domain';
import {
  advertisementMachine,
  advertisementSchema,
  newAdvertisement,
  reviseAdvertisement,
  type AdvertisementInput,
  type DeputationAdvertisement,
} from '@cscms/domain/deputation';
import { transition } from '@cscms/domain/workflow';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { enqueueJob, registerJobHandler, type JobContext } from '../../jobs/jobs.ts';
import { notify } from '../../notify/notify.ts';
import { authorize } from '../rules/common.ts';
import { activeOfficerUserIds, organisationOr404 } from '../organisations/service.ts';
import { eligibilityFor, eligibilityInputs } from './inputs.ts';

/** The body of a new advertisement: the engine's schema, with the organisation chosen by id. */
export const advertisementBody = advertisementSchema.omit({ organisation: true }).extend({ organisationId: z.number().int().positive().max(2_147_483_647) });
export const advertisementChanges = advertisementSchema.omit({ organisation: true }).partial();

export interface AdRow {
  id: string;
  organisation_id: number;
  ministry_id: number;
  state: 'DRAFT' | 'PUBLISHED' | 'CLOSED';
  revision: number;
  data: AdvertisementInput;
  history: DeputationAdvertisement['history'];
  post: string;
  pay_level: string;
  closing_date: string;
  published_on: string | null;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  org_en: string;
  org_hi: string;
  org_active: boolean;
}

export const AD_ACTIONS = ['deputation.ad.manage', 'deputation.ad.read'] as const;

export function adScope(a: Pick<AdRow, 'ministry_id' | 'organisation_id'>): ResourceScope {
  return { ministryId: a.ministry_id, organisationId: a.organisation_id };
}

export function toDomain(a: AdRow): DeputationAdvertisement {
  return { ...a.data, id: a.id, version: a.revision, state: a.state, closingDate: a.closing_date, ...(a.published_on ? { publishedOn: a.published_on } : {}), history: a.history };
}

const SELECT = sql`
  SELECT a.*, o.name_en AS org_en, o.name_hi AS org_hi, o.active AS org_active
    FROM deputation_advertisement a JOIN organisation o ON o.id = a.organisation_id`;

export async function loadAd(ex: Executor, id: string, forUpdate = false): Promise<AdRow | undefined> {
  return one<AdRow>(ex, sql`${SELECT} WHERE a.id = ${id} ${forUpdate ? sql`FOR UPDATE OF a` : sql``}`);
}

export async function adOr404(ex: Executor, id: string, forUpdate = false): Promise<AdRow> {
  const a = await loadAd(ex, id, forUpdate);
  if (!a) throw new AppError('NOT_FOUND', { en: 'No such advertisement.', hi: 'ऐसा कोई विज्ञापन नहीं है।' });
  return a;
}

/** May the actor see this advertisement? Published/closed ones: whoever may browse; drafts: whoever may read in scope. */
export function mayView(actor: Actor, a: AdRow): boolean {
  if (decide(actor, 'deputation.ad.read', adScope(a)).allow) return true;
  return a.state !== 'DRAFT' && decide(actor, 'deputation.ad.browse').allow;
}

export function adOut(actor: Actor, a: AdRow, today: string) {
  const scope = adScope(a);
  const manage = decide(actor, 'deputation.ad.manage', scope);
  const open = a.state === 'PUBLISHED' && today <= a.closing_date;
  const by = manage.allow ? (manage.role as 'SUB_NODAL_OFFICER' | 'NODAL_OFFICER') : undefined;
  const steps = by && a.org_active ? advertisementMachine.transitions.filter((t) => (typeof t.from === 'string' ? t.from === a.state : t.from.includes(a.state))).filter((t) => transition(advertisementMachine, toDomain(a), t.action, { by, on: today }).ok).map((t) => t.action) : [];
  const { organisation: _name, ...data } = a.data;
  return {
    ...data,
    id: a.id,
    organisationId: a.organisation_id,
    organisation: { en: a.org_en, hi: a.org_hi || a.org_en },
    ministryId: a.ministry_id,
    state: a.state,
    revision: a.revision,
    version: a.version,
    closingDate: a.closing_date,
    publishedOn: a.published_on,
    closedOn: a.closed_on,
    applicationsOpen: open,
    daysLeft: open ? Math.round((Date.parse(a.closing_date) - Date.parse(today)) / 86_400_000) : null,
    history: a.history,
    steps: [...new Set(steps)],
    abilities: abilities(actor, AD_ACTIONS, scope),
  };
}

function validation(errors: FieldError[]): AppError {
  return new AppError('VALIDATION', { errors, field: errors[0]?.field, en: errors.map((e) => e.en).join('; '), hi: errors.map((e) => e.hi).join('; ') });
}

function reasonsError(code: 'INVALID_STATE' | 'VALIDATION' | 'NOT_ELIGIBLE', reasons: Reason[], field?: string): AppError {
  return new AppError(code, {
    field,
    errors: field ? reasons.map((r) => ({ field, code: r.code, en: r.en, hi: r.hi })) : undefined,
    en: reasons.map((r) => r.en).join(' '),
    hi: reasons.map((r) => r.hi).join(' '),
    extra: { reasons },
  });
}

/** A domain transition or a 409 naming why not. */
function step(a: AdRow, action: 'edit' | 'publish' | 'amend' | 'close', by: 'SUB_NODAL_OFFICER' | 'NODAL_OFFICER' | 'ADMIN', on: string) {
  const r = transition(advertisementMachine, toDomain(a), action, { by, on });
  if (!r.ok) {
    const field = r.error.reasons.some((x) => x.code.startsWith('DEP_AD_CLOSING')) ? 'closingDate' : undefined;
    throw new AppError('INVALID_STATE', {
      field,
      errors: field ? r.error.reasons.map((x) => ({ field, code: x.code, en: x.en, hi: x.hi })) : undefined,
      en: [r.error.en, ...r.error.reasons.map((x) => x.en)].join(' '),
      hi: [r.error.hi, ...r.error.reasons.map((x) => x.hi)].join(' '),
      extra: { state: a.state, reasons: r.error.reasons },
    });
  }
  return r.to;
}

function manageRole(actor: Actor, a: Pick<AdRow, 'ministry_id' | 'organisation_id'>): 'SUB_NODAL_OFFICER' | 'NODAL_OFFICER' {
  return authorize(actor, 'deputation.ad.manage', adScope(a)) as 'SUB_NODAL_OFFICER' | 'NODAL_OFFICER';
}

async function saveVersion(tx: Executor, a: { id: string; state: string }, d: DeputationAdvertisement, input: AdvertisementInput, by: string, now: Date) {
  const h = d.history[d.history.length - 1];
  await tx.execute(sql`
    INSERT INTO deputation_advertisement_version (advertisement_id, revision, state, data, fields, note, on_date, by_user, created_at)
    VALUES (${a.id}, ${d.version}, ${a.state}, ${JSON.stringify(input)}::jsonb, ${JSON.stringify(h?.fields ?? [])}::jsonb, ${h?.note ?? null}, ${h?.on ?? calendarDateInIndia(now)}, ${by}, ${now.toISOString()})`);
}

function inputOf(d: DeputationAdvertisement): AdvertisementInput {
  const { id: _i, version: _v, state: _s, publishedOn: _p, history: _h, ...input } = d;
  return input as AdvertisementInput;
}

export async function createAd(tx: Executor, req: FastifyRequest, body: z.infer<typeof advertisementBody>, now: Date): Promise<string> {
  const actor = req.actor!;
  const today = calendarDateInIndia(now);
  const o = await organisationOr404(tx, body.organisationId);
  const role = manageRole(actor, { ministry_id: o.ministry_id, organisation_id: o.id });
  if (!o.active) throw new AppError('CONFLICT', { field: 'organisationId', en: 'organisationId: the organisation is deactivated.', hi: 'organisationId: संगठन निष्क्रिय है।' });
  const { organisationId: _o, ...rest } = body;
  const input: AdvertisementInput = { ...rest, organisation: o.name_en };
  const id = randomUUID();
  const d = newAdvertisement(id, input, today, actor.userId);
  await tx.execute(sql`
    INSERT INTO deputation_advertisement (id, organisation_id, ministry_id, state, revision, data, history, post, pay_level, closing_date, created_by, created_at, updated_at)
    VALUES (${id}, ${o.id}, ${o.ministry_id}, 'DRAFT', 1, ${JSON.stringify(input)}::jsonb, ${JSON.stringify(d.history)}::jsonb, ${input.post}, ${input.level}, ${input.closingDate},
            ${actor.userId}, ${now.toISOString()}, ${now.toISOString()})`);
  await saveVersion(tx, { id, state: 'DRAFT' }, d, input, actor.userId, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'deputation_advertisement', entityId: id, action: 'deputation.ad.create', changes: { organisationId: o.id, ...input } });
  return id;
}

/** Edit a draft, or issue a corrigendum to a published advertisement: a new revision with the fields changed. */
export async function reviseAd(tx: Executor, req: FastifyRequest, id: string, body: { version: number; changes: Partial<AdvertisementInput>; note?: string }, now: Date): Promise<void> {
  const actor = req.actor!;
  const today = calendarDateInIndia(now);
  const a = await adOr404(tx, id, true);
  const role = manageRole(actor, a);
  if (a.version !== body.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: a.version, state: a.state } });
  if (!a.org_active) throw new AppError('CONFLICT', { en: 'The organisation is deactivated.', hi: 'संगठन निष्क्रिय है।' });
  step(a, a.state === 'DRAFT' ? 'edit' : 'amend', role, today);
  const r = reviseAdvertisement(toDomain(a), body.changes, { on: today, by: actor.userId, note: body.note });
  if (!r.ok) {
    const fieldOf = (x: Reason) => (x.code === 'DEP_AD_INVALID' ? `changes.${x.en.split(':')[0]}` : x.code.startsWith('DEP_AD_CLOSING') ? 'changes.closingDate' : undefined);
    const f = fieldOf(r.reasons[0]);
    throw r.reasons[0].code === 'DEP_AD_INVALID' || r.reasons[0].code === 'DEP_AD_CLOSING_DATE_ADVANCED'
      ? validation(r.reasons.map((x) => ({ field: fieldOf(x) ?? 'changes', code: x.code, en: x.en, hi: x.hi })))
      : reasonsError('INVALID_STATE', r.reasons, f);
  }
  const d = r.advertisement;
  const last = d.history[d.history.length - 1];
  if (last.fields.length === 0) throw new AppError('VALIDATION', { field: 'changes', en: 'changes: nothing would change.', hi: 'changes: कुछ भी नहीं बदलेगा।' });
  const input = inputOf(d);
  await tx.execute(sql`
    UPDATE deputation_advertisement SET data = ${JSON.stringify(input)}::jsonb, history = ${JSON.stringify(d.history)}::jsonb, revision = ${d.version},
           post = ${input.post}, pay_level = ${input.level}, closing_date = ${input.closingDate}, version = version + 1, updated_at = ${now.toISOString()}
     WHERE id = ${id} AND version = ${body.version}`);
  await saveVersion(tx, a, d, input, actor.userId, now);
  const changes = Object.fromEntries(last.fields.map((f) => [f, { before: (a.data as unknown as Record<string, unknown>)[f], after: (input as unknown as Record<string, unknown>)[f] }]));
  await appendAudit(tx, auditContext(req, now, role), { entity: 'deputation_advertisement', entityId: id, action: a.state === 'DRAFT' ? 'deputation.ad.edit' : 'deputation.ad.corrigendum', changes: { revision: d.version, ...changes }, reason: body.note ?? null });
  if (a.state === 'PUBLISHED') {
    if (input.closingDate !== a.closing_date) await scheduleAdJobs(tx, id, input.closingDate, now, true);
    const applicants = await rows<{ user_id: string }>(tx, sql`
      SELECT u.id AS user_id FROM deputation_application p JOIN app_user u ON u.employee_id = p.employee_id
       WHERE p.advertisement_id = ${id} AND p.state NOT IN ('WITHDRAWN', 'REJECTED_BY_MINISTRY', 'REJECTED_BY_DOPT', 'NOT_SELECTED')`);
    await notify(tx, {
      userIds: applicants.map((x) => x.user_id),
      kind: 'deputation.ad.corrigendum',
      title: { en: `Corrigendum to the advertisement for ${input.post}`, hi: `${input.post} के विज्ञापन का शुद्धिपत्र` },
      body: { en: `Changed: ${last.fields.join(', ')}.${body.note ? ` ${body.note}` : ''}`, hi: `परिवर्तित: ${last.fields.join(', ')}।${body.note ? ` ${body.note}` : ''}` },
      link: `/deputation/advertisements/${id}`,
    }, now);
  }
}

/** The closing job runs as the closing date ends (IST); reminders 7 days and 1 day before, at 09:00 IST. */
async function scheduleAdJobs(tx: Executor, id: string, closingDate: string, now: Date, reschedule = false) {
  const today = calendarDateInIndia(now);
  const istStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+05:30`));
  const onConflict = reschedule ? 'reschedule' : 'ignore';
  await enqueueJob(tx, { id: `deputation-ad:${id}:close`, kind: 'deputation.ad.close', runAt: istStart(addDays(closingDate, 1)), payload: { advertisementId: id }, onConflict });
  for (const [stage, days] of [['remind-7d', 7], ['remind-1d', 1]] as const) {
    const on = addDays(closingDate, -days);
    if (on > today) await enqueueJob(tx, { id: `deputation-ad:${id}:${stage}`, kind: 'deputation.ad.remind', runAt: new Date(istStart(on).getTime() + 9 * 3_600_000), payload: { advertisementId: id, stage }, onConflict });
  }
}

/** Employees of the eligible cadres in a feeder grade or level: who is told of a new advertisement and reminded. */
async function feederUserIds(tx: Executor, a: AdRow, excludeApplied: boolean): Promise<string[]> {
  const grades = a.data.feeder.map((f) => f.grade).filter((g): g is string => !!g);
  const levels = a.data.feeder.map((f) => f.level).filter((l): l is string => !!l);
  const cadres = a.data.eligibleCadres;
  const feeder = sql.join(
    [
      ...(grades.length ? [sql`e.grade IN (${sql.join(grades.map((g) => sql`${g}`), sql`, `)})`] : []),
      ...(levels.length ? [sql`g.pay_level IN (${sql.join(levels.map((l) => sql`${l}`), sql`, `)})`] : []),
    ],
    sql` OR `,
  );
  return (await rows<{ id: string }>(tx, sql`
    SELECT u.id FROM app_user u JOIN employee e ON e.id = u.employee_id JOIN grade g ON g.code = e.grade
     WHERE u.active AND e.cadre IN (${sql.join(cadres.map((c) => sql`${c}`), sql`, `)}) AND (${feeder})
       ${excludeApplied ? sql`AND NOT EXISTS (SELECT 1 FROM deputation_application p WHERE p.advertisement_id = ${a.id} AND p.employee_id = e.id AND p.state <> 'WITHDRAWN')` : sql``}`)).map((r) => r.id);
}

export async function publishAd(tx: Executor, req: FastifyRequest, id: string, version: number, now: Date): Promise<void> {
  const actor = req.actor!;
  const today = calendarDateInIndia(now);
  const a = await adOr404(tx, id, true);
  const role = manageRole(actor, a);
  if (a.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: a.version, state: a.state } });
  if (!a.org_active) throw new AppError('CONFLICT', { en: 'The organisation is deactivated.', hi: 'संगठन निष्क्रिय है।' });
  step(a, 'publish', role, today);
  await tx.execute(sql`UPDATE deputation_advertisement SET state = 'PUBLISHED', published_on = ${today}, version = version + 1, updated_at = ${now.toISOString()} WHERE id = ${id} AND version = ${version}`);
  await tx.execute(sql`UPDATE deputation_advertisement_version SET state = 'PUBLISHED' WHERE advertisement_id = ${id} AND revision = ${a.revision}`);
  await scheduleAdJobs(tx, id, a.closing_date, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'deputation_advertisement', entityId: id, action: 'deputation.ad.publish', changes: { state: { before: 'DRAFT', after: 'PUBLISHED' }, revision: a.revision, closingDate: a.closing_date } });
  const due = formatOrderDate(a.closing_date);
  await notify(tx, {
    userIds: await feederUserIds(tx, a, false),
    kind: 'deputation.ad.published',
    title: { en: `Deputation: ${a.post} in ${a.org_en} (Level ${a.pay_level})`, hi: `प्रतिनियुक्ति: ${a.org_hi || a.org_en} में ${a.post} (स्तर ${a.pay_level})` },
    body: { en: `Applications are open until ${due}. See whether you are eligible and apply on CSCMS.`, hi: `आवेदन ${due} तक खुले हैं। सीएससीएमएस पर अपनी पात्रता देखें और आवेदन करें।` },
    link: `/deputation/advertisements/${id}`,
  }, now);
}

/** Close by hand once the closing date has passed (the job does the same at the end of the closing date). */
export async function closeAd(tx: Executor, req: FastifyRequest, id: string, version: number, now: Date): Promise<void> {
  const today = calendarDateInIndia(now);
  const a = await adOr404(tx, id, true);
  const role = manageRole(req.actor!, a);
  if (a.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: a.version, state: a.state } });
  step(a, 'close', role, today);
  await tx.execute(sql`UPDATE deputation_advertisement SET state = 'CLOSED', closed_on = ${today}, version = version + 1, updated_at = ${now.toISOString()} WHERE id = ${id} AND version = ${version}`);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'deputation_advertisement', entityId: id, action: 'deputation.ad.close', changes: { state: { before: 'PUBLISHED', after: 'CLOSED' } } });
}

type AdJob = JobContext<{ advertisementId: string; stage?: 'remind-7d' | 'remind-1d' }>;

async function closeJob(ctx: AdJob): Promise<void> {
  const today = calendarDateInIndia(ctx.now);
  const a = await loadAd(ctx.tx, ctx.payload.advertisementId, true);
  if (!a || a.state !== 'PUBLISHED') return;
  const r = transition(advertisementMachine, toDomain(a), 'close', { by: 'ADMIN', on: today });
  if (!r.ok) return; // a corrigendum extended the closing date: the rescheduled job closes it
  await ctx.tx.execute(sql`UPDATE deputation_advertisement SET state = 'CLOSED', closed_on = ${today}, version = version + 1, updated_at = ${ctx.now.toISOString()} WHERE id = ${a.id}`);
  await ctx.audit({ entity: 'deputation_advertisement', entityId: a.id, action: 'deputation.ad.close', changes: { state: { before: 'PUBLISHED', after: 'CLOSED' }, automatic: true } });
  const counts = await one<{ n: number }>(ctx.tx, sql`SELECT count(*)::int AS n FROM deputation_application WHERE advertisement_id = ${a.id} AND state <> 'WITHDRAWN'`);
  await notify(ctx.tx, {
    userIds: await activeOfficerUserIds(ctx.tx, a.organisation_id),
    kind: 'deputation.ad.closed',
    title: { en: `Applications closed: ${a.post}`, hi: `आवेदन बंद: ${a.post}` },
    body: { en: `${counts?.n ?? 0} application(s) received; they reach you once the cadre units forward them.`, hi: `${counts?.n ?? 0} आवेदन प्राप्त; संवर्ग इकाइयों द्वारा अग्रेषित होने पर वे आप तक पहुँचेंगे।` },
    link: `/deputation/manage/${a.id}`,
  }, ctx.now);
}

async function remindJob(ctx: AdJob): Promise<void> {
  const a = await loadAd(ctx.tx, ctx.payload.advertisementId);
  if (!a || a.state !== 'PUBLISHED') return;
  const due = formatOrderDate(a.closing_date);
  const stage = ctx.payload.stage ?? 'remind-7d';
  const userIds = await feederUserIds(ctx.tx, a, true);
  await notify(ctx.tx, {
    userIds,
    kind: `deputation.ad.${stage}`,
    title: stage === 'remind-1d'
      ? { en: `Last day tomorrow: ${a.post} (deputation)`, hi: `कल अंतिम दिन: ${a.post} (प्रतिनियुक्ति)` }
      : { en: `7 days left to apply: ${a.post} (deputation)`, hi: `आवेदन के लिए 7 दिन शेष: ${a.post} (प्रतिनियुक्ति)` },
    body: { en: `Applications close on ${due}.`, hi: `आवेदन ${due} को बंद होंगे।` },
    link: `/deputation/advertisements/${a.id}`,
  }, ctx.now);
  await ctx.audit({ entity: 'deputation_advertisement', entityId: a.id, action: `deputation.ad.${stage}.notified`, changes: { employees: userIds.length } });
}

registerJobHandler('deputation.ad.close', closeJob);
registerJobHandler('deputation.ad.remind', remindJob);

export interface BrowseFilter {
  q?: string;
  level?: string;
  cadre?: string;
  organisationId?: number;
  eligibleOnly?: boolean;
  includeClosed?: boolean;
  limit: number;
  offset: number;
}

/** Published advertisements; for an employee each says "eligible" or "not eligible because …" (the engine's reasons). */
export async function browseAds(ex: Executor, actor: Actor, f: BrowseFilter, now: Date) {
  const today = calendarDateInIndia(now);
  const list = await rows<AdRow>(ex, sql`${SELECT}
     WHERE o.active AND a.state ${f.includeClosed ? sql`IN ('PUBLISHED', 'CLOSED')` : sql`= 'PUBLISHED' AND a.closing_date >= ${today}`}
       ${f.q ? sql`AND (a.post ILIKE ${`%${f.q}%`} OR a.data->>'station' ILIKE ${`%${f.q}%`} OR o.name_en ILIKE ${`%${f.q}%`})` : sql``}
       ${f.level ? sql`AND a.pay_level = ${f.level}` : sql``}
       ${f.cadre ? sql`AND a.data->'eligibleCadres' ? ${f.cadre}` : sql``}
       ${f.organisationId ? sql`AND a.organisation_id = ${f.organisationId}` : sql``}
     ORDER BY a.closing_date, a.id LIMIT 500`);
  const inputs = actor.employeeId && hasRole(actor, 'EMPLOYEE') ? await eligibilityInputs(ex, actor.employeeId, today) : undefined;
  const mine = actor.employeeId
    ? await rows<{ advertisement_id: string; id: string; state: string }>(ex, sql`SELECT advertisement_id, id, state FROM deputation_application WHERE employee_id = ${actor.employeeId} AND state <> 'WITHDRAWN'`)
    : [];
  let items = list.map((a) => {
    const eligibility = inputs ? eligibilityFor(inputs, toDomain(a)) : null;
    const app = mine.find((m) => m.advertisement_id === a.id);
    return { ...adOut(actor, a, today), eligibility, myApplication: app ? { id: app.id, state: app.state } : null };
  });
  if (f.eligibleOnly && inputs) items = items.filter((i) => i.eligibility?.eligible);
  return { items: items.slice(f.offset, f.offset + f.limit), total: items.length };
}

/** Advertisements in every state, for those who manage them: a sub-nodal officer own organisation's, a Nodal Officer own Ministry's. */
export async function manageList(ex: Executor, actor: Actor, f: { state?: string; organisationId?: number; limit: number; offset: number }, now: Date) {
  const today = calendarDateInIndia(now);
  const wide = hasRole(actor, 'CADRE_AUTHORITY') || hasRole(actor, 'ADMIN');
  const ms = actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number);
  const os = actor.grants.filter((g) => g.role === 'SUB_NODAL_OFFICER' && g.organisationId != null).map((g) => g.organisationId as number);
  const scope = wide
    ? sql`true`
    : sql`(${ms.length ? sql`a.ministry_id IN (${sql.join(ms.map((m) => sql`${m}`), sql`, `)})` : sql`false`} OR ${os.length ? sql`a.organisation_id IN (${sql.join(os.map((m) => sql`${m}`), sql`, `)})` : sql`false`})`;
  const list = await rows<AdRow & { total: number; applications: number; released: number }>(ex, sql`
    SELECT a.*, o.name_en AS org_en, o.name_hi AS org_hi, o.active AS org_active, count(*) OVER ()::int AS total,
           (SELECT count(*)::int FROM deputation_application p WHERE p.advertisement_id = a.id AND p.state <> 'WITHDRAWN') AS applications,
           (SELECT count(*)::int FROM deputation_application p WHERE p.advertisement_id = a.id AND p.released_at IS NOT NULL) AS released
      FROM deputation_advertisement a JOIN organisation o ON o.id = a.organisation_id
     WHERE ${scope} ${f.state ? sql`AND a.state = ${f.state}` : sql``} ${f.organisationId ? sql`AND a.organisation_id = ${f.organisationId}` : sql``}
     ORDER BY a.updated_at DESC, a.id LIMIT ${f.limit} OFFSET ${f.offset}`);
  const seesAll = (a: AdRow) => decide(actor, 'deputation.application.read', { ministryId: a.ministry_id }).allow && !hasRole(actor, 'SUB_NODAL_OFFICER');
  return {
    items: list.map((a) => ({ ...adOut(actor, a, today), counts: { applications: seesAll(a) ? a.applications : null, forwarded: a.released } })),
    total: list[0]?.total ?? 0,
  };
}

export async function viewAd(ex: Executor, actor: Actor, id: string, now: Date) {
  const today = calendarDateInIndia(now);
  const a = await adOr404(ex, id);
  if (!mayView(actor, a)) {
    const d = decide(actor, 'deputation.ad.read', adScope(a));
    if (a.state === 'DRAFT' && !d.allow && decide(actor, 'deputation.ad.browse').allow) throw new AppError('NOT_FOUND', { en: 'No such advertisement.', hi: 'ऐसा कोई विज्ञापन नहीं है।' });
    throw new AppError(d.allow ? 'NOT_FOUND' : (d.code as 'OUT_OF_SCOPE'), d.allow ? {} : { en: d.en, hi: d.hi });
  }
  let eligibility = null;
  let myApplication = null;
  if (actor.employeeId && hasRole(actor, 'EMPLOYEE') && a.state !== 'DRAFT') {
    const inp = await eligibilityInputs(ex, actor.employeeId, today);
    if (inp) eligibility = eligibilityFor(inp, toDomain(a));
    const m = await one<{ id: string; state: string; advertisement_revision: number }>(ex, sql`SELECT id, state, advertisement_revision FROM deputation_application WHERE advertisement_id = ${id} AND employee_id = ${actor.employeeId} AND state <> 'WITHDRAWN'`);
    if (m) myApplication = { id: m.id, state: m.state, appliedAgainstRevision: m.advertisement_revision };
  }
  return { ...adOut(actor, a, today), eligibility, myApplication };
}

export async function adVersions(ex: Executor, actor: Actor, id: string) {
  const a = await adOr404(ex, id);
  if (!mayView(actor, a)) throw new AppError('OUT_OF_SCOPE');
  const list = await rows<{ revision: number; state: string; data: AdvertisementInput; fields: string[]; note: string | null; on_date: string }>(ex, sql`
    SELECT revision, state, data, fields, note, on_date FROM deputation_advertisement_version WHERE advertisement_id = ${id} ORDER BY revision DESC`);
  // a published advertisement's drafts are not shown to applicants: only what was published and its corrigenda
  const mayDraft = decide(actor, 'deputation.ad.read', adScope(a)).allow;
  const published = list.filter((v) => v.state !== 'DRAFT').map((v) => v.revision);
  const firstPublished = published.length ? Math.min(...published) : Number.POSITIVE_INFINITY;
  return {
    items: list
      .filter((v) => mayDraft || v.revision >= firstPublished)
      .map((v) => ({ revision: v.revision, kind: (v.state === 'DRAFT' ? 'draft' : v.revision === firstPublished ? 'published' : 'corrigendum') as 'draft' | 'published' | 'corrigendum', on: v.on_date, fields: v.fields, note: v.note, data: v.data })),
  };
}
