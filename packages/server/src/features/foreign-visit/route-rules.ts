// The competent authority for private foreign visits, configurable per cadre / grade / Ministry
// (issue 5, rules.md §4 item 4): setting `fv.routes`, effective-dated rows of rules set by the cadre
// authority (or the administrator), read when an application is made.
import type { FastifyRequest } from 'fastify';
import { type Actor, type CadreCode, decide, type EffectiveDated, inForce } from '@cscms/domain';
import { citeForeignVisit, describeForeignVisitRouteRule, FOREIGN_VISIT_ROUTES, type ForeignVisitRouteRule } from '@cscms/domain/foreign-visit';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';

export const ROUTES_SETTING = 'fv.routes';

export interface RouteSettingRow {
  from: string;
  rules: ForeignVisitRouteRule[];
  reason: string;
  orderRef?: string;
  setBy: string;
  setAt: string;
}
interface RouteSetting {
  version: number;
  rows: RouteSettingRow[];
}

async function readSetting(ex: Executor): Promise<RouteSetting> {
  const s = await one<{ value: Partial<RouteSetting> }>(ex, sql`SELECT value FROM setting WHERE key = ${ROUTES_SETTING}`);
  const list = Array.isArray(s?.value.rows) ? s.value.rows : [];
  return { version: Number(s?.value.version ?? 1), rows: [...list].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)) };
}

const citationOf = (r: RouteSettingRow) => ({ order: r.orderRef ?? `CSCMS setting ${ROUTES_SETTING} (cadre authority), ${r.from}`, para: citeForeignVisit(4).para });

/** The table the application reads: the default (CS.I's order of 2013), then each row the cadre authority set. */
export async function foreignVisitRouteTable(ex: Executor): Promise<readonly EffectiveDated<ForeignVisitRouteRule[]>[]> {
  const s = await readSetting(ex);
  return [...FOREIGN_VISIT_ROUTES, ...s.rows.map((r) => ({ from: r.from, value: r.rules, citation: citationOf(r) }))];
}

const withWords = (r: ForeignVisitRouteRule) => ({ ...r, description: { en: describeForeignVisitRouteRule(r, 'en'), hi: describeForeignVisitRouteRule(r, 'hi') } });

/** What GET answers: the version to send back, the rules in force today, and the rows set so far. */
export async function routeRulesView(ex: Executor, today: string) {
  const s = await readSetting(ex);
  const table = await foreignVisitRouteTable(ex);
  const row = inForce(table, today);
  const setRow = s.rows.find((r) => r.from === row?.from);
  return {
    version: s.version,
    inForce: {
      from: row?.from ?? null,
      configured: !!setRow,
      rules: (row?.value ?? []).map(withWords),
      citation: row?.citation ?? null,
      reason: setRow?.reason ?? null,
    },
    rows: s.rows.map((r) => ({ from: r.from, rules: r.rules.map(withWords), reason: r.reason, orderRef: r.orderRef ?? null, setAt: r.setAt })),
  };
}

export interface SetRoutesInput {
  version: number;
  from?: string;
  rules: ForeignVisitRouteRule[];
  reason: string;
  orderRef?: string;
}

const key = (r: ForeignVisitRouteRule) =>
  JSON.stringify([r.cadre, r.minRank ?? null, [...(r.grades ?? [])].sort(), [...(r.ministryIds ?? [])].sort((a, b) => a - b), r.cadreAuthority, r.needsAvdClearance]);

/** The rules as sent, without empty lists: absent means "every Ministry" / "by minimum grade only". */
const clean = (r: ForeignVisitRouteRule): ForeignVisitRouteRule => ({
  cadre: r.cadre,
  ...(r.minRank != null ? { minRank: r.minRank } : {}),
  ...(r.grades?.length ? { grades: r.grades } : {}),
  ...(r.ministryIds?.length ? { ministryIds: r.ministryIds } : {}),
  cadreAuthority: r.cadreAuthority,
  needsAvdClearance: r.needsAvdClearance,
});

/**
 * Sets the rules from `from` (today by default; never a past date). Only the cadre authority of each
 * cadre whose rules are added or removed (or the administrator) may; the rows for earlier dates stay.
 */
export async function setRouteRules(tx: Executor, req: FastifyRequest, input: SetRoutesInput, now: Date, today: string): Promise<void> {
  const actor: Actor = req.actor!;
  const from = input.from ?? today;
  if (from < today) throw fieldError('from', 'The rules apply from today or a later date: applications already made keep their route.', 'नियम आज या बाद की तिथि से लागू होते हैं: पहले किए गए आवेदनों का मार्ग नहीं बदलता।', 'in_past');
  const rules = input.rules.map(clean);
  // Ministries that exist
  const ids = [...new Set(rules.flatMap((r) => r.ministryIds ?? []))];
  if (ids.length) {
    const found = new Set((await rows<{ id: number }>(tx, sql`SELECT id FROM ministry WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`)).map((x) => Number(x.id)));
    for (const [i, r] of rules.entries())
      for (const [j, m] of (r.ministryIds ?? []).entries())
        if (!found.has(m)) throw fieldError(`rules.${i}.ministryIds.${j}`, `There is no Ministry ${m}.`, `मंत्रालय ${m} नहीं है।`, 'unknown_ministry');
  }
  // one writer at a time
  await tx.execute(sql`INSERT INTO setting (key, value) VALUES (${ROUTES_SETTING}, '{"version":1,"rows":[]}'::jsonb) ON CONFLICT (key) DO NOTHING`);
  await tx.execute(sql`SELECT key FROM setting WHERE key = ${ROUTES_SETTING} FOR UPDATE`);
  const s = await readSetting(tx);
  if (s.version !== input.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: s.version } });
  const before = inForce(await foreignVisitRouteTable(tx), from)?.value ?? [];
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(rules.map(key));
  const added = rules.filter((r) => !beforeKeys.has(key(r)));
  const removed = before.filter((r) => !afterKeys.has(key(r)));
  const sameOrder = before.length === rules.length && before.every((r, i) => key(r) === key(rules[i]));
  if (sameOrder) throw fieldError('rules', 'These are the rules already in force: nothing changes.', 'ये नियम पहले से लागू हैं: कुछ नहीं बदलता।', 'unchanged');
  // the cadre authority of every cadre touched (a reordering touches the cadres of the rules moved)
  const touched = new Set<CadreCode>([...added, ...removed].map((r) => r.cadre));
  if (touched.size === 0) for (const r of rules) touched.add(r.cadre);
  let role = '';
  for (const cadre of touched) {
    const d = decide(actor, 'fv.routes.manage', { cadre });
    if (!d.allow)
      throw new AppError(d.code, {
        en: `${d.en} Only the cadre authority of ${cadre} (or the administrator) may change its rules.`,
        hi: `${d.hi} ${cadre} के नियम केवल उसका संवर्ग प्राधिकारी (या प्रशासक) बदल सकता है।`,
      });
    role ||= d.role;
  }
  const row: RouteSettingRow = { from, rules, reason: input.reason, ...(input.orderRef ? { orderRef: input.orderRef } : {}), setBy: actor.userId, setAt: now.toISOString() };
  const kept = s.rows.filter((r) => r.from < from);
  const next: RouteSetting = { version: s.version + 1, rows: [...kept, row] };
  await tx.execute(sql`UPDATE setting SET value = ${JSON.stringify(next)}::jsonb WHERE key = ${ROUTES_SETTING}`);
  await appendAudit(tx, auditContext(req, now, role), {
    entity: 'setting',
    entityId: ROUTES_SETTING,
    action: 'fv.routes.set',
    changes: { from, version: { before: s.version, after: next.version }, rules: { before, after: rules }, added, removed, orderRef: input.orderRef ?? null },
    reason: input.reason,
  });
}
