import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { verifyChain } from '../src/audit/audit.ts';

describe.each(DATABASES)('foundation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it('answers health and readiness without a login', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', database: kind });
  });

  it('refuses /api/v1/me without a session, with problem+json', async () => {
    const r = await t.app.inject({ url: '/api/v1/me' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('answers in Hindi when the request asks for Hindi', async () => {
    const r = await t.app.inject({ url: '/api/v1/me', headers: { 'accept-language': 'hi-IN,hi;q=0.9' } });
    expect(r.json().detail).toBe('जारी रखने के लिए कृपया लॉग इन करें।');
  });

  it('a forged session cookie is not a session', async () => {
    const r = await t.app.inject({ url: '/api/v1/me', headers: { cookie: 'cscms_sid=forged-value' } });
    expect(r.statusCode).toBe(401);
  });

  it('sets the language with CSRF and audits it; without the CSRF token it is refused and nothing changes', async () => {
    const m = await makeMinistry(t);
    const u = await makeUser(t, { roles: [{ role: 'NODAL_OFFICER', ministryId: m }] });
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/me/language', headers: { cookie: u.cookie }, payload: { lang: 'hi' } });
    expect(bad.statusCode).toBe(403);
    expect(bad.json().code).toBe('CSRF');
    const ok = await as(t, u, { method: 'PUT', url: '/api/v1/me/language', payload: { lang: 'hi' } });
    expect(ok.statusCode).toBe(200);
    const me = await as(t, u, { url: '/api/v1/me' });
    expect(me.json().user.preferredLang).toBe('hi');
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('rejects unknown fields, wrong types, malformed JSON and __proto__ keys with 4xx naming the field', async () => {
    const u = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
    const unknown = await as(t, u, { method: 'PUT', url: '/api/v1/me/language', payload: { lang: 'en', admin: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION');
    const wrong = await as(t, u, { method: 'PUT', url: '/api/v1/me/language', payload: { lang: 7 } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().field).toBe('lang');
    const bad = await as(t, u, { method: 'PUT', url: '/api/v1/me/language', payload: '{"lang":', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_JSON');
    const proto = await as(t, u, { method: 'PUT', url: '/api/v1/me/language', payload: '{"lang":"en","__proto__":{"x":1}}', headers: { 'content-type': 'application/json' } });
    expect(proto.statusCode).toBe(400);
    const big = await as(t, u, { method: 'PUT', url: '/api/v1/me/language', payload: JSON.stringify({ lang: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big.statusCode).toBe(413);
  });
});

describe('the web app is served by the same server', () => {
  it('serves index.html at / and for client routes, with security headers; unknown API paths stay problem+json 404', async () => {
    const { existsSync } = await import('node:fs');
    const t = await testApp('pglite');
    try {
      if (!existsSync(new URL('../../web/dist/index.html', import.meta.url))) return; // built by npm test before the suites
      for (const url of ['/', '/inbox', '/profiles/abc']) {
        const r = await t.app.inject({ url });
        expect(r.statusCode, url).toBe(200);
        expect(r.headers['content-type']).toContain('text/html');
        expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      }
      expect((await t.app.inject({ url: '/assets/no-such-file.js' })).statusCode).toBe(404);
      const api = await t.app.inject({ url: '/api/v1/nothing-here' });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
    } finally {
      await t.close();
    }
  });
});
