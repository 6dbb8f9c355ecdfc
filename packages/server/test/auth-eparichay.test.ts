import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/audit/audit.ts';
import { eParichayProvider, fetchUserDetails } from '../src/auth/eparichay.ts';
import { IdpError } from '../src/auth/identity.ts';
import { rows, sql } from '../src/db/client.ts';
import { Browser, makePersona, mixedSend } from './auth-helpers.ts';
import { DATABASES, testApp, type TestApp } from './harness.ts';

interface FakePerson {
  loginId: string;
  FirstName: string;
  LastName: string;
  MobileNo: string;
  email?: string;
}

/**
 * A local fake of e-Parichay: discovery, authorize (the person is already "logged in" as `fake.person`),
 * token (checks client, redirect_uri and the PKCE S256 verifier; codes are single-use) and the
 * user-details API, which takes the RAW access token and refuses "Bearer <token>".
 */
class FakeEParichay {
  server: http.Server;
  base = '';
  person: FakePerson = { loginId: 'asha.verma', FirstName: 'Asha', LastName: 'Verma', MobileNo: '9876543210' };
  codes = new Map<string, { challenge: string; redirectUri: string; clientId: string; person: FakePerson }>();
  tokens = new Map<string, FakePerson>();
  userDetailsAuth: string[] = [];
  authorizeParams: URLSearchParams | undefined;
  tokenDown = false;
  detailsDown = false;
  constructor() {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
  }
  async start(): Promise<void> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/pnv1`;
  }
  stop(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
  json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/pnv1/, '');
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return this.json(res, 200, {
        issuer: this.base,
        authorization_endpoint: `${this.base}/oauth2/authorize`,
        token_endpoint: `${this.base}/oauth2/token`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    }
    if (req.method === 'GET' && path === '/oauth2/authorize') {
      const p = url.searchParams;
      this.authorizeParams = p;
      if (p.get('client_id') !== 'cscms-portal' || p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge') || !p.get('state')) {
        return this.json(res, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      this.codes.set(code, { challenge: p.get('code_challenge')!, redirectUri: p.get('redirect_uri')!, clientId: p.get('client_id')!, person: this.person });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state')!);
      res.writeHead(302, { location: back.href });
      return void res.end();
    }
    if (req.method === 'POST' && path === '/oauth2/token') {
      if (this.tokenDown) return this.json(res, 503, { error: 'temporarily_unavailable' });
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const f = new URLSearchParams(raw);
      const c = this.codes.get(f.get('code') ?? '');
      this.codes.delete(f.get('code') ?? '');
      if (!c || f.get('grant_type') !== 'authorization_code') return this.json(res, 400, { error: 'invalid_grant' });
      if (f.get('client_id') !== c.clientId || f.get('client_secret') !== 'fake-secret') return this.json(res, 401, { error: 'invalid_client' });
      if (f.get('redirect_uri') !== c.redirectUri) return this.json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri' });
      const verifier = f.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== c.challenge) return this.json(res, 400, { error: 'invalid_grant', error_description: 'PKCE' });
      const token = randomBytes(24).toString('hex');
      this.tokens.set(token, c.person);
      return this.json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 300 });
    }
    if (req.method === 'GET' && path === '/salt/api/oauth2/userdetails') {
      const auth = req.headers.authorization ?? '';
      this.userDetailsAuth.push(auth);
      if (this.detailsDown) return this.json(res, 502, { error: 'bad gateway' });
      if (auth.startsWith('Bearer ')) return this.json(res, 401, { error: 'invalid_token', error_description: 'send the token without Bearer' });
      const person = this.tokens.get(auth);
      if (!person) return this.json(res, 401, { error: 'invalid_token' });
      return this.json(res, 200, { ...person, Designation: 'Section Officer' });
    }
    return this.json(res, 404, { error: 'not_found' });
  }
}

const fake = new FakeEParichay();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.tokenDown = false;
  fake.detailsDown = false;
  fake.person = { loginId: 'asha.verma', FirstName: 'Asha', LastName: 'Verma', MobileNo: '9876543210' };
});

const verifier = 'x'.repeat(20) + randomBytes(16).toString('hex');
const challenge = createHash('sha256').update(verifier).digest('base64url');

describe('e-Parichay adapter against a local fake', () => {
  const adapter = () =>
    eParichayProvider({ issuer: fake.base, clientId: 'cscms-portal', clientSecret: 'fake-secret', allowHttp: true, redirectUri: 'http://localhost:3000/auth/callback', scope: 'openid', userDetailsUrl: `${fake.base}/salt/api/oauth2/userdetails` });

  async function authorizeAndReturn(p: ReturnType<typeof adapter>, state: string): Promise<URL> {
    const url = await p.authorizationUrl({ state, nonce: 'n-1', codeChallenge: challenge });
    const r = await fetch(url, { redirect: 'manual' });
    expect(r.status).toBe(302);
    return new URL(r.headers.get('location')!);
  }

  it('sends code + PKCE S256 + state + nonce, and reads the user details with the RAW token (no "Bearer")', async () => {
    const p = adapter();
    expect(p.kind).toBe('eparichay');
    const back = await authorizeAndReturn(p, 'st-1');
    expect(fake.authorizeParams?.get('code_challenge')).toBe(challenge);
    expect(fake.authorizeParams?.get('code_challenge_method')).toBe('S256');
    expect(fake.authorizeParams?.get('nonce')).toBe('n-1');
    expect(fake.authorizeParams?.get('redirect_uri')).toBe('http://localhost:3000/auth/callback');
    const before = fake.userDetailsAuth.length;
    const id = await p.handleCallback(back, { state: 'st-1', nonce: 'n-1', codeVerifier: verifier });
    expect(id).toEqual({ loginId: 'asha.verma', name: 'Asha Verma', mobile: '9876543210', email: undefined });
    const sent = fake.userDetailsAuth.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/^Bearer /i);
    expect(fake.tokens.has(sent[0])).toBe(true);
  });

  it('the fake (like e-Parichay) refuses a "Bearer " token: the adapter would fail if it sent one', async () => {
    const token = [...fake.tokens.keys()][0] ?? 'none';
    const err = await fetchUserDetails(`${fake.base}/salt/api/oauth2/userdetails`, `Bearer ${token}`).catch((e) => e);
    expect(err).toBeInstanceOf(IdpError);
    expect(err.kind).toBe('invalid');
    expect(await fetchUserDetails(`${fake.base}/salt/api/oauth2/userdetails`, token)).toMatchObject({ loginId: 'asha.verma' });
  });

  it('refuses a wrong PKCE verifier, a wrong state and a replayed code', async () => {
    const p = adapter();
    const back = await authorizeAndReturn(p, 'st-2');
    const badPkce = await p.handleCallback(back, { state: 'st-2', nonce: 'n-1', codeVerifier: `${verifier}x` }).catch((e) => e);
    expect(badPkce).toBeInstanceOf(IdpError);
    expect(badPkce.kind).toBe('invalid');
    const back2 = await authorizeAndReturn(p, 'st-3');
    const badState = await p.handleCallback(back2, { state: 'other', nonce: 'n-1', codeVerifier: verifier }).catch((e) => e);
    expect(badState.kind).toBe('invalid');
    expect(await p.handleCallback(back2, { state: 'st-3', nonce: 'n-1', codeVerifier: verifier })).toMatchObject({ loginId: 'asha.verma' });
    const replay = await p.handleCallback(back2, { state: 'st-3', nonce: 'n-1', codeVerifier: verifier }).catch((e) => e);
    expect(replay.kind).toBe('invalid');
  });

  it('an error answer from e-Parichay is "denied"; an e-Parichay that is down is "unavailable"', async () => {
    const p = adapter();
    const denied = await p.handleCallback(new URL('http://localhost:3000/auth/callback?error=access_denied&state=st-4'), { state: 'st-4', nonce: 'n', codeVerifier: verifier }).catch((e) => e);
    expect(denied.kind).toBe('denied');
    fake.tokenDown = true;
    const back = await authorizeAndReturn(p, 'st-5');
    const down = await p.handleCallback(back, { state: 'st-5', nonce: 'n', codeVerifier: verifier }).catch((e) => e);
    expect(down.kind).toBe('unavailable');
    const nowhere = eParichayProvider({ issuer: 'http://127.0.0.1:9/pnv1', clientId: 'c', allowHttp: true, redirectUri: 'http://localhost:3000/auth/callback', scope: 'openid', userDetailsUrl: 'http://127.0.0.1:9/u' });
    const unreachable = await nowhere.authorizationUrl({ state: 's', nonce: 'n', codeChallenge: challenge }).catch((e) => e);
    expect(unreachable.kind).toBe('unavailable');
  });
});

describe.each(DATABASES)('portal login through the fake e-Parichay on %s', (kind) => {
  let t: TestApp;
  let pub: string;
  beforeAll(async () => {
    t = await testApp(kind, {
      OIDC_ISSUER: fake.base,
      OIDC_CLIENT_ID: 'cscms-portal',
      OIDC_CLIENT_SECRET: 'fake-secret',
      OIDC_DIALECT: 'eparichay',
      OIDC_SCOPE: 'openid',
      EPARICHAY_USERDETAILS_URL: `${fake.base}/salt/api/oauth2/userdetails`,
      RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
    });
    pub = t.config.publicUrl;
  });
  afterAll(async () => t?.close());

  async function login(returnTo = '/') {
    const b = new Browser(mixedSend(t.app, pub));
    const start = await b.get(`${pub}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(302);
    expect(String(start.headers.location).startsWith(`${fake.base}/oauth2/authorize?`)).toBe(true);
    const { res } = await b.follow(start, pub, (u) => u.origin === new URL(pub).origin && !u.pathname.startsWith('/auth/'));
    return { b, res };
  }

  it('matches the e-Parichay loginId to a user, opens a session and audits the login', async () => {
    const p = await makePersona(t, { loginId: 'asha.verma', persona: null as unknown as string, roles: [{ role: 'EMPLOYEE' }] });
    const { b, res } = await login('/profile');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/profile');
    expect(res.setCookies.find((c) => c.startsWith('cscms_sid='))).toMatch(/HttpOnly/i);
    const me = await b.get(`${pub}/api/v1/me`);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body).user.loginId).toBe('asha.verma');
    const audit = await rows<{ action: string; changes: { idp: string; matchedBy: string } }>(t.database.db, sql`SELECT action, changes FROM audit_log WHERE entity_id = ${p.userId}`);
    expect(audit).toMatchObject([{ action: 'session.login', changes: { idp: 'eparichay', matchedBy: 'loginId' } }]);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('falls back to the e-mail when the loginId is unknown', async () => {
    const p = await makePersona(t, { loginId: 'old.login.id', email: 'Ravi.Kumar@nic.in', persona: null as unknown as string });
    fake.person = { loginId: 'ravi.k', FirstName: 'Ravi', LastName: 'Kumar', MobileNo: '9000000000', email: 'ravi.kumar@nic.in' };
    const { b, res } = await login();
    expect(res.headers.location).toBe('/');
    expect(JSON.parse((await b.get(`${pub}/api/v1/me`)).body).user.id).toBe(p.userId);
  });

  it('an unknown person is sent to /unmatched and a disabled one to /account-disabled: no session, no personal data in the URL', async () => {
    fake.person = { loginId: 'nobody.here', FirstName: 'No', LastName: 'Body', MobileNo: '9111111111' };
    const { b, res } = await login('/inbox');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/unmatched');
    expect(res.setCookies.some((c) => c.startsWith('cscms_sid='))).toBe(false);
    expect((await b.get(`${pub}/api/v1/me`)).status).toBe(401);

    await makePersona(t, { loginId: 'gone.away', active: false, persona: null as unknown as string });
    fake.person = { loginId: 'gone.away', FirstName: 'Gone', LastName: 'Away', MobileNo: '9222222222' };
    const d = await login('/inbox');
    expect(d.res.headers.location).toBe('/account-disabled');
    expect(d.res.setCookies.some((c) => c.startsWith('cscms_sid='))).toBe(false);
  });

  it('e-Parichay down at the token or user-details call: 503 problem+json, never a 500', async () => {
    await makePersona(t, { loginId: 'asha.verma.2', persona: null as unknown as string });
    fake.person = { loginId: 'asha.verma.2', FirstName: 'Asha', LastName: 'V', MobileNo: '1' };
    fake.tokenDown = true;
    const a = await login();
    expect(a.res.status).toBe(503);
    expect(a.res.headers['content-type']).toContain('application/problem+json');
    fake.tokenDown = false;
    fake.detailsDown = true;
    const b = await login();
    expect(b.res.status).toBe(503);
    expect(JSON.parse(b.res.body).code).toBe('SERVICE_UNAVAILABLE');
  });
});
