import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { verifyChain } from '../src/audit/audit.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { rows, sql } from '../src/db/client.ts';
import { DATABASES, as, makeUser, testApp, type TestApp } from './harness.ts';

const MIN = 60_000;

describe.each(DATABASES)('sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it('logout needs the CSRF token, revokes the session at once, clears the cookie and audits session.logout', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    const noCsrf = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: u.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF');
    expect((await as(t, u, { url: '/api/v1/me' })).statusCode).toBe(200);

    const out = await as(t, u, { method: 'POST', url: '/auth/logout' });
    expect(out.statusCode).toBe(204);
    const cleared = String(out.headers['set-cookie']);
    expect(cleared).toMatch(/cscms_sid=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    const after = await as(t, u, { url: '/api/v1/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('SESSION_EXPIRED');
    expect((await as(t, u, { method: 'POST', url: '/auth/logout' })).statusCode).toBe(401);
    const audit = await rows<{ action: string; actor_user_id: string }>(t.database.db, sql`SELECT action, actor_user_id FROM audit_log WHERE entity_id = ${u.userId}`);
    expect(audit).toEqual([{ action: 'session.logout', actor_user_id: u.userId }]);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('logout without a session is 401 problem+json', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/auth/logout' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });

  it('ends a session after 30 minutes without a request (idle timeout); activity keeps it alive', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    t.clock.advance(29 * MIN);
    expect((await as(t, u, { url: '/api/v1/me' })).statusCode).toBe(200);
    t.clock.advance(29 * MIN); // 58 minutes after login, 29 after the last request
    expect((await as(t, u, { url: '/api/v1/me' })).statusCode).toBe(200);
    t.clock.advance(30 * MIN + 1000);
    const r = await as(t, u, { url: '/api/v1/me' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('SESSION_EXPIRED');
  });

  it('ends a session 12 hours after login however active it is (absolute timeout)', async () => {
    const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    for (let m = 0; m < 12 * 60 - 20; m += 20) {
      t.clock.advance(20 * MIN);
      expect((await as(t, u, { url: '/api/v1/me' })).statusCode, `${m + 20} minutes`).toBe(200);
    }
    t.clock.advance(20 * MIN); // exactly 12 h
    const r = await as(t, u, { url: '/api/v1/me' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('SESSION_EXPIRED');
  });
});

describe.each(DATABASES)('login rate limit on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind, { RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
  });
  afterAll(async () => t?.close());

  it('answers 429 problem+json (with Retry-After) after RATE_LIMIT_LOGIN_PER_MINUTE logins from one IP', async () => {
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url: '/auth/login' })).statusCode).toBe(302);
    const r = await t.app.inject({ url: '/auth/login' });
    expect(r.statusCode).toBe(429);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(r.headers['retry-after']).toBeDefined();
    // another IP is not limited
    expect((await t.app.inject({ url: '/auth/login', remoteAddress: '10.0.0.9' })).statusCode).toBe(302);
    // the callback and the dev IdP's persona choice are login endpoints too
    for (let i = 0; i < 3; i++) await t.app.inject({ url: '/auth/callback?state=x&code=y', remoteAddress: '10.0.0.10' });
    expect((await t.app.inject({ url: '/auth/callback?state=x&code=y', remoteAddress: '10.0.0.10' })).statusCode).toBe(429);
    const pick = await t.app.inject({ method: 'POST', url: '/dev-idp/interaction/abc/login', payload: 'loginId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '10.0.0.10' });
    expect(pick.statusCode).toBe(429);
  });

  it('the count is in the database: a second instance on the same database sees it; the next minute starts afresh', async () => {
    const ip = '10.0.0.20';
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url: '/auth/login', remoteAddress: ip })).statusCode).toBe(302);
    const other = await buildApp({ config: t.config, database: t.database, clock: t.clock, logger: false });
    await other.ready();
    try {
      expect((await other.inject({ url: '/auth/login', remoteAddress: ip })).statusCode).toBe(429);
      t.clock.advance(MIN);
      expect((await other.inject({ url: '/auth/login', remoteAddress: ip })).statusCode).toBe(302);
      expect((await t.app.inject({ url: '/auth/login', remoteAddress: ip })).statusCode).toBe(302);
    } finally {
      await other.close();
    }
    const counters = await rows<{ hits: number }>(t.database.db, sql`SELECT hits FROM rate_counter WHERE bucket = ${`login:${ip}`} ORDER BY window_start`);
    expect(counters.map((c) => c.hits)).toEqual([4, 2]);
  });
});

describe('the dev IdP can never be on in production or with an external issuer', () => {
  it('production without OIDC_ISSUER refuses to start', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://cscms.example.gov.in', AUDIT_SIGNING_KEY: 'k' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://cscms.example.gov.in', AUDIT_SIGNING_KEY: 'k' })).toThrow(/OIDC_ISSUER/);
  });

  it('production with OIDC_ISSUER: devIdp is false', () => {
    const c = loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://cscms.example.gov.in', AUDIT_SIGNING_KEY: 'k', OIDC_ISSUER: 'https://parichay.example.gov.in', OIDC_CLIENT_ID: 'cscms', EPARICHAY_USERDETAILS_URL: 'https://parichay.example.gov.in/userdetails' });
    expect(c.devIdp).toBe(false);
    expect(c.secureCookies).toBe(true);
    expect(c.clockOffsetDays).toBe(0);
  });

  it('production runs on the real clock: CLOCK_OFFSET_DAYS (development and tests) is refused there', () => {
    const prod = { NODE_ENV: 'production', PUBLIC_URL: 'https://cscms.example.gov.in', AUDIT_SIGNING_KEY: 'k', OIDC_ISSUER: 'https://parichay.example.gov.in', OIDC_CLIENT_ID: 'cscms' };
    expect(() => loadConfig({ ...prod, CLOCK_OFFSET_DAYS: '9' })).toThrow(/CLOCK_OFFSET_DAYS/);
    expect(loadConfig({ NODE_ENV: 'development', CLOCK_OFFSET_DAYS: '9' }).clockOffsetDays).toBe(9);
  });

  it.each(DATABASES)('with OIDC_ISSUER set (%s), /dev-idp answers 404 and login goes to the external issuer', async (kind) => {
    const t = await testApp(kind, { OIDC_ISSUER: 'http://127.0.0.1:9/issuer', OIDC_CLIENT_ID: 'cscms', EPARICHAY_USERDETAILS_URL: 'http://127.0.0.1:9/userdetails' });
    try {
      expect(t.config.devIdp).toBe(false);
      for (const url of ['/dev-idp', '/dev-idp/.well-known/openid-configuration', '/dev-idp/auth?client_id=cscms-dev', '/dev-idp/interaction/abc']) {
        const r = await t.app.inject({ url });
        expect(r.statusCode, url).toBe(404);
        expect(r.headers['content-type']).toContain('application/problem+json');
      }
      expect((await t.app.inject({ method: 'POST', url: '/dev-idp/token', payload: 'grant_type=authorization_code', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(404);
      // the issuer is unreachable here (port 9): a clear 503, never a 500, and no dev IdP fallback
      const login = await t.app.inject({ url: '/auth/login' });
      expect(login.statusCode).toBe(503);
      expect(login.json().code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await t.close();
    }
  });
});
