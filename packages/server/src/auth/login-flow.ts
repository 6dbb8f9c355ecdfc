import { one, sql, type Executor } from '../db/client.ts';
import { hashToken } from './sessions.ts';

/** A login in progress lives this long (the person has this long at the identity provider). */
export const LOGIN_FLOW_TTL_MS = 10 * 60_000;
/** The cookie that binds a login in progress to the browser that started it (login CSRF). */
export const LOGIN_BINDING_COOKIE = 'cscms_login';

export interface LoginFlow {
  state: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

/** Stores a new flow (and sweeps flows older than the TTL). Any instance can finish it. */
export async function saveLoginFlow(tx: Executor, f: LoginFlow, binding: string, now: Date): Promise<void> {
  await tx.execute(sql`DELETE FROM login_flow WHERE created_at < ${new Date(now.getTime() - LOGIN_FLOW_TTL_MS).toISOString()}`);
  await tx.execute(sql`
    INSERT INTO login_flow (state, code_verifier, nonce, return_to, created_at, browser_binding)
    VALUES (${f.state}, ${f.codeVerifier}, ${f.nonce}, ${f.returnTo}, ${now.toISOString()}, ${hashToken(binding)})`);
}

export type TakenFlow = { found: 'none' } | { found: 'expired' } | { found: 'ok'; flow: LoginFlow; bindingHash: string | null };

/** Takes (deletes) the flow of a state: each flow is used at most once, whatever happens next. */
export async function takeLoginFlow(ex: Executor, state: string, now: Date): Promise<TakenFlow> {
  const r = await one<{ state: string; code_verifier: string; nonce: string; return_to: string; created_at: string; browser_binding: string | null }>(
    ex,
    sql`DELETE FROM login_flow WHERE state = ${state} RETURNING state, code_verifier, nonce, return_to, created_at, browser_binding`,
  );
  if (!r) return { found: 'none' };
  if (now.getTime() - new Date(r.created_at).getTime() > LOGIN_FLOW_TTL_MS) return { found: 'expired' };
  return { found: 'ok', flow: { state: r.state, codeVerifier: r.code_verifier, nonce: r.nonce, returnTo: r.return_to }, bindingHash: r.browser_binding };
}

/**
 * The place to go after login: only a same-origin relative path ("/x?y#z"). Anything else — an
 * absolute URL, "//host", "/\\host", control characters, the login routes themselves — is refused (null).
 */
export function safeReturnTo(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return '/';
  if (raw.length > 512 || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw, 'http://portal.invalid');
  } catch {
    return null;
  }
  if (u.origin !== 'http://portal.invalid') return null;
  if (u.pathname.startsWith('/auth/') || u.pathname.startsWith('/dev-idp')) return '/';
  return `${u.pathname}${u.search}${u.hash}`;
}
