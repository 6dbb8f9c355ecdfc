// appendAuditMany: several records chained exactly as appendAudit chains one (on PostgreSQL every append of a
// transaction goes with its COMMIT; on PGlite the many take two statements).
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
    Array.from({ length: n }, (_, k) => ({ entity: 'profile', entityId: `${tag}-${k}`, action: 'profile.validate.bulk', changes: { b: { x: k, a: [1, 'अ'] }, state: { before: 'SUBMITTED', after: 'VALIDATED' } }, reason: k % 2 ? "it's a \\ quoted 'test' अ $1 E'\\n'" : null }));

  it('numbers the records one after another, between single appends, and the chain verifies', async () => {
    const before = (await verifyChain(t.database.db)).head.seq;
    await t.app.tx((tx) => appendAudit(tx, ctx(1), entries(1, 'single')[0]));
    await t.app.tx((tx) => appendAuditMany(tx, ctx(2), entries(5, 'many')));
    await t.app.tx((tx) => appendAudit(tx, ctx(3), entries(1, 'after')[0]));
    const order = await rows<{ seq: number; entity_id: string }>(t.database.db, sql`SELECT seq, entity_id FROM audit_log WHERE seq > ${before} ORDER BY seq`);
    expect(order).toEqual(['single-0', 'many-0', 'many-1', 'many-2', 'many-3', 'many-4', 'after-0'].map((id, i) => ({ seq: before + 1 + i, entity_id: id })));
    const v = await verifyChain(t.database.db);
    expect(v).toMatchObject({ ok: true, head: { seq: before + 7 } });
  });

  it.runIf(kind === 'postgres')('an append takes the chain lock only with its COMMIT: a slow transaction does not hold up other writers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = t.app.tx(async (tx) => {
      await appendAudit(tx, ctx(30), entries(1, 'slow')[0]);
      await gate;
    });
    const fast = await Promise.race([
      t.app.tx((tx) => appendAudit(tx, ctx(31), entries(1, 'fast')[0])).then(() => 'committed'),
      new Promise((r) => setTimeout(() => r('blocked'), 3000)),
    ]);
    expect(fast).toBe('committed');
    release();
    await slow;
    expect(await verifyChain(t.database.db)).toMatchObject({ ok: true });
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
        t.app.tx((tx) => (i % 3 === 0 ? appendAudit(tx, ctx(10 + i), entries(1, `c${i}`)[0]) : appendAuditMany(tx, ctx(10 + i), entries(1 + (i % 4), `c${i}`)))),
      ),
    );
    const added = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? 1 : 1 + (i % 4))).reduce((a, b) => a + b, 0);
    expect(await verifyChain(t.database.db)).toMatchObject({ ok: true, checked: before + added, head: { seq: before + added } });
  });
});
