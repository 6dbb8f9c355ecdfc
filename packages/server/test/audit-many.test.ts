// appendAuditMany: several records in two statements, chained exactly as appendAudit chains one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, appendAuditMany, type AuditContext, verifyChain } from '../src/audit/audit.ts';
import { rows, sql } from '../src/db/client.ts';
import { DATABASES, testApp, type TestApp } from './harness.ts';

describe.each(DATABASES)('appendAuditMany on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  const ctx = (i: number): AuditContext => ({ actor: { kind: 'SYSTEM' }, requestId: `r-${i}`, clientIp: null, at: new Date(Date.UTC(2026, 10, 23, 10, 0, i)) });
  const entries = (n: number, tag: string) =>
    Array.from({ length: n }, (_, k) => ({ entity: 'profile', entityId: `${tag}-${k}`, action: 'profile.validate.bulk', changes: { b: { x: k, a: [1, 'अ'] }, state: { before: 'SUBMITTED', after: 'VALIDATED' } }, reason: k % 2 ? 'r' : null }));

  it('numbers the records one after another, between single appends, and the chain verifies', async () => {
    const before = (await verifyChain(t.database.db)).head.seq;
    const one = await t.app.tx((tx) => appendAudit(tx, ctx(1), entries(1, 'single')[0]));
    const many = await t.app.tx((tx) => appendAuditMany(tx, ctx(2), entries(5, 'many')));
    const after = await t.app.tx((tx) => appendAudit(tx, ctx(3), entries(1, 'after')[0]));
    expect(one).toBe(before + 1);
    expect(many).toEqual([before + 2, before + 3, before + 4, before + 5, before + 6]);
    expect(after).toBe(before + 7);
    const v = await verifyChain(t.database.db);
    expect(v).toMatchObject({ ok: true, head: { seq: before + 7 } });
    const got = await rows<{ entity_id: string }>(t.database.db, sql`SELECT entity_id FROM audit_log WHERE seq BETWEEN ${before + 2} AND ${before + 6} ORDER BY seq`);
    expect(got.map((r) => r.entity_id)).toEqual(['many-0', 'many-1', 'many-2', 'many-3', 'many-4']);
  });

  it('rolls back with its transaction (no gap, no fork)', async () => {
    const before = (await verifyChain(t.database.db)).head.seq;
    await expect(
      t.app.tx(async (tx) => {
        await appendAuditMany(tx, ctx(4), entries(3, 'gone'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await t.app.tx((tx) => appendAuditMany(tx, ctx(5), entries(2, 'kept')));
    expect(await verifyChain(t.database.db)).toMatchObject({ ok: true, head: { seq: before + 2 } });
  });

  it('concurrent transactions of single and many appends keep one unbroken chain', async () => {
    const before = (await verifyChain(t.database.db)).head.seq;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.app.tx<unknown>((tx) => (i % 3 === 0 ? appendAudit(tx, ctx(10 + i), entries(1, `c${i}`)[0]) : appendAuditMany(tx, ctx(10 + i), entries(1 + (i % 4), `c${i}`)))),
      ),
    );
    const added = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? 1 : 1 + (i % 4))).reduce((a, b) => a + b, 0);
    expect(await verifyChain(t.database.db)).toMatchObject({ ok: true, checked: before + added, head: { seq: before + added } });
  });
});
