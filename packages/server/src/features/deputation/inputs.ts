// What the deputation engine needs to know of an employee, read from the portal's own tables:
// the candidate (substantive grade — never the MACP level, MACP clarification 6), the vigilance clearance
// (the `vigilance_event` history through the domain's vigilanceClearance), IPR compliance, whether the
// profile is final, and the last deputation (cooling-off).
//
// Vigilance: the `vigilance_event` rows as the vigilance feature reads them (eventRows/toEngineEvents), judged
// by the domain's vigilanceClearance for the purpose DEPUTATION on the day asked. IPR compliance: the IPR
// feature's filed returns and window (ipr/repo.ts) through the domain's iprComplianceForVigilance — the same
// reading the vigilance feature uses for ground 11.
import type { Reason } from '@cscms/domain';
import {
  deputationEligibility,
  type DeputationAdvertisement,
  type DeputationCandidate,
  type DeputationEligibility,
} from '@cscms/domain/deputation';
import { iprComplianceForVigilance, type IprStatus } from '@cscms/domain/ipr';
import { vigilanceClearance, type VigilanceClearance, type VigilanceEvent } from '@cscms/domain/vigilance';
import { one, sql, type Executor } from '../../db/client.ts';
import { iprEmployeeOf, iprReturnsForCompliance, iprWindowTable } from '../ipr/repo.ts';
import { eventRows, toEngineEvents } from '../vigilance/service.ts';

export interface EmployeeFacts {
  id: string;
  employee_code: string;
  name_en: string;
  name_hi: string;
  date_of_birth: string;
  cadre: string;
  grade: string;
  pay_level: string;
  entry_date: string;
  present_grade_date: string;
  ministry_id: number;
}

export async function employeeFacts(ex: Executor, id: string): Promise<EmployeeFacts | undefined> {
  return one<EmployeeFacts>(ex, sql`
    SELECT id, employee_code, name_en, name_hi, date_of_birth, cadre, grade, pay_level, entry_date, present_grade_date, ministry_id
      FROM employee WHERE id = ${id}`);
}

export function candidateOf(e: EmployeeFacts): DeputationCandidate {
  return {
    employeeId: e.id,
    dateOfBirth: e.date_of_birth,
    substantiveGrade: e.grade,
    gradeRegularFrom: e.present_grade_date,
    cadreServiceFrom: e.entry_date,
    payLevel: e.pay_level,
  };
}

// ---- vigilance: the stored history (vigilance feature's reading of the rows) through the engine ----

export async function vigilanceEvents(ex: Executor, employeeId: string): Promise<VigilanceEvent[]> {
  return (await eventRows(ex, employeeId)).flatMap(toEngineEvents);
}

// ---- IPR compliance, as the IPR feature keeps the returns ----

export interface IprKnown {
  year: number;
  status: IprStatus;
  compliant: boolean;
  reasons: Reason[];
}

export async function iprInput(ex: Executor, e: EmployeeFacts, on: string): Promise<IprKnown> {
  const ie = await iprEmployeeOf(ex, e);
  const c = iprComplianceForVigilance(ie, await iprReturnsForCompliance(ex, e.id), on, await iprWindowTable(ex));
  return { year: c.year, status: c.status, compliant: c.compliant, reasons: c.reasons };
}

export async function vigilanceFor(ex: Executor, e: EmployeeFacts, on: string, ipr?: IprKnown): Promise<VigilanceClearance> {
  const events = await vigilanceEvents(ex, e.id);
  const i = ipr ?? (await iprInput(ex, e, on));
  return vigilanceClearance(events, { purpose: 'DEPUTATION', on, iprCompliance: { year: i.year, status: i.status } });
}

// ---- profile, last deputation ----

export async function profileFinal(ex: Executor, employeeId: string): Promise<boolean> {
  const p = await one<{ state: string; validated_version_no: number | null }>(ex, sql`SELECT state, validated_version_no FROM profile WHERE employee_id = ${employeeId}`);
  return !!p && (p.validated_version_no != null || p.state === 'DEEMED_FINAL');
}

/** The last day of the employee's last deputation: a tenure kept here, or a deputation in the service history. */
export async function lastDeputationEnd(ex: Executor, employeeId: string): Promise<string | null> {
  const r = await one<{ ended: string | null }>(ex, sql`
    SELECT max(d) AS ended FROM (
      SELECT coalesce(repatriated_on, end_on) AS d FROM deputation_tenure WHERE employee_id = ${employeeId}
      UNION ALL SELECT end_date FROM service_event WHERE employee_id = ${employeeId} AND kind = 'DEPUTATION' AND end_date IS NOT NULL
      UNION ALL SELECT effective_date - 1 FROM service_event WHERE employee_id = ${employeeId} AND kind = 'REPATRIATION'
    ) x`);
  return r?.ended ? String(r.ended) : null;
}

export interface EligibilityInputs {
  employee: EmployeeFacts;
  vigilance: VigilanceClearance;
  ipr: IprKnown;
  profileValidated: boolean;
  lastDeputationEnd: string | null;
}

/** Everything about the employee the engine needs, read once (a list of advertisements reuses it). */
export async function eligibilityInputs(ex: Executor, employeeId: string, today: string): Promise<EligibilityInputs | undefined> {
  const employee = await employeeFacts(ex, employeeId);
  if (!employee) return undefined;
  const ipr = await iprInput(ex, employee, today);
  return {
    employee,
    ipr,
    vigilance: await vigilanceFor(ex, employee, today, ipr),
    profileValidated: await profileFinal(ex, employeeId),
    lastDeputationEnd: await lastDeputationEnd(ex, employeeId),
  };
}

export function eligibilityFor(inp: EligibilityInputs, ad: DeputationAdvertisement): DeputationEligibility {
  return deputationEligibility(candidateOf(inp.employee), ad, {
    vigilance: inp.vigilance,
    iprCompliant: inp.ipr.compliant,
    profileValidated: inp.profileValidated,
    lastDeputation: inp.lastDeputationEnd ? { endedOn: inp.lastDeputationEnd } : null,
    ministersPersonalStaff: !!ad.ministersPersonalStaff,
  });
}
