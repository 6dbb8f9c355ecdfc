import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies db/migrations/*.sql in name order, once each, each in its own transaction, on one connection.
 * On PostgreSQL a session advisory lock makes instances that start together take turns.
 * A changed, already-applied file is refused: add a new migration instead.
 */
export async function migrate(database: Database): Promise<string[]> {
  const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  return database.onOneConnection(async (query) => {
    const lock = database.kind === 'postgres';
    if (lock) await query('SELECT pg_advisory_lock(727272)');
    const applied: string[] = [];
    try {
      await query('CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = new Map((await query('SELECT name, checksum FROM schema_migration')).map((r) => [String(r.name), String(r.checksum)]));
      for (const f of files) {
        const text = fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8');
        const sum = createHash('sha256').update(text).digest('hex');
        const prev = done.get(f);
        if (prev) {
          if (prev !== sum) throw new Error(`migration ${f} was changed after it was applied; add a new migration instead`);
          continue;
        }
        try {
          await query(`BEGIN;\n${text}\n;\nINSERT INTO schema_migration (name, checksum) VALUES ('${f.replace(/'/g, "''")}', '${sum}');\nCOMMIT;`);
        } catch (e) {
          await query('ROLLBACK').catch(() => {});
          throw new Error(`migration ${f} failed: ${(e as Error).message}`);
        }
        applied.push(f);
      }
    } finally {
      if (lock) await query('SELECT pg_advisory_unlock(727272)');
    }
    return applied;
  });
}
