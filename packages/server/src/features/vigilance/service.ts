// Vigilance status (O.M. of 15.11.2022 para 3.5; rules.md §6): the append-only event history, the
// clearance the engine computes on a date for a purpose, and what each viewer may see of it.
import type { FastifyRequest } from 'fastify';
import { abilities, decide, type Actor, type CadreCode, type ResourceScope } from '@cscms/domain';
import { iprComplianceForVigilance, type IprEmployee } from '@cscms/domain/ipr';
import {
  VIGILANCE_EVENT_TYPES,
  effectiveEvents,
  vigilanceClearance,
  vigilanceEventSchema,
  vigilanceStatusInPlainWords,
  type FactEvent,
  type VigilanceClearance,
  type VigilanceEvent,
  type VigilancePurpose,
} from '@cscms/domain/vigilance';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { zodFieldErrors } from '../../http/zod-messages.ts';
import { notify } from '../../notify/notify.ts';
import { findEmployee, type EmployeeRow } from '../career/repo.ts';
import { authorize } from '../rules/common.ts';
import { iprEmployeeOf, iprReturnsForCompliance, iprWindowTable } from '../ipr/repo.ts';

export interface VigilanceEventRow {
  id: number;
  employee_id: string;
  kind: string;
  event_date: string;
  order_ref: string;
  details: Record<string, unknown>;
  corrects_id: number | null;
  matter: string | null;
  note: string | null;
  attachments: Array<{ name: string; reference?: string; sha256?: string }>;
  recorded_by: string | null;
  recorded_role: string | null;
  recorded_at: string;
}

export function scopeOfEmployee(e: Pick<EmployeeRow, 'id' | 'ministry_id' | 'cadre'>): ResourceScope {
  return { ownerEmployeeId: e.id, ministryId: e.ministry_id, cadre: e.cadre as CadreCode };
}

/** May this actor see vigilance details of the employee? Everyone else gets at most clear / not clear. */
export function maySeeVigilanceDetails(actor: Actor, scope: ResourceScope): boolean {
  return decide(actor, 'vigilance.read', scope).allow;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The employee by id or by employee code. */
export async function employeeByRef(ex: Executor, ref: string): Promise<EmployeeRow> {
  let id = ref;
  if (!UUID.test(ref)) {
    const r = await one<{ id: string }>(ex, sql`SELECT id FROM employee WHERE upper(employee_code) = upper(${ref})`);
    if (!r) throw new AppError('NOT_FOUND', { en: 'No employee with this code.', hi: 'इस कोड का कोई कर्मचारी नहीं है।' });
    id = r.id;
  }
  const e = await findEmployee(ex, id);
  if (!e) throw new AppError('NOT_FOUND', { en: 'No such employee.', hi: 'ऐसा कोई कर्मचारी नहीं है।' });
  return e;
}

export async function eventRows(ex: Executor, employeeId: string): Promise<VigilanceEventRow[]> {
  return rows<VigilanceEventRow>(ex, sql`
    SELECT id, employee_id, kind, event_date, order_ref, details, corrects_id, matter, note, attachments, recorded_by, recorded_role, recorded_at
      FROM vigilance_event WHERE employee_id = ${employeeId} ORDER BY event_date, id`);
}

const KNOWN = new Set<string>(VIGILANCE_EVENT_TYPES);

/**
 * A stored row as the engine's event. Rows recorded through this service carry the engine's type in
 * `kind` and its type-specific fields in `details`; rows of the first data load (seed) use older kinds
 * (CHARGE_SHEET, AGREED_LIST, PENALTY_MINOR, SUSPENSION with status REVOKED), read here.
 */
export function toEngineEvents(r: VigilanceEventRow): VigilanceEvent[] {
  const base = { id: String(r.id), date: r.event_date, ...(r.matter ? { matter: r.matter } : {}), ...(r.note ? { note: r.note } : {}) };
  const d = r.details ?? {};
  if (r.kind === 'CORRECTION') {
    const rep = d.replacement as Record<string, unknown> | null | undefined;
    return [{ ...base, type: 'CORRECTION', corrects: String(r.corrects_id), replacement: rep ? ({ ...rep, id: `${r.id}r` } as FactEvent) : null }];
  }
  // the first data load marks a suspension already revoked with status REVOKED (no revocation row)
  if (r.kind === 'SUSPENSION' && d.status === 'REVOKED') return [{ ...base, type: 'SUSPENSION' }, { ...base, id: `${r.id}v`, type: 'SUSPENSION_REVOKED' }];
  if (KNOWN.has(r.kind)) return [{ ...(d as object), ...base, type: r.kind } as VigilanceEvent];
  switch (r.kind) {
    case 'CHARGE_SHEET':
      return [{ ...base, type: 'CHARGE_SHEET_SERVED' }];
    case 'AGREED_LIST':
      return [{ ...base, type: 'AGREED_LIST_INCLUDED' }];
    case 'PENALTY_MINOR':
    case 'PENALTY_MAJOR':
      return [{
        ...base,
        type: 'PENALTY',
        severity: r.kind === 'PENALTY_MAJOR' ? 'MAJOR' : 'MINOR',
        penalty: String(d.penalty ?? 'penalty'),
        ...(typeof d.currencyFrom === 'string' ? { currencyFrom: d.currencyFrom } : {}),
        ...(typeof d.currencyTo === 'string' ? { currencyTo: d.currencyTo } : {}),
      }];
    default:
      return [{ ...base, type: 'COMPLAINT' }];
  }
}

/** The clearance on `on` for `purpose`, with ground 11 judged from the portal's own IPR records. */
export async function clearanceOf(ex: Executor, emp: EmployeeRow, purpose: VigilancePurpose, on: string): Promise<VigilanceClearance> {
  const events = (await eventRows(ex, emp.id)).flatMap(toEngineEvents);
  let iprCompliance: { year: number; status: 'FILED' | 'LATE' | 'NOT_FILED' | 'PENDING' | 'NOT_REQUIRED'; dueOn: string } | undefined;
  if (purpose !== 'DPC') {
    const table = await iprWindowTable(ex);
    const ie: IprEmployee = await iprEmployeeOf(ex, emp);
    const c = iprComplianceForVigilance(ie, await iprReturnsForCompliance(ex, emp.id), on, table);
    iprCompliance = { year: c.year, status: c.status, dueOn: c.window.closes };
  }
  return vigilanceClearance(events, { purpose, on, ...(iprCompliance ? { iprCompliance } : {}) });
}

/** What a viewer sees of a stored clearance: all of it, or only clear / not clear. */
export function clearanceForViewer(actor: Actor, scope: ResourceScope, c: VigilanceClearance | null | undefined) {
  if (!c) return null;
  if (maySeeVigilanceDetails(actor, scope)) return { ...c, detailsHidden: false };
  return { on: c.on, purpose: c.purpose, status: c.status, detailsHidden: true };
}

function eventOut(r: VigilanceEventRow, inForce: Set<string>) {
  const d = r.details ?? {};
  const { replacement, ...rest } = d as { replacement?: unknown };
  return {
    id: r.id,
    type: r.kind,
    date: r.event_date,
    orderRef: r.order_ref,
    matter: r.matter,
    note: r.note,
    details: rest,
    correctsId: r.corrects_id,
    replacement: replacement ?? null,
    attachments: r.attachments ?? [],
    recordedBy: r.recorded_by,
    recordedRole: r.recorded_role,
    recordedAt: String(r.recorded_at),
    inForce: inForce.has(String(r.id)),
  };
}

/** The full view: events (with whether each is still in force), the clearance with its grounds, and plain words. */
export async function statusView(ex: Executor, actor: Actor, emp: EmployeeRow, purpose: VigilancePurpose, on: string) {
  const scope = scopeOfEmployee(emp);
  authorize(actor, 'vigilance.read', scope);
  const list = await eventRows(ex, emp.id);
  const effective = new Set(effectiveEvents(list.flatMap(toEngineEvents)).map((e) => e.id.replace(/[rv]$/, '')));
  // a fact is in force when it survives the corrections; a correction when the event it names is superseded
  const inForce = new Set(list.filter((r) => (r.kind === 'CORRECTION' ? !effective.has(String(r.corrects_id)) : effective.has(String(r.id)))).map((r) => String(r.id)));
  const clearance = await clearanceOf(ex, emp, purpose, on);
  return {
    employee: { id: emp.id, code: emp.employee_code, name: { en: emp.name_en, hi: emp.name_hi || emp.name_en }, grade: emp.grade, cadre: emp.cadre, ministryId: emp.ministry_id },
    clearance,
    plainWords: vigilanceStatusInPlainWords(clearance),
    events: list.map((r) => eventOut(r, inForce)),
    abilities: abilities(actor, ['vigilance.record'], scope),
  };
}

export interface RecordInput {
  event: Record<string, unknown>;
  orderRef: string;
  attachments: Array<{ name: string; reference?: string; sha256?: string }>;
}

/** Records one event (or a correction naming an earlier one of the same employee); audited; the employee is told. */
export async function recordEvent(tx: Executor, req: FastifyRequest, emp: EmployeeRow, input: RecordInput, now: Date): Promise<number> {
  const actor = req.actor!;
  const role = authorize(actor, 'vigilance.record', scopeOfEmployee(emp));
  const candidate: Record<string, unknown> = { ...input.event, id: 'new' };
  if (candidate.type === 'CORRECTION' && candidate.replacement && typeof candidate.replacement === 'object')
    candidate.replacement = { ...(candidate.replacement as object), id: 'new-r' };
  const parsed = vigilanceEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error.issues, 'event');
    throw new AppError('VALIDATION', { errors, field: errors[0]?.field, en: errors.map((e) => e.en).join('; '), hi: errors.map((e) => e.hi).join('; ') });
  }
  const ev = parsed.data as VigilanceEvent;
  let correctsId: number | null = null;
  let details: Record<string, unknown>;
  const { id: _id, type, date, matter, note, ...specific } = ev as VigilanceEvent & Record<string, unknown>;
  if (ev.type === 'CORRECTION') {
    const target = Number(ev.corrects);
    const t = Number.isInteger(target) ? await one<{ id: number }>(tx, sql`SELECT id FROM vigilance_event WHERE id = ${target} AND employee_id = ${emp.id}`) : undefined;
    if (!t) throw new AppError('VALIDATION', { field: 'event.corrects', errors: [{ field: 'event.corrects', code: 'unknown_event', en: 'event.corrects: no such event of this employee', hi: 'event.corrects: इस कर्मचारी की ऐसी कोई घटना नहीं' }], en: 'The event to be corrected is not on this employee\'s record.', hi: 'सुधारी जाने वाली घटना इस कर्मचारी के अभिलेख में नहीं है।' });
    correctsId = t.id;
    const rep = ev.replacement ? (({ id: _r, ...x }) => x)(ev.replacement as FactEvent & Record<string, unknown>) : null;
    details = { replacement: rep };
  } else {
    const { corrects: _c, replacement: _rp, ...rest } = specific as Record<string, unknown>;
    details = rest;
  }
  const r = await one<{ id: number }>(tx, sql`
    INSERT INTO vigilance_event (employee_id, kind, event_date, order_ref, details, corrects_id, matter, note, attachments, recorded_by, recorded_role, recorded_at)
    VALUES (${emp.id}, ${type}, ${date}, ${input.orderRef}, ${JSON.stringify(details)}::jsonb, ${correctsId}, ${(matter as string | undefined) ?? null}, ${(note as string | undefined) ?? null},
            ${JSON.stringify(input.attachments)}::jsonb, ${actor.userId}, ${role}, ${now.toISOString()})
    RETURNING id`);
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'vigilance_event',
    entityId: String(r!.id),
    action: ev.type === 'CORRECTION' ? 'vigilance.correct' : 'vigilance.record',
    changes: { employeeId: emp.id, type, date, orderRef: input.orderRef, ...(correctsId ? { correctsId } : {}), attachments: input.attachments.length },
  });
  const users = (await rows<{ id: string }>(tx, sql`SELECT id FROM app_user WHERE employee_id = ${emp.id} AND active`)).map((u) => u.id);
  await notify(tx, {
    userIds: users,
    kind: 'vigilance.updated',
    title: { en: 'Your vigilance status was updated', hi: 'आपकी सतर्कता स्थिति अद्यतन की गई' },
    body: { en: 'An entry was added to your vigilance record. See your status in plain words.', hi: 'आपके सतर्कता अभिलेख में एक प्रविष्टि जोड़ी गई। अपनी स्थिति सरल शब्दों में देखें।' },
    link: '/vigilance',
  }, now);
  return r!.id;
}
