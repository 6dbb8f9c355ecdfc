import { rows, one, sql, type Executor } from '../../db/client.ts';

export interface EmployeeRow {
  id: string;
  employee_code: string;
  name_en: string;
  name_hi: string;
  gender: 'F' | 'M' | 'T';
  marital_status: 'UNMARRIED' | 'MARRIED' | 'WIDOWED' | 'DIVORCED';
  date_of_birth: string;
  cadre: string;
  grade: string;
  grade_en: string;
  grade_hi: string;
  pay_level: string;
  entry_grade: string;
  entry_level: string;
  entry_date: string;
  present_grade_date: string;
  ministry_id: number;
  ministry_en: string;
  ministry_hi: string;
  probation_end: string | null;
}

export interface ServiceEventRow {
  id: number;
  employee_id: string;
  kind: string;
  effective_date: string;
  end_date: string | null;
  grade: string | null;
  from_level: string | null;
  to_level: string | null;
  details: Record<string, unknown>;
}

const EMPLOYEE_COLUMNS = sql`
  e.id, e.employee_code, e.name_en, e.name_hi, e.gender, e.marital_status, e.date_of_birth, e.cadre, e.grade,
  g.name_en AS grade_en, g.name_hi AS grade_hi, e.pay_level, e.entry_grade, eg.pay_level AS entry_level, e.entry_date,
  e.present_grade_date, e.ministry_id, m.name_en AS ministry_en, m.name_hi AS ministry_hi, e.probation_end`;
const EMPLOYEE_FROM = sql`employee e JOIN grade g ON g.code = e.grade JOIN grade eg ON eg.code = e.entry_grade JOIN ministry m ON m.id = e.ministry_id`;

export async function findEmployee(ex: Executor, id: string): Promise<EmployeeRow | undefined> {
  return one<EmployeeRow>(ex, sql`SELECT ${EMPLOYEE_COLUMNS} FROM ${EMPLOYEE_FROM} WHERE e.id = ${id}`);
}

export async function serviceEvents(ex: Executor, employeeId: string): Promise<ServiceEventRow[]> {
  return rows<ServiceEventRow>(ex, sql`
    SELECT id, employee_id, kind, effective_date, end_date, grade, from_level, to_level, details
      FROM service_event WHERE employee_id = ${employeeId} ORDER BY effective_date, id`);
}

const intList = (xs: readonly number[]) => sql.join(xs.map((x) => sql`${x}::int`), sql`, `);

/** Employees of the Ministries (serving: superannuation not passed) and their service events, in two queries. */
export async function employeesWithEvents(ex: Executor, ministryIds: readonly number[], asOn: string): Promise<Array<{ employee: EmployeeRow; events: ServiceEventRow[] }>> {
  if (ministryIds.length === 0) return [];
  const emps = await rows<EmployeeRow>(ex, sql`
    SELECT ${EMPLOYEE_COLUMNS} FROM ${EMPLOYEE_FROM}
     WHERE e.ministry_id IN (${intList(ministryIds)}) AND e.superannuation_date >= ${asOn}
     ORDER BY e.employee_code`);
  const evs = await rows<ServiceEventRow>(ex, sql`
    SELECT s.id, s.employee_id, s.kind, s.effective_date, s.end_date, s.grade, s.from_level, s.to_level, s.details
      FROM service_event s JOIN employee e ON e.id = s.employee_id
     WHERE e.ministry_id IN (${intList(ministryIds)}) AND e.superannuation_date >= ${asOn}
     ORDER BY s.employee_id, s.effective_date, s.id`);
  const byEmp = new Map<string, ServiceEventRow[]>();
  for (const e of evs) {
    let list = byEmp.get(e.employee_id);
    if (!list) byEmp.set(e.employee_id, (list = []));
    list.push(e);
  }
  return emps.map((employee) => ({ employee, events: byEmp.get(employee.id) ?? [] }));
}
