import { abilities, decide, type Actor } from '@cscms/domain';
import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../../audit/audit.ts';
import { revokeUserSessions } from '../../auth/sessions.ts';
import type { Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { getUser, setUserActive, type UserRow } from './repo.ts';

export const USER_ACTIONS = ['user.disable'] as const;

export interface UserItem {
  id: string;
  loginId: string;
  displayName: string;
  email: string | null;
  active: boolean;
  persona: string | null;
  roles: Array<{ role: string; ministryId: number | null; organisationId: number | null; cadres: string[] | null }>;
  version: number;
  abilities: Array<(typeof USER_ACTIONS)[number]>;
}

export function toItem(actor: Actor, r: UserRow): UserItem {
  return {
    id: r.id,
    loginId: r.login_id,
    displayName: r.display_name,
    email: r.email,
    active: r.active,
    persona: r.persona,
    roles: (r.grants ?? []).map((g) => ({ role: g.role, ministryId: g.ministry_id, organisationId: g.organisation_id, cadres: g.cadres })),
    version: r.version,
    abilities: abilities(actor, USER_ACTIONS, { ownerUserId: r.id }),
  };
}

/**
 * Disables or enables an account. Disabling ends every live session of the user in the same
 * transaction (their next request is 401). Optimistic lock on app_user.version; audited with the reason.
 */
export async function setActive(tx: Executor, req: FastifyRequest, now: Date, id: string, active: boolean, body: { reason: string; version: number }): Promise<UserItem> {
  const actor = req.actor!;
  const before = await getUser(tx, id, true);
  if (!before) throw new AppError('NOT_FOUND');
  const d = decide(actor, 'user.disable', { ownerUserId: id });
  if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
  if (before.version !== body.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: before.version } });
  if (before.active === active) {
    throw new AppError('CONFLICT', active
      ? { en: 'This account is already enabled.', hi: 'यह खाता पहले से सक्रिय है।' }
      : { en: 'This account is already disabled.', hi: 'यह खाता पहले से निष्क्रिय है।' });
  }
  if (!(await setUserActive(tx, id, active, body.version))) throw new AppError('STALE_VERSION');
  const revoked = active ? 0 : await revokeUserSessions(tx, id, now);
  await appendAudit(tx, auditContext(req, now, d.role), {
    entity: 'app_user',
    entityId: id,
    action: active ? 'user.enable' : 'user.disable',
    changes: { active: { before: before.active, after: active }, ...(active ? {} : { sessionsRevoked: revoked }) },
    reason: body.reason,
  });
  const after = await getUser(tx, id);
  return toItem(actor, after!);
}
