import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/audit/audit.ts';
import { rows, sql } from '../src/db/client.ts';
import { Browser, devIdpLogin, injectSend, makePersona } from './auth-helpers.ts';
import { DATABASES, testApp, type TestApp } from './harness.ts';

describe.each(DATABASES)('login through the dev IdP on %s', (kind) => {
  let t: TestApp;
  let pub: string;
  beforeAll(async () => {
    t = await testApp(kind);
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
});
