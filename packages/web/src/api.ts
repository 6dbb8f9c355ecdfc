// The one way the SPA talks to the server: same origin, JSON, problem+json errors, X-CSRF-Token on writes.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** A problem+json answer of the server. `detail` and the field messages are already in the user's language. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field?: string;
  readonly errors: FieldProblem[];
  readonly requestId?: string;
  constructor(status: number, body: Partial<{ code: string; detail: string; title: string; field: string; errors: FieldProblem[]; requestId: string }>) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? (status >= 500 ? 'INTERNAL' : 'HTTP_' + status);
    this.detail = body.detail ?? body.title ?? '';
    this.field = body.field;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.requestId = body.requestId;
  }
  /**
   * The message for one form field (the server names query fields `querystring.x`, body fields `x`). A problem that
   * names only its `field` (a conflict on a code, say) gives its detail: the form shows it at the field.
   */
  fieldMessage(name: string): string | undefined {
    const hit = this.errors.find((e) => stripPrefix(e.field) === name);
    if (hit) return hit.message;
    return this.field !== undefined && stripPrefix(this.field) === name && this.detail ? this.detail : undefined;
  }
}

/** The request could not reach the server (offline, server down). */
export class NetworkError extends Error {}

function stripPrefix(field: string): string {
  return field.replace(/^(querystring|params|body|headers)\./, '');
}

let csrfToken: string | null = null;
/** When the server last heard from this browser (every answered request keeps the session alive). */
export let lastServerContact = Date.now();
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = (e: ProblemError) => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when any request answers 401 (the session ended): the app goes back to the login page. */
export function onUnauthenticated(fn: Listener): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** do not tell the app about a 401 (used by GET /api/v1/me, where 401 simply means "logged out") */
  quiet401?: boolean;
  /** send a file as it is (e.g. a CSV or XLSX upload) instead of JSON */
  raw?: { data: Blob; contentType: string };
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let body: string | Blob | undefined;
  if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    body = opts.raw.data;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, signal: opts.signal, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new NetworkError((e as Error)?.message ?? 'network');
  }
  lastServerContact = Date.now();
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => ({})) : await res.text().catch(() => '');
  if (!res.ok) {
    const err = new ProblemError(res.status, typeof data === 'object' && data ? (data as object) : { detail: String(data).slice(0, 300) });
    if (res.status === 401 && !opts.quiet401) for (const l of unauthenticatedListeners) l(err);
    throw err;
  }
  return data as T;
}

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

// ---- shapes of the API (see packages/server/src/features/*) ----

export type Role = 'EMPLOYEE' | 'NODAL_OFFICER' | 'SUB_NODAL_OFFICER' | 'CADRE_AUTHORITY' | 'AVD' | 'ADMIN';
export type Lang = 'en' | 'hi';

export interface Grant {
  role: Role;
  ministryId?: number | null;
  organisationId?: number | null;
  cadres?: string[] | null;
}

export interface Me {
  user: { id: string; loginId: string; displayName: string; email: string | null; employeeId: string | null; preferredLang: Lang; persona: string | null };
  grants: Grant[];
  csrfToken: string;
  session: { expiresAt: string; idleTimeoutSeconds: number };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
export interface NotificationPage extends Page<Notification> {
  unread: number;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorKind: string | null;
  entity: string;
  entityId: string;
  action: string;
  changes: unknown;
  reason: unknown;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBad?: { seq: number; why: string };
}

export interface AdminUser {
  id: string;
  loginId: string;
  displayName: string;
  email: string | null;
  active: boolean;
  persona: string | null;
  roles: Array<{ role: string; ministryId: number | null; organisationId: number | null; cadres: string[] | null }>;
  version: number;
  /** 'user.disable' when the administrator may disable/enable this account (not their own) */
  abilities?: string[];
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** A bilingual reference to a master record. */
export interface Named {
  en: string;
  hi: string;
}

/** GET /api/v1/employees/me/summary, /api/v1/employees/:id/summary (features/employees/routes.ts). */
export interface EmployeeSummary {
  id: string;
  employeeCode: string;
  nameEn: string;
  nameHi: string;
  cadre: 'CSS' | 'CSSS' | 'CSCS';
  grade: Named & { code: string; abbrev: string };
  payLevel: string;
  ministry: Named & { id: number; code: string };
  entryDate?: string;
  presentGradeDate?: string;
  dateOfBirth?: string;
  superannuationDate?: string;
  abilities: string[];
}

/** GET /api/v1/masters/ministries/:id */
export interface Ministry extends Named {
  id: number;
  code: string;
}
