// Deputation applications (O.M. of 15.11.2022 para 3.4; rules.md §5): apply with a statement (profile final,
// eligible per the engine), withdraw, cadre clearance and forwarding by the Ministry with the forwarding
// package, CS.I's clearance for US and above, the borrowing organisation's shortlist/selection/joining, tenure
// (extensions, repatriation, cooling-off). Every step goes through deputationApplicationMachine, is audited in
// the same transaction, added to the application's timeline and notified.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { abilities, addYears, calendarDateInIndia, daRate, decide, type Actor, type CadreCode, type Reason, type ResourceScope, type Role } from '@cscms/domain';
import {
  cadreClearanceRoute,
  deputationAllowance,
  deputationApplicationMachine,
  deputationTenure,
  mayApplyForDeputation,
  type DeputationApplicationAction,
  type DeputationApplicationState,
  type DeputationEligibility,
  type ExtensionApprover,
  type ForwardingPackage,
} from '@cscms/domain/deputation';
import { effectiveEvents, type VigilanceClearance } from '@cscms/domain/vigilance';
import { transition } from '@cscms/domain/workflow';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { embeddedSparrow, lastReportingYears, saveEnteredGradings, type AparGrading, type AparGradingValue, type AparSource } from '../../integrations/sparrow.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { notify, type Bilingual } from '../../notify/notify.ts';
import { authorize } from '../rules/common.ts';
import { requireFinalProfile } from '../profile/service.ts';
import { activeOfficerUserIds } from '../organisations/service.ts';
import { adOr404, toDomain } from './advertisements.ts';
import { eligibilityFor, eligibilityInputs, employeeFacts, vigilanceEvents, vigilanceFor } from './inputs.ts';

export interface TimelineEntry {
  at: string;
  on: string;
  action: string;
  from: DeputationApplicationState | null;
  to: DeputationApplicationState;
  role: string;
  en: string;
  hi: string;
  reasons?: string;
  remarks?: string;
  /** the date of joining, for the 'join' entry (shown in the reader's language) */
  joinedOn?: string;
}

export interface ForwardingStored {
  on: string;
  vigilance: VigilanceClearance;
  integrityCertificate: { certified: true; on: string; remarks?: string | null };
  penaltiesLast10Years: { from: string; to: string; items: Array<{ date: string; penalty: string; severity: string; currencyTo?: string }> };
  aparGradings: { years: number[]; items: AparGrading[]; source: string };
  remarks?: string | null;
}

export interface AppRow {
  id: string;
  advertisement_id: string;
  advertisement_revision: number;
  organisation_id: number;
  employee_id: string;
  ministry_id: number;
  cadre: CadreCode;
  grade: string;
  state: DeputationApplicationState;
  statement: string;
  applied_on: string;
  eligibility: DeputationEligibility;
  clearance_route: ReturnType<typeof cadreClearanceRoute>;
  forwarding: ForwardingStored | null;
  timeline: TimelineEntry[];
  released_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  employee_code: string;
  name_en: string;
  name_hi: string;
  post: string;
  pay_level: string;
  org_en: string;
  org_hi: string;
  ad_revision: number;
  ad_tenure_years: number | null;
}

interface TenureRow {
  application_id: string;
  joined_on: string;
  rr_tenure_years: number | null;
  basic_pay: number | null;
  same_station: boolean | null;
  normal_end_on: string;
  hard_cap_on: string;
  end_on: string;
  extensions: Array<{ until: string; approvedBy: ExtensionApprover; orderRef: string; recordedOn: string }>;
  repatriated_on: string | null;
  premature: boolean;
  cooling_off_ends_on: string;
}

const SELECT = sql`
  SELECT p.*, e.employee_code, e.name_en, e.name_hi, a.post, a.pay_level, a.revision AS ad_revision, (a.data->>'tenureYears')::int AS ad_tenure_years,
         o.name_en AS org_en, o.name_hi AS org_hi
    FROM deputation_application p
    JOIN employee e ON e.id = p.employee_id
    JOIN deputation_advertisement a ON a.id = p.advertisement_id
    JOIN organisation o ON o.id = p.organisation_id`;

export function appScope(p: Pick<AppRow, 'employee_id' | 'ministry_id' | 'cadre' | 'organisation_id'>): ResourceScope {
  return { ownerEmployeeId: p.employee_id, ministryId: p.ministry_id, cadre: p.cadre, organisationId: p.organisation_id };
}

const withoutSubNodal = (actor: Actor): Actor => ({ ...actor, grants: actor.grants.filter((g) => g.role !== 'SUB_NODAL_OFFICER') });

/** Who may see the application: a sub-nodal officer only once it has reached the organisation. */
function mayRead(actor: Actor, p: AppRow): { full: boolean } | null {
  const scope = appScope(p);
  if (decide(withoutSubNodal(actor), 'deputation.application.read', scope).allow) return { full: true };
  if (p.released_at && decide(actor, 'deputation.application.read', scope).allow) return { full: false };
  return null;
}

async function loadApp(ex: Executor, id: string, forUpdate = false): Promise<AppRow | undefined> {
  return one<AppRow>(ex, sql`${SELECT} WHERE p.id = ${id} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`);
}

/** The application, or 404 — also when it exists but has not reached a sub-nodal officer's organisation. */
async function appFor(ex: Executor, actor: Actor, id: string, forUpdate = false): Promise<{ p: AppRow; full: boolean }> {
  const p = await loadApp(ex, id, forUpdate);
  if (!p) throw new AppError('NOT_FOUND', { en: 'No such application.', hi: 'ऐसा कोई आवेदन नहीं है।' });
  const r = mayRead(actor, p);
  if (!r) {
    const d = decide(actor, 'deputation.application.read', appScope(p));
    if (d.allow) throw new AppError('NOT_FOUND', { en: 'No such application.', hi: 'ऐसा कोई आवेदन नहीं है।' });
    throw new AppError(d.code, { en: d.en, hi: d.hi });
  }
  return { p, full: r.full };
}

// ---- recipients ----

async function userOfEmployee(ex: Executor, employeeId: string): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT id FROM app_user WHERE employee_id = ${employeeId} AND active`)).map((r) => r.id);
}
async function nodalOfficers(ex: Executor, ministryId: number): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT DISTINCT u.id FROM app_user u JOIN role_grant g ON g.user_id = u.id WHERE u.active AND g.role = 'NODAL_OFFICER' AND g.ministry_id = ${ministryId}`)).map((r) => r.id);
}
async function cadreAuthorities(ex: Executor, cadre: string): Promise<string[]> {
  return (await rows<{ id: string }>(ex, sql`SELECT DISTINCT u.id FROM app_user u JOIN role_grant g ON g.user_id = u.id WHERE u.active AND g.role = 'CADRE_AUTHORITY' AND ${cadre} = ANY(g.cadres)`)).map((r) => r.id);
}

// ---- views ----

const VIGILANCE_HIDDEN: Bilingual = { en: 'Not clear from the vigilance angle (details are with the cadre unit).', hi: 'सतर्कता की दृष्टि से अनापत्ति नहीं (विवरण संवर्ग इकाई के पास)।' };

function redactEligibility(e: DeputationEligibility): DeputationEligibility {
  const hide = (r: Reason): Reason => (r.code.startsWith('DEP_VIGILANCE') ? { ...r, ...VIGILANCE_HIDDEN, until: undefined } : r);
  return { ...e, reasons: e.reasons.map(hide), notes: e.notes.map(hide) };
}

/** The forwarding package as the viewer may see it: a sub-nodal officer gets of vigilance only the clearance result. */
function forwardingOut(f: ForwardingStored | null, full: boolean) {
  if (!f) return null;
  if (full) return { ...f, detailsHidden: false };
  return {
    on: f.on,
    vigilance: { on: f.vigilance.on, purpose: f.vigilance.purpose, status: f.vigilance.status },
    integrityCertificate: f.integrityCertificate,
    penaltiesLast10Years: { from: f.penaltiesLast10Years.from, to: f.penaltiesLast10Years.to, count: f.penaltiesLast10Years.items.length },
    aparGradings: f.aparGradings,
    remarks: f.remarks ?? null,
    detailsHidden: true,
  };
}

const ACTION_POLICY: Record<DeputationApplicationAction, Parameters<typeof decide>[1]> = {
  forward: 'deputation.forward',
  rejectByMinistry: 'deputation.forward',
  approveByDopt: 'deputation.dopt',
  rejectByDopt: 'deputation.dopt',
  shortlist: 'deputation.select',
  notSelect: 'deputation.select',
  select: 'deputation.select',
  join: 'deputation.select',
  repatriate: 'deputation.tenure',
  withdraw: 'deputation.apply',
};

/** The steps this actor can take now (for the UI): the policy allows it and the engine's machine has it from this state. */
function stepsFor(actor: Actor, p: AppRow, today: string): DeputationApplicationAction[] {
  const scope = appScope(p);
  const out: DeputationApplicationAction[] = [];
  for (const t of deputationApplicationMachine.transitions) {
    const froms = typeof t.from === 'string' ? [t.from] : t.from;
    if (!froms.includes(p.state) || out.includes(t.action)) continue;
    const d = decide(actor, ACTION_POLICY[t.action], scope);
    if (!d.allow) continue;
    if (d.role === 'SUB_NODAL_OFFICER' && !p.released_at) continue;
    const r = transition(deputationApplicationMachine, { state: p.state, grade: p.grade }, t.action, {
      by: d.role,
      on: today,
      forwarding: { vigilanceClearance: true, integrityCertificate: true, penaltiesLast10Years: true, aparGradingsLast5Years: true },
      reasons: 'x'.repeat(10),
    });
    if (r.ok) out.push(t.action);
  }
  return out;
}

function tenureOut(t: TenureRow | undefined, today: string) {
  if (!t) return null;
  const out = deputationTenure({
    joinedOn: t.joined_on,
    rrTenureYears: t.rr_tenure_years,
    extensions: t.extensions.map((x) => ({ until: x.until, approvedBy: x.approvedBy })),
    ...(t.repatriated_on ? { repatriatedOn: t.repatriated_on } : {}),
  });
  let allowance = null;
  if (t.basic_pay != null) {
    const on = today < out.actualEndOn ? (today > t.joined_on ? today : t.joined_on) : out.actualEndOn;
    try {
      allowance = { on, ...deputationAllowance({ on, basicPay: t.basic_pay, sameStation: !!t.same_station, daPercent: daRate(on).rate }) };
    } catch {
      allowance = null;
    }
  }
  return { ...out, rrTenureYears: t.rr_tenure_years, extensions: t.extensions, repatriatedOn: t.repatriated_on, basicPay: t.basic_pay, sameStation: t.same_station, allowance };
}

export async function viewApplication(ex: Executor, actor: Actor, id: string, now: Date) {
  const today = calendarDateInIndia(now);
  const { p, full } = await appFor(ex, actor, id);
  const t = await one<TenureRow>(ex, sql`SELECT * FROM deputation_tenure WHERE application_id = ${id}`);
  const changes = p.ad_revision > p.advertisement_revision
    ? await rows<{ revision: number; fields: string[]; note: string | null; on_date: string }>(ex, sql`
        SELECT revision, fields, note, on_date FROM deputation_advertisement_version WHERE advertisement_id = ${p.advertisement_id} AND revision > ${p.advertisement_revision} ORDER BY revision`)
    : [];
  return {
    ...listItem(p),
    statement: p.statement,
    eligibility: full ? p.eligibility : redactEligibility(p.eligibility),
    clearanceRoute: p.clearance_route,
    forwarding: forwardingOut(p.forwarding, full),
    timeline: p.timeline,
    advertisementChanges: changes.map((c) => ({ revision: c.revision, fields: c.fields, note: c.note, on: c.on_date })),
    tenure: tenureOut(t, today),
    steps: stepsFor(actor, p, today),
    abilities: abilities(actor, ['deputation.apply', 'deputation.forward', 'deputation.dopt', 'deputation.select', 'deputation.tenure'], appScope(p)),
  };
}

function listItem(p: AppRow) {
  return {
    id: p.id,
    advertisementId: p.advertisement_id,
    advertisementRevision: p.advertisement_revision,
    currentAdvertisementRevision: p.ad_revision,
    post: p.post,
    level: p.pay_level,
    organisationId: p.organisation_id,
    organisation: { en: p.org_en, hi: p.org_hi || p.org_en },
    employee: { id: p.employee_id, code: p.employee_code, name: { en: p.name_en, hi: p.name_hi || p.name_en }, grade: p.grade, cadre: p.cadre, ministryId: p.ministry_id },
    state: p.state,
    appliedOn: p.applied_on,
    forwarded: p.released_at != null,
    updatedAt: String(p.updated_at),
    version: p.version,
  };
}

export interface AppListFilter {
  state?: DeputationApplicationState;
  advertisementId?: string;
  mine?: boolean;
  limit: number;
  offset: number;
}

/** Applications the actor may see: mine; my Ministry's; my cadre's; my organisation's once forwarded to it. */
export async function listApplications(ex: Executor, actor: Actor, f: AppListFilter) {
  const parts = [];
  for (const g of actor.grants) {
    if (g.role === 'EMPLOYEE' && actor.employeeId) parts.push(sql`p.employee_id = ${actor.employeeId}`);
    if (f.mine) continue;
    if (g.role === 'NODAL_OFFICER' && g.ministryId != null) parts.push(sql`p.ministry_id = ${g.ministryId}`);
    if (g.role === 'CADRE_AUTHORITY' && g.cadres?.length) parts.push(sql`p.cadre IN (${sql.join(g.cadres.map((c) => sql`${c}`), sql`, `)})`);
    if (g.role === 'SUB_NODAL_OFFICER' && g.organisationId != null) parts.push(sql`(p.organisation_id = ${g.organisationId} AND p.released_at IS NOT NULL)`);
  }
  if (parts.length === 0) return { items: [], total: 0 };
  const where = sql`(${sql.join(parts, sql` OR `)}) ${f.state ? sql`AND p.state = ${f.state}` : sql``} ${f.advertisementId ? sql`AND p.advertisement_id = ${f.advertisementId}` : sql``}`;
  const list = await rows<AppRow>(ex, sql`${SELECT} WHERE ${where} ORDER BY p.updated_at DESC, p.id LIMIT ${f.limit} OFFSET ${f.offset}`);
  const total = (await one<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM deputation_application p WHERE ${where}`))!.n;
  return { items: list.map(listItem), total };
}

// ---- steps ----

function checkVersion(p: AppRow, version: number): void {
  if (p.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: p.version, state: p.state } });
}

function timelineEntry(action: string, from: DeputationApplicationState | null, to: DeputationApplicationState, role: string, now: Date, extra: { reasons?: string; remarks?: string; joinedOn?: string } = {}): TimelineEntry {
  const t = deputationApplicationMachine.transitions.find((x) => x.action === action);
  const words: Bilingual = action === 'apply' ? { en: 'Applied', hi: 'आवेदन किया' } : { en: t?.en ?? action, hi: t?.hi ?? action };
  return {
    at: now.toISOString(), on: calendarDateInIndia(now), action, from, to, role, ...words,
    ...(extra.reasons ? { reasons: extra.reasons } : {}), ...(extra.remarks ? { remarks: extra.remarks } : {}), ...(extra.joinedOn ? { joinedOn: extra.joinedOn } : {}),
  };
}

const FIELD_OF: Record<string, string> = {
  DEP_FORWARDING_MISSING_vigilanceClearance: 'vigilance',
  DEP_FORWARDING_MISSING_integrityCertificate: 'integrityCertificate',
  DEP_FORWARDING_MISSING_penaltiesLast10Years: 'penalties',
  DEP_FORWARDING_MISSING_aparGradingsLast5Years: 'aparGradings',
  DEP_REJECTION_WITHOUT_REASONS: 'reasons',
};

/** The engine's transition, or a problem naming why (and the field, where a guard names one). */
function machineStep(p: AppRow, action: DeputationApplicationAction, by: Role, today: string, ctx: { forwarding?: ForwardingPackage; reasons?: string } = {}): DeputationApplicationState {
  const r = transition(deputationApplicationMachine, { state: p.state, grade: p.grade }, action, { by, on: today, ...ctx });
  if (r.ok) return r.to;
  const reasons = r.error.reasons;
  const fields = reasons.map((x) => FIELD_OF[x.code]).filter(Boolean);
  if (r.error.code === 'GUARD_FAILED' && fields.length) {
    throw new AppError(fields.includes('vigilance') ? 'NOT_ELIGIBLE' : 'VALIDATION', {
      field: fields[0],
      errors: reasons.map((x) => ({ field: FIELD_OF[x.code] ?? '(body)', code: x.code, en: x.en, hi: x.hi })),
      en: reasons.map((x) => x.en).join(' '),
      hi: reasons.map((x) => x.hi).join(' '),
      extra: { reasons },
    });
  }
  throw new AppError('INVALID_STATE', { en: [r.error.en, ...reasons.map((x) => x.en)].join(' '), hi: [r.error.hi, ...reasons.map((x) => x.hi)].join(' '), extra: { state: p.state, reasons } });
}

async function saveStep(
  tx: Executor,
  req: FastifyRequest,
  p: AppRow,
  version: number,
  action: DeputationApplicationAction,
  role: string,
  to: DeputationApplicationState,
  now: Date,
  extra: { reasons?: string; remarks?: string; joinedOn?: string; forwarding?: ForwardingStored; release?: boolean; audit?: Record<string, unknown> } = {},
) {
  if (p.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: p.version, state: p.state } });
  const entry = timelineEntry(action, p.state, to, role, now, extra);
  const r = await rows(tx, sql`
    UPDATE deputation_application SET state = ${to}, timeline = timeline || ${JSON.stringify([entry])}::jsonb,
           ${extra.forwarding ? sql`forwarding = ${JSON.stringify(extra.forwarding)}::jsonb,` : sql``}
           ${extra.release ? sql`released_at = ${now.toISOString()},` : sql``}
           version = version + 1, updated_at = ${now.toISOString()}
     WHERE id = ${p.id} AND version = ${version} RETURNING id`);
  if (r.length === 0) throw new AppError('STALE_VERSION', { extra: { currentVersion: p.version, state: p.state } });
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'deputation_application',
    entityId: p.id,
    action: `deputation.${action}`,
    changes: { state: { before: p.state, after: to }, ...(extra.audit ?? {}) },
    reason: extra.reasons ?? extra.remarks ?? null,
  });
}

async function tell(tx: Executor, userIds: string[], kind: string, p: AppRow, title: Bilingual, body: Bilingual, now: Date, email = false) {
  await notify(tx, { userIds, kind, title, body, link: `/deputation/applications/${p.id}`, email }, now);
}

export async function apply(tx: Executor, req: FastifyRequest, body: { advertisementId: string; statement: string }, now: Date): Promise<string> {
  const actor = req.actor!;
  const today = calendarDateInIndia(now);
  if (!actor.employeeId) throw new AppError('NOT_FOUND', { en: 'You have no employee record in the portal.', hi: 'पोर्टल में आपका कोई कर्मचारी अभिलेख नहीं है।' });
  const e = await employeeFacts(tx, actor.employeeId);
  if (!e) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'deputation.apply', { ownerEmployeeId: e.id, ministryId: e.ministry_id, cadre: e.cadre as CadreCode });
  const a = await adOr404(tx, body.advertisementId);
  if (a.state === 'DRAFT') throw new AppError('NOT_FOUND', { field: 'advertisementId', en: 'No such advertisement.', hi: 'ऐसा कोई विज्ञापन नहीं है।' });
  if (!a.org_active) throw new AppError('WINDOW_CLOSED', { field: 'advertisementId', en: 'The organisation has been deactivated: it takes no applications.', hi: 'संगठन निष्क्रिय कर दिया गया है: यह आवेदन नहीं लेता।' });
  await requireFinalProfile(tx, e.id);
  const inputs = (await eligibilityInputs(tx, e.id, today))!;
  const ad = toDomain(a);
  const eligibility = eligibilityFor(inputs, ad);
  const may = mayApplyForDeputation(ad, eligibility, today);
  if (may !== true) {
    const closed = may.some((r) => r.code.startsWith('DEP_AD_'));
    throw new AppError(closed ? 'WINDOW_CLOSED' : 'NOT_ELIGIBLE', {
      field: closed ? 'advertisementId' : undefined,
      en: `${closed ? '' : 'Not eligible: '}${may.map((r) => r.en).join(' ')}`,
      hi: `${closed ? '' : 'पात्र नहीं: '}${may.map((r) => r.hi).join(' ')}`,
      extra: { reasons: may },
    });
  }
  const dup = await one(tx, sql`SELECT id FROM deputation_application WHERE advertisement_id = ${a.id} AND employee_id = ${e.id} AND state <> 'WITHDRAWN'`);
  if (dup) throw new AppError('CONFLICT', { field: 'advertisementId', en: 'You have already applied against this advertisement.', hi: 'आप इस विज्ञापन के विरुद्ध पहले ही आवेदन कर चुके हैं।' });
  const id = randomUUID();
  const route = cadreClearanceRoute(e.grade);
  const entry = timelineEntry('apply', null, 'APPLIED', role, now);
  await tx.execute(sql`
    INSERT INTO deputation_application (id, advertisement_id, advertisement_revision, organisation_id, employee_id, ministry_id, cadre, grade, state, statement, applied_on,
                                        eligibility, clearance_route, timeline, created_by, created_at, updated_at)
    VALUES (${id}, ${a.id}, ${a.revision}, ${a.organisation_id}, ${e.id}, ${e.ministry_id}, ${e.cadre}, ${e.grade}, 'APPLIED', ${body.statement}, ${today},
            ${JSON.stringify(eligibility)}::jsonb, ${JSON.stringify(route)}::jsonb, ${JSON.stringify([entry])}::jsonb, ${actor.userId}, ${now.toISOString()}, ${now.toISOString()})`);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'deputation_application', entityId: id, action: 'deputation.apply', changes: { advertisementId: a.id, revision: a.revision, state: { before: null, after: 'APPLIED' }, eligible: true } });
  const p = (await loadApp(tx, id))!;
  await tell(tx, await nodalOfficers(tx, e.ministry_id), 'deputation.applied.nodal', p,
    { en: `Deputation application for cadre clearance: ${e.name_en}, ${a.post}`, hi: `संवर्ग अनापत्ति हेतु प्रतिनियुक्ति आवेदन: ${e.name_hi || e.name_en}, ${a.post}` },
    { en: `${route.reason.en}`, hi: `${route.reason.hi}` }, now, true);
  await tell(tx, await userOfEmployee(tx, e.id), 'deputation.applied', p,
    { en: `Your application for ${a.post} has been received`, hi: `${a.post} हेतु आपका आवेदन प्राप्त हुआ` },
    { en: 'It goes to your Ministry (cadre unit) for cadre clearance.', hi: 'यह संवर्ग अनापत्ति हेतु आपके मंत्रालय (संवर्ग इकाई) को जाता है।' }, now);
  return id;
}

export async function withdraw(tx: Executor, req: FastifyRequest, id: string, version: number, reason: string | undefined, now: Date) {
  const actor = req.actor!;
  const { p } = await appFor(tx, actor, id, true);
  const role = authorize(actor, 'deputation.apply', appScope(p));
  checkVersion(p, version);
  const to = machineStep(p, 'withdraw', role as Role, calendarDateInIndia(now));
  await saveStep(tx, req, p, version, 'withdraw', role, to, now, { remarks: reason });
  const recipients = [...(await nodalOfficers(tx, p.ministry_id)), ...(p.released_at ? await activeOfficerUserIds(tx, p.organisation_id) : [])];
  await tell(tx, recipients, 'deputation.withdrawn', p, { en: `Application withdrawn: ${p.name_en}, ${p.post}`, hi: `आवेदन वापस लिया गया: ${p.name_hi || p.name_en}, ${p.post}` }, { en: reason ?? '', hi: reason ?? '' }, now);
}

/** What the Ministry would forward now: vigilance clearance (full), penalties of 10 years, APAR gradings of 5 years (SPARROW). */
export async function forwardingPreview(ex: Executor, actor: Actor, id: string, now: Date, sparrow: AparSource = embeddedSparrow(ex)) {
  const today = calendarDateInIndia(now);
  const { p } = await appFor(ex, actor, id);
  authorize(actor, 'deputation.forward', appScope(p));
  const e = (await employeeFacts(ex, p.employee_id))!;
  const vigilance = await vigilanceFor(ex, e, today);
  const penalties = await penaltiesSince(ex, p.employee_id, addYears(today, -10), today);
  const years = lastReportingYears(today, 5);
  const gradings = await sparrow.gradings(p.employee_id, years);
  return {
    vigilance,
    penaltiesLast10Years: { from: addYears(today, -10), to: today, items: penalties },
    aparGradings: { years, items: gradings, missingYears: years.filter((y) => !gradings.some((g) => g.year === y)), source: sparrow.kind },
    clearanceRoute: p.clearance_route,
  };
}

async function penaltiesSince(ex: Executor, employeeId: string, from: string, to: string) {
  const events = effectiveEvents(await vigilanceEvents(ex, employeeId));
  return events
    .filter((x) => x.type === 'PENALTY' && x.date >= from && x.date <= to)
    .map((x) => {
      const pen = x as Extract<typeof x, { type: 'PENALTY' }>;
      return { date: pen.date, penalty: pen.penalty, severity: pen.severity, ...(pen.currencyTo ? { currencyTo: pen.currencyTo } : {}) };
    });
}

export interface ForwardInput {
  version: number;
  integrityCertificate: boolean;
  aparGradings?: Array<{ year: number; grading: AparGradingValue; score?: number | null }>;
  remarks?: string;
}

export async function forward(tx: Executor, req: FastifyRequest, id: string, body: ForwardInput, now: Date, sparrow?: AparSource) {
  const actor = req.actor!;
  const today = calendarDateInIndia(now);
  const { p } = await appFor(tx, actor, id, true);
  const role = authorize(actor, 'deputation.forward', appScope(p));
  if (p.version !== body.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: p.version, state: p.state } });
  const years = lastReportingYears(today, 5);
  const bad = (body.aparGradings ?? []).find((g) => !years.includes(g.year));
  if (bad) throw new AppError('VALIDATION', { field: 'aparGradings', en: `aparGradings: ${bad.year} is not one of the last 5 reporting years (${years.join(', ')}).`, hi: `aparGradings: ${bad.year} पिछले 5 रिपोर्टिंग वर्षों (${years.join(', ')}) में से नहीं है।` });
  if (body.aparGradings?.length) await saveEnteredGradings(tx, p.employee_id, body.aparGradings, actor.userId, now);
  const e = (await employeeFacts(tx, p.employee_id))!;
  const vigilance = await vigilanceFor(tx, e, today);
  const gradings = await (sparrow ?? embeddedSparrow(tx)).gradings(p.employee_id, years);
  const pkg: ForwardingPackage = {
    vigilanceClearance: vigilance.status === 'CLEAR',
    integrityCertificate: body.integrityCertificate === true,
    penaltiesLast10Years: true,
    aparGradingsLast5Years: years.every((y) => gradings.some((g) => g.year === y)),
  };
  const to = machineStep(p, 'forward', role as Role, today, { forwarding: pkg });
  const release = !p.clearance_route.doptApprovalNeeded;
  const sources = [...new Set(gradings.map((g) => g.source))];
  const stored: ForwardingStored = {
    on: today,
    vigilance,
    integrityCertificate: { certified: true, on: today, remarks: body.remarks ?? null },
    penaltiesLast10Years: { from: addYears(today, -10), to: today, items: await penaltiesSince(tx, p.employee_id, addYears(today, -10), today) },
    aparGradings: { years, items: gradings, source: sources.length === 1 ? sources[0] : 'MIXED' },
    remarks: body.remarks ?? null,
  };
  await saveStep(tx, req, p, body.version, 'forward', role, to, now, { forwarding: stored, release, remarks: body.remarks, audit: { vigilance: vigilance.status, doptApprovalNeeded: !release } });
  await tell(tx, await userOfEmployee(tx, p.employee_id), 'deputation.forwarded', p,
    release ? { en: `Cadre clearance given: ${p.post}`, hi: `संवर्ग अनापत्ति दी गई: ${p.post}` } : { en: `Forwarded to CS.I for cadre clearance: ${p.post}`, hi: `संवर्ग अनापत्ति हेतु सीएस.I को अग्रेषित: ${p.post}` },
    { en: p.clearance_route.reason.en, hi: p.clearance_route.reason.hi }, now);
  if (release)
    await tell(tx, await activeOfficerUserIds(tx, p.organisation_id), 'deputation.received', p,
      { en: `Application forwarded to you: ${p.post}`, hi: `आपको आवेदन अग्रेषित: ${p.post}` },
      { en: `${p.name_en} (${p.grade}), with cadre clearance.`, hi: `${p.name_hi || p.name_en} (${p.grade}), संवर्ग अनापत्ति सहित।` }, now, true);
  else
    await tell(tx, await cadreAuthorities(tx, p.cadre), 'deputation.dopt.pending', p,
      { en: `Cadre clearance awaited (CS.I): ${p.name_en}, ${p.post}`, hi: `संवर्ग अनापत्ति प्रतीक्षित (सीएस.I): ${p.name_hi || p.name_en}, ${p.post}` },
      { en: p.clearance_route.reason.en, hi: p.clearance_route.reason.hi }, now, true);
}

export async function rejectByMinistry(tx: Executor, req: FastifyRequest, id: string, version: number, reasons: string, now: Date) {
  const actor = req.actor!;
  const { p } = await appFor(tx, actor, id, true);
  const role = authorize(actor, 'deputation.forward', appScope(p));
  checkVersion(p, version);
  const to = machineStep(p, 'rejectByMinistry', role as Role, calendarDateInIndia(now), { reasons });
  await saveStep(tx, req, p, version, 'rejectByMinistry', role, to, now, { reasons });
  await tell(tx, await userOfEmployee(tx, p.employee_id), 'deputation.rejected.ministry', p,
    { en: `Cadre clearance refused by the Ministry: ${p.post}`, hi: `मंत्रालय द्वारा संवर्ग अनापत्ति अस्वीकृत: ${p.post}` }, { en: reasons, hi: reasons }, now, true);
}

export async function doptDecision(tx: Executor, req: FastifyRequest, id: string, body: { version: number; decision: 'approve' | 'reject'; reasons?: string }, now: Date) {
  const actor = req.actor!;
  const { p } = await appFor(tx, actor, id, true);
  const role = authorize(actor, 'deputation.dopt', appScope(p));
  checkVersion(p, body.version);
  const action = body.decision === 'approve' ? 'approveByDopt' : 'rejectByDopt';
  const to = machineStep(p, action, role as Role, calendarDateInIndia(now), { reasons: body.reasons });
  await saveStep(tx, req, p, body.version, action, role, to, now, { reasons: body.reasons, release: action === 'approveByDopt' });
  const approved = action === 'approveByDopt';
  const words = approved ? { en: `Cadre clearance given by CS.I: ${p.post}`, hi: `सीएस.I द्वारा संवर्ग अनापत्ति दी गई: ${p.post}` } : { en: `Cadre clearance refused by CS.I: ${p.post}`, hi: `सीएस.I द्वारा संवर्ग अनापत्ति अस्वीकृत: ${p.post}` };
  await tell(tx, [...(await userOfEmployee(tx, p.employee_id)), ...(await nodalOfficers(tx, p.ministry_id))], `deputation.dopt.${approved ? 'approved' : 'rejected'}`, p, words, { en: body.reasons ?? '', hi: body.reasons ?? '' }, now, true);
  if (approved)
    await tell(tx, await activeOfficerUserIds(tx, p.organisation_id), 'deputation.received', p,
      { en: `Application forwarded to you: ${p.post}`, hi: `आपको आवेदन अग्रेषित: ${p.post}` },
      { en: `${p.name_en} (${p.grade}), with cadre clearance of CS.I.`, hi: `${p.name_hi || p.name_en} (${p.grade}), सीएस.I की संवर्ग अनापत्ति सहित।` }, now, true);
}

export async function selection(tx: Executor, req: FastifyRequest, id: string, body: { version: number; action: 'shortlist' | 'notSelect' | 'select'; remarks?: string }, now: Date) {
  const actor = req.actor!;
  const { p } = await appFor(tx, actor, id, true);
  const role = authorize(actor, 'deputation.select', appScope(p));
  checkVersion(p, body.version);
  const to = machineStep(p, body.action, role as Role, calendarDateInIndia(now));
  await saveStep(tx, req, p, body.version, body.action, role, to, now, { remarks: body.remarks });
  const words: Record<typeof body.action, Bilingual> = {
    shortlist: { en: `Shortlisted: ${p.post} in ${p.org_en}`, hi: `संक्षिप्त सूची में: ${p.org_hi || p.org_en} में ${p.post}` },
    notSelect: { en: `Not selected: ${p.post} in ${p.org_en}`, hi: `चयनित नहीं: ${p.org_hi || p.org_en} में ${p.post}` },
    select: { en: `Selected: ${p.post} in ${p.org_en}`, hi: `चयनित: ${p.org_hi || p.org_en} में ${p.post}` },
  };
  await tell(tx, [...(await userOfEmployee(tx, p.employee_id)), ...(await nodalOfficers(tx, p.ministry_id))], `deputation.${body.action}`, p, words[body.action], { en: body.remarks ?? '', hi: body.remarks ?? '' }, now, body.action === 'select');
}

export async function recordJoining(tx: Executor, req: FastifyRequest, id: string, body: { version: number; joinedOn: string; basicPay?: number; sameStation?: boolean }, now: Date) {
  const actor = req.actor!;
  const today = calendarDateInIndia(now);
  const { p } = await appFor(tx, actor, id, true);
  const role = authorize(actor, 'deputation.select', appScope(p));
  checkVersion(p, body.version);
  if (body.joinedOn > today) throw new AppError('VALIDATION', { field: 'joinedOn', en: 'joinedOn: joining is recorded once it has happened (not a future date).', hi: 'joinedOn: कार्यग्रहण होने के बाद ही दर्ज होता है (भविष्य की तिथि नहीं)।' });
  if (body.joinedOn < p.applied_on) throw new AppError('VALIDATION', { field: 'joinedOn', en: 'joinedOn: before the application was made.', hi: 'joinedOn: आवेदन की तिथि से पहले है।' });
  const to = machineStep(p, 'join', role as Role, today);
  const t = deputationTenure({ joinedOn: body.joinedOn, rrTenureYears: p.ad_tenure_years });
  await saveStep(tx, req, p, body.version, 'join', role, to, now, { joinedOn: body.joinedOn, audit: { joinedOn: body.joinedOn, endOn: t.endOn, hardCapOn: t.hardCapOn } });
  await tx.execute(sql`
    INSERT INTO deputation_tenure (application_id, employee_id, organisation_id, joined_on, rr_tenure_years, basic_pay, same_station, normal_end_on, hard_cap_on, end_on, premature, cooling_off_ends_on, created_at, updated_at)
    VALUES (${p.id}, ${p.employee_id}, ${p.organisation_id}, ${body.joinedOn}, ${p.ad_tenure_years}, ${body.basicPay ?? null}, ${body.sameStation ?? null}, ${t.normalEndOn}, ${t.hardCapOn}, ${t.endOn}, false, ${t.coolingOffEndsOn},
            ${now.toISOString()}, ${now.toISOString()})`);
  await tell(tx, [...(await userOfEmployee(tx, p.employee_id)), ...(await nodalOfficers(tx, p.ministry_id))], 'deputation.joined', p,
    { en: `Joining recorded: ${p.post} in ${p.org_en}`, hi: `कार्यग्रहण दर्ज: ${p.org_hi || p.org_en} में ${p.post}` },
    { en: t.reasons[0].en, hi: t.reasons[0].hi }, now);
}

async function tenureOf(tx: Executor, id: string): Promise<TenureRow> {
  const t = await one<TenureRow>(tx, sql`SELECT * FROM deputation_tenure WHERE application_id = ${id} FOR UPDATE`);
  if (!t) throw new AppError('INVALID_STATE', { en: 'No joining has been recorded.', hi: 'कोई कार्यग्रहण दर्ज नहीं हुआ है।' });
  return t;
}

export async function extendTenure(tx: Executor, req: FastifyRequest, id: string, body: { version: number; until: string; approvedBy: ExtensionApprover; orderRef: string }, now: Date) {
  const actor = req.actor!;
  const today = calendarDateInIndia(now);
  const { p } = await appFor(tx, actor, id, true);
  const role = authorize(actor, 'deputation.tenure', appScope(p));
  if (p.version !== body.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: p.version, state: p.state } });
  if (p.state !== 'JOINED') throw new AppError('INVALID_STATE', { en: 'Only a deputation in progress can be extended.', hi: 'केवल चल रही प्रतिनियुक्ति का ही विस्तार हो सकता है।', extra: { state: p.state } });
  const t = await tenureOf(tx, id);
  if (body.until <= t.end_on) throw new AppError('VALIDATION', { field: 'until', en: `until: the tenure already runs to ${t.end_on}.`, hi: `until: कार्यकाल पहले से ${t.end_on} तक है।` });
  const extensions = [...t.extensions.map((x) => ({ until: x.until, approvedBy: x.approvedBy })), { until: body.until, approvedBy: body.approvedBy }];
  const r = deputationTenure({ joinedOn: t.joined_on, rrTenureYears: t.rr_tenure_years, extensions });
  const refused = r.reasons.filter((x) => x.code === 'DEP_EXTENSION_BEYOND_7_YEARS' || x.code === 'DEP_EXTENSION_NEEDS_MINISTER');
  if (refused.length) {
    const field = refused[0].code === 'DEP_EXTENSION_BEYOND_7_YEARS' ? 'until' : 'approvedBy';
    throw new AppError('NOT_ELIGIBLE', { field, errors: refused.map((x) => ({ field, code: x.code, en: x.en, hi: x.hi })), en: refused.map((x) => x.en).join(' '), hi: refused.map((x) => x.hi).join(' '), extra: { reasons: refused } });
  }
  const stored = [...t.extensions, { until: body.until, approvedBy: body.approvedBy, orderRef: body.orderRef, recordedOn: today }];
  await tx.execute(sql`
    UPDATE deputation_tenure SET extensions = ${JSON.stringify(stored)}::jsonb, end_on = ${r.endOn}, cooling_off_ends_on = ${r.coolingOffEndsOn}, version = version + 1, updated_at = ${now.toISOString()}
     WHERE application_id = ${id}`);
  const entry: TimelineEntry = { at: now.toISOString(), on: today, action: 'extend', from: p.state, to: p.state, role, en: `Tenure extended to ${r.endOn}`, hi: `कार्यकाल ${r.endOn} तक विस्तारित`, remarks: body.orderRef };
  await tx.execute(sql`UPDATE deputation_application SET timeline = timeline || ${JSON.stringify([entry])}::jsonb, version = version + 1, updated_at = ${now.toISOString()} WHERE id = ${id} AND version = ${body.version}`);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'deputation_application', entityId: id, action: 'deputation.extend', changes: { endOn: { before: t.end_on, after: r.endOn }, approvedBy: body.approvedBy, orderRef: body.orderRef } });
  await tell(tx, [...(await userOfEmployee(tx, p.employee_id)), ...(await nodalOfficers(tx, p.ministry_id))], 'deputation.extended', p,
    { en: `Deputation extended to ${r.endOn}: ${p.post}`, hi: `प्रतिनियुक्ति ${r.endOn} तक विस्तारित: ${p.post}` }, { en: r.reasons.at(-2)?.en ?? '', hi: r.reasons.at(-2)?.hi ?? '' }, now);
}

export async function repatriate(tx: Executor, req: FastifyRequest, id: string, body: { version: number; repatriatedOn: string; reason: string }, now: Date) {
  const actor = req.actor!;
  const today = calendarDateInIndia(now);
  const { p } = await appFor(tx, actor, id, true);
  const role = authorize(actor, 'deputation.tenure', appScope(p));
  checkVersion(p, body.version);
  const to = machineStep(p, 'repatriate', role as Role, today);
  const t = await tenureOf(tx, id);
  if (body.repatriatedOn < t.joined_on) throw new AppError('VALIDATION', { field: 'repatriatedOn', en: 'repatriatedOn: before the joining.', hi: 'repatriatedOn: कार्यग्रहण से पहले है।' });
  const r = deputationTenure({ joinedOn: t.joined_on, rrTenureYears: t.rr_tenure_years, extensions: t.extensions.map((x) => ({ until: x.until, approvedBy: x.approvedBy })), repatriatedOn: body.repatriatedOn });
  await saveStep(tx, req, p, body.version, 'repatriate', role, to, now, { reasons: body.reason, audit: { repatriatedOn: body.repatriatedOn, premature: r.premature, coolingOffEndsOn: r.coolingOffEndsOn } });
  await tx.execute(sql`
    UPDATE deputation_tenure SET repatriated_on = ${body.repatriatedOn}, premature = ${r.premature}, cooling_off_ends_on = ${r.coolingOffEndsOn}, version = version + 1, updated_at = ${now.toISOString()}
     WHERE application_id = ${id}`);
  await tell(tx, [...(await userOfEmployee(tx, p.employee_id)), ...(await nodalOfficers(tx, p.ministry_id)), ...(await activeOfficerUserIds(tx, p.organisation_id))], 'deputation.repatriated', p,
    { en: `Repatriation recorded${r.premature ? ' (premature)' : ''}: ${p.post}`, hi: `प्रत्यावर्तन दर्ज${r.premature ? ' (समय से पूर्व)' : ''}: ${p.post}` },
    { en: `Cooling-off runs to ${r.coolingOffEndsOn}.`, hi: `कूलिंग-ऑफ ${r.coolingOffEndsOn} तक।` }, now);
}
