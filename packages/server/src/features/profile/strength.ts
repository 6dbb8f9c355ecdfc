import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarDateInIndia, decide, gradeByCode, isCalendarDate } from '@cscms/domain';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { CSV_TYPE, XLSX_TYPE, toCsv, toXlsx } from '../../http/export.ts';

const StrengthRow = z.object({
  ministryId: z.number(),
  ministryCode: z.string(),
  ministryEn: z.string(),
  ministryHi: z.string(),
  grade: z.string(),
  sanctioned: z.number().nullable(),
  inPosition: z.number().describe('employees in the grade whose profile is validated or deemed final'),
  registered: z.number().describe('employees in the grade on the rolls, validated or not'),
  vacant: z.number().nullable(),
});

interface Row {
  ministry_id: number;
  code: string;
  name_en: string;
  name_hi: string;
  grade: string;
  sanctioned: number | null;
  in_position: number;
  registered: number;
}

export const strengthFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/working-strength', {
    config: { action: 'strength.read' },
    schema: {
      tags: ['profile'],
      summary: 'Sanctioned strength in force, in position (validated profiles) and vacancies per Ministry and grade; format=csv or xlsx to download',
      querystring: z.object({ ministryId: z.coerce.number().int().positive().optional(), cadre: z.enum(['CSS', 'CSSS', 'CSCS']).optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      response: { 200: z.object({ asOn: z.string(), items: z.array(StrengthRow) }) },
    },
  }, async (req, reply) => {
    const a = req.actor!;
    const today = calendarDateInIndia(app.deps.clock.now());
    const q = req.query;
    const dopt = a.grants.some((g) => g.role === 'CADRE_AUTHORITY');
    const own = a.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number);
    if (q.ministryId && !dopt) {
      const d = decide(a, 'strength.read', { ministryId: q.ministryId });
      if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    }
    const ministries = q.ministryId ? [q.ministryId] : dopt ? null : own;
    const filters = [sql`m.active`];
    if (ministries) filters.push(sql`m.id IN (${sql.join([...ministries, -1].map((m) => sql`${m}`), sql`, `)})`);
    if (q.cadre) filters.push(sql`g.cadre = ${q.cadre}`);
    const data = await rows<Row>(app.deps.database.db, sql`
      WITH s AS (
        SELECT DISTINCT ON (ministry_id, grade) ministry_id, grade, sanctioned FROM sanctioned_strength
         WHERE effective_from <= ${today} ORDER BY ministry_id, grade, effective_from DESC),
      e AS (
        SELECT e.ministry_id, e.grade, count(*)::int AS registered,
               count(*) FILTER (WHERE p.validated_version_no IS NOT NULL OR p.state = 'DEEMED_FINAL')::int AS in_position
          FROM employee e LEFT JOIN profile p ON p.employee_id = e.id GROUP BY 1, 2)
      SELECT m.id AS ministry_id, m.code, m.name_en, m.name_hi, g.code AS grade, s.sanctioned, coalesce(e.in_position, 0) AS in_position, coalesce(e.registered, 0) AS registered
        FROM ministry m CROSS JOIN grade g
        LEFT JOIN s ON s.ministry_id = m.id AND s.grade = g.code
        LEFT JOIN e ON e.ministry_id = m.id AND e.grade = g.code
       WHERE ${sql.join(filters, sql` AND `)} AND (s.sanctioned IS NOT NULL OR e.registered IS NOT NULL)
       ORDER BY m.name_en, g.cadre, g.rank`);
    const items = data.map((r) => ({
      ministryId: r.ministry_id, ministryCode: r.code, ministryEn: r.name_en, ministryHi: r.name_hi, grade: r.grade,
      sanctioned: r.sanctioned, inPosition: r.in_position, registered: r.registered, vacant: r.sanctioned == null ? null : Math.max(0, r.sanctioned - r.in_position),
    }));
    if (q.format !== 'json') {
      const header = req.lang === 'hi' ? ['मंत्रालय', 'ग्रेड', 'स्वीकृत', 'पदस्थ', 'पंजीकृत', 'रिक्त'] : ['Ministry', 'Grade', 'Sanctioned', 'In position', 'Registered', 'Vacant'];
      const body = items.map((i) => [req.lang === 'hi' ? i.ministryHi : i.ministryEn, gradeByCode(i.grade)?.abbrev ?? i.grade, i.sanctioned ?? '', i.inPosition, i.registered, i.vacant ?? '']);
      const name = `working-strength-${today}`;
      reply.header('content-disposition', `attachment; filename="${name}.${q.format}"`);
      return q.format === 'csv' ? reply.type(CSV_TYPE).send(toCsv(header, body) as never) : reply.type(XLSX_TYPE).send((await toXlsx('Working strength', header, body)) as never);
    }
    return { asOn: today, items };
  });

  app.put('/api/v1/working-strength/sanctioned', {
    config: { action: 'strength.write' },
    schema: {
      tags: ['profile'],
      summary: 'Set the sanctioned strength of a Ministry for a grade from a date (history is kept)',
      body: z.strictObject({ ministryId: z.number().int().positive(), grade: z.string().max(20), effectiveFrom: z.string().refine(isCalendarDate, { message: 'must be a real date YYYY-MM-DD' }), sanctioned: z.number().int().min(0).max(10_000) }),
      response: { 200: z.object({ ministryId: z.number(), grade: z.string(), effectiveFrom: z.string(), sanctioned: z.number() }) },
    },
  }, async (req) => {
    const b = req.body;
    const g = gradeByCode(b.grade);
    if (!g) throw new AppError('VALIDATION', { field: 'grade', en: `Unknown grade ${b.grade}.`, hi: `अज्ञात ग्रेड ${b.grade}।` });
    const d = decide(req.actor!, 'strength.write', { cadre: g.cadre, ministryId: b.ministryId });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    const now = app.deps.clock.now();
    await app.tx(async (tx) => {
      if (!(await one(tx, sql`SELECT 1 AS x FROM ministry WHERE id = ${b.ministryId}`))) throw new AppError('VALIDATION', { field: 'ministryId', en: 'Unknown Ministry.', hi: 'अज्ञात मंत्रालय।' });
      const before = await one<{ sanctioned: number }>(tx, sql`SELECT sanctioned FROM sanctioned_strength WHERE ministry_id = ${b.ministryId} AND grade = ${b.grade} AND effective_from = ${b.effectiveFrom} FOR UPDATE`);
      await tx.execute(sql`
        INSERT INTO sanctioned_strength (ministry_id, grade, effective_from, sanctioned, set_by, set_at) VALUES (${b.ministryId}, ${b.grade}, ${b.effectiveFrom}, ${b.sanctioned}, ${req.actor!.userId}, ${now.toISOString()})
        ON CONFLICT (ministry_id, grade, effective_from) DO UPDATE SET sanctioned = EXCLUDED.sanctioned, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`);
      await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), { entity: 'sanctioned_strength', entityId: `${b.ministryId}:${b.grade}:${b.effectiveFrom}`, action: 'strength.set', changes: { sanctioned: { before: before?.sanctioned ?? null, after: b.sanctioned } } });
    });
    return b;
  });

  app.get('/api/v1/dashboard/profiles', {
    config: { action: 'dashboard.read' },
    schema: {
      tags: ['profile'],
      summary: 'Profile validation by Ministry: counts by state, omissions recorded against Nodal Officers, the open window and days left (a Nodal Officer sees their Ministry; DoPT all)',
      response: {
        200: z.object({
          window: z.object({ id: z.number(), cadre: z.string(), deadline: z.string(), daysLeft: z.number() }).nullable(),
          ministries: z.array(z.object({ ministryId: z.number(), ministryEn: z.string(), ministryHi: z.string(), total: z.number(), byState: z.record(z.string(), z.number()), completeness: z.number(), pendingValidation: z.number(), omissions: z.number() })),
        }),
      },
    },
  }, async (req) => {
    const a = req.actor!;
    const today = calendarDateInIndia(app.deps.clock.now());
    const dopt = a.grants.some((g) => g.role === 'CADRE_AUTHORITY');
    const own = a.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number);
    const scope = dopt ? sql`true` : sql`e.ministry_id IN (${sql.join([...own, -1].map((m) => sql`${m}`), sql`, `)})`;
    const counts = await rows<{ ministry_id: number; name_en: string; name_hi: string; state: string; n: number }>(app.deps.database.db, sql`
      SELECT e.ministry_id, m.name_en, m.name_hi, coalesce(p.state, 'DRAFT') AS state, count(*)::int AS n
        FROM employee e JOIN ministry m ON m.id = e.ministry_id LEFT JOIN profile p ON p.employee_id = e.id
       WHERE ${scope} GROUP BY 1, 2, 3, 4`);
    const omissions = await rows<{ ministry_id: number; n: number }>(app.deps.database.db, sql`
      SELECT o.ministry_id, count(*)::int AS n FROM nodal_omission o JOIN employee e ON e.id = o.employee_id WHERE o.kind = 'NOT_VALIDATED' AND ${scope} GROUP BY 1`);
    const byMinistry = new Map<number, { ministryId: number; ministryEn: string; ministryHi: string; total: number; byState: Record<string, number>; completeness: number; pendingValidation: number; omissions: number }>();
    for (const c of counts) {
      const m = byMinistry.get(c.ministry_id) ?? { ministryId: c.ministry_id, ministryEn: c.name_en, ministryHi: c.name_hi, total: 0, byState: {}, completeness: 0, pendingValidation: 0, omissions: 0 };
      m.byState[c.state] = c.n;
      m.total += c.n;
      byMinistry.set(c.ministry_id, m);
    }
    for (const o of omissions) {
      const m = byMinistry.get(o.ministry_id);
      if (m) m.omissions = o.n;
    }
    for (const m of byMinistry.values()) {
      const final = (m.byState.VALIDATED ?? 0) + (m.byState.DEEMED_FINAL ?? 0);
      m.completeness = m.total ? Math.round((final / m.total) * 1000) / 10 : 0;
      m.pendingValidation = m.byState.SUBMITTED ?? 0;
    }
    const w = await one<{ id: number; cadre: string; deadline: string }>(app.deps.database.db, sql`SELECT id, cadre, deadline FROM validation_window WHERE status = 'OPEN' ORDER BY deadline LIMIT 1`);
    return {
      window: w ? { ...w, daysLeft: Math.max(0, Math.round((Date.parse(w.deadline) - Date.parse(today)) / 86_400_000)) } : null,
      ministries: [...byMinistry.values()].sort((x, y) => y.pendingValidation - x.pendingValidation || x.ministryEn.localeCompare(y.ministryEn)),
    };
  });
};
