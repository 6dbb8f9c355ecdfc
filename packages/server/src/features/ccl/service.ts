import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { abilities, type Actor, type CadreCode } from '@cscms/domain';
import { cclAccount, decideCcl, type CclDecision, type CclEmployee } from '@cscms/domain/leave';
import { appendAudit } from '../../audit/audit.ts';
import { sql, type Executor } from '../../db/client.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { auditContext } from '../../http/context.ts';
import { notify } from '../../notify/notify.ts';
import { findEmployee, type EmployeeRow } from '../career/repo.ts';
import { authorize, engineInputProblem } from '../rules/common.ts';
import { childrenOf, findApplication, insertApplication, nodalOfficersOf, setDecision, spellsOf, usersOfEmployee, type ChildRow, type CclRow } from './repo.ts';
import { requireFinalProfile } from '../profile/service.ts';

/** Spells that hold days: sanctioned, and those still awaiting a decision (so two pending applications cannot book the same days). */
export const HOLDING = ['SANCTIONED', 'SUBMITTED', 'REFERRED'] as const;
const CCL_INPUT = { en: 'The application cannot be evaluated', hi: 'आवेदन का मूल्यांकन संभव नहीं' };

export function cclEmployee(emp: EmployeeRow, children: readonly ChildRow[]): CclEmployee {
  return {
    // 'T' goes to the engine as it is: the orders are silent, and its policy switch (default: refer) decides.
    gender: emp.gender,
    maritalStatus: emp.marital_status,
    children: children.map((c) => ({ id: String(c.id), dob: c.date_of_birth, disabilityPercent: c.disability_percent })),
    ...(emp.probation_end ? { probationEnd: emp.probation_end } : {}),
  };
}

export interface CclInput {
  childId: number;
  from: string;
  to: string;
  childInPatient?: boolean;
  justification?: string;
}

async function ownEmployee(ex: Executor, actor: Actor, action: 'ccl.apply' | 'ccl.read', employeeId?: string): Promise<EmployeeRow> {
  const id = employeeId ?? actor.employeeId;
  if (!id) throw new AppError('NOT_FOUND', { en: 'Your login has no employee record.', hi: 'आपके लॉगिन से कोई कर्मचारी अभिलेख जुड़ा नहीं है।' });
  const emp = await findEmployee(ex, id);
  if (!emp) throw new AppError('NOT_FOUND', { en: 'No such employee.', hi: 'ऐसा कोई कर्मचारी नहीं है।' });
  authorize(actor, action, { ownerEmployeeId: emp.id, ministryId: emp.ministry_id, cadre: emp.cadre as CadreCode });
  return emp;
}

/** The engine's answer for an application of the employee, against the spells that hold days (except `exceptId`). */
export async function evaluate(ex: Executor, emp: EmployeeRow, input: CclInput, asOn: string, exceptId?: string): Promise<{ decision: CclDecision; child: ChildRow }> {
  const children = await childrenOf(ex, emp.id);
  const child = children.find((c) => c.id === input.childId);
  if (!child) throw fieldError('childId', 'This child is not on your record. Add the child to your profile first.', 'यह संतान आपके अभिलेख में नहीं है। पहले प्रोफ़ाइल में संतान जोड़ें।', 'unknown_child');
  const spells = await spellsOf(ex, emp.id, HOLDING, exceptId);
  try {
    const decision = decideCcl(
      { childId: String(child.id), from: input.from, to: input.to, ...(input.childInPatient ? { childInPatient: true } : {}), ...(input.justification ? { justification: input.justification } : {}) },
      cclEmployee(emp, children),
      spells.map((s) => ({ from: s.from_date, to: s.to_date, childId: String(s.child_id) })),
      asOn,
    );
    return { decision, child };
  } catch (e) {
    const p = engineInputProblem(e, '', CCL_INPUT);
    if (p) throw p;
    throw e;
  }
}

export async function check(ex: Executor, actor: Actor, input: CclInput, asOn: string) {
  const emp = await ownEmployee(ex, actor, 'ccl.apply');
  if (input.to < input.from) throw fieldError('to', 'The last day is before the first day.', 'अंतिम दिन पहले दिन से पहले है।', 'invalid_period');
  return (await evaluate(ex, emp, input, asOn)).decision;
}

export async function account(ex: Executor, actor: Actor, asOn: string, employeeId?: string) {
  const emp = await ownEmployee(ex, actor, 'ccl.read', employeeId);
  const sanctioned = await spellsOf(ex, emp.id, ['SANCTIONED']);
  const pending = await spellsOf(ex, emp.id, ['SUBMITTED', 'REFERRED']);
  const acc = cclAccount(sanctioned.map((s) => ({ from: s.from_date, to: s.to_date, childId: String(s.child_id) })), asOn);
  const children = await childrenOf(ex, emp.id);
  return {
    employeeId: emp.id,
    ...acc,
    pendingDays: pending.reduce((n, s) => n + Math.round((Date.parse(s.to_date) - Date.parse(s.from_date)) / 86_400_000) + 1, 0),
    spells: sanctioned.filter((s) => s.from_date.slice(0, 4) === asOn.slice(0, 4)).map((s) => ({ id: s.id, from: s.from_date, to: s.to_date })),
    children: children.map((c) => ({ id: c.id, name: c.name, dateOfBirth: c.date_of_birth, disabilityPercent: c.disability_percent })),
  };
}

export async function submit(tx: Executor, req: FastifyRequest, input: CclInput & { purpose: string }, now: Date, asOn: string): Promise<string> {
  const actor = req.actor!;
  const emp = await ownEmployee(tx, actor, 'ccl.apply');
  const role = authorize(actor, 'ccl.apply', { ownerEmployeeId: emp.id, ministryId: emp.ministry_id, cadre: emp.cadre as CadreCode });
  await requireFinalProfile(tx, emp.id); // para 3.1: the validated profile is the base of every service
  // serialise one employee's applications: two submissions at once could otherwise book the same days
  await tx.execute(sql`SELECT id FROM employee WHERE id = ${emp.id} FOR UPDATE`);
  const { decision } = await evaluate(tx, emp, input, asOn);
  if (decision.outcome === 'NOT_ADMISSIBLE') {
    throw new AppError('NOT_ELIGIBLE', {
      en: `Not admissible: ${decision.reasons.filter((r) => r.effect === 'BAR').map((r) => r.en).join(' ')}`,
      hi: `अनुमन्य नहीं: ${decision.reasons.filter((r) => r.effect === 'BAR').map((r) => r.hi).join(' ')}`,
      extra: { decision },
    });
  }
  const id = randomUUID();
  const status = decision.outcome === 'REFER' ? 'REFERRED' : 'SUBMITTED';
  await insertApplication(tx, { id, employeeId: emp.id, childId: input.childId, from: input.from, to: input.to, days: decision.days, status, decision: { ...decision, asOn, justificationGiven: input.justification ?? null }, hospitalised: !!input.childInPatient, purpose: input.purpose, submittedBy: actor.userId, at: now.toISOString() });
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'ccl_application', entityId: id, action: 'ccl.submit',
    changes: { employeeId: emp.id, childId: input.childId, from: input.from, to: input.to, days: decision.days, status, outcome: decision.outcome, reasons: decision.reasons.map((r) => r.code) },
  });
  // the Nodal Officers of the Ministry (never the applicant) hear of it
  const officers = (await nodalOfficersOf(tx, emp.ministry_id)).filter((u) => u !== actor.userId);
  const period = `${input.from} – ${input.to}`;
  await notify(tx, {
    userIds: officers,
    kind: 'ccl.submitted',
    title: { en: 'Child Care Leave application to decide', hi: 'निर्णय हेतु बाल देखभाल अवकाश आवेदन' },
    body: {
      en: `${emp.name_en} (${emp.employee_code}) applied for Child Care Leave for ${period} (${decision.days} days)${status === 'REFERRED' ? ': referred to you as the sanctioning authority' : ''}.`,
      hi: `${emp.name_hi || emp.name_en} (${emp.employee_code}) ने ${period} (${decision.days} दिन) के बाल देखभाल अवकाश हेतु आवेदन किया है${status === 'REFERRED' ? ': स्वीकृति प्राधिकारी के रूप में आपको भेजा गया' : ''}।`,
    },
    link: `/ccl/applications/${id}`,
  }, now);
  return id;
}

export function isProbationCase(a: Pick<CclRow, 'decision'>): boolean {
  const reasons = (a.decision.reasons ?? []) as Array<{ code?: string }>;
  return reasons.some((r) => typeof r.code === 'string' && r.code.startsWith('CCL_PROBATION'));
}

export function scopeOfApplication(a: CclRow) {
  return { ownerEmployeeId: a.employee_id, ministryId: a.ministry_id, cadre: a.cadre as CadreCode };
}

export function applicationOut(actor: Actor, a: CclRow) {
  return {
    id: a.id,
    employee: { id: a.employee_id, code: a.employee_code, name: { en: a.name_en, hi: a.name_hi || a.name_en }, grade: a.grade, ministryId: a.ministry_id },
    child: { id: a.child_id, name: a.child_name },
    from: a.from_date,
    to: a.to_date,
    days: a.days,
    status: a.status,
    decision: a.decision,
    childInPatient: a.hospitalised,
    purpose: a.purpose,
    justification: a.justification,
    refusalReasons: a.refusal_reasons,
    decidedBy: a.decided_by,
    decidedAt: a.decided_at == null ? null : String(a.decided_at),
    submittedAt: String(a.submitted_at),
    version: a.version,
    probation: isProbationCase(a),
    abilities: [
      ...abilities(actor, ['ccl.decide'], scopeOfApplication(a)).filter(() => a.status === 'SUBMITTED' || a.status === 'REFERRED'),
      ...abilities(actor, ['ccl.apply'], scopeOfApplication(a)).filter(() => a.status === 'SUBMITTED' || a.status === 'REFERRED').map(() => 'ccl.withdraw'),
    ],
  };
}

export interface DecideInput {
  decision: 'SANCTION' | 'REFUSE';
  reasons?: string;
  justification?: string;
  version: number;
}

export async function decideApplication(tx: Executor, req: FastifyRequest, id: string, input: DecideInput, now: Date, asOn: string): Promise<CclRow> {
  const actor = req.actor!;
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'ccl.decide', scopeOfApplication(a));
  if (a.status !== 'SUBMITTED' && a.status !== 'REFERRED') throw new AppError('INVALID_STATE', { extra: { applicationStatus: a.status } });
  if (a.version !== input.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: a.version } });
  const reasons = input.reasons?.trim() || null;
  const justification = input.justification?.trim() || null;
  if (input.decision === 'REFUSE' && !reasons) {
    throw fieldError('reasons', 'A refusal must give its reasons.', 'अस्वीकृति के कारण देना अनिवार्य है।', 'required');
  }
  if (input.decision === 'SANCTION') {
    if (isProbationCase(a) && !justification) {
      throw fieldError('justification', 'The employee is on probation: record the justification for sanctioning CCL (keep the period minimal).', 'कर्मचारी परिवीक्षा पर है: बाल देखभाल अवकाश स्वीकृत करने का औचित्य दर्ज करें (अवधि न्यूनतम रखें)।', 'required');
    }
    // The days must still be there: re-check against the sanctioned spells (another application may have been sanctioned since).
    const emp = await findEmployee(tx, a.employee_id);
    if (!emp) throw new AppError('NOT_FOUND');
    const { decision } = await evaluate(tx, emp, { childId: a.child_id, from: a.from_date, to: a.to_date, childInPatient: a.hospitalised }, String(a.decision.asOn ?? asOn), a.id);
    const bars = decision.reasons.filter((r) => r.effect === 'BAR');
    if (bars.length) {
      throw new AppError('CONFLICT', { en: `Cannot be sanctioned now: ${bars.map((r) => r.en).join(' ')}`, hi: `अब स्वीकृत नहीं किया जा सकता: ${bars.map((r) => r.hi).join(' ')}`, extra: { decision } });
    }
  }
  const status = input.decision === 'SANCTION' ? 'SANCTIONED' : 'REFUSED';
  const n = await setDecision(tx, a.id, input.version, { status, justification, refusalReasons: reasons, decidedBy: actor.userId, at: now.toISOString() });
  if (n === 0) throw new AppError('STALE_VERSION');
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'ccl_application', entityId: a.id, action: status === 'SANCTIONED' ? 'ccl.sanction' : 'ccl.refuse',
    changes: { status: { before: a.status, after: status }, ...(justification ? { justification } : {}) },
    reason: reasons ?? justification,
  });
  const users = await usersOfEmployee(tx, a.employee_id);
  const period = `${a.from_date} – ${a.to_date}`;
  await notify(tx, {
    userIds: users,
    kind: status === 'SANCTIONED' ? 'ccl.sanctioned' : 'ccl.refused',
    title: status === 'SANCTIONED'
      ? { en: 'Child Care Leave sanctioned', hi: 'बाल देखभाल अवकाश स्वीकृत' }
      : { en: 'Child Care Leave refused', hi: 'बाल देखभाल अवकाश अस्वीकृत' },
    body: status === 'SANCTIONED'
      ? { en: `Your Child Care Leave for ${period} (${a.days} days) is sanctioned.`, hi: `${period} (${a.days} दिन) का आपका बाल देखभाल अवकाश स्वीकृत है।` }
      : { en: `Your Child Care Leave for ${period} is refused. Reasons: ${reasons}`, hi: `${period} का आपका बाल देखभाल अवकाश अस्वीकृत है। कारण: ${reasons}` },
    link: `/ccl/applications/${a.id}`,
    email: true,
  }, now);
  return (await findApplication(tx, a.id))!;
}

export async function withdraw(tx: Executor, req: FastifyRequest, id: string, version: number, now: Date): Promise<CclRow> {
  const actor = req.actor!;
  const a = await findApplication(tx, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'ccl.apply', scopeOfApplication(a));
  if (a.status !== 'SUBMITTED' && a.status !== 'REFERRED') throw new AppError('INVALID_STATE', { extra: { applicationStatus: a.status } });
  if (a.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: a.version } });
  const n = await setDecision(tx, a.id, version, { status: 'WITHDRAWN', justification: null, refusalReasons: null, decidedBy: null, at: null });
  if (n === 0) throw new AppError('STALE_VERSION');
  await appendAudit(tx, auditContext(req, now, role), { entity: 'ccl_application', entityId: a.id, action: 'ccl.withdraw', changes: { status: { before: a.status, after: 'WITHDRAWN' } } });
  return (await findApplication(tx, a.id))!;
}
