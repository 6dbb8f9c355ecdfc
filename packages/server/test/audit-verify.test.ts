import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/audit/audit.ts';
import { auditSigningKey, exportSignedHead, KEY_FILE } from '../src/audit/signing.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { rewrite, tamper } from './audit-helpers.ts';

/** each test starts node processes that boot PGlite: generous on a loaded machine */
const SLOW = 180_000;
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/scripts/audit-verify.ts');

/** npm run audit:verify on an embedded database in a temporary DATA_DIR. */
function runVerify(dataDir: string, args: string[] = []): Promise<{ code: number; out: string }> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.AUDIT_SIGNING_KEY;
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { env, timeout: 150_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

describe('npm run audit:verify (embedded database)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cscms-audit-'));
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
  const headFile = path.join(dir, 'head.json');
  let db: Database | undefined;
  const open = async () => (db = await openDatabase({ dataDir: path.join(dir, 'pg') }));
  const close = async () => {
    await db?.close();
    db = undefined;
  };

  beforeAll(async () => {
    await open();
    const at = new Date('2026-01-15T05:30:00Z');
    for (let i = 0; i < 6; i++) {
      await db!.db.transaction((tx) => appendAudit(tx as never, { actor: { kind: 'SYSTEM' }, at }, { entity: 'test', entityId: String(i), action: 'create' }));
    }
    const key = auditSigningKey(config)!;
    fs.writeFileSync(headFile, JSON.stringify(await exportSignedHead(db!.db, key, at)));
    await close();
  });
  afterAll(async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, SLOW);

  it('keeps a generated signing key in the data directory, readable by its owner only', () => {
    const st = fs.statSync(path.join(dir, KEY_FILE));
    expect(st.mode & 0o777).toBe(0o600);
    expect(auditSigningKey(config)!.asymmetricKeyType).toBe('ed25519');
  }, SLOW);

  it('prints OK with the count and head, and checks a signed head', async () => {
    const r = await runVerify(dir, ['--head', headFile]);
    expect(r.out).toMatch(/OK: audit chain .* holds: 6 records, head seq 6 hash [0-9a-f]{64}/);
    expect(r.out).toContain("matches the chain; key fingerprint");
    expect(r.out).toContain("this installation's key");
    expect(r.code).toBe(0);
  }, SLOW);

  it('says clearly that the running portal must be stopped while it holds the embedded database', async () => {
    await open();
    try {
      const r = await runVerify(dir);
      expect(r.code).toBe(3);
      expect(r.out).toContain('stop the running portal');
    } finally {
      await close();
    }
  }, SLOW);

  it('a rewrite with recomputed hashes passes the chain walk but fails the signed head (exit 1)', async () => {
    await open();
    await rewrite(db!, 3);
    await close();
    const plain = await runVerify(dir);
    expect(plain.code).toBe(0);
    const withHead = await runVerify(dir, ['--head', headFile]);
    expect(withHead.code).toBe(1);
    expect(withHead.out).toContain('BAD: signed head');
    expect(withHead.out).toContain('record 6 no longer has the hash');
  }, SLOW);

  it('names the first bad record of a tampered chain (exit 1); bad arguments exit 2', async () => {
    await open();
    await tamper(db!, 4);
    await close();
    const r = await runVerify(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('broken at record 4: content does not match its hash');
    expect((await runVerify(dir, ['--bogus'])).code).toBe(2);
    expect((await runVerify(dir, ['--head', path.join(dir, 'missing.json')])).code).toBe(2);
  }, SLOW);
});
