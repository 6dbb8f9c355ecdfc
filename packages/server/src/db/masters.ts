import { CADRES, GRADES } from '@cscms/domain';
import { sql, type Executor } from './client.ts';

/** Keeps the cadre and grade masters equal to the domain's tables (idempotent; runs at every start). */
export async function syncMasters(ex: Executor): Promise<void> {
  await ex.transaction(async (tx) => {
    for (const c of CADRES) {
      await tx.execute(sql`INSERT INTO cadre (code, name_en, name_hi, authority) VALUES (${c.code}, ${c.en}, ${c.hi}, ${c.authority})
        ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_hi = EXCLUDED.name_hi, authority = EXCLUDED.authority`);
    }
    for (const g of GRADES) {
      await tx.execute(sql`INSERT INTO grade (code, cadre, abbrev, name_en, name_hi, service_group, gazetted, pay_level, rank)
        VALUES (${g.code}, ${g.cadre}, ${g.abbrev}, ${g.en}, ${g.hi}, ${g.group}, ${g.gazetted}, ${g.level}, ${g.rank})
        ON CONFLICT (code) DO UPDATE SET abbrev = EXCLUDED.abbrev, name_en = EXCLUDED.name_en, name_hi = EXCLUDED.name_hi,
          service_group = EXCLUDED.service_group, gazetted = EXCLUDED.gazetted, pay_level = EXCLUDED.pay_level, rank = EXCLUDED.rank`);
    }
  });
}
