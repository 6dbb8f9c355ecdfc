import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import { syncMasters } from '../src/db/masters.ts';
import { Browser, devIdpLogin, httpSend, makePersona } from './auth-helpers.ts';
import { DATABASES, freshDatabase, TestClock, type TestApp } from './harness.ts';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

describe.each(DATABASES)('dev IdP round trip over real HTTP on %s', (kind) => {
  let app: FastifyInstance;
  let database: Database;
  let pub: string;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    await syncMasters(database.db);
    const port = await freePort();
    pub = `http://127.0.0.1:${port}`;
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: pub, HOST: '127.0.0.1', PORT: String(port), SEED_EMPLOYEES: '0', JOBS: 'false', LOG_LEVEL: 'silent' });
    app = await buildApp({ config, database, clock: new TestClock(new Date().toISOString()), logger: false });
    await app.listen({ host: '127.0.0.1', port });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('a browser logs in as a persona, uses the API, and logs out', async () => {
    const t = { app, database } as unknown as TestApp;
    const p = await makePersona(t, { persona: 'admin', roles: [{ role: 'ADMIN' }] });
    const discovery = await fetch(`${pub}/dev-idp/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const meta = (await discovery.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(`${pub}/dev-idp`);
    expect(meta.authorization_endpoint).toBe(`${pub}/dev-idp/auth`);
    expect(meta.token_endpoint).toBe(`${pub}/dev-idp/token`);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);

    const b = new Browser(httpSend);
    const { final, picker } = await devIdpLogin(b, pub, p.loginId, '/admin');
    expect(picker.status).toBe(200);
    expect(final.status).toBe(302);
    expect(final.headers.location).toBe('/admin');
    const me = await b.get(`${pub}/api/v1/me`);
    expect(me.status).toBe(200);
    const body = JSON.parse(me.body) as { user: { loginId: string }; csrfToken: string };
    expect(body.user.loginId).toBe(p.loginId);
    const list = await b.get(`${pub}/api/v1/admin/users?q=${encodeURIComponent(p.loginId)}`);
    expect(JSON.parse(list.body).total).toBe(1);

    const out = await b.request('POST', `${pub}/auth/logout`, { headers: { 'x-csrf-token': body.csrfToken } });
    expect(out.status).toBe(204);
    expect(b.cookie('cscms_sid')).toBeUndefined();
    // logging in again shows the picker again (prompt=login), so another persona can be chosen
    const again = await devIdpLogin(b, pub, p.loginId, '/');
    expect(again.picker.body).toContain('Choose a person');
    expect(again.final.status).toBe(302);
  });
});

import { testApp as makeTestApp } from './harness.ts';
import { describe as d2, expect as e2, it as i2 } from 'vitest';
d2('a failed login seen in a browser', () => {
  i2('goes back to the login page with a reason instead of a problem document; API clients still get problem+json', async () => {
    const t = await makeTestApp('pglite');
    try {
      const browser = await t.app.inject({ url: '/auth/callback?state=unknown&code=x', headers: { accept: 'text/html,application/xhtml+xml' } });
      e2(browser.statusCode).toBe(303);
      e2(browser.headers.location).toMatch(/^\/\?login=failed&reason=/);
      const api = await t.app.inject({ url: '/auth/callback?state=unknown&code=x', headers: { accept: 'application/json' } });
      e2(api.statusCode).toBeGreaterThanOrEqual(400);
      e2(api.statusCode).toBeLessThan(500);
      e2(api.headers['content-type']).toContain('application/problem+json');
    } finally {
      await t.close();
    }
  });
});
