import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit.ts';
import { devIdpPlugin, injectFetch } from '../../auth/dev-idp.ts';
import { IdpError, type IdentityProvider } from '../../auth/identity.ts';
import { loginRateLimit } from '../../auth/login-rate.ts';
import { LOGIN_BINDING_COOKIE, LOGIN_FLOW_TTL_MS, safeReturnTo, saveLoginFlow, takeLoginFlow } from '../../auth/login-flow.ts';
import { DEV_IDP_PATH, identityProviderFor } from '../../auth/provider.ts';
import { createSession, hashToken, revokeSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import { one, sql } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { matchUser } from './service.ts';
import { toAppError } from '../../http/problem.ts';

const BINDING_RE = /^[\w-]{43}$/;

const loginFailed = (en: string, hi: string) => new AppError('VALIDATION', { en, hi });
const FLOW_GONE = () =>
  loginFailed(
    'This login attempt has expired or was already used. Please log in again.',
    'लॉग इन का यह प्रयास समाप्त हो गया है या पहले ही उपयोग हो चुका है। कृपया फिर से लॉग इन करें।',
  );

/**
 * Login (authorization code + PKCE + state + nonce) against e-Parichay, an OIDC issuer or the dev IdP;
 * the callback that opens a session; logout. The login flow's state is in the database (login_flow).
 */
export const authFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { config, clock } = app.deps;
  const idp = identityProviderFor(config, config.devIdp ? injectFetch(app, config.publicUrl) : undefined);
  // login endpoints: at most RATE_LIMIT_LOGIN_PER_MINUTE a minute per IP, counted in the database (all instances)
  const limitLogins = loginRateLimit(app.deps.database.db, clock, config.rateLimitLoginPerMinute);
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  if (config.devIdp) {
    await app.register(devIdpPlugin, { limitLogins });
  } else {
    // Never a dev IdP here: a plain 404 (not the SPA's index.html) for anything under /dev-idp.
    const gone = async (req: FastifyRequest) => {
      throw new AppError('NOT_FOUND', { en: `${req.method} ${req.url.split('?')[0]}: not found.` });
    };
    app.all(DEV_IDP_PATH, { config: { public: true }, schema: { hide: true } }, gone);
    app.all(`${DEV_IDP_PATH}/*`, { config: { public: true }, schema: { hide: true } }, gone);
  }

  app.get(
    '/auth/login',
    {
      config: { public: true },
      onRequest: limitLogins,
      schema: {
        tags: ['session'],
        summary: 'Start a login at the identity provider (e-Parichay; the development IdP in embedded mode)',
        description: 'Redirects (302) to the identity provider. `returnTo` is where to go after login: a same-origin path such as /inbox; anything else is refused.',
        querystring: z.object({ returnTo: z.string().max(512).optional() }),
      },
    },
    async (req, reply) => {
      if (!idp) throw new AppError('SERVICE_UNAVAILABLE', { en: 'No identity provider is configured.', hi: 'कोई पहचान प्रदाता कॉन्फ़िगर नहीं है।' });
      const returnTo = safeReturnTo(req.query.returnTo);
      if (returnTo === null) {
        throw new AppError('VALIDATION', {
          field: 'querystring.returnTo',
          errors: [{ field: 'querystring.returnTo', code: 'not_relative', en: 'returnTo: must be a path on this portal, such as /inbox', hi: 'returnTo: इस पोर्टल का कोई पथ होना चाहिए, जैसे /inbox' }],
          en: 'returnTo: must be a path on this portal, such as /inbox',
          hi: 'returnTo: इस पोर्टल का कोई पथ होना चाहिए, जैसे /inbox',
        });
      }
      const state = client.randomState();
      const nonce = client.randomNonce();
      const codeVerifier = client.randomPKCECodeVerifier();
      const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
      const url = await idpCall(req, () => idp.authorizationUrl({ state, nonce, codeChallenge }));
      const sent = req.cookies[LOGIN_BINDING_COOKIE];
      const binding = sent && BINDING_RE.test(sent) ? sent : randomBytes(32).toString('base64url');
      await app.tx((tx) => saveLoginFlow(tx, { state, codeVerifier, nonce, returnTo }, binding, clock.now()));
      reply.setCookie(LOGIN_BINDING_COOKIE, binding, { ...cookieBase, path: '/auth/', maxAge: LOGIN_FLOW_TTL_MS / 1000 });
      return reply.header('cache-control', 'no-store').redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/callback',
    {
      config: { public: true },
      onRequest: limitLogins,
      // A person's browser lands here: a failed login takes them back to the login page, which explains it in their
      // language and offers to try again, instead of showing a raw problem document. API clients still get problem+json.
      errorHandler: (err, req, reply) => {
        const e = toAppError(err);
        if (String(req.headers.accept ?? '').includes('text/html') && e.status < 500) {
          req.log.info({ code: e.code }, 'login failed');
          return reply.header('cache-control', 'no-store').redirect(`/?login=failed&reason=${encodeURIComponent(e.code)}`, 303);
        }
        return app.errorHandler(err, req, reply);
      },
      schema: {
        tags: ['session'],
        summary: 'Where the identity provider sends the browser back: opens a session and redirects to returnTo',
        description:
          'Redirects to returnTo with the session cookie on success; to /unmatched when no portal account matches the identity, /account-disabled when the account is disabled.',
        querystring: z.looseObject({ state: z.string().max(200).optional(), code: z.string().max(2000).optional(), error: z.string().max(200).optional() }),
      },
    },
    async (req, reply) => {
      if (!idp) throw new AppError('SERVICE_UNAVAILABLE', { en: 'No identity provider is configured.', hi: 'कोई पहचान प्रदाता कॉन्फ़िगर नहीं है।' });
      const now = clock.now();
      const state = req.query.state;
      if (!state) throw FLOW_GONE();
      const taken = await takeLoginFlow(app.deps.database.db, state, now);
      if (taken.found !== 'ok') throw FLOW_GONE();
      const binding = req.cookies[LOGIN_BINDING_COOKIE];
      if (!binding || !taken.bindingHash || hashToken(binding) !== taken.bindingHash) {
        throw loginFailed(
          'This login was started in another browser. Please log in again from here.',
          'यह लॉग इन किसी अन्य ब्राउज़र में शुरू किया गया था। कृपया यहीं से फिर से लॉग इन करें।',
        );
      }
      const { flow } = taken;
      const callbackUrl = new URL(req.url, config.publicUrl);
      let identity: Awaited<ReturnType<IdentityProvider['handleCallback']>>;
      try {
        identity = await idp.handleCallback(callbackUrl, { state: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier });
      } catch (e) {
        if (e instanceof IdpError && e.kind === 'denied') {
          req.log.info({ reason: e.message }, 'login cancelled or refused at the identity provider');
          return reply.header('cache-control', 'no-store').redirect('/?login=cancelled', 302);
        }
        throw idpAppError(req, e);
      }

      const user = await matchUser(app.deps.database.db, identity);
      if (!user?.active) {
        // no personal data in the URL or the log: the SPA explains in both languages
        req.log.info({ outcome: user ? 'disabled' : 'unmatched', idp: idp.kind }, 'login refused');
        return reply.header('cache-control', 'no-store').redirect(user ? '/account-disabled' : '/unmatched', 302);
      }

      const previous = req.session;
      const s = await app.tx(async (tx) => {
        if (previous) await revokeSession(tx, previous.id, now);
        const created = await createSession(tx, user.id, now, config.sessionAbsoluteMs, { ip: req.ip, userAgent: req.headers['user-agent'] });
        const role = await one<{ role: string }>(tx, sql`SELECT role FROM role_grant WHERE user_id = ${user.id} ORDER BY id LIMIT 1`);
        await appendAudit(
          tx,
          { actor: { kind: 'USER', userId: user.id, role: role?.role ?? null }, requestId: req.id, clientIp: req.ip, at: now },
          { entity: 'app_user', entityId: user.id, action: 'session.login', changes: { idp: idp.kind, matchedBy: user.matchedBy, session: hashToken(created.token).slice(0, 12) } },
        );
        return created;
      });
      reply.setCookie(SESSION_COOKIE, s.token, cookieBase);
      reply.clearCookie(LOGIN_BINDING_COOKIE, { ...cookieBase, path: '/auth/' });
      return reply.header('cache-control', 'no-store').redirect(flow.returnTo, 302);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { action: 'session.me' },
      schema: { tags: ['session'], summary: 'Log out: ends this session at once (needs X-CSRF-Token)', response: { 204: z.null().describe('Logged out') } },
    },
    async (req, reply) => {
      const now = clock.now();
      const session = req.session!;
      await app.tx(async (tx) => {
        await revokeSession(tx, session.id, now);
        await appendAudit(tx, auditContext(req, now), { entity: 'app_user', entityId: session.userId, action: 'session.logout', changes: { session: session.id.slice(0, 12) } });
      });
      reply.clearCookie(SESSION_COOKIE, cookieBase);
      return reply.status(204).send(null);
    },
  );
};

/** Calls the identity provider; its failures become 4xx/503 problem documents, never a 500. */
async function idpCall<T>(req: FastifyRequest, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw idpAppError(req, e);
  }
}

function idpAppError(req: FastifyRequest, e: unknown): AppError {
  if (e instanceof IdpError && e.kind === 'invalid') {
    req.log.warn({ reason: e.message }, 'login response refused');
    return loginFailed('The identity provider’s answer could not be verified. Please log in again.', 'पहचान प्रदाता के उत्तर का सत्यापन नहीं हो सका। कृपया फिर से लॉग इन करें।');
  }
  req.log.warn({ reason: (e as Error)?.message }, 'identity provider unavailable');
  return new AppError('SERVICE_UNAVAILABLE', {
    en: 'The login service (e-Parichay) is not answering. Please try again in a few minutes.',
    hi: 'लॉग इन सेवा (ई-परिचय) उत्तर नहीं दे रही है। कृपया कुछ मिनट बाद फिर प्रयास करें।',
    cause: e,
  });
}
