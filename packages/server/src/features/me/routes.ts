import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '@cscms/domain';
import { AppError } from '../../http/errors.ts';
import { one, sql } from '../../db/client.ts';
import { appendAudit } from '../../audit/audit.ts';
import { auditContext } from '../../http/context.ts';
import { forgetUserSessions } from '../../auth/session-cache.ts';

const Grant = z.object({ role: z.enum(ROLES as [string, ...string[]]), ministryId: z.number().nullable().optional(), organisationId: z.number().nullable().optional(), cadres: z.array(z.string()).nullable().optional() });
const Me = z.object({
  user: z.object({ id: z.string(), loginId: z.string(), displayName: z.string(), email: z.string().nullable(), employeeId: z.string().nullable(), preferredLang: z.enum(['en', 'hi']), persona: z.string().nullable() }),
  grants: z.array(Grant),
  csrfToken: z.string(),
  session: z.object({ expiresAt: z.string(), idleTimeoutSeconds: z.number() }),
});

export const meFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/me', {
    config: { action: 'session.me' },
    schema: { tags: ['session'], summary: 'Who I am, my roles and scopes, and the CSRF token for state-changing requests', response: { 200: Me } },
  }, async (req) => {
    const s = req.session!;
    return {
      user: req.user!,
      grants: req.actor!.grants,
      csrfToken: s.csrfToken,
      session: { expiresAt: s.expiresAt.toISOString(), idleTimeoutSeconds: Math.round(app.deps.config.sessionIdleMs / 1000) },
    };
  });

  app.put('/api/v1/me/language', {
    config: { action: 'session.me' },
    schema: { tags: ['session'], summary: 'Remember my language (English or Hindi)', body: z.strictObject({ lang: z.enum(['en', 'hi']) }), response: { 200: z.object({ lang: z.enum(['en', 'hi']) }) } },
  }, async (req, reply) => {
    const { lang } = req.body;
    const now = app.deps.clock.now();
    await app.tx(async (tx) => {
      const before = await one<{ preferred_lang: string }>(tx, sql`SELECT preferred_lang FROM app_user WHERE id = ${req.actor!.userId} FOR UPDATE`);
      if (!before) throw new AppError('NOT_FOUND');
      if (before.preferred_lang === lang) return;
      await tx.execute(sql`UPDATE app_user SET preferred_lang = ${lang}, version = version + 1 WHERE id = ${req.actor!.userId}`);
      forgetUserSessions(req.actor!.userId);
      await appendAudit(tx, auditContext(req, now), { entity: 'app_user', entityId: req.actor!.userId, action: 'language.set', changes: { preferred_lang: { before: before.preferred_lang, after: lang } } });
    });
    reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', secure: app.deps.config.secureCookies, maxAge: 365 * 86400 });
    return { lang };
  });
};
