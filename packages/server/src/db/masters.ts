import { CADRES, GRADES, PAY_MATRIX } from '@cscms/domain';
import { sql, type Executor } from './client.ts';
import { MINISTRIES } from './data/ministries.ts';

/**
 * Keeps the masters equal to the code's tables (idempotent; runs at every start; one multi-row statement per
 * table, rows passed as one JSON parameter so the whole sync is a handful of round trips):
 * cadres and grades (rules.md §1), the 7th CPC pay matrix (PAY_MATRIX of the domain), and the Ministries
 * (db/data/ministries.ts). A Ministry an administrator has edited (updated_at set) keeps the edit.
 */
export async function syncMasters(ex: Executor): Promise<void> {
  const cadres = CADRES.map((c) => ({ code: c.code, en: c.en, hi: c.hi, authority: c.authority }));
  const grades = GRADES.map((g) => ({ code: g.code, cadre: g.cadre, abbrev: g.abbrev, en: g.en, hi: g.hi, grp: g.group, gazetted: g.gazetted, level: g.level, rank: g.rank }));
  const cells = Object.entries(PAY_MATRIX).flatMap(([level, amounts]) => amounts.map((amount, i) => ({ level, cell: i + 1, amount })));
  const ministries = MINISTRIES.map((m) => ({ id: m.id, code: m.code, en: m.en, hi: m.hi, grp: m.rotationGroup, reduced: m.reducedTenure }));
  await ex.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO cadre (code, name_en, name_hi, authority)
      SELECT code, en, hi, authority FROM json_to_recordset(${JSON.stringify(cadres)}::json) AS x(code text, en text, hi text, authority text)
      ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_hi = EXCLUDED.name_hi, authority = EXCLUDED.authority
      WHERE (cadre.name_en, cadre.name_hi, cadre.authority) IS DISTINCT FROM (EXCLUDED.name_en, EXCLUDED.name_hi, EXCLUDED.authority)`);
    await tx.execute(sql`INSERT INTO grade (code, cadre, abbrev, name_en, name_hi, service_group, gazetted, pay_level, rank)
      SELECT code, cadre, abbrev, en, hi, grp, gazetted, level, rank
        FROM json_to_recordset(${JSON.stringify(grades)}::json) AS x(code text, cadre text, abbrev text, en text, hi text, grp text, gazetted boolean, level text, rank integer)
      ON CONFLICT (code) DO UPDATE SET abbrev = EXCLUDED.abbrev, name_en = EXCLUDED.name_en, name_hi = EXCLUDED.name_hi,
        service_group = EXCLUDED.service_group, gazetted = EXCLUDED.gazetted, pay_level = EXCLUDED.pay_level, rank = EXCLUDED.rank
      WHERE (grade.abbrev, grade.name_en, grade.name_hi, grade.service_group, grade.gazetted, grade.pay_level, grade.rank)
        IS DISTINCT FROM (EXCLUDED.abbrev, EXCLUDED.name_en, EXCLUDED.name_hi, EXCLUDED.service_group, EXCLUDED.gazetted, EXCLUDED.pay_level, EXCLUDED.rank)`);
    await tx.execute(sql`INSERT INTO pay_matrix_cell (pay_level, cell, amount)
      SELECT level, cell, amount FROM json_to_recordset(${JSON.stringify(cells)}::json) AS x(level text, cell integer, amount integer)
      ON CONFLICT (pay_level, cell) DO UPDATE SET amount = EXCLUDED.amount WHERE pay_matrix_cell.amount <> EXCLUDED.amount`);
    await tx.execute(sql`DELETE FROM pay_matrix_cell p WHERE NOT EXISTS (
      SELECT 1 FROM json_to_recordset(${JSON.stringify(cells)}::json) AS x(level text, cell integer) WHERE x.level = p.pay_level AND x.cell = p.cell)`);
    await tx.execute(sql`INSERT INTO ministry (id, code, name_en, name_hi, rotation_group, reduced_tenure)
      SELECT id, code, en, hi, grp, reduced FROM json_to_recordset(${JSON.stringify(ministries)}::json) AS x(id integer, code text, en text, hi text, grp text, reduced boolean)
      ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name_en = EXCLUDED.name_en, name_hi = EXCLUDED.name_hi,
        rotation_group = EXCLUDED.rotation_group, reduced_tenure = EXCLUDED.reduced_tenure
      WHERE ministry.updated_at IS NULL
        AND (ministry.code, ministry.name_en, ministry.name_hi, ministry.rotation_group, ministry.reduced_tenure)
        IS DISTINCT FROM (EXCLUDED.code, EXCLUDED.name_en, EXCLUDED.name_hi, EXCLUDED.rotation_group, EXCLUDED.reduced_tenure)`);
  });
}
