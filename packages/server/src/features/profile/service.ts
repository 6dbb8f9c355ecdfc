import type { FastifyRequest } from 'fastify';
import { calendarDateInIndia, decide, abilities, type Actor, type ResourceScope } from '@cscms/domain';
import {
  FORMAT_MESSAGES,
  ProfileData,
  applyCorrections,
  crossFieldProblems,
  diffProfile,
  profileMachine,
  type FieldChange,
  type ProfileAction,
  type ProfileState,
} from '@cscms/domain/profile';
import { transition } from '@cscms/domain/workflow';
import type { z } from 'zod';
import { appendAudit, appendAuditMany } from '../../audit/audit.ts';
import { type Database, execAtCommit, one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { zodFieldErrors } from '../../http/zod-messages.ts';
import { notify, notifyAtCommit } from '../../notify/notify.ts';
import { initialData, loadEmployee, loadForSubmit, loadProfile, loadProfileView, serviceFacts, serviceFactsOf, userIdOfEmployee, type EmployeeRow, type ProfileRow } from './repo.ts';

export const PROFILE_ACTIONS = ['profile.read', 'profile.edit', 'profile.validate', 'correction.raise'] as const;

export function scopeOf(e: Pick<EmployeeRow, 'id' | 'ministry_id' | 'cadre'>): ResourceScope {
  return { ownerEmployeeId: e.id, ministryId: e.ministry_id, cadre: e.cadre };
}

export function authorize(actor: Actor, action: Parameters<typeof decide>[1], scope: ResourceScope): void {
  const d = decide(actor, action, scope);
  if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
}

/** zod issues of the profile schema → field errors in en/hi, with the format words of the domain. */
function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return zodFieldErrors(issues).map((f, i) => {
    const words = FORMAT_MESSAGES[issues[i].message];
    return words ? { ...f, en: `${f.field}: ${words.en}`, hi: `${f.field}: ${words.hi}` } : f;
  });
}

function validationError(errors: FieldError[]): AppError {
  return new AppError('VALIDATION', { errors, field: errors[0]?.field, en: errors.map((e) => e.en).join('; '), hi: errors.map((e) => e.hi).join('; ') });
}

/**
 * A draft may be incomplete (never lose a form): every field present must be well-formed and no unknown
 * field is accepted, but missing fields wait for submission.
 */
export function checkDraft(data: unknown): void {
  const r = ProfileData.safeParse(data);
  if (r.success) return;
  const real = r.error.issues.filter((i) => !((i.code === 'invalid_type' || i.code === 'invalid_value') && (i as { input?: unknown }).input === undefined));
  if (real.length) throw validationError(fieldErrors(real));
}

/** Full checks at submission: every required field, every format, the cross-field rules. */
export function checkComplete(data: unknown, facts: Parameters<typeof crossFieldProblems>[1], today: string): ProfileData {
  const r = ProfileData.safeParse(data);
  if (!r.success) throw validationError(fieldErrors(r.error.issues));
  const probs = crossFieldProblems(r.data, facts, today);
  if (probs.length) throw validationError(probs.map((p) => ({ field: p.field, code: p.code, en: `${p.field}: ${p.en}`, hi: `${p.field}: ${p.hi}` })));
  return r.data;
}

async function employeeOr404(tx: Executor, employeeId: string): Promise<EmployeeRow> {
  const e = await loadEmployee(tx, employeeId);
  if (!e) throw new AppError('NOT_FOUND');
  return e;
}

/** The profile row, created from the registration data on first access. */
async function ensureProfile(tx: Executor, e: EmployeeRow, now: Date, forUpdate: boolean): Promise<ProfileRow> {
  const p = await loadProfile(tx, e.id, forUpdate);
  if (p) return p;
  const data = await initialData(tx, e);
  await tx.execute(sql`INSERT INTO profile (employee_id, data, updated_at) VALUES (${e.id}, ${JSON.stringify(data)}::jsonb, ${now.toISOString()}) ON CONFLICT DO NOTHING`);
  return (await loadProfile(tx, e.id, forUpdate)) as ProfileRow;
}

function checkVersion(p: ProfileRow, version: number): void {
  if (p.version !== version) throw new AppError('STALE_VERSION', { extra: { currentVersion: p.version, state: p.state } });
}

function step(state: ProfileState, action: ProfileAction, by: 'EMPLOYEE' | 'NODAL_OFFICER' | 'JOB'): ProfileState {
  const r = transition(profileMachine, { state }, action, { by });
  if (!r.ok) throw new AppError('INVALID_STATE', { en: r.error.en, hi: r.error.hi, extra: { state } });
  return r.to;
}

export interface ProfileView {
  employeeId: string;
  employeeCode: string;
  state: ProfileState;
  version: number;
  data: unknown;
  service: Awaited<ReturnType<typeof serviceFacts>>;
  validatedVersionNo: number | null;
  submittedVersionNo: number | null;
  remarks: string | null;
  changesSinceValidated: FieldChange[];
  abilities: string[];
  nextSteps: string[];
}

/**
 * The profile page (own, or a Nodal Officer's view): one statement, no transaction — the page is read on every visit,
 * thousands of times a minute on a deadline day. The profile row is created from the registration data on first access.
 */
export async function viewProfile(database: Database, actor: Actor, employeeId: string, now: Date): Promise<ProfileView> {
  let v = await loadProfileView(database.prepared, employeeId);
  if (!v) throw new AppError('NOT_FOUND');
  const e = v.employee;
  authorize(actor, 'profile.read', scopeOf(e));
  if (!v.profile) {
    await database.tx((tx) => ensureProfile(tx, e, now, false));
    v = (await loadProfileView(database.prepared, employeeId))!;
  }
  const p = v.profile!;
  const abs = abilities(actor, PROFILE_ACTIONS, scopeOf(e));
  const open = profileMachine.transitions
    .filter((t) => (typeof t.from === 'string' ? t.from === p.state : t.from.includes(p.state)))
    .filter((t) => (t.by?.includes('EMPLOYEE') && abs.includes('profile.edit')) || (t.by?.includes('NODAL_OFFICER') && abs.includes('profile.validate')))
    .map((t) => t.action);
  return {
    employeeId: e.id,
    employeeCode: e.employee_code,
    state: p.state,
    version: p.version,
    data: p.data,
    service: serviceFactsOf(e, v.postings),
    validatedVersionNo: p.validated_version_no,
    submittedVersionNo: p.submitted_version_no,
    remarks: p.remarks,
    changesSinceValidated: p.validated_version_no == null ? [] : diffProfile(v.validatedData, p.data),
    abilities: abs,
    nextSteps: [...new Set(open)],
  };
}

export async function saveDraft(tx: Executor, req: FastifyRequest, now: Date, employeeId: string, data: unknown, version: number): Promise<ProfileRow> {
  const actor = req.actor!;
  const e = await employeeOr404(tx, employeeId);
  authorize(actor, 'profile.edit', scopeOf(e));
  checkDraft(data);
  const p = await ensureProfile(tx, e, now, true);
  checkVersion(p, version);
  const next = p.state === 'DRAFT' ? 'DRAFT' : step(p.state, 'edit', 'EMPLOYEE');
  const changes = diffProfile(p.data, data);
  const r = await one<ProfileRow>(tx, sql`
    UPDATE profile SET data = ${JSON.stringify(data)}::jsonb, state = ${next}, version = version + 1, updated_at = ${now.toISOString()}, updated_by = ${actor.userId}
     WHERE employee_id = ${e.id} AND version = ${version} RETURNING *`);
  if (!r) throw new AppError('STALE_VERSION');
  await appendAudit(tx, auditContext(req, now, 'EMPLOYEE'), {
    entity: 'profile',
    entityId: e.id,
    action: p.state === next ? 'profile.draft.save' : 'profile.change.start',
    changes: { state: { before: p.state, after: next }, fields: changes },
  });
  return r;
}

/**
 * Submits the working copy: one statement loads and locks what it needs (loadForSubmit); the new version, the profile
 * row, the Nodal Officers' notifications and the audit record are then sent with the COMMIT on PostgreSQL (three
 * round trips in all on the deadline day, instead of eleven).
 */
export async function submitProfile(tx: Executor, req: FastifyRequest, now: Date, employeeId: string, version: number): Promise<{ state: ProfileState; version: number }> {
  const actor = req.actor!;
  let l = await loadForSubmit(tx, employeeId);
  if (!l) {
    // no profile row yet (never opened): create it from the registration data, then load and lock it
    const e = await employeeOr404(tx, employeeId);
    authorize(actor, 'profile.edit', scopeOf(e));
    await ensureProfile(tx, e, now, false);
    l = (await loadForSubmit(tx, employeeId))!;
  }
  const e = l.employee;
  const p = l.profile;
  authorize(actor, 'profile.edit', scopeOf(e));
  checkVersion(p, version);
  const next = step(p.state, 'submit', 'EMPLOYEE');
  const today = calendarDateInIndia(now);
  const data = checkComplete(p.data, serviceFactsOf(e, l.postings), today);
  const diff = diffProfile(p.validated_version_no == null ? {} : l.validatedData, data);
  if (p.validated_version_no != null && diff.length === 0) {
    throw new AppError('VALIDATION', { en: 'Nothing has changed since your profile was validated, so there is nothing to submit.', hi: 'आपकी प्रोफ़ाइल के सत्यापन के बाद कुछ नहीं बदला है, इसलिए प्रस्तुत करने के लिए कुछ नहीं है।' });
  }
  const no = l.maxVersionNo + 1;
  const at = now.toISOString();
  await execAtCommit(tx)`
    INSERT INTO profile_version (employee_id, version_no, data, status, diff, submitted_at, submitted_by)
    VALUES (${e.id}::uuid, ${no}::int, ${JSON.stringify(data)}::jsonb, 'SUBMITTED', ${JSON.stringify(diff)}::jsonb, ${at}::timestamptz, ${actor.userId}::uuid)`;
  // the row is locked (FOR UPDATE) and its version checked: this UPDATE cannot miss
  await execAtCommit(tx)`
    UPDATE profile SET data = ${JSON.stringify(data)}::jsonb, state = ${next}, version = version + 1, ever_submitted = true, submitted_version_no = ${no}::int,
           remarks = NULL, updated_at = ${at}::timestamptz, updated_by = ${actor.userId}::uuid
     WHERE employee_id = ${e.id}::uuid`;
  await notifyAtCommit(tx, {
    userIds: l.nodalUserIds,
    kind: 'profile.submitted',
    title: { en: `Profile submitted for validation: ${e.name_en}`, hi: `सत्यापन हेतु प्रोफ़ाइल प्रस्तुत: ${e.name_hi || e.name_en}` },
    body: { en: `${diff.length} field(s) changed. Please validate, correct or return it before the deadline.`, hi: `${diff.length} फ़ील्ड बदले गए। कृपया समय-सीमा से पहले सत्यापित करें, सुधारें या लौटाएँ।` },
    link: `/profiles/${e.id}`,
  }, now);
  await appendAudit(tx, auditContext(req, now, 'EMPLOYEE'), { entity: 'profile', entityId: e.id, action: 'profile.submit', changes: { state: { before: p.state, after: next }, versionNo: no, fields: diff } });
  return { state: next, version: p.version + 1 };
}

export interface DecisionInput {
  action: 'validate' | 'correct' | 'return';
  version: number;
  corrections?: Record<string, unknown>;
  reason?: string;
  remarks?: string;
}

/** The Nodal Officer validates as submitted, corrects fields (with a reason shown to the employee) or returns with remarks. */
export async function decideProfile(tx: Executor, req: FastifyRequest, now: Date, employeeId: string, d: DecisionInput): Promise<ProfileRow> {
  const actor = req.actor!;
  const e = await employeeOr404(tx, employeeId);
  authorize(actor, 'profile.validate', scopeOf(e));
  const p = await ensureProfile(tx, e, now, true);
  checkVersion(p, d.version);
  const next = step(p.state, d.action, 'NODAL_OFFICER');
  const versionNo = p.submitted_version_no as number;
  let data: unknown = p.data;
  let status: 'VALIDATED' | 'CORRECTED' | 'RETURNED' = 'VALIDATED';
  let corrections: FieldChange[] | null = null;
  if (d.action === 'correct') {
    if (!d.corrections || Object.keys(d.corrections).length === 0) throw new AppError('VALIDATION', { field: 'corrections', en: 'Name at least one field to correct.', hi: 'सुधार के लिए कम से कम एक फ़ील्ड बताएँ।' });
    if (!d.reason?.trim()) throw new AppError('VALIDATION', { field: 'reason', en: 'A correction needs a reason; the employee will see it.', hi: 'सुधार का कारण आवश्यक है; कर्मचारी इसे देखेंगे।' });
    try {
      data = applyCorrections(p.data, d.corrections);
    } catch (err) {
      throw new AppError('VALIDATION', { field: 'corrections', en: (err as Error).message, hi: 'सुधार में ऐसा फ़ील्ड है जो प्रोफ़ाइल में नहीं है।' });
    }
    data = checkComplete(data, await serviceFacts(tx, e), calendarDateInIndia(now));
    corrections = diffProfile(p.data, data);
    status = 'CORRECTED';
  } else if (d.action === 'return') {
    if (!d.remarks?.trim()) throw new AppError('VALIDATION', { field: 'remarks', en: 'Returning a profile needs remarks telling the employee what to fix.', hi: 'प्रोफ़ाइल लौटाने के लिए टिप्पणी आवश्यक है कि कर्मचारी क्या सुधारें।' });
    status = 'RETURNED';
  }
  await tx.execute(sql`
    UPDATE profile_version SET status = ${status}, data = ${JSON.stringify(data)}::jsonb, corrections = ${corrections ? JSON.stringify(corrections) : null}::jsonb,
           remarks = ${d.action === 'return' ? d.remarks! : (d.reason ?? null)}, decided_at = ${now.toISOString()}, decided_by = ${actor.userId}
     WHERE employee_id = ${e.id} AND version_no = ${versionNo}`);
  const r = (await one<ProfileRow>(tx, sql`
    UPDATE profile SET state = ${next}, data = ${JSON.stringify(data)}::jsonb, version = version + 1,
           validated_version_no = ${d.action === 'return' ? p.validated_version_no : versionNo},
           remarks = ${d.action === 'return' ? d.remarks! : d.action === 'correct' ? d.reason! : null},
           updated_at = ${now.toISOString()}, updated_by = ${actor.userId}
     WHERE employee_id = ${e.id} AND version = ${d.version} RETURNING *`)) as ProfileRow;
  const words = {
    validate: { en: 'Your profile has been validated', hi: 'आपकी प्रोफ़ाइल सत्यापित कर दी गई है' },
    correct: { en: 'Your profile was validated with corrections', hi: 'आपकी प्रोफ़ाइल सुधार सहित सत्यापित की गई' },
    return: { en: 'Your profile was returned for changes', hi: 'आपकी प्रोफ़ाइल परिवर्तन हेतु लौटाई गई' },
  }[d.action];
  const uid = await userIdOfEmployee(tx, e.id);
  if (uid) {
    const why = d.reason ?? d.remarks ?? '';
    await notify(tx, { userIds: [uid], kind: `profile.${d.action}`, title: words, body: { en: why, hi: why }, link: '/profile', email: true }, now);
  }
  // Last: the audit append holds the audit_head row lock until commit, and every writer of the portal queues on it.
  await appendAudit(tx, auditContext(req, now, 'NODAL_OFFICER'), {
    entity: 'profile',
    entityId: e.id,
    action: `profile.${d.action}`,
    changes: { state: { before: p.state, after: next }, versionNo, corrections },
    reason: d.reason ?? d.remarks ?? null,
  });
  return r;
}

export interface BulkResult {
  validated: string[];
  skipped: Array<{ employeeId: string; code: string; en: string; hi: string }>;
}

/**
 * Bulk validation of submissions that change nothing against the last validated version. One query loads
 * the whole set with its scope; anything out of scope, stale, changed or not submitted is skipped with why.
 */
export async function bulkValidate(tx: Executor, req: FastifyRequest, now: Date, items: Array<{ employeeId: string; version: number }>): Promise<BulkResult> {
  const actor = req.actor!;
  const ids = [...new Set(items.map((i) => i.employeeId))];
  const found = await rows<{ id: string; ministry_id: number; cadre: EmployeeRow['cadre']; state: ProfileState; version: number; submitted_version_no: number | null; diff: unknown[] | null }>(tx, sql`
    SELECT e.id, e.ministry_id, e.cadre, p.state, p.version, p.submitted_version_no, v.diff
      FROM employee e JOIN profile p ON p.employee_id = e.id
      LEFT JOIN profile_version v ON v.employee_id = e.id AND v.version_no = p.submitted_version_no
     WHERE e.id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
     FOR UPDATE OF p`);
  const byId = new Map(found.map((f) => [f.id, f]));
  const out: BulkResult = { validated: [], skipped: [] };
  const skip = (employeeId: string, code: string, en: string, hi: string) => out.skipped.push({ employeeId, code, en, hi });
  for (const it of items) {
    const f = byId.get(it.employeeId);
    if (!f) {
      skip(it.employeeId, 'NOT_FOUND', 'No such submitted profile.', 'ऐसी कोई प्रस्तुत प्रोफ़ाइल नहीं है।');
      continue;
    }
    const dec = decide(actor, 'profile.validate', { ownerEmployeeId: f.id, ministryId: f.ministry_id, cadre: f.cadre });
    if (!dec.allow) skip(f.id, dec.code, dec.en, dec.hi);
    else if (f.version !== it.version) skip(f.id, 'STALE_VERSION', 'Changed since you loaded the list.', 'सूची लोड करने के बाद बदली गई।');
    else if (f.state !== 'SUBMITTED') skip(f.id, 'INVALID_STATE', 'Not waiting for validation.', 'सत्यापन हेतु लंबित नहीं है।');
    else if ((f.diff ?? []).length > 0) skip(f.id, 'HAS_CHANGES', 'Has changes: open it and validate field by field.', 'इसमें परिवर्तन हैं: इसे खोलकर फ़ील्ड-वार सत्यापित करें।');
    else if (!out.validated.includes(f.id)) out.validated.push(f.id);
  }
  if (out.validated.length) {
    // Set-based: two statements for the whole set, then the audit records — on PostgreSQL all sent with the COMMIT.
    const ok = out.validated.map((id) => byId.get(id)!);
    const idArray = `{${ok.map((f) => f.id).join(',')}}`;
    await execAtCommit(tx)`
      UPDATE profile_version v SET status = 'VALIDATED', decided_at = ${now.toISOString()}::timestamptz, decided_by = ${actor.userId}::uuid
        FROM profile p WHERE p.employee_id = v.employee_id AND v.version_no = p.submitted_version_no
         AND p.employee_id = ANY(${idArray}::uuid[])`;
    await execAtCommit(tx)`
      UPDATE profile SET state = 'VALIDATED', validated_version_no = submitted_version_no, version = version + 1, remarks = NULL,
             updated_at = ${now.toISOString()}::timestamptz, updated_by = ${actor.userId}::uuid
       WHERE employee_id = ANY(${idArray}::uuid[])`;
    // one record per profile, appended in two statements however many (the audit_head lock is held until commit)
    await appendAuditMany(
      tx,
      auditContext(req, now, 'NODAL_OFFICER'),
      ok.map((f) => ({ entity: 'profile', entityId: f.id, action: 'profile.validate.bulk', changes: { state: { before: 'SUBMITTED', after: 'VALIDATED' }, versionNo: f.submitted_version_no } })),
    );
  }
  return out;
}

export async function profileVersions(tx: Executor, actor: Actor, employeeId: string) {
  const e = await employeeOr404(tx, employeeId);
  authorize(actor, 'profile.read', scopeOf(e));
  return rows<{ version_no: number; status: string; diff: FieldChange[]; corrections: FieldChange[] | null; remarks: string | null; submitted_at: string; decided_at: string | null }>(tx, sql`
    SELECT version_no, status, diff, corrections, remarks, submitted_at, decided_at FROM profile_version WHERE employee_id = ${e.id} ORDER BY version_no DESC`);
}

/** Every other service refuses until the profile is validated or deemed final (para 3.1). */
export async function requireFinalProfile(tx: Executor, employeeId: string): Promise<void> {
  const p = await one<{ state: ProfileState; validated_version_no: number | null }>(tx, sql`SELECT state, validated_version_no FROM profile WHERE employee_id = ${employeeId}`);
  if (!p || (p.validated_version_no == null && p.state !== 'DEEMED_FINAL')) throw new AppError('PROFILE_NOT_VALIDATED', { extra: { link: '/profile' } });
}
