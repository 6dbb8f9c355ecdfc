import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '@cscms/domain';
import { sql } from '../src/db/client.ts';
import type { TestApp } from './harness.ts';

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  setCookies: string[];
}

type Send = (method: string, url: URL, headers: Record<string, string>, body?: string) => Promise<Res>;

/** app.inject as a transport: absolute URLs on the app's origin go to the app. */
export function injectSend(app: FastifyInstance): Send {
  return async (method, url, headers, body) => {
    const r = await app.inject({ method: method as 'GET', url: `${url.pathname}${url.search}`, headers: { ...headers, host: url.host, 'x-forwarded-proto': url.protocol.slice(0, -1) }, payload: body });
    const sc = r.headers['set-cookie'];
    return { status: r.statusCode, headers: r.headers as Res['headers'], body: r.body, setCookies: sc === undefined ? [] : Array.isArray(sc) ? sc : [String(sc)] };
  };
}

/** Real HTTP (a listening server): fetch with manual redirects. */
export const httpSend: Send = async (method, url, headers, body) => {
  const r = await fetch(url, { method, headers, body, redirect: 'manual' });
  const out: Res['headers'] = {};
  r.headers.forEach((v, k) => {
    out[k] = v;
  });
  return { status: r.status, headers: out, body: await r.text(), setCookies: r.headers.getSetCookie() };
};

/** A tiny browser: a cookie jar (name, path), manual redirects. Enough for the login flows. */
export class Browser {
  jar = new Map<string, { value: string; path: string }>();
  send: Send;
  constructor(send: Send) {
    this.send = send;
  }
  cookieFor(path: string): string {
    return [...this.jar.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([k, c]) => `${k.split('|')[0]}=${c.value}`)
      .join('; ');
  }
  cookie(name: string): string | undefined {
    for (const [k, c] of this.jar) if (k.split('|')[0] === name) return c.value;
    return undefined;
  }
  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const gone = value === '' || attrs.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()));
      if (gone) this.jar.delete(`${name}|${path}`);
      else this.jar.set(`${name}|${path}`, { value, path });
    }
  }
  async request(method: string, url: string | URL, opts: { form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Res> {
    const u = new URL(url);
    const headers: Record<string, string> = { ...opts.headers };
    const c = this.cookieFor(u.pathname);
    if (c) headers.cookie = c;
    let body: string | undefined;
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const r = await this.send(method, u, headers, body);
    this.store(r.setCookies);
    return r;
  }
  get(url: string | URL): Promise<Res> {
    return this.request('GET', url);
  }
  /** Follows redirects until one leaves `origin` or lands on a path for which stop() says so. */
  async follow(r: Res, base: string, stop: (u: URL) => boolean = () => false, max = 10): Promise<{ res: Res; url: URL }> {
    let url = new URL(base);
    for (let i = 0; i < max && r.status >= 300 && r.status < 400; i++) {
      url = new URL(String(r.headers.location), url);
      if (stop(url)) return { res: r, url };
      r = await this.get(url);
    }
    return { res: r, url };
  }
}

let personaSeq = 1;
/** A user with a persona (the dev IdP lists them) and role grants. */
export async function makePersona(t: TestApp, opts: { persona?: string; roles?: Array<{ role: Role; ministryId?: number }>; active?: boolean; loginId?: string; email?: string; name?: string } = {}): Promise<{ userId: string; loginId: string; name: string }> {
  const userId = randomUUID();
  const n = personaSeq++;
  const loginId = opts.loginId ?? `persona.${n}.${userId.slice(0, 6)}`;
  const name = opts.name ?? `Persona Person ${n}`;
  await t.database.db.execute(sql`INSERT INTO app_user (id, login_id, display_name, email, active, persona) VALUES (${userId}, ${loginId}, ${name}, ${opts.email ?? null}, ${opts.active ?? true}, ${opts.persona === undefined ? `employee-css` : opts.persona})`);
  for (const r of opts.roles ?? [{ role: 'EMPLOYEE' as Role }]) {
    await t.database.db.execute(sql`INSERT INTO role_grant (user_id, role, ministry_id) VALUES (${userId}, ${r.role}, ${r.ministryId ?? null})`);
  }
  return { userId, loginId, name };
}

/** Logs in through the dev IdP as `loginId`; returns the final response (the redirect to returnTo). */
export async function devIdpLogin(b: Browser, publicUrl: string, loginId: string, returnTo = '/'): Promise<{ final: Res; picker: Res; uid: string }> {
  const start = await b.get(`${publicUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  if (start.status !== 302) throw new Error(`login start: ${start.status} ${start.body}`);
  const toPicker = await b.follow(start, publicUrl, (u) => u.pathname.startsWith('/dev-idp/interaction/'));
  const picker = await b.get(toPicker.url);
  if (picker.status !== 200) throw new Error(`picker: ${picker.status} ${picker.body}`);
  const uid = toPicker.url.pathname.split('/')[3];
  const chosen = await b.request('POST', `${publicUrl}/dev-idp/interaction/${uid}/login`, { form: { loginId } });
  const back = await b.follow(chosen, `${publicUrl}/dev-idp/interaction/${uid}/login`, (u) => u.pathname === '/auth/callback');
  if (back.url.pathname !== '/auth/callback') throw new Error(`expected the callback, got ${back.url} (${back.res.status} ${back.res.body})`);
  const final = await b.get(back.url);
  return { final, picker, uid };
}

/** The app for its own origin, real HTTP for any other (a fake identity provider). */
export function mixedSend(app: FastifyInstance, publicUrl: string): Send {
  const inject = injectSend(app);
  const origin = new URL(publicUrl).origin;
  return (method, url, headers, body) => (url.origin === origin ? inject(method, url, headers, body) : httpSend(method, url, headers, body));
}
