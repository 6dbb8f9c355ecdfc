import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { isAction, mayAttempt } from '@cscms/domain';
import type { Config } from './config.ts';
import type { Database, Executor } from './db/client.ts';
import { AppError } from './http/errors.ts';
import { requestLang } from './http/lang.ts';
import { ProblemSchema, sendProblem, toAppError } from './http/problem.ts';
import { SESSION_COOKIE, lookupSession } from './auth/sessions.ts';
import { SESSION_CHANNEL, SessionCache } from './auth/session-cache.ts';
import { features } from './features/index.ts';
import './http/context.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
/** The system clock moved by whole days (config.clockOffsetDays: development and tests only). */
export function offsetClock(days: number): Clock {
  const ms = days * 86_400_000;
  return ms === 0 ? systemClock : { now: () => new Date(Date.now() + ms) };
}

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** silence request logs (tests, benches) */
  logger?: boolean | object;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  action?: string;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    routeRegistry: RegisteredRoute[];
    /** cached session lookups (undefined when switched off by SESSION_CACHE=false) */
    sessionCache: SessionCache | undefined;
    /** one transaction; repo functions take `tx` first (never the outer db inside: PGlite would hang) */
    tx<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  }
}

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const GUARDED_PREFIXES = ['/api/v1/', '/auth/'];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[\w-]{8,64}$/.test(h) ? h : crypto.randomUUID();
    },
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('routeRegistry', [] as RegisteredRoute[]);
  app.decorate('tx', <T>(fn: (tx: Executor) => Promise<T>) => database.tx(fn));
  app.decorateRequest('lang', 'en');
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionExpired', false);

  // Every route under /api/v1 and /auth names its policy action or says it is public: nothing is added unprotected.
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const guarded = GUARDED_PREFIXES.some((p) => r.url.startsWith(p));
    const cfg = (r.config ?? {}) as { action?: string; public?: boolean };
    if (guarded && !cfg.public && !cfg.action) throw new Error(`route ${methods.join(',')} ${r.url} names no policy action`);
    if (cfg.action && !isAction(cfg.action)) throw new Error(`route ${r.url}: unknown action ${cfg.action}`);
    for (const m of methods) if (m !== 'HEAD' && guarded) app.routeRegistry.push({ method: m, url: r.url, action: cfg.action, public: !!cfg.public });
    if (guarded && r.schema && !(r.schema as { hide?: boolean }).hide) {
      const response = (r.schema.response ?? {}) as Record<string, unknown>;
      r.schema = { ...r.schema, response: { '4XX': ProblemSchema, '5XX': ProblemSchema, ...response } };
    }
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitApiPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => req.cookies?.[SESSION_COOKIE]?.slice(0, 16) || req.ip,
    allowList: (req) => !req.url.startsWith('/api/') && !req.url.startsWith('/auth/') && !req.url.startsWith('/dev-idp') && !req.url.startsWith('/verify/'),
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: 429, retryAfter: ctx.after }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'CSCMS API', version: '1.0.0', description: 'Central Secretariat Cadre Management Services. Session cookie authentication; state-changing requests need the X-CSRF-Token header from GET /api/v1/me. Errors are RFC 9457 problem+json.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Session lookups are cached while the database's change notifications are heard (auth/session-cache.ts).
  let sessionCache: SessionCache | undefined;
  if (config.sessionCache !== false) {
    const cache = new SessionCache();
    sessionCache = cache;
    const stop = await database.listen(SESSION_CHANNEL, (userId) => cache.forgetUser(userId), (on) => cache.setListening(on));
    app.addHook('onClose', async () => {
      cache.dispose();
      await stop();
    });
  }
  app.decorate('sessionCache', sessionCache);

  app.addHook('onRequest', async (req) => {
    req.lang = requestLang(req.cookies?.lang, req.headers['accept-language']);
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) {
      const found = await lookupSession(database.db, token, clock.now(), config.sessionIdleMs, database.prepared, sessionCache);
      if (found.state === 'ok') {
        req.actor = found.actor;
        req.session = found.session;
        req.user = found.user;
        if (!req.cookies?.lang) req.lang = found.user.preferredLang;
      } else {
        req.sessionExpired = true;
      }
    }
    // The one enforcement point, before any body is parsed or validated: authentication, CSRF on
    // state-changing requests, and the policy's role test. Scope tests follow in the service.
    const cfg = req.routeOptions.config as { action?: Parameters<typeof mayAttempt>[1]; public?: boolean; csrfExempt?: boolean };
    if (cfg.public || !cfg.action) return; // public routes, static files, docs
    if (!req.actor) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (STATE_CHANGING.has(req.method) && !cfg.csrfExempt) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !req.session || !timingSafeEqualStr(sent, req.session.csrfToken)) throw new AppError('CSRF');
    }
    if (!mayAttempt(req.actor, cfg.action)) throw new AppError('FORBIDDEN');
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!req.url.startsWith('/api/docs')) {
      reply.header('x-frame-options', 'DENY');
      reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'");
    }
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((err, req, reply) => {
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: e.code, status: e.status }, 'request refused');
    if (e.code === 'RATE_LIMITED') reply.header('retry-after', '60');
    return sendProblem(req, reply, e);
  });
  app.setNotFoundHandler((req, reply) => {
    // Client routes (no file extension) get the SPA; a missing file such as /assets/x.js is a real 404.
    const pathname = req.url.split('?')[0];
    if (req.method === 'GET' && !pathname.startsWith('/api/') && !pathname.startsWith('/auth/') && !/\.[a-z0-9]+$/i.test(pathname) && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html', WEB_DIST);
    }
    return sendProblem(req, reply, new AppError('NOT_FOUND'));
  });

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.exec('SELECT 1');
      return { status: 'ready', database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'not ready' });
    }
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  for (const feature of features) await app.register(feature);

  if (fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'], cacheControl: false, setHeaders: (res, p) => {
        res.header('cache-control', p.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      } });
  }
  return app;
}

function timingSafeEqualStr(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
