import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeMinistry, makeUser, testApp, type TestApp } from './harness.ts';
import { verifyChain } from '../src/audit/audit.ts';
import { one, sql } from '../src/db/client.ts';
import { seedOrders } from '../src/orders/seed.ts';
import { ORDERS } from '../src/orders/catalogue.ts';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DA_NOTIFIED } from '@cscms/domain/da';

/** Every literal orderId the domain engines cite (their citations link to the library by it). */
function citedOrderIds(): string[] {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../domain/src');
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/orderId: '([^']+)'/g)) ids.add(m[1]);
    }
  };
  walk(root);
  for (const r of Object.values(DA_NOTIFIED).flat()) if (r.citation.orderId) ids.add(r.citation.orderId);
  return [...ids];
}

describe.each(DATABASES)('orders library on %s', (kind) => {
  let t: TestApp;
  let employee: Awaited<ReturnType<typeof makeUser>>;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    t = await testApp(kind);
    await seedOrders(t.database.db);
    await seedOrders(t.database.db); // idempotent
    const m = await makeMinistry(t);
    employee = await makeUser(t, { roles: [{ role: 'EMPLOYEE', ministryId: m }] });
    admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
  });
  afterAll(async () => t?.close());

  it('seeds every catalogue order once, the seed documents split into separate orders', async () => {
    const n = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM legal_order`);
    expect(n?.n).toBe(ORDERS.length);
    expect(new Set(ORDERS.map((o) => o.code)).size).toBe(ORDERS.length);
    for (const code of ['MACPS-CLAR-2010', 'CCL-2010', 'CSCMS-REVAMP-2022', 'MACPS-2009', 'MACPS-7CPC-2016', 'PFV-2015', 'VIGILANCE-2024', 'ROTATION-CSS-2022']) {
      expect((await as(t, employee, { url: `/api/v1/orders/${code}` })).statusCode).toBe(200);
    }
    const clar = (await as(t, employee, { url: '/api/v1/orders/MACPS-CLAR-2010' })).json();
    expect(clar).toMatchObject({ number: 'O.M. No. 35034/3/2008-Estt.(D)', date: '2010-09-09', fullText: true });
    expect(clar.text).toContain('whether this would have consequential effect');
    expect(clar.text).not.toContain('Kendriya Vidyalaya');
    const om = (await as(t, employee, { url: '/api/v1/orders/MACPS-2009' })).json();
    expect(om.fullText).toBe(false);
    expect(om.note).toMatch(/not in the seed/);
    expect(om.ruleVersions.map((v: { ruleKey: string }) => v.ruleKey)).toContain('macp.scheme');
  });

  it("finds 'child care leave' in the CCL O.M. with a highlight, first", async () => {
    const r = await as(t, employee, { url: '/api/v1/orders?q=child%20care%20leave' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBeGreaterThan(0);
    const ccl = body.items.find((i: { code: string }) => i.code === 'CCL-2010');
    expect(ccl).toBeDefined();
    expect(ccl.snippet).toMatch(/«Child» «Care» «Leave»|«Child»/);
    expect(ccl.subjectHighlighted).toContain('«Child»');
    expect(body.items.slice(0, 3).map((i: { code: string }) => i.code)).toContain('CCL-2010');
    expect(body.items.every((i: { snippet: string }) => !/[<>]/.test(i.snippet ?? ''))).toBe(true);
  });

  it('takes web-search syntax and nonsense without a 500', async () => {
    for (const q of ['"deferred upgradation"', 'MACPS -leave', '(((', '"', 'the', "' OR 1=1 --", '<script>alert(1)</script>']) {
      const r = await as(t, employee, { url: `/api/v1/orders?q=${encodeURIComponent(q)}` });
      expect(r.statusCode, q).toBe(200);
    }
    const phrase = (await as(t, employee, { url: `/api/v1/orders?q=${encodeURIComponent('"financial upgradation"')}` })).json();
    expect(phrase.items[0].code).toMatch(/MACPS/);
    const long = await as(t, employee, { url: `/api/v1/orders?q=${'x'.repeat(500)}` });
    expect(long.statusCode).toBe(400);
    const paged = (await as(t, employee, { url: '/api/v1/orders?page=2&pageSize=5' })).json();
    expect(paged.items).toHaveLength(5);
    expect(paged.total).toBe(ORDERS.length);
  });

  it('resolves the keys the engines cite (aliases) and 404s an unknown code', async () => {
    const r = await as(t, employee, { url: '/api/v1/orders/DOPT-35034-3-2008-ESTT-D-2010-09-09' });
    expect(r.statusCode).toBe(200);
    expect(r.json().code).toBe('MACPS-CLAR-2010');
    const nf = await as(t, employee, { url: '/api/v1/orders/NO-SUCH-ORDER' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().code).toBe('NOT_FOUND');
  });

  it('lets only the administrator add an order and attach a rule version, audited', async () => {
    const order = { code: 'CCL-TEST-2025', number: 'O.M. No. 1/2/2025-Estt.(L)', date: '2025-01-02', department: 'DoPT', subject: 'Test order on sabbatical', text: 'Sabbatical leave test text.' };
    const denied = await as(t, employee, { method: 'POST', url: '/api/v1/orders', payload: order });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('FORBIDDEN');
    const bad = await as(t, admin, { method: 'POST', url: '/api/v1/orders', payload: { ...order, date: '2025-02-30' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('date');
    const ok = await as(t, admin, { method: 'POST', url: '/api/v1/orders', payload: order });
    expect(ok.statusCode).toBe(201);
    const dup = await as(t, admin, { method: 'POST', url: '/api/v1/orders', payload: order });
    expect(dup.statusCode).toBe(409);
    const found = (await as(t, employee, { url: '/api/v1/orders?q=sabbatical' })).json();
    expect(found.items[0].code).toBe('CCL-TEST-2025');

    const rv = { ruleKey: 'ccl.minSpellDays', effectiveFrom: '2025-01-02', parameters: { days: 7 } };
    expect((await as(t, employee, { method: 'POST', url: '/api/v1/orders/CCL-TEST-2025/rule-versions', payload: rv })).statusCode).toBe(403);
    const added = await as(t, admin, { method: 'POST', url: '/api/v1/orders/CCL-TEST-2025/rule-versions', payload: rv });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ ruleKey: 'ccl.minSpellDays', effectiveFrom: '2025-01-02', parameters: { days: 7 } });
    expect((await as(t, admin, { method: 'POST', url: '/api/v1/orders/CCL-TEST-2025/rule-versions', payload: rv })).statusCode).toBe(409);
    expect((await as(t, admin, { method: 'POST', url: '/api/v1/orders/NOPE-1/rule-versions', payload: rv })).statusCode).toBe(404);
    const doc = (await as(t, employee, { url: '/api/v1/orders/CCL-TEST-2025' })).json();
    expect(doc.ruleVersions).toHaveLength(1);
    expect(doc.source).toBe('ADMIN');

    const audits = await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('order.add', 'rule_version.add')`);
    expect(audits?.n).toBe(2);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
    // a re-seed leaves the administrator's order alone
    await seedOrders(t.database.db);
    expect((await as(t, employee, { url: '/api/v1/orders/CCL-TEST-2025' })).json().text).toBe('Sabbatical leave test text.');
  });

  it('resolves every order the domain engines cite', async () => {
    const ids = citedOrderIds();
    expect(ids.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const id of ids) if ((await as(t, employee, { url: `/api/v1/orders/${encodeURIComponent(id)}` })).statusCode !== 200) missing.push(id);
    expect(missing).toEqual([]);
  });

  it('documents the rule-engine routes in OpenAPI, with the integration schemas', async () => {
    const r = await t.app.inject({ url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    for (const p of ['/api/v1/orders', '/api/v1/orders/{code}', '/api/v1/me/career', '/api/v1/employees/{id}/career', '/api/v1/macp/due', '/api/v1/ccl/check', '/api/v1/ccl/applications', '/api/v1/ccl/applications/{id}/decide', '/api/v1/rules/macp/evaluate', '/api/v1/rules/ccl/evaluate']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    const body = doc.paths['/api/v1/rules/macp/evaluate'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toContain('promotions');
    expect(doc.paths['/api/v1/rules/macp/evaluate'].post.responses['422'] ?? doc.paths['/api/v1/rules/macp/evaluate'].post.responses['4XX']).toBeDefined();
  });

  it('refuses the orders library without a session', async () => {
    expect((await t.app.inject({ url: '/api/v1/orders' })).statusCode).toBe(401);
  });
});
