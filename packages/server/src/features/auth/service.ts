import type { Identity } from '../../auth/identity.ts';
import { rows, sql, type Executor } from '../../db/client.ts';

export interface MatchedUser {
  id: string;
  active: boolean;
  matchedBy: 'loginId' | 'email';
}

/**
 * The portal account of an identity: by login id, else by e-mail (case-insensitive) when exactly one
 * account has it. No match → undefined (the person sees the bilingual "no account" page).
 */
export async function matchUser(ex: Executor, identity: Identity): Promise<MatchedUser | undefined> {
  const byLogin = await rows<{ id: string; active: boolean }>(ex, sql`SELECT id, active FROM app_user WHERE login_id = ${identity.loginId}`);
  if (byLogin.length === 1) return { ...byLogin[0], matchedBy: 'loginId' };
  if (!identity.email) return undefined;
  const byEmail = await rows<{ id: string; active: boolean }>(ex, sql`SELECT id, active FROM app_user WHERE lower(email) = lower(${identity.email}) LIMIT 2`);
  return byEmail.length === 1 ? { ...byEmail[0], matchedBy: 'email' } : undefined;
}
