import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, as, makeUser, testApp, type TestApp } from './harness.ts';
import { appendAudit, verifyChain } from '../src/audit/audit.ts';
import { auditSigningKey, checkSignedHead, headMessage, type SignedHead } from '../src/audit/signing.ts';
import { one, rows, sql, type Executor } from '../src/db/client.ts';
import { rewrite, tamper } from './audit-helpers.ts';

describe.each(DATABASES)('audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  let ca: Awaited<ReturnType<typeof makeUser>>;
  let emp: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    t = await testApp(kind);
    admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
    ca = await makeUser(t, { roles: [{ role: 'CADRE_AUTHORITY', cadres: ['CSS'] }] });
    emp = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
    await t.database.db.execute(sql`UPDATE app_user SET display_name = 'Asha Admin' WHERE id = ${admin.userId}`);
    const base = t.clock.now().getTime();
    for (let i = 0; i < 12; i++) {
      await t.app.tx((tx) =>
        appendAudit(
          tx,
          { actor: { kind: 'USER', userId: i % 2 ? admin.userId : ca.userId, role: i % 2 ? 'ADMIN' : 'CADRE_AUTHORITY' }, requestId: `req-${i}`, clientIp: '10.0.0.1', at: new Date(base + i * 86_400_000) },
          { entity: i < 8 ? 'employee' : 'order', entityId: `E${i % 3}`, action: i % 4 === 0 ? 'create' : 'update', changes: { n: { before: i, after: i + 1 } }, reason: i === 5 ? 'correction' : null },
        ),
      );
    }
  });
  afterAll(async () => t?.close());

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    await expect(t.database.db.execute(sql`UPDATE audit_log SET reason = 'x' WHERE seq = 1`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow();
    await expect(t.database.exec('TRUNCATE audit_log')).rejects.toThrow();
    expect((await one<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log`))?.n).toBe(12);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('GET /api/v1/audit filters by entity, record, actor, action and dates (IST days), newest first, paged', async () => {
    const all = await as(t, ca, { url: '/api/v1/audit?pageSize=5' });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 12, page: 1, pageSize: 5 });
    expect(all.json().items.map((i: { seq: number }) => i.seq)).toEqual([12, 11, 10, 9, 8]);
    const one_ = all.json().items[0];
    expect(one_).toMatchObject({ seq: 12, actorUserId: admin.userId, actorName: 'Asha Admin', actorRole: 'ADMIN', actorKind: 'USER', entity: 'order', entityId: 'E2', action: 'update', requestId: 'req-11', clientIp: '10.0.0.1', changes: { n: { before: 11, after: 12 } }, reason: null });
    const q = async (qs: string) => (await as(t, admin, { url: `/api/v1/audit?${qs}` })).json() as { total: number; items: Array<{ seq: number }> };
    expect((await q('entity=employee')).total).toBe(8);
    expect((await q('entity=employee&entityId=E0')).items.map((i) => i.seq)).toEqual([7, 4, 1]);
    expect((await q(`actorUserId=${admin.userId}`)).total).toBe(6);
    expect((await q('action=create')).items.map((i) => i.seq)).toEqual([9, 5, 1]);
    // record i is at 2026-01-15T05:30Z + i days = 11:00 IST that day
    expect((await q('from=2026-01-16&to=2026-01-17')).items.map((i) => i.seq)).toEqual([3, 2]);
    expect((await q('from=2026-01-16T05:30:00Z&to=2026-01-16T05:30:00Z')).items.map((i) => i.seq)).toEqual([2]);
    expect((await q('page=3&pageSize=5')).items.map((i) => i.seq)).toEqual([2, 1]);
    expect((await q('pageSize=100')).items.find((i) => i.seq === 6)).toMatchObject({ reason: 'correction' });
  });

  it('bad filters are 400 naming the field; an employee may not read the trail; only the administrator exports the head', async () => {
    const bad = await as(t, admin, { url: '/api/v1/audit?actorUserId=not-a-uuid' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toContain('actorUserId');
    expect((await as(t, admin, { url: '/api/v1/audit?from=yesterday' })).statusCode).toBe(400);
    expect((await as(t, admin, { url: '/api/v1/audit?from=2026-02-01&to=2026-01-01' })).json().field).toBe('to');
    expect((await as(t, admin, { url: '/api/v1/audit?pageSize=1000' })).statusCode).toBe(400);
    expect((await as(t, emp, { url: '/api/v1/audit' })).statusCode).toBe(403);
    expect((await as(t, emp, { url: '/api/v1/audit/verify' })).statusCode).toBe(403);
    expect((await as(t, ca, { url: '/api/v1/audit/head' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/audit' })).statusCode).toBe(401);
  });

  it('the signed head verifies with its public key; tampering is named by verify; a full rewrite passes verifyChain but fails the signed head', async () => {
    const v = await as(t, ca, { url: '/api/v1/audit/verify' });
    expect(v.json()).toMatchObject({ ok: true, checked: 12, head: { seq: 12 } });
    const r = await as(t, admin, { url: '/api/v1/audit/head' });
    expect(r.statusCode).toBe(200);
    const head = r.json() as SignedHead;
    expect(head).toMatchObject({ seq: 12, algorithm: 'Ed25519', at: t.clock.now().toISOString() });
    expect(head.hash).toBe(v.json().head.hash);
    expect(verify(null, headMessage(head), createPublicKey(head.publicKey), Buffer.from(head.signature, 'base64'))).toBe(true);
    expect(await checkSignedHead(t.database.db, head)).toEqual({ ok: true });
    expect((await checkSignedHead(t.database.db, { ...head, seq: 11 })).ok).toBe(false); // altered file
    // the same key signs every export of this app
    expect((await as(t, admin, { url: '/api/v1/audit/head' })).json().publicKey).toBe(head.publicKey);

    await rewrite(t.database, 5);
    expect((await verifyChain(t.database.db)).ok).toBe(true); // hashes were recomputed: the chain alone cannot tell
    const c = await checkSignedHead(t.database.db, head, { trustedPublicKey: head.publicKey });
    expect(c.ok).toBe(false);
    expect(c.why).toContain('rewritten');

    await tamper(t.database, 7);
    const after = await as(t, ca, { url: '/api/v1/audit/verify' });
    expect(after.json()).toMatchObject({ ok: false, checked: 6, firstBad: { seq: 7, why: 'content does not match its hash' } });
  });
});

describe.each(DATABASES)('audit chain under concurrent writers on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it('40 parallel transactions appending 3 records each keep one unbroken chain', async () => {
    const now = t.clock.now();
    const work = Array.from({ length: 40 }, (_, i) =>
      t.app.tx(async (tx: Executor) => {
        for (let k = 0; k < 3; k++) {
          await appendAudit(tx, { actor: { kind: 'SYSTEM' }, at: now }, { entity: 'test', entityId: `w${i}`, action: `step${k}` });
          await tx.execute(sql`SELECT 1`);
        }
      }),
    );
    await Promise.all(work);
    const r = await verifyChain(t.database.db);
    expect(r).toMatchObject({ ok: true, checked: 120, head: { seq: 120 } });
    // each transaction's records are consecutive: appends queue on the head row
    const seqs = await rows<{ entity_id: string; s: number[] }>(t.database.db, sql`SELECT entity_id, array_agg(seq ORDER BY seq) AS s FROM audit_log GROUP BY entity_id`);
    for (const { s } of seqs) expect(s[2] - s[0]).toBe(2);
  });
});

describe('the configured audit signing key', () => {
  it('signs with AUDIT_SIGNING_KEY (PEM, newlines escaped or not); a key that is not Ed25519 is refused clearly', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const t = await testApp('pglite', { AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n') });
    try {
      const admin = await makeUser(t, { roles: [{ role: 'ADMIN' }] });
      const head = (await as(t, admin, { url: '/api/v1/audit/head' })).json() as SignedHead;
      expect(head.publicKey).toBe(publicKey.export({ type: 'spki', format: 'pem' }).toString());
      expect(await checkSignedHead(t.database.db, head, { trustedPublicKey: head.publicKey })).toEqual({ ok: true });
    } finally {
      await t.close();
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cfg = (k: string) => ({ auditSigningKey: k, env: 'test' as const, dataDir: '/nonexistent' });
    expect(() => auditSigningKey(cfg(rsa))).toThrow('must be an Ed25519 private key');
    expect(() => auditSigningKey(cfg('-----BEGIN PRIVATE KEY-----\nnonsense\n-----END PRIVATE KEY-----'))).toThrow('not a readable PEM private key');
    expect(() => auditSigningKey(cfg('/no/such/key.pem'))).toThrow('neither a PEM private key nor the path of one');
  });
});
