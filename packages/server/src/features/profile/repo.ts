import type { CadreCode } from '@cscms/domain';
import type { ProfileData, ProfileState, ServiceFacts } from '@cscms/domain/profile';
import { one, rows, sql, type Executor } from '../../db/client.ts';

export interface ProfileRow {
  employee_id: string;
  state: ProfileState;
  data: Partial<ProfileData>;
  version: number;
  ever_submitted: boolean;
  submitted_version_no: number | null;
  validated_version_no: number | null;
  remarks: string | null;
  updated_at: string;
}

export interface EmployeeRow {
  id: string;
  employee_code: string;
  name_en: string;
  name_hi: string;
  date_of_birth: string;
  gender: 'F' | 'M' | 'T';
  marital_status: ProfileData['personal']['maritalStatus'];
  mobile: string | null;
  email: string | null;
  cadre: CadreCode;
  grade: string;
  pay_level: string;
  entry_date: string;
  present_grade_date: string;
  ministry_id: number;
  ministry_join_date: string;
  select_list_year: number | null;
  probation_end: string | null;
}

export async function loadEmployee(tx: Executor, employeeId: string): Promise<EmployeeRow | undefined> {
  return one<EmployeeRow>(tx, sql`
    SELECT id, employee_code, name_en, name_hi, date_of_birth, gender, marital_status, mobile, email, cadre, grade, pay_level,
           entry_date, present_grade_date, ministry_id, ministry_join_date, select_list_year, probation_end
      FROM employee WHERE id = ${employeeId}`);
}

export async function loadProfile(tx: Executor, employeeId: string, forUpdate = false): Promise<ProfileRow | undefined> {
  return one<ProfileRow>(tx, forUpdate ? sql`SELECT * FROM profile WHERE employee_id = ${employeeId} FOR UPDATE` : sql`SELECT * FROM profile WHERE employee_id = ${employeeId}`);
}

/** What the profile page shows, in one query: the employee, the profile row, the last validated data, the postings. */
export interface ProfileViewRow {
  employee: EmployeeRow;
  profile: ProfileRow | null;
  validatedData: unknown;
  postings: Array<{ ministry_id: number; grade: string | null; effective_date: string; end_date: string | null }>;
}

/** The columns of the profile page (employee e, profile p): read back by splitViewRow. */
const VIEW_COLUMNS = `
  e.id, e.employee_code, e.name_en, e.name_hi, e.date_of_birth, e.gender, e.marital_status, e.mobile, e.email, e.cadre, e.grade,
  e.pay_level, e.entry_date, e.present_grade_date, e.ministry_id, e.ministry_join_date, e.select_list_year, e.probation_end,
  p.employee_id AS p_employee_id, p.state AS p_state, p.data AS p_data, p.version AS p_version, p.ever_submitted AS p_ever_submitted,
  p.submitted_version_no AS p_submitted_version_no, p.validated_version_no AS p_validated_version_no, p.remarks AS p_remarks,
  p.updated_at AS p_updated_at,
  (SELECT v.data FROM profile_version v WHERE v.employee_id = e.id AND v.version_no = p.validated_version_no) AS validated_data,
  (SELECT coalesce(json_agg(json_build_object('ministry_id', s.ministry_id, 'grade', s.grade, 'effective_date', s.effective_date, 'end_date', s.end_date)
          ORDER BY s.effective_date), '[]'::json)
     FROM service_event s WHERE s.employee_id = e.id AND s.kind = 'POSTING') AS postings`;

const VIEW_QUERY = `SELECT ${VIEW_COLUMNS}
    FROM employee e LEFT JOIN profile p ON p.employee_id = e.id
   WHERE e.id = $1`;

/**
 * The profile page's data in one statement (a consistent snapshot, one round trip instead of five, a named prepared
 * statement): every page load of every employee on the deadline day asks for it.
 */
export async function loadProfileView(prepared: <T>(name: string, text: string, params: unknown[]) => Promise<T[]>, employeeId: string): Promise<ProfileViewRow | undefined> {
  const r = (await prepared<Record<string, unknown>>('profile_view', VIEW_QUERY, [employeeId]))[0];
  return r ? splitViewRow(r) : undefined;
}

/** A row of VIEW_QUERY's shape (employee columns, p_ profile columns, validated_data, postings) as a ProfileViewRow. */
function splitViewRow(r: Record<string, unknown>): ProfileViewRow {
  const employee = {} as Record<string, unknown>;
  const profile = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(r)) {
    if (k.startsWith('p_')) profile[k.slice(2)] = v;
    else if (!['validated_data', 'postings', 'max_version_no', 'nodal_user_ids'].includes(k)) employee[k] = v;
  }
  return {
    employee: employee as unknown as EmployeeRow,
    profile: profile.employee_id == null ? null : (profile as unknown as ProfileRow),
    validatedData: r.validated_data ?? {},
    postings: (r.postings as ProfileViewRow['postings']) ?? [],
  };
}

/** What a submission needs, in one statement that also locks the profile row: the view's data, the highest version
 * number and the Nodal Officers to tell. Undefined when the employee or the profile row does not exist (yet). */
export interface SubmitLoad extends ProfileViewRow {
  profile: ProfileRow;
  maxVersionNo: number;
  nodalUserIds: string[];
}

export async function loadForSubmit(tx: Executor, employeeId: string): Promise<SubmitLoad | undefined> {
  const r = (await rows<Record<string, unknown>>(tx, sql`
    SELECT ${sql.raw(VIEW_COLUMNS)},
           (SELECT coalesce(max(v.version_no), 0) FROM profile_version v WHERE v.employee_id = e.id) AS max_version_no,
           (SELECT coalesce(json_agg(DISTINCT g.user_id), '[]'::json) FROM role_grant g JOIN app_user u ON u.id = g.user_id
             WHERE g.role = 'NODAL_OFFICER' AND g.ministry_id = e.ministry_id AND u.active) AS nodal_user_ids
      FROM employee e JOIN profile p ON p.employee_id = e.id
     WHERE e.id = ${employeeId}
       FOR UPDATE OF p`))[0];
  if (!r) return undefined;
  const v = splitViewRow(r);
  return { ...v, profile: v.profile!, maxVersionNo: Number(r.max_version_no), nodalUserIds: (r.nodal_user_ids as string[]) ?? [] };
}

export async function serviceFacts(tx: Executor, e: EmployeeRow): Promise<ServiceFacts> {
  const postings = await rows<{ ministry_id: number; grade: string | null; effective_date: string; end_date: string | null }>(tx, sql`
    SELECT ministry_id, grade, effective_date, end_date FROM service_event
     WHERE employee_id = ${e.id} AND kind = 'POSTING' ORDER BY effective_date`);
  return serviceFactsOf(e, postings);
}

/** The service facts of an employee row and its postings (in order of effective date). */
export function serviceFactsOf(e: EmployeeRow, postings: ReadonlyArray<{ ministry_id: number; grade: string | null; effective_date: string; end_date: string | null }>): ServiceFacts {
  return {
    cadre: e.cadre,
    grade: e.grade,
    payLevel: e.pay_level,
    entryDate: e.entry_date,
    presentGradeDate: e.present_grade_date,
    ministryId: e.ministry_id,
    ministryJoinDate: e.ministry_join_date,
    selectListYear: e.select_list_year,
    probationEnd: e.probation_end,
    postings: postings.map((p) => ({ ministryId: p.ministry_id, grade: p.grade, from: p.effective_date, to: p.end_date })),
  };
}

/** The first working copy: what the registration already knows (names, date of birth, contacts, children). */
export async function initialData(tx: Executor, e: EmployeeRow): Promise<Partial<ProfileData>> {
  const children = await rows<{ name: string; date_of_birth: string; disability_percent: number }>(tx, sql`
    SELECT name, date_of_birth, disability_percent FROM child WHERE employee_id = ${e.id} ORDER BY date_of_birth`);
  return {
    personal: {
      nameEn: e.name_en,
      nameHi: e.name_hi,
      dateOfBirth: e.date_of_birth,
      gender: e.gender,
      maritalStatus: e.marital_status,
      pwbd: { is: false },
      ...(e.mobile ? { mobile: e.mobile } : {}),
      ...(e.email ? { email: e.email } : {}),
    } as ProfileData['personal'],
    // the registration does not hold a child's gender: the employee gives it
    family: { children: children.map((c) => ({ name: c.name, dateOfBirth: c.date_of_birth, disabilityPercent: c.disability_percent }) as ProfileData['family']['children'][number]) },
    qualifications: [],
    training: [],
    languages: [],
  };
}

export async function nodalOfficerUserIds(tx: Executor, ministryId: number): Promise<string[]> {
  const r = await rows<{ user_id: string }>(tx, sql`
    SELECT DISTINCT g.user_id FROM role_grant g JOIN app_user u ON u.id = g.user_id
     WHERE g.role = 'NODAL_OFFICER' AND g.ministry_id = ${ministryId} AND u.active`);
  return r.map((x) => x.user_id);
}

export async function userIdOfEmployee(tx: Executor, employeeId: string): Promise<string | null> {
  return (await one<{ id: string }>(tx, sql`SELECT id FROM app_user WHERE employee_id = ${employeeId}`))?.id ?? null;
}
