import { one, rows, sql, type Executor } from '../../db/client.ts';

export interface MinistryRow {
  id: number;
  code: string;
  name_en: string;
  name_hi: string;
  rotation_group: 'A' | 'B';
  reduced_tenure: boolean;
  active: boolean;
  version: number;
  updated_at: string | null;
}

export async function listCadres(ex: Executor) {
  return rows<{ code: string; name_en: string; name_hi: string; authority: string }>(ex, sql`SELECT code, name_en, name_hi, authority FROM cadre ORDER BY CASE code WHEN 'CSS' THEN 1 WHEN 'CSSS' THEN 2 ELSE 3 END`);
}

export async function listGrades(ex: Executor, cadre?: string) {
  return rows<{ code: string; cadre: string; abbrev: string; name_en: string; name_hi: string; service_group: string; gazetted: boolean; pay_level: string; rank: number }>(
    ex,
    sql`SELECT code, cadre, abbrev, name_en, name_hi, service_group, gazetted, pay_level, rank FROM grade
         ${cadre ? sql`WHERE cadre = ${cadre}` : sql``}
         ORDER BY CASE cadre WHEN 'CSS' THEN 1 WHEN 'CSSS' THEN 2 ELSE 3 END, rank`,
  );
}

export async function payMatrix(ex: Executor) {
  return rows<{ pay_level: string; amounts: number[] }>(
    ex,
    sql`SELECT pay_level, array_agg(amount ORDER BY cell) AS amounts FROM pay_matrix_cell GROUP BY pay_level ORDER BY min(amount)`,
  );
}

export interface MinistryFilter {
  q?: string;
  group?: 'A' | 'B';
  active?: boolean;
}

export async function listMinistries(ex: Executor, f: MinistryFilter, limit: number, offset: number): Promise<{ items: MinistryRow[]; total: number }> {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = sql.join(
    [
      sql`true`,
      like ? sql`(name_en ILIKE ${like} OR name_hi ILIKE ${like} OR code ILIKE ${like})` : undefined,
      f.group ? sql`rotation_group = ${f.group}` : undefined,
      f.active != null ? sql`active = ${f.active}` : undefined,
    ].filter((x) => x !== undefined),
    sql` AND `,
  );
  const items = await rows<MinistryRow & { total: number }>(
    ex,
    sql`SELECT id, code, name_en, name_hi, rotation_group, reduced_tenure, active, version, updated_at, count(*) OVER ()::int AS total
          FROM ministry WHERE ${where} ORDER BY name_en, id LIMIT ${limit} OFFSET ${offset}`,
  );
  const total = items[0]?.total ?? (offset > 0 ? ((await one<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM ministry WHERE ${where}`))?.n ?? 0) : 0);
  return { items, total };
}

export async function getMinistry(ex: Executor, id: number, forUpdate = false): Promise<MinistryRow | undefined> {
  return one<MinistryRow>(ex, sql`SELECT id, code, name_en, name_hi, rotation_group, reduced_tenure, active, version, updated_at FROM ministry WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
}

export async function updateMinistry(
  tx: Executor,
  id: number,
  version: number,
  v: { name_en: string; name_hi: string; rotation_group: 'A' | 'B'; reduced_tenure: boolean; active: boolean },
  now: Date,
): Promise<MinistryRow | undefined> {
  return one<MinistryRow>(
    tx,
    sql`UPDATE ministry SET name_en = ${v.name_en}, name_hi = ${v.name_hi}, rotation_group = ${v.rotation_group}, reduced_tenure = ${v.reduced_tenure},
          active = ${v.active}, version = version + 1, updated_at = ${now.toISOString()}
        WHERE id = ${id} AND version = ${version}
        RETURNING id, code, name_en, name_hi, rotation_group, reduced_tenure, active, version, updated_at`,
  );
}

export interface OrganisationRow {
  id: number;
  ministry_id: number;
  name_en: string;
  name_hi: string;
  kind: string;
  active: boolean;
}

export async function listOrganisations(ex: Executor, ministryId: number | undefined, limit: number, offset: number): Promise<{ items: OrganisationRow[]; total: number }> {
  const where = ministryId != null ? sql`ministry_id = ${ministryId}` : sql`true`;
  const items = await rows<OrganisationRow & { total: number }>(
    ex,
    sql`SELECT id, ministry_id, name_en, name_hi, kind, active, count(*) OVER ()::int AS total FROM organisation WHERE ${where} ORDER BY name_en, id LIMIT ${limit} OFFSET ${offset}`,
  );
  const total = items[0]?.total ?? (offset > 0 ? ((await one<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM organisation WHERE ${where}`))?.n ?? 0) : 0);
  return { items, total };
}
