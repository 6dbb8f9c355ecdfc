// Immovable Property Returns (CCS (Conduct) Rules 1964 rule 18; rules.md §7; O.M. of 15.11.2022 para 3.2).
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { SQL } from 'drizzle-orm';
import { abilities, type Actor, type CadreCode, type EffectiveDated, yearOf } from '@cscms/domain';
import {
  carryForwardReturn,
  filingWindow,
  iprCompliance,
  iprObligation,
  propertyReturnSchema,
  propertyRowSchema,
  type IprEmployee,
  type IprStatus,
  type IprWindowRule,
} from '@cscms/domain/ipr';
import { appendAudit } from '../../audit/audit.ts';
import { rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError, fieldError, type FieldError } from '../../http/errors.ts';
import { zodFieldErrors } from '../../http/zod-messages.ts';
import { notify } from '../../notify/notify.ts';
import { findEmployee, type EmployeeRow } from '../career/repo.ts';
import { requireFinalProfile } from '../profile/service.ts';
import { authorize } from '../rules/common.ts';
import { findReturn, iprEmployeeOf, iprReturnsForCompliance, iprWindowTable, latestFiledBefore, latestOf, returnsOf, toEngineReturn, type IprRow } from './repo.ts';

export const IPR_ACTIONS = ['ipr.file', 'ipr.read'] as const;

export function scopeOfReturn(r: Pick<IprRow, 'employee_id' | 'ministry_id' | 'cadre'>) {
  return { ownerEmployeeId: r.employee_id, ministryId: r.ministry_id, cadre: r.cadre as CadreCode };
}

function validation(errors: FieldError[]): AppError {
  return new AppError('VALIDATION', { errors, field: errors[0]?.field, en: errors.map((e) => e.en).join('; '), hi: errors.map((e) => e.hi).join('; ') });
}

async function ownEmployee(ex: Executor, actor: Actor): Promise<EmployeeRow> {
  if (!actor.employeeId) throw new AppError('NOT_FOUND', { en: 'Your login has no employee record.', hi: 'आपके लॉगिन से कोई कर्मचारी अभिलेख जुड़ा नहीं है।' });
  const e = await findEmployee(ex, actor.employeeId);
  if (!e) throw new AppError('NOT_FOUND');
  return e;
}

export function returnOut(actor: Actor, r: IprRow, current?: boolean) {
  const scope = scopeOfReturn(r);
  const mayFile = abilities(actor, ['ipr.file'], scope).length > 0;
  const abs: string[] = [];
  if (mayFile && r.status === 'DRAFT') abs.push('ipr.edit', 'ipr.submit');
  if (mayFile && r.status === 'FILED' && current !== false) abs.push('ipr.revise');
  if (r.status === 'FILED' && abilities(actor, ['ipr.read'], scope).length) abs.push('ipr.print');
  return {
    id: r.id,
    employee: { id: r.employee_id, code: r.employee_code, name: { en: r.name_en, hi: r.name_hi || r.name_en }, grade: r.grade, ministryId: r.ministry_id },
    kind: r.kind,
    year: r.year,
    asOn: r.as_on,
    revision: r.revision,
    status: r.status,
    nil: r.nil,
    properties: r.rows as unknown as Array<Record<string, unknown>>,
    mode: r.mode,
    source: r.source,
    filedOn: r.filed_on,
    filedAt: r.filed_at == null ? null : String(r.filed_at),
    revisionReason: r.revision_reason,
    version: r.version,
    readOnly: r.status !== 'DRAFT',
    abilities: abs,
  };
}

/** What the employee needs for year Y: the obligation, the window, the compliance, the draft and the returns filed. */
export async function myIpr(ex: Executor, actor: Actor, year: number | undefined, today: string) {
  const emp = await ownEmployee(ex, actor);
  authorize(actor, 'ipr.file', { ownerEmployeeId: emp.id });
  const y = year ?? yearOf(today) - 1;
  const table = await iprWindowTable(ex);
  const ie = await iprEmployeeOf(ex, emp);
  const obligation = iprObligation(ie, y);
  const window = filingWindow(y, table);
  const compliance = iprCompliance(ie, y, await iprReturnsForCompliance(ex, emp.id), today, table);
  const list = await returnsOf(ex, emp.id, {}, 100, 0);
  const latestFiled = new Map<string, number>();
  for (const r of list) if (r.status === 'FILED') latestFiled.set(`${r.kind}:${r.year}`, Math.max(latestFiled.get(`${r.kind}:${r.year}`) ?? 0, r.revision));
  const out = list.map((r) => returnOut(actor, r, latestFiled.get(`${r.kind}:${r.year}`) === r.revision));
  const firstAppointmentFiled = list.some((r) => r.kind === 'FIRST_APPOINTMENT' && r.status === 'FILED');
  const today_ = today;
  const nextStep: 'CONTINUE_DRAFT' | 'NOTHING_DUE' | 'FILE_FIRST_APPOINTMENT' | 'FILED' | 'WAIT_FOR_WINDOW' | 'START_RETURN' = out.find((r) => r.status === 'DRAFT' && r.year === y)
    ? 'CONTINUE_DRAFT'
    : !obligation.annual
      ? firstAppointmentFiled ? 'NOTHING_DUE' : 'FILE_FIRST_APPOINTMENT'
      : compliance.status === 'FILED' || compliance.status === 'LATE'
        ? 'FILED'
        : today_ < window.opens ? 'WAIT_FOR_WINDOW' : 'START_RETURN';
  return {
    employeeId: emp.id,
    year: y,
    obligation,
    window,
    compliance: { status: compliance.status, compliant: compliance.compliant, filedOn: compliance.filedOn ?? null, reasons: compliance.reasons },
    firstAppointment: { year: yearOf(emp.entry_date), asOn: emp.entry_date, filed: firstAppointmentFiled },
    nextStep,
    returns: out,
  };
}

export interface CreateInput {
  year: number;
  kind: 'ANNUAL' | 'FIRST_APPOINTMENT';
  carryForward: boolean;
}

/** A new draft for year Y (carrying forward the latest earlier return's rows when asked). */
export async function createDraft(tx: Executor, req: FastifyRequest, input: CreateInput, now: Date, today: string): Promise<string> {
  const actor = req.actor!;
  const emp = await ownEmployee(tx, actor);
  const role = authorize(actor, 'ipr.file', { ownerEmployeeId: emp.id, ministryId: emp.ministry_id, cadre: emp.cadre as CadreCode });
  await requireFinalProfile(tx, emp.id);
  await tx.execute(sql`SELECT id FROM employee WHERE id = ${emp.id} FOR UPDATE`);
  const year = input.kind === 'FIRST_APPOINTMENT' ? yearOf(emp.entry_date) : input.year;
  const asOn = input.kind === 'FIRST_APPOINTMENT' ? emp.entry_date : `${year}-12-31`;
  if (input.kind === 'ANNUAL') {
    const table = await iprWindowTable(tx);
    const w = filingWindow(year, table);
    if (today < w.opens)
      throw new AppError('WINDOW_CLOSED', {
        field: 'year',
        en: `The return for ${year} can be filed from ${w.opens} (position as on 31 December ${year}).`,
        hi: `${year} की विवरणी ${w.opens} से दाखिल की जा सकती है (31 दिसंबर ${year} की स्थिति)।`,
        extra: { window: w },
      });
    if (!iprObligation(await iprEmployeeOf(tx, emp), year).annual && !(await latestOf(tx, emp.id, 'ANNUAL', year)))
      throw fieldError('year', 'Group C: no annual return is due; file the first-appointment return only.', 'समूह ग: वार्षिक विवरणी देय नहीं; केवल प्रथम नियुक्ति की विवरणी दें।', 'not_required');
  }
  const existing = await latestOf(tx, emp.id, input.kind, year);
  if (existing?.status === 'DRAFT') return existing.id;
  if (existing) throw new AppError('CONFLICT', { en: `The return for ${year} is already filed: open it and file a revision with a reason.`, hi: `${year} की विवरणी पहले ही दाखिल है: उसे खोलें और कारण सहित संशोधन दाखिल करें।`, extra: { returnId: existing.id } });
  const prev = input.carryForward ? await latestFiledBefore(tx, emp.id, year) : undefined;
  const draft = carryForwardReturn(prev ? toEngineReturn(prev) : undefined, emp.id, year);
  const id = randomUUID();
  await tx.execute(sql`
    INSERT INTO ipr_return (id, employee_id, kind, year, as_on, revision, status, nil, rows, carried_from, created_at, updated_at)
    VALUES (${id}, ${emp.id}, ${input.kind}, ${year}, ${asOn}, 1, 'DRAFT', ${prev ? prev.nil : false}, ${JSON.stringify(draft.properties)}::jsonb, ${prev?.id ?? null}, ${now.toISOString()}, ${now.toISOString()})`);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'ipr_return', entityId: id, action: 'ipr.draft', changes: { year, kind: input.kind, carriedFrom: prev?.id ?? null, rows: draft.properties.length } });
  return id;
}

async function ownReturn(tx: Executor, actor: Actor, id: string, forUpdate: boolean): Promise<{ r: IprRow; role: string }> {
  const r = await findReturn(tx, id, forUpdate);
  if (!r) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'ipr.file', scopeOfReturn(r));
  return { r, role };
}

function checkRows(properties: unknown[], nil: boolean): void {
  const errors: FieldError[] = [];
  properties.forEach((p, i) => {
    const x = propertyRowSchema.safeParse(p);
    if (!x.success) errors.push(...zodFieldErrors(x.error.issues, `properties.${i}`));
  });
  if (nil && properties.length) errors.push({ field: 'properties', code: 'nil_with_rows', en: 'properties: a nil return lists no property', hi: 'properties: शून्य विवरणी में कोई संपत्ति नहीं होती' });
  if (errors.length) throw validation(errors);
}

/** Saves a draft (each row well-formed; a draft may still be empty). A filed return is read-only. */
export async function saveDraft(tx: Executor, req: FastifyRequest, id: string, input: { version: number; nil: boolean; properties: unknown[] }, now: Date): Promise<void> {
  const { r, role } = await ownReturn(tx, req.actor!, id, true);
  if (r.status !== 'DRAFT') throw new AppError('INVALID_STATE', { en: 'A filed return is read-only: file a revision with a reason.', hi: 'दाखिल विवरणी केवल पढ़ने योग्य है: कारण सहित संशोधन दाखिल करें।' });
  if (r.version !== input.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: r.version } });
  checkRows(input.properties, input.nil);
  const n = await rows(tx, sql`
    UPDATE ipr_return SET nil = ${input.nil}, rows = ${JSON.stringify(input.properties)}::jsonb, version = version + 1, updated_at = ${now.toISOString()}
     WHERE id = ${id} AND version = ${input.version} AND status = 'DRAFT' RETURNING id`);
  if (n.length === 0) throw new AppError('STALE_VERSION');
  await appendAudit(tx, auditContext(req, now, role), { entity: 'ipr_return', entityId: id, action: 'ipr.save', changes: { nil: input.nil, rows: { before: r.rows.length, after: input.properties.length } } });
}

/** Files the draft online: complete checks, then read-only. Filed after the due date it is recorded and counts as late. */
export async function submitReturn(tx: Executor, req: FastifyRequest, id: string, version: number, now: Date, today: string): Promise<void> {
  const actor = req.actor!;
  const { r, role } = await ownReturn(tx, actor, id, true);
  await requireFinalProfile(tx, r.employee_id);
  if (r.status !== 'DRAFT') throw new AppError('INVALID_STATE', { en: 'This return is already filed.', hi: 'यह विवरणी पहले ही दाखिल है।' });
  if (r.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: r.version } });
  const full = propertyReturnSchema.safeParse({ kind: r.kind, year: r.year, asOn: r.as_on, nil: r.nil, properties: r.rows });
  if (!full.success) throw validation(zodFieldErrors(full.error.issues));
  const n = await rows(tx, sql`
    UPDATE ipr_return SET status = 'FILED', filed_on = ${today}, filed_at = ${now.toISOString()}, filed_by = ${actor.userId}, mode = 'ONLINE', version = version + 1, updated_at = ${now.toISOString()}
     WHERE id = ${id} AND version = ${version} AND status = 'DRAFT' RETURNING id`);
  if (n.length === 0) throw new AppError('STALE_VERSION');
  const table = await iprWindowTable(tx);
  const late = r.kind === 'ANNUAL' && today > filingWindow(r.year, table).closes;
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'ipr_return', entityId: id, action: r.revision > 1 ? 'ipr.file-revision' : 'ipr.file',
    changes: { year: r.year, kind: r.kind, revision: r.revision, nil: r.nil, rows: r.rows.length, filedOn: today, late },
    reason: r.revision_reason,
  });
  await notify(tx, {
    userIds: [actor.userId],
    kind: 'ipr.filed',
    title: { en: `Property return for ${r.year} filed`, hi: `${r.year} की संपत्ति विवरणी दाखिल` },
    body: late
      ? { en: `Filed on ${today}, after the due date: it is recorded but counts as late.`, hi: `${today} को, नियत तिथि के बाद दाखिल: यह दर्ज है पर विलंबित मानी जाएगी।` }
      : { en: `Filed online on ${today}. You can print it with its verification code.`, hi: `${today} को ऑनलाइन दाखिल। आप इसे सत्यापन कोड सहित प्रिंट कर सकते हैं।` },
    link: `/ipr/returns/${id}`,
  }, now);
}

/** A revision of a filed return: a new draft (next revision number) with the rows of the filed one and the reason. */
export async function reviseReturn(tx: Executor, req: FastifyRequest, id: string, reason: string, now: Date): Promise<string> {
  const { r, role } = await ownReturn(tx, req.actor!, id, true);
  await requireFinalProfile(tx, r.employee_id);
  if (r.status !== 'FILED') throw new AppError('INVALID_STATE', { en: 'Only a filed return is revised; edit the draft instead.', hi: 'केवल दाखिल विवरणी का संशोधन होता है; ड्राफ़्ट को संपादित करें।' });
  const latest = await latestOf(tx, r.employee_id, r.kind, r.year);
  if (latest?.status === 'DRAFT') return latest.id;
  if (latest && latest.id !== r.id) throw new AppError('CONFLICT', { en: 'A later revision exists: revise that one.', hi: 'बाद का संशोधन मौजूद है: उसी का संशोधन करें।', extra: { returnId: latest.id } });
  const newId = randomUUID();
  await tx.execute(sql`
    INSERT INTO ipr_return (id, employee_id, kind, year, as_on, revision, status, nil, rows, revision_reason, carried_from, created_at, updated_at)
    VALUES (${newId}, ${r.employee_id}, ${r.kind}, ${r.year}, ${r.as_on}, ${r.revision + 1}, 'DRAFT', ${r.nil}, ${JSON.stringify(r.rows)}::jsonb, ${reason}, ${r.id}, ${now.toISOString()}, ${now.toISOString()})`);
  await appendAudit(tx, auditContext(req, now, role), { entity: 'ipr_return', entityId: newId, action: 'ipr.revise', changes: { revises: r.id, revision: r.revision + 1, year: r.year }, reason });
  return newId;
}

export async function viewReturn(ex: Executor, actor: Actor, id: string) {
  const r = await findReturn(ex, id);
  if (!r) throw new AppError('NOT_FOUND');
  const scope = scopeOfReturn(r);
  // the employee sees drafts and filed returns; the Nodal Officer only returns already filed
  const own = abilities(actor, ['ipr.file'], scope).length > 0;
  if (!own) {
    authorize(actor, 'ipr.read', scope);
    if (r.status !== 'FILED') throw new AppError('NOT_FOUND');
  }
  const latest = await latestOf(ex, r.employee_id, r.kind, r.year);
  const latestFiled = await rows<{ n: number }>(ex, sql`SELECT max(revision) AS n FROM ipr_return WHERE employee_id = ${r.employee_id} AND kind = ${r.kind} AND year = ${r.year} AND status = 'FILED'`);
  const out = returnOut(actor, r, (latestFiled[0]?.n ?? 0) === r.revision && latest?.status !== 'DRAFT');
  return { ...out, latestRevision: latest?.revision ?? r.revision };
}

// ---- compliance list ----

export interface ComplianceItem {
  employeeId: string;
  employeeCode: string;
  name: { en: string; hi: string };
  grade: string;
  ministryId: number;
  status: IprStatus;
  filedOn: string | null;
  dueOn: string;
  returnId: string | null;
}

export interface ComplianceScope {
  ministryIds: number[];
  cadres: string[];
}

/** Filed / late / not filed / pending / not required for every serving employee in scope, for year Y (as on `today`). */
export async function complianceList(ex: Executor, scope: ComplianceScope, year: number, today: string, filter: { status?: IprStatus; ministryId?: number }): Promise<ComplianceItem[]> {
  const ors: SQL[] = [];
  if (scope.ministryIds.length) ors.push(sql`e.ministry_id IN (${sql.join(scope.ministryIds.map((x) => sql`${x}::int`), sql`, `)})`);
  if (scope.cadres.length) ors.push(sql`e.cadre IN (${sql.join(scope.cadres.map((x) => sql`${x}`), sql`, `)})`);
  if (ors.length === 0) return [];
  const where = [sql`(${sql.join(ors, sql` OR `)})`, sql`e.superannuation_date >= ${`${year}-12-31`}`, sql`e.entry_date <= ${`${year}-12-31`}`];
  if (filter.ministryId) where.push(sql`e.ministry_id = ${filter.ministryId}`);
  const cond = sql.join(where, sql` AND `);
  const emps = await rows<EmployeeRow & { ministry_id: number }>(ex, sql`
    SELECT e.id, e.employee_code, e.name_en, e.name_hi, e.grade, e.entry_date, e.ministry_id, e.cadre FROM employee e WHERE ${cond} ORDER BY e.employee_code`);
  const hist = await rows<{ employee_id: string; effective_date: string; grade: string }>(ex, sql`
    SELECT s.employee_id, s.effective_date, s.grade FROM service_event s JOIN employee e ON e.id = s.employee_id
     WHERE ${cond} AND s.grade IS NOT NULL AND s.kind IN ('ENTRY', 'PROMOTION')`);
  const filed = await rows<IprRow>(ex, sql`
    SELECT r.id, r.employee_id, r.kind, r.year, r.as_on, r.nil, r.rows, r.filed_on, r.mode, r.revision FROM ipr_return r JOIN employee e ON e.id = r.employee_id
     WHERE ${cond} AND r.year = ${year} AND r.kind = 'ANNUAL' AND r.status = 'FILED'`);
  const table = await iprWindowTable(ex);
  const histBy = new Map<string, Array<{ from: string; grade: string }>>();
  for (const h of hist) histBy.set(h.employee_id, [...(histBy.get(h.employee_id) ?? []), { from: h.effective_date, grade: h.grade }]);
  const filedBy = new Map<string, IprRow[]>();
  for (const f of filed) filedBy.set(f.employee_id, [...(filedBy.get(f.employee_id) ?? []), f]);
  const dueOn = filingWindow(year, table).closes;
  const out: ComplianceItem[] = [];
  for (const e of emps) {
    const ie: IprEmployee = { employeeId: e.id, grade: e.grade, gradeHistory: histBy.get(e.id) ?? [], firstAppointmentOn: e.entry_date };
    const mine = filedBy.get(e.id) ?? [];
    const c = iprCompliance(ie, year, mine.map(toEngineReturn), today, table);
    if (filter.status && c.status !== filter.status) continue;
    const first = [...mine].sort((a, b) => a.revision - b.revision)[0];
    out.push({ employeeId: e.id, employeeCode: e.employee_code, name: { en: e.name_en, hi: e.name_hi || e.name_en }, grade: e.grade, ministryId: e.ministry_id, status: c.status, filedOn: c.filedOn ?? null, dueOn, returnId: first?.id ?? null });
  }
  return out;
}

/** A Ministry filter: a Nodal Officer only their own; a cadre authority any (the list stays within its cadres). */
export function checkMinistryFilter(actor: Actor, ministryId: number | undefined): void {
  if (!ministryId || actor.grants.some((g) => g.role === 'CADRE_AUTHORITY')) return;
  authorize(actor, 'ipr.compliance', { ministryId });
}

export function complianceScopeOf(actor: Actor): ComplianceScope {
  return {
    ministryIds: actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number),
    cadres: actor.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []),
  };
}

/** Reminders to those in scope who have not filed year Y (pending or not filed). Returns how many were told. */
export async function remindNotFiled(tx: Executor, scope: ComplianceScope, year: number, today: string, now: Date, table?: readonly EffectiveDated<IprWindowRule>[], ministryId?: number): Promise<number> {
  const list = (await complianceList(tx, scope, year, today, ministryId ? { ministryId } : {})).filter((i) => i.status === 'PENDING' || i.status === 'NOT_FILED');
  if (list.length === 0) return 0;
  const ids = list.map((i) => i.employeeId);
  const users = await rows<{ id: string }>(tx, sql`SELECT id FROM app_user WHERE active AND employee_id IN (${sql.join(ids.map((x) => sql`${x}::uuid`), sql`, `)})`);
  const due = filingWindow(year, table ?? (await iprWindowTable(tx))).closes;
  await notify(tx, {
    userIds: users.map((u) => u.id),
    kind: 'ipr.reminder',
    title: { en: `File your property return for ${year}`, hi: `${year} की अपनी संपत्ति विवरणी दाखिल करें` },
    body: {
      en: `Your Immovable Property Return (position as on 31.12.${year}) is due online by ${due}. Only a return filed online by then counts; it feeds your vigilance clearance.`,
      hi: `आपकी अचल संपत्ति विवरणी (31.12.${year} की स्थिति) ${due} तक ऑनलाइन देय है। केवल तब तक ऑनलाइन दाखिल विवरणी ही मान्य है; यह आपकी सतर्कता अनापत्ति को प्रभावित करती है।`,
    },
    link: '/ipr',
    email: true,
  }, now);
  return users.length;
}
