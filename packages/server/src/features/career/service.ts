import { addMonths, type Actor, type CadreCode } from '@cscms/domain';
import { macpSchedule, type CareerStep, type MacpSchedule } from '@cscms/domain/career';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { authorize, engineInputProblem } from '../rules/common.ts';
import { assumedPay, historyOf } from './history.ts';
import type { ServiceEventRow } from './repo.ts';
import { employeesWithEvents, findEmployee, serviceEvents, type EmployeeRow } from './repo.ts';

export function employeeOut(e: EmployeeRow) {
  return {
    id: e.id,
    code: e.employee_code,
    name: { en: e.name_en, hi: e.name_hi || e.name_en },
    cadre: e.cadre,
    grade: { code: e.grade, en: e.grade_en, hi: e.grade_hi },
    payLevel: e.pay_level,
    ministry: { id: e.ministry_id, en: e.ministry_en, hi: e.ministry_hi },
  };
}

export function scopeOf(e: EmployeeRow) {
  return { ownerEmployeeId: e.id, ministryId: e.ministry_id, cadre: e.cadre as CadreCode };
}

/** The employee or 404, after the scope test ('career.read'). */
export async function loadCareerEmployee(ex: Executor, actor: Actor, employeeId: string): Promise<EmployeeRow> {
  const emp = await findEmployee(ex, employeeId);
  if (!emp) throw new AppError('NOT_FOUND', { en: 'No such employee.', hi: 'ऐसा कोई कर्मचारी नहीं है।' });
  authorize(actor, 'career.read', scopeOf(emp));
  return emp;
}

/** The engine on the stored history; with the direct recruit's pay assumed where no pay is recorded (said in the reasons). */
export function schedule(emp: EmployeeRow, events: readonly ServiceEventRow[], asOn: string): MacpSchedule {
  const history = historyOf(emp, events);
  const assumed = assumedPay(history, events);
  if (assumed && assumed.pay.on <= asOn) {
    try {
      const s = macpSchedule({ ...history, pay: assumed.pay }, asOn);
      return { ...s, reasons: [...s.reasons, assumed.reason] };
    } catch {
      // the assumption does not fit this history: fall through to the history as recorded
    }
  }
  return macpSchedule(history, asOn);
}

/** The MACP timeline of an employee from the stored service history. A history the engine refuses is a 422 naming the event. */
export async function careerOf(ex: Executor, emp: EmployeeRow, asOn: string): Promise<MacpSchedule> {
  const events = await serviceEvents(ex, emp.id);
  try {
    return schedule(emp, events, asOn);
  } catch (e) {
    const p = engineInputProblem(e, 'serviceHistory');
    if (p) throw p;
    throw e;
  }
}

export interface DueRow {
  employee: ReturnType<typeof employeeOut>;
  step: CareerStep;
}

/** Upgradations of the Ministries' employees that fell due and are not recorded, or fall due by asOn + months. */
export async function macpDue(ex: Executor, ministryIds: readonly number[], asOn: string, months: number): Promise<{ rows: DueRow[]; problems: Array<{ employeeId: string; code: string; item: string; message: string }> }> {
  const horizon = addMonths(asOn, months);
  const out: DueRow[] = [];
  const problems: Array<{ employeeId: string; code: string; item: string; message: string }> = [];
  for (const { employee, events } of await employeesWithEvents(ex, ministryIds, asOn)) {
    let s: MacpSchedule;
    try {
      s = schedule(employee, events, asOn);
    } catch (e) {
      const x = e as Error & { code?: string; item?: string };
      problems.push({ employeeId: employee.id, code: typeof x.code === 'string' ? x.code : 'ERROR', item: typeof x.item === 'string' ? x.item : '', message: x.message });
      continue;
    }
    for (const step of s.upgradations) {
      const inWindow = step.status === 'DUE' || ((step.status === 'PROSPECTIVE' || step.status === 'DEFERRED') && step.date <= horizon);
      if (inWindow) out.push({ employee: employeeOut(employee), step });
    }
  }
  out.sort((a, b) => (a.step.date < b.step.date ? -1 : a.step.date > b.step.date ? 1 : a.employee.code < b.employee.code ? -1 : 1));
  return { rows: out, problems };
}
