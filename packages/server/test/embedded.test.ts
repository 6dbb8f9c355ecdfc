import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase, rows, sql } from '../src/db/client.ts';
import { as, makeUser, testApp } from './harness.ts';

describe('embedded database (PGlite) on disk', () => {
  it('refuses a second process on the same data directory with a clear message, keeps data across restarts, and takes over a stale lock', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cscms-lock-')), 'pg');
    const first = await openDatabase({ dataDir: dir });
    try {
      await first.exec("INSERT INTO setting (key, value) VALUES ('probe', '1'::jsonb)");
      // a second process (a real one: PGlite has no lock of its own)
      const script = `import { openDatabase } from ${JSON.stringify(path.resolve('packages/server/src/db/client.ts'))};
        try { await openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log('OPENED'); process.exit(0); }
        catch (e) { console.log(e.constructor.name + ': ' + e.message); process.exit(3); }`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(3);
      expect(r.stdout).toContain('DataDirLockedError');
      expect(r.stdout).toContain(`pid ${process.pid}`);
      // in this process too
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(`${dir}.lock`)).toBe(false); // closing released it
    fs.writeFileSync(`${dir}.lock`, '999999999'); // a crashed process's lock
    const again = await openDatabase({ dataDir: dir });
    try {
      expect(await rows(again.db, sql`SELECT value FROM setting WHERE key = 'probe'`)).toEqual([{ value: 1 }]);
    } finally {
      await again.close();
    }
  });
});

describe('API rate limit', () => {
  it('answers 429 problem+json with Retry-After past the limit', async () => {
    const t = await testApp('pglite', { RATE_LIMIT_API_PER_MINUTE: '5' });
    try {
      const u = await makeUser(t, { roles: [{ role: 'EMPLOYEE' }] });
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await as(t, u, { url: '/api/v1/me' })).statusCode);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const r = await as(t, u, { url: '/api/v1/me' });
      expect(r.statusCode).toBe(429);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe('RATE_LIMITED');
      expect(r.headers['retry-after']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
