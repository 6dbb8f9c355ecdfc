import { recordHash, type AuditRow } from '../src/audit/audit.ts';
import { rows, sql, type Database } from '../src/db/client.ts';

/** A superuser's edit: triggers off, one record changed, triggers on (hashes left as they were). */
export async function tamper(database: Database, seq: number): Promise<void> {
  await database.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
  await database.db.execute(sql`UPDATE audit_log SET reason = 'edited afterwards' WHERE seq = ${seq}`);
  await database.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
}

/** A careful superuser: changes one record and recomputes every hash from it to the head. */
export async function rewrite(database: Database, seq: number): Promise<void> {
  await database.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
  const all = await rows<AuditRow>(database.db, sql`SELECT * FROM audit_log WHERE seq >= ${seq - 1} ORDER BY seq`);
  let prev = all[0].seq === seq ? '0'.repeat(64) : all[0].hash;
  for (const r of all) {
    if (r.seq < seq) continue;
    const changed = r.seq === seq ? { ...r, reason: 'quietly rewritten', prev_hash: prev } : { ...r, prev_hash: prev };
    const { hash: _old, ...rest } = changed;
    const hash = recordHash(rest);
    await database.db.execute(sql`UPDATE audit_log SET reason = ${changed.reason}, prev_hash = ${prev}, hash = ${hash} WHERE seq = ${r.seq}`);
    prev = hash;
  }
  await database.db.execute(sql`UPDATE audit_head SET hash = ${prev} WHERE id = 1`);
  await database.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
}
