import type { Actor, Action } from '@cscms/domain';
import type { SessionRecord, SessionUser } from '../auth/sessions.ts';
import type { AuditContext } from '../audit/audit.ts';
import type { Lang } from './lang.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the policy action this route performs; every /api route must name one, or be public */
    action?: Action;
    /** no login needed (health, verification pages, the login flow itself) */
    public?: boolean;
    /** a state-changing route that needs no CSRF token (the OIDC callback, which is a GET anyway) */
    csrfExempt?: boolean;
  }
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
    session: SessionRecord | null;
    user: SessionUser | null;
    /** set when a session cookie was sent but had expired or been revoked */
    sessionExpired: boolean;
  }
}

/** The audit facts of a request: who, from where, under which request id, at the injected clock's time. */
export function auditContext(req: import('fastify').FastifyRequest, now: Date, role?: string | null): AuditContext {
  return {
    actor: { kind: 'USER', userId: req.actor?.userId ?? null, role: role ?? req.actor?.grants[0]?.role ?? null },
    requestId: req.id,
    clientIp: req.ip,
    at: now,
  };
}
