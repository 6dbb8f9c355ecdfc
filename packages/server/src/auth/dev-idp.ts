import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import Provider, { type Adapter, type AdapterPayload, type InteractionDetails } from 'oidc-provider';
import type { CustomFetch } from 'openid-client';
import { z } from 'zod';
import { one, rows, sql } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { DEV_CLIENT_ID, DEV_IDP_PATH } from './provider.ts';

/**
 * The development identity provider (oidc-provider) on the portal's own origin at /dev-idp, with a
 * persona picker over the seeded users (app_user.persona). Registered only when config.devIdp, which
 * config.ts never sets with an external issuer or in production. Its own state (interactions, codes,
 * grants) is kept in this process's memory: dev only. The portal's login state is in the database.
 */
export const devIdpPlugin: FastifyPluginAsync<{ limitLogins: (req: FastifyRequest) => Promise<void> }> = async (app, opts) => {
  const { config } = app.deps;
  if (!config.devIdp) throw new Error('the development identity provider must not be mounted (config.devIdp is false)');
  const issuer = `${config.publicUrl}${DEV_IDP_PATH}`;
  const db = app.deps.database.db;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEV_CLIENT_ID,
        client_name: 'CSCMS (development)',
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${config.publicUrl}/auth/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // public client: PKCE is required (and S256 is the only method oidc-provider accepts)
    pkce: { required: () => true },
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    adapter: memoryAdapter(),
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${DEV_IDP_PATH}/interaction/${interaction.uid}` },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600, RefreshToken: 3600, ClientCredentials: 600, DeviceCode: 600, BackchannelAuthenticationRequest: 600 },
    findAccount: async (_ctx: unknown, sub: string) => {
      const u = await one<{ login_id: string; display_name: string; email: string | null }>(db, sql`SELECT login_id, display_name, email FROM app_user WHERE login_id = ${sub}`);
      if (!u) return undefined;
      return {
        accountId: u.login_id,
        claims: () => ({ sub: u.login_id, name: u.display_name, preferred_username: u.login_id, ...(u.email ? { email: u.email } : {}) }),
      };
    },
  });
  provider.proxy = config.trustProxy;
  provider.on('server_error', (_ctx, err) => app.log.error({ err }, 'dev IdP error'));
  const handle = provider.callback();

  // The provider's own endpoints: Koa reads the raw request (body included), so this scope parses nothing.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    raw.all(`${DEV_IDP_PATH}/*`, { config: { public: true }, schema: { hide: true } }, (req, reply) => {
      reply.hijack();
      const r = req.raw as IncomingMessage & { originalUrl?: string };
      r.originalUrl = r.url;
      r.url = (r.url ?? '/').slice(DEV_IDP_PATH.length) || '/';
      handle(r, reply.raw);
    });
  });

  // The interaction: a persona picker. Normal Fastify routes (form bodies parsed, security headers set).
  await app.register(async (app0) => {
    const ui = app0.withTypeProvider<ZodTypeProvider>();
    const Params = z.object({ uid: z.string().min(1).max(100).regex(/^[\w-]+$/) });

    ui.get(`${DEV_IDP_PATH}/interaction/:uid`, { config: { public: true }, schema: { hide: true, params: Params } }, async (req, reply) => {
      const details = await interaction(req.raw, reply, req.params.uid);
      if (!details) return reply;
      const personas = await listPersonas(app);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(personaPage(details.uid, personas));
    });

    ui.post(
      `${DEV_IDP_PATH}/interaction/:uid/login`,
      { config: { public: true }, onRequest: opts.limitLogins, schema: { hide: true, params: Params, body: z.object({ loginId: z.string().min(1).max(200) }) } },
      async (req, reply) => {
        const details = await interaction(req.raw, reply, req.params.uid);
        if (!details) return reply;
        const user = await one<{ login_id: string }>(db, sql`SELECT login_id FROM app_user WHERE login_id = ${req.body.loginId} AND persona IS NOT NULL`);
        if (!user) throw new AppError('VALIDATION', { field: 'loginId', en: 'No such demo person.', hi: 'ऐसा कोई डेमो व्यक्ति नहीं है।' });
        const grant = new provider.Grant({ accountId: user.login_id, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope ?? 'openid'));
        const grantId = await grant.save();
        const to = await provider.interactionResult(req.raw, reply.raw, { login: { accountId: user.login_id }, consent: { grantId } }, { mergeWithLastSubmission: false });
        return reply.redirect(to, 303);
      },
    );

    ui.post(`${DEV_IDP_PATH}/interaction/:uid/abort`, { config: { public: true }, schema: { hide: true, params: Params } }, async (req, reply) => {
      const details = await interaction(req.raw, reply, req.params.uid);
      if (!details) return reply;
      const to = await provider.interactionResult(req.raw, reply.raw, { error: 'access_denied', error_description: 'The person cancelled the login.' }, { mergeWithLastSubmission: false });
      return reply.redirect(to, 303);
    });
  });

  /** The interaction of this browser (cookie) and this uid, or an "expired" page (and undefined). */
  async function interaction(req: IncomingMessage, reply: FastifyReply, uid: string): Promise<InteractionDetails | undefined> {
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, reply.raw);
    } catch {
      reply.status(400).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(expiredPage());
      return undefined;
    }
    if (details.uid !== uid) {
      reply.status(400).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(expiredPage());
      return undefined;
    }
    return details;
  }
};

function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: `dev-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
}

/** oidc-provider's storage, in this process's memory (the dev IdP only). */
function memoryAdapter(): new (name: string) => Adapter {
  const data = new Map<string, { payload: AdapterPayload; exp: number }>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  const live = (key: string | undefined): AdapterPayload | undefined => {
    if (!key) return undefined;
    const e = data.get(key);
    if (!e) return undefined;
    if (e.exp && e.exp < Date.now()) {
      data.delete(key);
      return undefined;
    }
    return e.payload;
  };
  return class MemoryAdapter implements Adapter {
    name: string;
    constructor(name: string) {
      this.name = name;
    }
    key(id: string): string {
      return `${this.name}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const key = this.key(id);
      if (data.size > 10_000) for (const k of data.keys()) live(k); // sweep the expired
      data.set(key, { payload, exp: expiresIn ? Date.now() + expiresIn * 1000 : 0 });
      if (payload.uid) byUid.set(payload.uid, key);
      if (payload.userCode) byUserCode.set(payload.userCode, key);
      if (payload.grantId) {
        const s = byGrant.get(payload.grantId) ?? new Set<string>();
        s.add(key);
        byGrant.set(payload.grantId, s);
      }
    }
    async find(id: string) {
      return live(this.key(id));
    }
    async findByUid(uid: string) {
      return live(byUid.get(uid));
    }
    async findByUserCode(userCode: string) {
      return live(byUserCode.get(userCode));
    }
    async consume(id: string): Promise<void> {
      const p = live(this.key(id));
      if (p) p.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string): Promise<void> {
      data.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      for (const k of byGrant.get(grantId) ?? []) data.delete(k);
      byGrant.delete(grantId);
    }
  };
}

/** The order personas are shown in (the seeded keys); others follow by name. */
const PERSONA_ORDER = ['employee-css', 'employee-csss', 'employee-cscs', 'employee-rotation', 'employee-us', 'nodal-1', 'nodal-2', 'sub-nodal', 'cs1', 'cs2', 'avd', 'admin'];

const ROLE_LABEL: Record<string, [string, string]> = {
  EMPLOYEE: ['Employee', 'कर्मचारी'],
  NODAL_OFFICER: ['Nodal Officer', 'नोडल अधिकारी'],
  SUB_NODAL_OFFICER: ['Sub-Nodal Officer', 'उप-नोडल अधिकारी'],
  CADRE_AUTHORITY: ['Cadre authority', 'संवर्ग प्राधिकारी'],
  AVD: ['AVD officer', 'प्रशासनिक सतर्कता प्रभाग अधिकारी'],
  ADMIN: ['Administrator', 'प्रशासक'],
};

export interface Persona {
  loginId: string;
  displayName: string;
  persona: string;
  active: boolean;
  grants: Array<{ role: string; ministry: string | null; ministryHi: string | null; cadres: string[] | null }>;
}

async function listPersonas(app: FastifyInstance): Promise<Persona[]> {
  const r = await rows<{ login_id: string; display_name: string; persona: string; active: boolean; grants: Array<{ role: string; ministry: string | null; ministry_hi: string | null; cadres: string[] | null }> | null }>(
    app.deps.database.db,
    sql`SELECT u.login_id, u.display_name, u.persona, u.active,
               (SELECT json_agg(json_build_object('role', g.role, 'ministry', m.name_en, 'ministry_hi', m.name_hi, 'cadres', g.cadres) ORDER BY g.id)
                  FROM role_grant g LEFT JOIN ministry m ON m.id = g.ministry_id WHERE g.user_id = u.id) AS grants
          FROM app_user u WHERE u.persona IS NOT NULL ORDER BY u.display_name LIMIT 200`,
  );
  const rank = (p: string) => {
    const i = PERSONA_ORDER.indexOf(p);
    return i < 0 ? PERSONA_ORDER.length : i;
  };
  return r
    .map((x) => ({ loginId: x.login_id, displayName: x.display_name, persona: x.persona, active: x.active, grants: (x.grants ?? []).map((g) => ({ role: g.role, ministry: g.ministry, ministryHi: g.ministry_hi, cadres: g.cadres })) }))
    .sort((a, b) => rank(a.persona) - rank(b.persona) || a.persona.localeCompare(b.persona));
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans","Noto Sans Devanagari",system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#f5f5f0}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h1 span{display:block;font-size:1.1rem;font-weight:600}
.warn{background:#fff4ce;border:2px solid #8a6d00;padding:.75rem;border-radius:4px}
.warn span{display:block;margin-top:.25rem}
ul{list-style:none;padding:0;margin:0}
li{margin:0 0 .5rem}
button{display:block;width:100%;min-height:44px;overflow-wrap:anywhere;text-align:left;padding:.75rem;border:2px solid #1d4f91;border-radius:4px;background:#fff;color:#1a1a1a;font:inherit;cursor:pointer}
button:hover{background:#e8f0fb}
button:focus-visible,a:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.name{display:block;font-weight:700;color:#1d4f91}
.meta{display:block;font-size:.95rem}
.off{color:#8b0000;font-weight:600}
.cancel{margin-top:1rem;border-color:#555;color:#1a1a1a;text-align:center}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function roleText(g: Persona['grants'][number], lang: 0 | 1): string {
  const label = ROLE_LABEL[g.role]?.[lang] ?? g.role;
  const where = lang === 0 ? g.ministry : (g.ministryHi || g.ministry);
  const cadres = g.cadres?.length ? g.cadres.join(', ') : null;
  const extra = [where, cadres].filter(Boolean).join('; ');
  return extra ? `${label} (${extra})` : label;
}

export function personaPage(uid: string, personas: Persona[]): string {
  const items = personas
    .map((p) => {
      const en = p.grants.map((g) => roleText(g, 0)).join(' · ') || 'No role';
      const hi = p.grants.map((g) => roleText(g, 1)).join(' · ') || 'कोई भूमिका नहीं';
      const off = p.active ? '' : `<span class="meta off">Account disabled · <span lang="hi">खाता निष्क्रिय</span></span>`;
      return `<li><button type="submit" name="loginId" value="${esc(p.loginId)}"><span class="name">${esc(p.displayName)}</span><span class="meta">${esc(p.persona)} · ${esc(en)}</span><span class="meta" lang="hi">${esc(hi)}</span>${off}</button></li>`;
    })
    .join('\n');
  const list = personas.length
    ? `<form method="post" action="${DEV_IDP_PATH}/interaction/${esc(uid)}/login" aria-labelledby="pick">\n<ul>\n${items}\n</ul>\n</form>`
    : `<p>No demo persons are seeded yet (app_user.persona is empty). Start the portal with demo data (npm start) and reload. <span lang="hi">अभी कोई डेमो व्यक्ति उपलब्ध नहीं है। डेमो डेटा के साथ पोर्टल शुरू करें और पृष्ठ पुनः लोड करें।</span></p>`;
  return page(
    'Development login · विकास लॉगिन — CSCMS',
    `<p class="warn" role="note"><strong>Development identity provider.</strong> Anyone can log in as any demo person; never use this with real data.
<span lang="hi"><strong>विकास पहचान प्रदाता।</strong> कोई भी किसी भी डेमो व्यक्ति के रूप में लॉग इन कर सकता है; वास्तविक डेटा के साथ कभी उपयोग न करें।</span></p>
<h1 id="pick">Choose a person to log in as <span lang="hi">लॉग इन करने के लिए व्यक्ति चुनें</span></h1>
${list}
<form method="post" action="${DEV_IDP_PATH}/interaction/${esc(uid)}/abort">
<button type="submit" class="cancel">Cancel login · <span lang="hi">लॉग इन रद्द करें</span></button>
</form>`,
  );
}

export function expiredPage(): string {
  return page(
    'Login expired · लॉग इन की समय-सीमा समाप्त — CSCMS',
    `<h1>This login attempt has expired <span lang="hi">लॉग इन का यह प्रयास समाप्त हो गया है</span></h1>
<p>Please start again. <span lang="hi">कृपया फिर से शुरू करें।</span></p>
<p><a href="/auth/login">Log in again · <span lang="hi">फिर से लॉग इन करें</span></a></p>`,
  );
}

/**
 * The portal's server-side calls to its own dev IdP (discovery, token, userinfo) go through
 * app.inject: no network hop to PUBLIC_URL, which the server may not be able to reach from inside
 * (a proxy, a container). Other origins use the real fetch.
 */
export function injectFetch(app: FastifyInstance, publicUrl: string): CustomFetch {
  const base = new URL(publicUrl);
  return async (url, options) => {
    const u = new URL(url);
    if (u.origin !== base.origin) return fetch(url, options as RequestInit);
    const body = options.body;
    const res = await app.inject({
      method: options.method as 'GET' | 'POST',
      url: `${u.pathname}${u.search}`,
      headers: { ...(options.headers as Record<string, string>), host: base.host, 'x-forwarded-host': base.host, 'x-forwarded-proto': base.protocol.replace(':', '') },
      payload: body == null ? undefined : body instanceof URLSearchParams ? body.toString() : typeof body === 'string' ? body : Buffer.from(body as ArrayBuffer),
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, String(one));
    }
    const empty = res.statusCode === 204 || res.statusCode === 304;
    return new Response(empty ? null : res.rawPayload, { status: res.statusCode, headers });
  };
}
