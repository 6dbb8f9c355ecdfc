import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Executor } from '../db/client.ts';
import { ORDERS, RULE_VERSIONS, type CatalogueOrder } from './catalogue.ts';

/** a text[] parameter (drizzle would spread a JS array into a row) */
export function textArray(xs: readonly string[]) {
  return xs.length ? sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;
}

const TEXTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'texts');

export function orderBody(o: CatalogueOrder): string {
  if (o.textFile) return fs.readFileSync(path.join(TEXTS, o.textFile), 'utf8');
  return o.citingText ?? '';
}

/**
 * Keeps the catalogue's orders and rule versions in the library (idempotent; runs at every start).
 * A record an administrator added (source ADMIN) is never overwritten.
 */
export async function seedOrders(ex: Executor): Promise<void> {
  await ex.transaction(async (tx) => {
    for (const o of ORDERS) {
      const fullText = !!o.textFile;
      await tx.execute(sql`
        INSERT INTO legal_order (code, aliases, number, order_date, department, subject, body, kind, full_text, source, note)
        VALUES (${o.code}, ${textArray(o.aliases ?? [])}, ${o.number}, ${o.date}, ${o.department}, ${o.subject}, ${orderBody(o)}, ${o.kind}, ${fullText}, ${o.source}, ${o.note ?? null})
        ON CONFLICT (code) DO UPDATE SET aliases = EXCLUDED.aliases, number = EXCLUDED.number, order_date = EXCLUDED.order_date, department = EXCLUDED.department,
          subject = EXCLUDED.subject, body = EXCLUDED.body, kind = EXCLUDED.kind, full_text = EXCLUDED.full_text, note = EXCLUDED.note
        WHERE legal_order.source <> 'ADMIN'
          AND (legal_order.aliases, legal_order.number, legal_order.order_date, legal_order.department, legal_order.subject, legal_order.body, legal_order.kind, legal_order.full_text, legal_order.note)
              IS DISTINCT FROM (EXCLUDED.aliases, EXCLUDED.number, EXCLUDED.order_date, EXCLUDED.department, EXCLUDED.subject, EXCLUDED.body, EXCLUDED.kind, EXCLUDED.full_text, EXCLUDED.note)`);
    }
    for (const v of RULE_VERSIONS) {
      await tx.execute(sql`
        INSERT INTO rule_version (rule_key, effective_from, order_id, para, parameters)
        SELECT ${v.ruleKey}, ${v.from}, id, ${v.para ?? null}, ${JSON.stringify(v.parameters)}::jsonb FROM legal_order WHERE code = ${v.orderCode}
        ON CONFLICT (rule_key, effective_from, order_id) DO NOTHING`);
    }
  });
}
