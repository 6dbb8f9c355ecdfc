import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/audit/audit.ts';
import { rows, sql } from '../src/db/client.ts';
import { Browser, devIdpLogin, injectSend, makePersona } from './auth-helpers.ts';
import { DATABASES, testApp, type TestApp } from './harness.ts';

describe.each(DATABASES)('login through the dev IdP on %s', (kind) => {
  let t: TestApp;
  let pub: string;
  beforeAll(async () => {
    t = await testApp(kind, { RATE_LIMIT_LOGIN_PER_MINUTE: '10000' });
    pub = t.config.publicUrl;
  });
  afterAll(async () => t?.close());

  it('login → persona picker → callback opens a session (cookie flags), redirects to returnTo and audits session.login', async () => {
    const p = await makePersona(t, { persona: 'nodal-1', roles: [{ role: 'NODAL_OFFICER' }] });
    const b = new Browser(injectSend(t.app));
    const start = await b.get(`${pub}/auth/login?returnTo=${encodeURIComponent('/inbox?tab=2')}`);
    expect(start.status).toBe(302);
    const auth = new URL(String(start.headers.location));
    expect(auth.origin + auth.pathname).toBe(`${pub}/dev-idp/auth`);
    expect(auth.searchParams.get('client_id')).toBe('cscms-dev');
    expect(auth.searchParams.get('redirect_uri')).toBe(`${pub}/auth/callback`);
    expect(auth.searchParams.get('response_type')).toBe('code');
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    const flows = await rows<{ state: string; return_to: string }>(t.database.db, sql`SELECT state, return_to FROM login_flow WHERE state = ${auth.searchParams.get('state')}`);
    expect(flows).toEqual([{ state: auth.searchParams.get('state'), return_to: '/inbox?tab=2' }]);

    const b2 = new Browser(injectSend(t.app));
    const { final, picker } = await devIdpLogin(b2, pub, p.loginId, '/inbox?tab=2');
    expect(picker.headers['content-type']).toContain('text/html');
    expect(picker.body).toContain('<html lang="en">');
    expect(picker.body).toContain('<main>');
    expect(picker.body).toMatch(/<h1[^>]*>Choose a person/);
    expect(picker.body).toContain('lang="hi"');
    expect(picker.body).toContain(p.name);
    expect(picker.body).toContain('nodal-1');
    expect(picker.body).not.toContain('<script');
    expect(String(picker.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(final.status).toBe(302);
    expect(final.headers.location).toBe('/inbox?tab=2');
    const sid = final.setCookies.find((c) => c.startsWith('cscms_sid='))!;
    expect(sid).toMatch(/HttpOnly/i);
    expect(sid).toMatch(/SameSite=Lax/i);
    expect(sid).toMatch(/Path=\//);
    expect(sid).not.toMatch(/Secure/i);
    const me = await b2.get(`${pub}/api/v1/me`);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body).user).toMatchObject({ loginId: p.loginId, displayName: p.name });
    const audit = await rows<{ action: string; actor_kind: string; actor_user_id: string; actor_role: string }>(t.database.db, sql`SELECT action, actor_kind, actor_user_id, actor_role FROM audit_log WHERE entity_id = ${p.userId}`);
    expect(audit).toEqual([{ action: 'session.login', actor_kind: 'USER', actor_user_id: p.userId, actor_role: 'NODAL_OFFICER' }]);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('refuses open redirects in returnTo (400 naming the field) and accepts same-origin paths', async () => {
    const b = new Browser(injectSend(t.app));
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'inbox', '/\r\nSet-Cookie:x', '/\tx', `/${'a'.repeat(600)}`]) {
      const r = await b.get(`${pub}/auth/login?returnTo=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(r.body).field, bad).toBe('querystring.returnTo');
    }
    for (const [good, stored] of [['/profile', '/profile'], ['/a/b?c=d#e', '/a/b?c=d#e'], ['', '/'], ['/auth/logout', '/']]) {
      const r = await b.get(`${pub}/auth/login?returnTo=${encodeURIComponent(good)}`);
      expect(r.status, good).toBe(302);
      const state = new URL(String(r.headers.location)).searchParams.get('state');
      const f = await rows<{ return_to: string }>(t.database.db, sql`SELECT return_to FROM login_flow WHERE state = ${state}`);
      expect(f[0].return_to, good).toBe(stored);
    }
  });

  it('a callback is single-use; an unknown state, a flow older than 10 minutes, or another browser are refused with 400 problem+json', async () => {
    const p = await makePersona(t);
    const b = new Browser(injectSend(t.app));
    const { final } = await devIdpLogin(b, pub, p.loginId);
    expect(final.status).toBe(302);

    const unknown = await b.get(`${pub}/auth/callback?code=abc&state=nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const none = await b.get(`${pub}/auth/callback`);
    expect(none.status).toBe(400);
    const hindi = await new Browser(injectSend(t.app)).request('GET', `${pub}/auth/callback?code=abc&state=nope`, { headers: { 'accept-language': 'hi' } });
    expect(JSON.parse(hindi.body).detail).toBe('लॉग इन का यह प्रयास समाप्त हो गया है या पहले ही उपयोग हो चुका है। कृपया फिर से लॉग इन करें।');

    // replay: the same callback URL a second time
    const b2 = new Browser(injectSend(t.app));
    const cb = await toCallback(b2, p.loginId);
    expect((await b2.get(cb)).status).toBe(302);
    const replay = await b2.get(cb);
    expect(replay.status).toBe(400);
    expect(replay.setCookies.some((c) => c.startsWith('cscms_sid='))).toBe(false);

    // the person took more than 10 minutes
    const b3 = new Browser(injectSend(t.app));
    const cb3 = await toCallback(b3, p.loginId);
    t.clock.advance(10 * 60_000 + 1000);
    const late = await b3.get(cb3);
    expect(late.status).toBe(400);
    expect(JSON.parse(late.body).detail).toMatch(/expired/);

    // login CSRF: a callback URL opened in a browser that did not start the login
    const b4 = new Browser(injectSend(t.app));
    const cb4 = await toCallback(b4, p.loginId);
    const other = new Browser(injectSend(t.app));
    const forced = await other.get(cb4);
    expect(forced.status).toBe(400);
    expect(forced.setCookies.some((c) => c.startsWith('cscms_sid='))).toBe(false);
  });

  it('a disabled account gets /account-disabled and no session; cancelling at the IdP returns to the portal', async () => {
    const p = await makePersona(t, { active: false });
    const b = new Browser(injectSend(t.app));
    const { final } = await devIdpLogin(b, pub, p.loginId);
    expect(final.status).toBe(302);
    expect(final.headers.location).toBe('/account-disabled');
    expect(final.setCookies.some((c) => c.startsWith('cscms_sid='))).toBe(false);
    expect((await b.get(`${pub}/api/v1/me`)).status).toBe(401);

    const c = new Browser(injectSend(t.app));
    const start = await c.get(`${pub}/auth/login`);
    const toPicker = await c.follow(start, pub, (u) => u.pathname.startsWith('/dev-idp/interaction/'));
    const uid = toPicker.url.pathname.split('/')[3];
    const abort = await c.request('POST', `${pub}/dev-idp/interaction/${uid}/abort`);
    const back = await c.follow(abort, `${pub}/dev-idp/interaction/${uid}/abort`, (u) => u.pathname === '/auth/callback');
    expect(back.url.searchParams.get('error')).toBe('access_denied');
    const r = await c.get(back.url);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/?login=cancelled');
  });

  it('the persona picker lists only users with a persona; an unknown or stale interaction is a 400 page, not a 500', async () => {
    const p = await makePersona(t, { persona: 'cs2', roles: [{ role: 'CADRE_AUTHORITY' }] });
    const hidden = await makePersona(t, { persona: null as unknown as string, name: 'Nobody Persona Hidden' });
    const b = new Browser(injectSend(t.app));
    const start = await b.get(`${pub}/auth/login`);
    const toPicker = await b.follow(start, pub, (u) => u.pathname.startsWith('/dev-idp/interaction/'));
    const picker = await b.get(toPicker.url);
    expect(picker.body).toContain(p.name);
    expect(picker.body).toContain('Cadre authority');
    expect(picker.body).not.toContain(hidden.name);
    expect(picker.body).toMatch(/<button type="submit" name="loginId" value="[^"]+"><span class="name">/);
    const stale = await b.get(`${pub}/dev-idp/interaction/not-a-real-uid`);
    expect(stale.status).toBe(400);
    expect(stale.body).toContain('expired');
    const uid = toPicker.url.pathname.split('/')[3];
    const nobody = await b.request('POST', `${pub}/dev-idp/interaction/${uid}/login`, { form: { loginId: hidden.loginId } });
    expect(nobody.status).toBe(400);
  });

  async function toCallback(b: Browser, loginId: string): Promise<URL> {
    const start = await b.get(`${pub}/auth/login`);
    const toPicker = await b.follow(start, pub, (u) => u.pathname.startsWith('/dev-idp/interaction/'));
    const uid = toPicker.url.pathname.split('/')[3];
    const chosen = await b.request('POST', `${pub}/dev-idp/interaction/${uid}/login`, { form: { loginId } });
    const back = await b.follow(chosen, `${pub}/dev-idp/interaction/${uid}/login`, (u) => u.pathname === '/auth/callback');
    expect(back.url.pathname).toBe('/auth/callback');
    return back.url;
  }
});

describe.each(DATABASES)('login behind https on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind, { PUBLIC_URL: 'https://cscms.test', TRUST_PROXY: 'true', RATE_LIMIT_LOGIN_PER_MINUTE: '10000' });
  });
  afterAll(async () => t?.close());

  it('the session cookie is Secure when PUBLIC_URL is https, and every dev IdP URL derives from PUBLIC_URL', async () => {
    const p = await makePersona(t);
    const b = new Browser(injectSend(t.app));
    const disc = await b.get('https://cscms.test/dev-idp/.well-known/openid-configuration');
    const meta = JSON.parse(disc.body);
    expect(meta.issuer).toBe('https://cscms.test/dev-idp');
    expect(meta.authorization_endpoint).toBe('https://cscms.test/dev-idp/auth');
    const { final } = await devIdpLogin(b, 'https://cscms.test', p.loginId, '/x');
    expect(final.headers.location).toBe('/x');
    const sid = final.setCookies.find((c) => c.startsWith('cscms_sid='))!;
    expect(sid).toMatch(/; Secure/i);
    expect(sid).toMatch(/HttpOnly/i);
    expect(sid).toMatch(/SameSite=Lax/i);
  });
});
