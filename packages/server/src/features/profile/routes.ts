import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { one, rows, sql } from '../../db/client.ts';
import { bulkValidate, decideProfile, profileVersions, saveDraft, submitProfile, viewProfile } from './service.ts';

const State = z.enum(['DRAFT', 'SUBMITTED', 'RETURNED', 'VALIDATED', 'DEEMED_FINAL']);
const Change = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
const ProfileView = z.object({
  employeeId: z.string(),
  employeeCode: z.string(),
  state: State,
  version: z.number().int(),
  data: z.unknown().describe('the working copy (ProfileData; may be incomplete while a draft)'),
  service: z.object({
    cadre: z.string(), grade: z.string(), payLevel: z.string(), entryDate: z.string(), presentGradeDate: z.string(), ministryId: z.number(), ministryJoinDate: z.string(),
    selectListYear: z.number().nullable().optional(), probationEnd: z.string().nullable().optional(),
    postings: z.array(z.object({ ministryId: z.number(), grade: z.string().nullable(), from: z.string(), to: z.string().nullable().optional() })),
  }).describe('service history owned by the cadre authority: read-only here'),
  validatedVersionNo: z.number().nullable(),
  submittedVersionNo: z.number().nullable(),
  remarks: z.string().nullable(),
  changesSinceValidated: z.array(Change),
  abilities: z.array(z.string()),
  nextSteps: z.array(z.string()),
});
const Saved = z.object({ state: State, version: z.number().int() });
const EmployeeId = z.object({ employeeId: z.uuid() });

export const profileFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const now = () => app.deps.clock.now();
  const own = (req: { actor: { employeeId?: string | null } | null }) => {
    const id = req.actor?.employeeId;
    if (!id) throw new AppError('NOT_FOUND', { en: 'You have no employee record in the portal.', hi: 'पोर्टल में आपका कोई कर्मचारी अभिलेख नहीं है।' });
    return id;
  };

  app.get('/api/v1/profile', {
    config: { action: 'profile.edit' },
    schema: { tags: ['profile'], summary: 'My profile: working copy, state, service history, what changed since validation', response: { 200: ProfileView } },
  }, async (req) => viewProfile(app.deps.database, req.actor!, own(req), now()));

  app.put('/api/v1/profile/draft', {
    config: { action: 'profile.edit' },
    schema: {
      tags: ['profile'],
      summary: 'Save my draft (may be incomplete; every field present must be valid). After validation this starts a change request.',
      body: z.strictObject({ data: z.record(z.string(), z.unknown()), version: z.number().int().min(1) }),
      response: { 200: Saved },
    },
  }, async (req) => {
    const r = await app.tx((tx) => saveDraft(tx, req, now(), own(req), req.body.data, req.body.version));
    return { state: r.state, version: r.version };
  });

  app.post('/api/v1/profile/submit', {
    config: { action: 'profile.edit' },
    schema: { tags: ['profile'], summary: 'Submit my profile to the Nodal Officer for validation', body: z.strictObject({ version: z.number().int().min(1) }), response: { 200: Saved } },
  }, async (req) => {
    const r = await app.tx((tx) => submitProfile(tx, req, now(), own(req), req.body.version));
    return { state: r.state, version: r.version };
  });

  app.get('/api/v1/profiles', {
    config: { action: 'profile.list' },
    schema: {
      tags: ['profile'],
      summary: 'Profiles of my Ministry (Nodal Officer) or cadre (cadre authority), by state',
      querystring: PageQuery.extend({ state: State.optional(), q: z.string().max(100).optional(), unchangedOnly: z.enum(['true', 'false']).optional() }),
      response: {
        200: Page(z.object({ employeeId: z.string(), employeeCode: z.string(), nameEn: z.string(), nameHi: z.string(), grade: z.string(), ministryId: z.number(), state: State, version: z.number(), changedFields: z.number(), updatedAt: z.string() })).extend({
          counts: z.record(z.string(), z.number()),
        }),
      },
    },
  }, async (req) => {
    const actor = req.actor!;
    const q = req.query;
    // Scope in SQL from the actor's grants: a Nodal Officer's Ministries, a cadre authority's cadres.
    const ministries = actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number);
    const cadres = actor.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []);
    const scope = sql`(e.ministry_id IN (${sql.join([...ministries, -1].map((m) => sql`${m}`), sql`, `)}) OR e.cadre IN (${sql.join([...cadres, '-'].map((c) => sql`${c}`), sql`, `)}))`;
    const filters = [scope];
    if (q.state) filters.push(sql`coalesce(p.state, 'DRAFT') = ${q.state}`);
    if (q.q) filters.push(sql`(e.name_en ILIKE ${`%${q.q}%`} OR e.employee_code = ${q.q})`);
    if (q.unchangedOnly === 'true') filters.push(sql`jsonb_array_length(coalesce(v.diff, '[]'::jsonb)) = 0`);
    const where = sql.join(filters, sql` AND `);
    // One statement (a consistent snapshot, one round trip): the page, the total (a window count) and the counts by state
    // (an uncorrelated subquery, computed once). A page past the end has no row to carry them: asked again then.
    const db = app.deps.database.db;
    const countsSql = sql`(SELECT coalesce(json_object_agg(c.state, c.n), '{}'::json) FROM (SELECT coalesce(p.state, 'DRAFT') AS state, count(*)::int AS n FROM employee e LEFT JOIN profile p ON p.employee_id = e.id WHERE ${scope} GROUP BY 1) c)`;
    const items = await rows<{ employee_id: string; employee_code: string; name_en: string; name_hi: string; grade: string; ministry_id: number; state: string; version: number; changed: number; updated_at: string; total: number; counts: Record<string, number> }>(db, sql`
      SELECT e.id AS employee_id, e.employee_code, e.name_en, e.name_hi, e.grade, e.ministry_id, coalesce(p.state, 'DRAFT') AS state, coalesce(p.version, 1) AS version,
             coalesce(jsonb_array_length(v.diff), 0) AS changed, coalesce(p.updated_at, e.updated_at) AS updated_at,
             count(*) OVER ()::int AS total, ${countsSql} AS counts
        FROM employee e LEFT JOIN profile p ON p.employee_id = e.id
        LEFT JOIN profile_version v ON v.employee_id = e.id AND v.version_no = p.submitted_version_no
       WHERE ${where} ORDER BY e.name_en, e.id LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`);
    let total = items[0]?.total;
    let counts = items[0]?.counts;
    if (items.length === 0) {
      const r = (await one<{ total: number; counts: Record<string, number> }>(db, sql`
        SELECT (SELECT count(*)::int FROM employee e LEFT JOIN profile p ON p.employee_id = e.id LEFT JOIN profile_version v ON v.employee_id = e.id AND v.version_no = p.submitted_version_no WHERE ${where}) AS total,
               ${countsSql} AS counts`))!;
      total = r.total;
      counts = r.counts;
    }
    return {
      items: items.map((i) => ({ employeeId: i.employee_id, employeeCode: i.employee_code, nameEn: i.name_en, nameHi: i.name_hi, grade: i.grade, ministryId: i.ministry_id, state: i.state as z.infer<typeof State>, version: i.version, changedFields: i.changed, updatedAt: String(i.updated_at) })),
      total: total ?? 0,
      page: q.page,
      pageSize: q.pageSize,
      counts: counts ?? {},
    };
  });

  app.get('/api/v1/profiles/:employeeId', {
    config: { action: 'profile.read' },
    schema: { tags: ['profile'], summary: "An employee's profile with the field-level differences from the last validated version", params: EmployeeId, response: { 200: ProfileView } },
  }, async (req) => viewProfile(app.deps.database, req.actor!, req.params.employeeId, now()));

  app.get('/api/v1/profiles/:employeeId/versions', {
    config: { action: 'profile.read' },
    schema: {
      tags: ['profile'],
      summary: 'Every version of a profile with its differences, corrections and remarks',
      params: EmployeeId,
      response: { 200: z.object({ items: z.array(z.object({ versionNo: z.number(), status: z.string(), diff: z.array(Change), corrections: z.array(Change).nullable(), remarks: z.string().nullable(), submittedAt: z.string(), decidedAt: z.string().nullable() })) }) },
    },
  }, async (req) => {
    const v = await app.tx((tx) => profileVersions(tx, req.actor!, req.params.employeeId));
    return { items: v.map((x) => ({ versionNo: x.version_no, status: x.status, diff: x.diff, corrections: x.corrections, remarks: x.remarks, submittedAt: String(x.submitted_at), decidedAt: x.decided_at ? String(x.decided_at) : null })) };
  });

  app.post('/api/v1/profiles/:employeeId/decision', {
    config: { action: 'profile.validate' },
    schema: {
      tags: ['profile'],
      summary: 'Validate as submitted, correct named fields (reason shown to the employee) and validate, or return with remarks',
      params: EmployeeId,
      body: z.strictObject({
        action: z.enum(['validate', 'correct', 'return']),
        version: z.number().int().min(1),
        corrections: z.record(z.string().max(200), z.unknown()).optional().describe('{ "personal.mobile": "9876543210", … }'),
        reason: z.string().trim().max(1000).optional(),
        remarks: z.string().trim().max(2000).optional(),
      }),
      response: { 200: Saved },
    },
  }, async (req) => {
    const r = await app.tx((tx) => decideProfile(tx, req, now(), req.params.employeeId, req.body));
    return { state: r.state, version: r.version };
  });

  app.post('/api/v1/profiles/bulk-validate', {
    config: { action: 'profile.validate' },
    schema: {
      tags: ['profile'],
      summary: 'Validate many submissions that change nothing since the last validated version; others are skipped with the reason',
      body: z.strictObject({ items: z.array(z.strictObject({ employeeId: z.uuid(), version: z.number().int().min(1) })).min(1).max(500) }),
      response: { 200: z.object({ validated: z.array(z.string()), skipped: z.array(z.object({ employeeId: z.string(), code: z.string(), message: z.string() })) }) },
    },
  }, async (req) => {
    const r = await app.tx((tx) => bulkValidate(tx, req, now(), req.body.items));
    return { validated: r.validated, skipped: r.skipped.map((s) => ({ employeeId: s.employeeId, code: s.code, message: s[req.lang] })) };
  });
};
