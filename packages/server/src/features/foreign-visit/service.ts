// Private foreign visit clearance (O.M. of 15.11.2022 para 3.3; rules.md §4): the application, its
// typed workflow (domain foreignVisitMachine), the SLA clock, the vigilance clearance fetched at the
// moment of each decision and stored with it, escalations before the due dates.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { abilities, addDays, addYears, decide, type Action, type Actor, type CadreCode, type ResourceScope, type Role } from '@cscms/domain';
import {
  decisionDueOn,
  deficiencyMemoDueOn,
  foreignVisitClockAfter,
  foreignVisitMachine,
  foreignVisitRoute,
  foreignVisitSla,
  type ForeignVisitAction,
  type ForeignVisitApplication,
  type ForeignVisitClock,
  type ForeignVisitContext,
  type ForeignVisitState,
} from '@cscms/domain/foreign-visit';
import type { VigilanceClearance } from '@cscms/domain/vigilance';
import { transition } from '@cscms/domain/workflow';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { notify, type Bilingual } from '../../notify/notify.ts';
import { findEmployee, type EmployeeRow } from '../career/repo.ts';
import { requireFinalProfile } from '../profile/service.ts';
import { authorize } from '../rules/common.ts';
import { clearanceForViewer, clearanceOf } from '../vigilance/service.ts';
import { issueCertificate } from './certificate.ts';
import { foreignVisitRouteTable } from './route-rules.ts';
import { approvedVisitsSince, avdUsers, cadreAuthorityUsers, findFv, nodalUsers, usersOfEmployee, type DeficiencyMemo, type FvRow } from './repo.ts';

export const SLA_JOB = 'fv.sla';
export const HOD_SETTING = 'fv.hodMinLevel';

export function scopeOfFv(a: Pick<FvRow, 'employee_id' | 'ministry_id' | 'cadre'>): ResourceScope {
  return { ownerEmployeeId: a.employee_id, ministryId: a.ministry_id, cadre: a.cadre as CadreCode };
}

function clockOf(a: FvRow): ForeignVisitClock {
  const c: ForeignVisitClock = {};
  if (a.received_on) c.receivedOn = a.received_on;
  if (a.deficiency_memo_on) c.deficiencyMemoOn = a.deficiency_memo_on;
  if (a.complete_on) c.completeOn = a.complete_on;
  if (a.forwarded_on) c.forwardedOn = a.forwarded_on;
  if (a.decided_on) c.decidedOn = a.decided_on;
  return c;
}

export function slaOf(a: FvRow, today: string) {
  return foreignVisitSla({ state: a.state, ...(a.received_on ? { receivedOn: a.received_on } : {}), ...(a.complete_on ? { completeOn: a.complete_on } : {}), departureOn: a.departure_on }, today);
}

/** Acting as one role only: decide() with the grants of that role (a user may hold several). */
function authorizeAs(actor: Actor, role: Role, action: Action, scope: ResourceScope): string {
  const d = decide({ ...actor, grants: actor.grants.filter((g) => g.role === role) }, action, scope);
  if (!d.allow) {
    const any = decide(actor, action, scope);
    if (!any.allow) throw new AppError(any.code, { en: any.en, hi: any.hi });
    throw new AppError('FORBIDDEN', {
      en: `At this stage only the ${role === 'CADRE_AUTHORITY' ? 'cadre authority' : 'Nodal Officer of the Ministry'} may do this.`,
      hi: `इस चरण पर यह केवल ${role === 'CADRE_AUTHORITY' ? 'संवर्ग प्राधिकारी' : 'मंत्रालय के नोडल अधिकारी'} कर सकते हैं।`,
    });
  }
  return d.role;
}

/** Head of Department level or above: the cadre authority, or an officer at or above the configured pay level (default 14). */
export async function officerIsHodOrAbove(ex: Executor, actor: Actor, role: string): Promise<boolean> {
  if (role === 'CADRE_AUTHORITY') return true;
  if (!actor.employeeId) return false;
  const s = await one<{ value: unknown }>(ex, sql`SELECT value FROM setting WHERE key = ${HOD_SETTING}`);
  const min = Number(s?.value ?? 14);
  const e = await one<{ pay_level: string }>(ex, sql`SELECT pay_level FROM employee WHERE id = ${actor.employeeId}`);
  const lvl = Number.parseInt(e?.pay_level ?? '0', 10);
  return Number.isFinite(lvl) && lvl >= min;
}

function step(a: Pick<FvRow, 'state' | 'grade' | 'avd_clearance'> & { route?: FvRow['route'] }, action: ForeignVisitAction, ctx: ForeignVisitContext): ForeignVisitState {
  // the route fixed when the application was made (the rules may have changed since)
  const r = transition(foreignVisitMachine, { state: a.state, grade: a.grade, ...(a.avd_clearance ? { avdClearance: a.avd_clearance } : {}), ...(a.route ? { route: a.route } : {}) }, action, ctx);
  if (r.ok) return r.to;
  const e = r.error;
  if (e.code === 'GUARD_FAILED')
    throw new AppError('NOT_ELIGIBLE', {
      en: `${e.en} ${e.reasons.map((x) => x.en).join(' ')}`,
      hi: `${e.hi} ${e.reasons.map((x) => x.hi).join(' ')}`,
      extra: { reasons: e.reasons, state: a.state },
    });
  if (e.code === 'ACTOR_NOT_ALLOWED') throw new AppError('FORBIDDEN', { en: e.en, hi: e.hi });
  throw new AppError('INVALID_STATE', { en: e.en, hi: e.hi, extra: { state: a.state } });
}

function checkVersion(a: FvRow, version: number): void {
  if (a.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: a.version, state: a.state } });
}

async function load(tx: Executor, id: string): Promise<FvRow> {
  const a = await findFv(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  return a;
}

/** Optimistic update: the columns given, state, version + 1; 0 rows → 409 STALE_VERSION. */
async function update(tx: Executor, a: FvRow, version: number, set: Record<string, unknown>, now: Date): Promise<void> {
  const cols = Object.entries(set).map(([k, v]) => sql`${sql.raw(k)} = ${v === null ? null : typeof v === 'object' ? sql`${JSON.stringify(v)}::jsonb` : v}`);
  const r = await rows(tx, sql`
    UPDATE foreign_visit_application SET ${sql.join(cols, sql`, `)}, version = version + 1, updated_at = ${now.toISOString()}
     WHERE id = ${a.id} AND version = ${version} RETURNING id`);
  if (r.length === 0) throw new AppError('STALE_VERSION');
}

const clockCols = (c: ForeignVisitClock) => ({
  received_on: c.receivedOn ?? null,
  deficiency_memo_on: c.deficiencyMemoOn ?? null,
  complete_on: c.completeOn ?? null,
  forwarded_on: c.forwardedOn ?? null,
  decided_on: c.decidedOn ?? null,
});

/** 09:30 IST on a date. */
const morningOf = (d: string) => new Date(`${d}T04:00:00Z`);

async function scheduleEscalation(tx: Executor, a: { id: string }, stage: 'memo' | 'decision', due: string, now: Date): Promise<void> {
  // the day before the due date (at once if that has passed): the job checks the application is still waiting
  const runAt = new Date(Math.max(morningOf(addDays(due, -1)).getTime(), now.getTime()));
  await enqueueJob(tx, { id: `${SLA_JOB}:${a.id}:${stage}:${due}`, kind: SLA_JOB, runAt, payload: { id: a.id, stage, due } });
}

async function tell(tx: Executor, userIds: string[], kind: string, title: Bilingual, body: Bilingual, id: string, now: Date): Promise<void> {
  await notify(tx, { userIds, kind, title, body, link: `/foreign-visits/${id}`, email: true }, now);
}

// ---- the employee ----

async function ownEmployee(ex: Executor, actor: Actor): Promise<EmployeeRow> {
  if (!actor.employeeId) throw new AppError('NOT_FOUND', { en: 'Your login has no employee record.', hi: 'आपके लॉगिन से कोई कर्मचारी अभिलेख जुड़ा नहीं है।' });
  const e = await findEmployee(ex, actor.employeeId);
  if (!e) throw new AppError('NOT_FOUND');
  return e;
}

/** Private visits of the preceding 4 years from the portal's own records (approved applications), to pre-fill the form. */
export async function previousVisits(ex: Executor, actor: Actor, departureOn: string) {
  const emp = await ownEmployee(ex, actor);
  authorize(actor, 'fv.apply', { ownerEmployeeId: emp.id });
  const since = addYears(departureOn, -4);
  const list = await approvedVisitsSince(ex, emp.id, since, departureOn);
  return {
    since,
    visits: list.map((v) => ({ countries: v.application.countries, from: v.departure_on, to: v.return_on, purpose: v.application.purpose.slice(0, 500), permissionRef: v.certificate_code ?? v.id })),
  };
}

function checkDates(app: ForeignVisitApplication, today: string): void {
  if (app.departureOn < today) throw fieldError('departureOn', 'The departure date has passed: permission is sought before the visit.', 'प्रस्थान तिथि बीत चुकी है: अनुमति यात्रा से पहले माँगी जाती है।', 'in_past');
}

export async function apply(tx: Executor, req: FastifyRequest, application: ForeignVisitApplication, now: Date, today: string): Promise<string> {
  const actor = req.actor!;
  const emp = await ownEmployee(tx, actor);
  const role = authorize(actor, 'fv.apply', { ownerEmployeeId: emp.id, ministryId: emp.ministry_id, cadre: emp.cadre as CadreCode });
  await requireFinalProfile(tx, emp.id);
  checkDates(application, today);
  const route = foreignVisitRoute(emp.grade, today, await foreignVisitRouteTable(tx), emp.ministry_id);
  const to = step({ state: 'DRAFT', grade: emp.grade, avd_clearance: null }, 'submit', { by: 'EMPLOYEE', on: today });
  const clock = foreignVisitClockAfter('submit', {}, today);
  const id = randomUUID();
  await tx.execute(sql`
    INSERT INTO foreign_visit_application (id, employee_id, ministry_id, cadre, grade, state, application, departure_on, return_on, route, received_on, submitted_by, created_at, updated_at)
    VALUES (${id}, ${emp.id}, ${emp.ministry_id}, ${emp.cadre}, ${emp.grade}, ${to}, ${JSON.stringify(application)}::jsonb, ${application.departureOn}, ${application.returnOn},
            ${JSON.stringify(route)}::jsonb, ${clock.receivedOn!}, ${actor.userId}, ${now.toISOString()}, ${now.toISOString()})`);
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'foreign_visit', entityId: id, action: 'fv.submit',
    changes: { state: { before: 'DRAFT', after: to }, countries: application.countries, departureOn: application.departureOn, returnOn: application.returnOn, route: route.competentAuthority },
  });
  await scheduleEscalation(tx, { id }, 'memo', deficiencyMemoDueOn(today), now);
  await tell(tx, await nodalUsers(tx, emp.ministry_id), 'fv.submitted',
    { en: 'Private foreign visit application received', hi: 'निजी विदेश यात्रा आवेदन प्राप्त' },
    { en: `${emp.name_en} (${emp.employee_code}) applied for ${application.countries.join(', ')}, ${application.departureOn} to ${application.returnOn}. Point out any deficiency by ${deficiencyMemoDueOn(today)}.`, hi: `${emp.name_hi || emp.name_en} (${emp.employee_code}) ने ${application.countries.join(', ')} हेतु ${application.departureOn} से ${application.returnOn} तक आवेदन किया। कोई कमी ${deficiencyMemoDueOn(today)} तक बताएँ।` },
    id, now);
  return id;
}

export async function withdraw(tx: Executor, req: FastifyRequest, id: string, version: number, now: Date, today: string): Promise<void> {
  const a = await load(tx, id);
  const role = authorize(req.actor!, 'fv.apply', scopeOfFv(a));
  checkVersion(a, version);
  const to = step(a, 'withdraw', { by: 'EMPLOYEE', on: today });
  await update(tx, a, version, { state: to, ...clockCols(foreignVisitClockAfter('withdraw', clockOf(a), today)) }, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'foreign_visit', entityId: a.id, action: 'fv.withdraw', changes: { state: { before: a.state, after: to } } });
  await tell(tx, await nodalUsers(tx, a.ministry_id), 'fv.withdrawn', { en: 'Foreign visit application withdrawn', hi: 'विदेश यात्रा आवेदन वापस लिया गया' }, { en: `${a.name_en} (${a.employee_code}) withdrew the application.`, hi: `${a.name_hi || a.name_en} (${a.employee_code}) ने आवेदन वापस लिया।` }, a.id, now);
}

export async function resubmit(tx: Executor, req: FastifyRequest, id: string, version: number, application: ForeignVisitApplication, now: Date, today: string): Promise<void> {
  const a = await load(tx, id);
  const role = authorize(req.actor!, 'fv.apply', scopeOfFv(a));
  checkVersion(a, version);
  checkDates(application, today);
  const to = step(a, 'resubmit', { by: 'EMPLOYEE', on: today });
  const memos: DeficiencyMemo[] = a.deficiency_memos.map((m, i, all) => (i === all.length - 1 ? { ...m, resubmittedOn: today } : m));
  await update(tx, a, version, {
    state: to, application, departure_on: application.departureOn, return_on: application.returnOn, deficiency_memos: memos,
    ...clockCols(foreignVisitClockAfter('resubmit', clockOf(a), today)),
  }, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'foreign_visit', entityId: a.id, action: 'fv.resubmit', changes: { state: { before: a.state, after: to }, receivedOn: today } });
  await scheduleEscalation(tx, a, 'memo', deficiencyMemoDueOn(today), now);
  await tell(tx, await nodalUsers(tx, a.ministry_id), 'fv.resubmitted', { en: 'Foreign visit application resubmitted', hi: 'विदेश यात्रा आवेदन पुनः प्रस्तुत' }, { en: `${a.name_en} (${a.employee_code}) made good the deficiencies on ${today}.`, hi: `${a.name_hi || a.name_en} (${a.employee_code}) ने ${today} को कमियाँ दूर कीं।` }, a.id, now);
}

// ---- the Ministry, AVD, the cadre authority ----

export async function raiseDeficiency(tx: Executor, req: FastifyRequest, id: string, version: number, items: string[], now: Date, today: string): Promise<void> {
  const a = await load(tx, id);
  const role = authorizeAs(req.actor!, 'NODAL_OFFICER', 'fv.examine', scopeOfFv(a));
  checkVersion(a, version);
  const clean = items.map((x) => x.trim()).filter(Boolean);
  const to = step(a, 'raiseDeficiency', { by: 'NODAL_OFFICER', on: today, deficiencies: clean });
  const late = a.received_on ? today > deficiencyMemoDueOn(a.received_on) : false;
  const memos = [...a.deficiency_memos, { on: today, by: req.actor!.userId, items: clean, late }];
  await update(tx, a, version, { state: to, deficiency_memos: memos, ...clockCols(foreignVisitClockAfter('raiseDeficiency', clockOf(a), today)) }, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'foreign_visit', entityId: a.id, action: 'fv.deficiency', changes: { state: { before: a.state, after: to }, items: clean, late } });
  await tell(tx, await usersOfEmployee(tx, a.employee_id), 'fv.deficiency',
    { en: 'Your foreign visit application needs more information', hi: 'आपके विदेश यात्रा आवेदन में और जानकारी चाहिए' },
    { en: `Please make good: ${clean.join('; ')}. The 21-day clock starts when the application is complete.`, hi: `कृपया पूरा करें: ${clean.join('; ')}। 21 दिन की अवधि आवेदन पूर्ण होने पर आरंभ होगी।` },
    a.id, now);
}

export async function markComplete(tx: Executor, req: FastifyRequest, id: string, version: number, now: Date, today: string): Promise<void> {
  const a = await load(tx, id);
  const role = authorizeAs(req.actor!, 'NODAL_OFFICER', 'fv.examine', scopeOfFv(a));
  checkVersion(a, version);
  const to = step(a, 'markComplete', { by: 'NODAL_OFFICER', on: today });
  const clock = foreignVisitClockAfter('markComplete', clockOf(a), today);
  await update(tx, a, version, { state: to, ...clockCols(clock) }, now);
  const due = decisionDueOn(clock.completeOn!);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'foreign_visit', entityId: a.id, action: 'fv.complete', changes: { state: { before: a.state, after: to }, completeOn: clock.completeOn, decisionDueOn: due } });
  await scheduleEscalation(tx, a, 'decision', due, now);
  if (a.route.needsAvdClearance)
    await tell(tx, await avdUsers(tx), 'fv.avd', { en: 'Vigilance clearance needed for a foreign visit', hi: 'विदेश यात्रा हेतु सतर्कता अनापत्ति आवश्यक' }, { en: `${a.employee_code}: the application goes to the cadre authority and needs the AVD vigilance clearance. Decision due by ${due}.`, hi: `${a.employee_code}: आवेदन संवर्ग प्राधिकारी को जाएगा और AVD की सतर्कता अनापत्ति आवश्यक है। निर्णय ${due} तक देय।` }, a.id, now);
  await tell(tx, await usersOfEmployee(tx, a.employee_id), 'fv.complete', { en: 'Your foreign visit application is complete', hi: 'आपका विदेश यात्रा आवेदन पूर्ण है' }, { en: `Accepted as complete from ${clock.completeOn}; the decision is due by ${due}.`, hi: `${clock.completeOn} से पूर्ण माना गया; निर्णय ${due} तक देय है।` }, a.id, now);
}

/** AVD fetches and records the vigilance clearance for an application that goes to the cadre authority. */
export async function avdClear(tx: Executor, req: FastifyRequest, id: string, version: number, now: Date, today: string): Promise<VigilanceClearance> {
  const a = await load(tx, id);
  const role = authorize(req.actor!, 'fv.avdClear', scopeOfFv(a));
  checkVersion(a, version);
  if (!a.route.needsAvdClearance) throw new AppError('INVALID_STATE', { en: 'This application does not go to the cadre authority: no AVD clearance is needed.', hi: 'यह आवेदन संवर्ग प्राधिकारी को नहीं जाता: AVD अनापत्ति आवश्यक नहीं।' });
  if (a.state !== 'UNDER_EXAMINATION') throw new AppError('INVALID_STATE', { en: 'The AVD clearance is given once the application is complete and before it is forwarded.', hi: 'AVD अनापत्ति आवेदन पूर्ण होने के बाद और अग्रेषण से पहले दी जाती है।', extra: { state: a.state } });
  const emp = (await findEmployee(tx, a.employee_id))!;
  const c = await clearanceOf(tx, emp, 'FOREIGN_VISIT', today);
  await update(tx, a, version, { avd_clearance: c, avd_cleared_by: req.actor!.userId, avd_cleared_at: now.toISOString() }, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'foreign_visit', entityId: a.id, action: 'fv.avd-clearance', changes: { status: c.status, on: c.on, grounds: c.grounds.map((g) => g.code) } });
  await tell(tx, await nodalUsers(tx, a.ministry_id), 'fv.avd-cleared', { en: 'AVD vigilance clearance recorded', hi: 'AVD सतर्कता अनापत्ति दर्ज' }, { en: `${a.employee_code}: AVD answered ${c.status === 'CLEAR' ? 'clear — forward to the cadre authority' : 'not clear'}.`, hi: `${a.employee_code}: AVD का उत्तर ${c.status === 'CLEAR' ? 'अनापत्ति — संवर्ग प्राधिकारी को अग्रेषित करें' : 'अनापत्ति नहीं'}।` }, a.id, now);
  return c;
}

export async function forward(tx: Executor, req: FastifyRequest, id: string, version: number, now: Date, today: string): Promise<void> {
  const a = await load(tx, id);
  const role = authorizeAs(req.actor!, 'NODAL_OFFICER', 'fv.examine', scopeOfFv(a));
  checkVersion(a, version);
  const to = step(a, 'forward', { by: 'NODAL_OFFICER', on: today });
  await update(tx, a, version, { state: to, ...clockCols(foreignVisitClockAfter('forward', clockOf(a), today)) }, now);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'foreign_visit', entityId: a.id, action: 'fv.forward', changes: { state: { before: a.state, after: to }, avdStatus: a.avd_clearance?.status ?? null } });
  const due = a.complete_on ? decisionDueOn(a.complete_on) : today;
  await tell(tx, await cadreAuthorityUsers(tx, a.cadre), 'fv.forwarded', { en: 'Foreign visit application forwarded for decision', hi: 'विदेश यात्रा आवेदन निर्णय हेतु अग्रेषित' }, { en: `${a.employee_code}: forwarded by the Ministry with the AVD clearance. Decision due by ${due}.`, hi: `${a.employee_code}: मंत्रालय द्वारा AVD अनापत्ति सहित अग्रेषित। निर्णय ${due} तक देय।` }, a.id, now);
}

export interface DecisionInput {
  decision: 'APPROVE' | 'REFUSE';
  reasons?: string;
  version: number;
}

/**
 * Grant or refuse. The vigilance clearance is fetched now and stored with the decision; a refusal
 * needs an officer at Head of Department level or above and reasons. Two approvers at once: the row
 * lock and the version make exactly one win, the other gets 409.
 */
export async function decideFv(tx: Executor, req: FastifyRequest, id: string, input: DecisionInput, now: Date, today: string): Promise<{ state: ForeignVisitState; vigilance: VigilanceClearance }> {
  const actor = req.actor!;
  const a = await load(tx, id);
  const by: Role = a.state === 'FORWARDED_TO_CADRE_AUTHORITY' ? 'CADRE_AUTHORITY' : 'NODAL_OFFICER';
  const role = authorizeAs(actor, by, 'fv.decide', scopeOfFv(a));
  checkVersion(a, input.version);
  const reasons = input.reasons?.trim() || undefined;
  if (input.decision === 'REFUSE' && !reasons) throw fieldError('reasons', 'A refusal must give its reasons.', 'अस्वीकृति के कारण देना अनिवार्य है।', 'required');
  const emp = (await findEmployee(tx, a.employee_id))!;
  const vigilance = await clearanceOf(tx, emp, 'FOREIGN_VISIT', today);
  const action: ForeignVisitAction = input.decision === 'APPROVE' ? 'approve' : 'refuse';
  const to = step(a, action, { by, on: today, vigilance, officerIsHodOrAbove: await officerIsHodOrAbove(tx, actor, role), ...(reasons ? { refusalReasons: reasons } : {}) });
  const certificate = to === 'APPROVED' ? await issueCertificate(tx, a, today, actor.userId, now) : null;
  await update(tx, a, input.version, {
    state: to, decision: to === 'APPROVED' ? 'APPROVED' : 'REFUSED', decision_reasons: reasons ?? null, decided_by: actor.userId, decided_role: role,
    vigilance_at_decision: vigilance, certificate_code: certificate, ...clockCols(foreignVisitClockAfter(action, clockOf(a), today)),
  }, now);
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'foreign_visit', entityId: a.id, action: to === 'APPROVED' ? 'fv.approve' : 'fv.refuse',
    changes: { state: { before: a.state, after: to }, vigilance: { status: vigilance.status, on: vigilance.on } },
    reason: reasons ?? null,
  });
  await tell(tx, await usersOfEmployee(tx, a.employee_id), to === 'APPROVED' ? 'fv.approved' : 'fv.refused',
    to === 'APPROVED' ? { en: 'Permission for your private foreign visit granted', hi: 'आपकी निजी विदेश यात्रा की अनुमति दी गई' } : { en: 'Permission for your private foreign visit refused', hi: 'आपकी निजी विदेश यात्रा की अनुमति अस्वीकृत' },
    to === 'APPROVED'
      ? { en: 'Download the clearance certificate from the application page; it carries a verification code.', hi: 'आवेदन पृष्ठ से अनापत्ति प्रमाणपत्र डाउनलोड करें; इसमें सत्यापन कोड है।' }
      : { en: `Reasons: ${reasons}`, hi: `कारण: ${reasons}` },
    a.id, now);
  return { state: to, vigilance };
}

// ---- views ----

const ROLE_OF_ACTION: Record<ForeignVisitAction, Action> = {
  submit: 'fv.apply', resubmit: 'fv.apply', withdraw: 'fv.apply',
  raiseDeficiency: 'fv.examine', markComplete: 'fv.examine', forward: 'fv.examine',
  approve: 'fv.decide', refuse: 'fv.decide',
};

/** The steps this actor may take now (the machine's transitions from the state, by the actor's roles, within the policy). */
export function abilitiesOf(actor: Actor, a: FvRow): string[] {
  const scope = scopeOfFv(a);
  const out = new Set<string>();
  for (const t of foreignVisitMachine.transitions) {
    const from = typeof t.from === 'string' ? [t.from] : t.from;
    if (!from.includes(a.state)) continue;
    for (const r of t.by ?? []) {
      const mine = { ...actor, grants: actor.grants.filter((g) => g.role === r) };
      if (mine.grants.length && decide(mine, ROLE_OF_ACTION[t.action], scope).allow) out.add(t.action);
    }
  }
  if (a.state === 'UNDER_EXAMINATION' && a.route.forwardToCadreAuthority) out.delete('approve');
  if (a.state === 'UNDER_EXAMINATION' && a.route.forwardToCadreAuthority) out.delete('refuse');
  if (a.state === 'UNDER_EXAMINATION' && !a.route.forwardToCadreAuthority) out.delete('forward');
  if (a.state === 'UNDER_EXAMINATION' && a.route.needsAvdClearance && abilities(actor, ['fv.avdClear'], scope).length) out.add('avdClear');
  if (a.state === 'APPROVED' && abilities(actor, ['fv.read'], scope).length) out.add('certificate');
  return [...out];
}

export function fvSummary(actor: Actor, a: FvRow, today: string) {
  return {
    id: a.id,
    employee: { id: a.employee_id, code: a.employee_code, name: { en: a.name_en, hi: a.name_hi || a.name_en }, grade: a.grade, ministryId: a.ministry_id, cadre: a.cadre },
    state: a.state,
    countries: a.application.countries,
    departureOn: a.departure_on,
    returnOn: a.return_on,
    route: { competentAuthority: a.route.competentAuthority, forwardToCadreAuthority: a.route.forwardToCadreAuthority, needsAvdClearance: a.route.needsAvdClearance, reason: a.route.reason },
    sla: slaOf(a, today),
    receivedOn: a.received_on,
    completeOn: a.complete_on,
    forwardedOn: a.forwarded_on,
    decidedOn: a.decided_on,
    version: a.version,
    abilities: abilitiesOf(actor, a),
  };
}

export function fvFull(actor: Actor, a: FvRow, today: string) {
  const scope = scopeOfFv(a);
  return {
    ...fvSummary(actor, a, today),
    application: a.application as unknown as Record<string, unknown>,
    deficiencyMemos: a.deficiency_memos,
    // vigilance: details for the employee, their Nodal Officer, AVD and the cadre authority; anyone else at most clear / not clear
    avdClearance: clearanceForViewer(actor, scope, a.avd_clearance),
    decision: a.decision
      ? { decision: a.decision, reasons: a.decision_reasons, decidedBy: a.decided_by, decidedRole: a.decided_role, decidedOn: a.decided_on, vigilance: clearanceForViewer(actor, scope, a.vigilance_at_decision) }
      : null,
    certificateCode: a.certificate_code,
  };
}
