// Areas of interest and iGOT Karmayogi (CSCMS O.M. of 15.11.2022 para 3.6): the employee picks areas from a bundled
// taxonomy aligned with iGOT's competencies, sees matching iGOT courses with a link to open each on iGOT, and pulls
// back the courses completed there, which go into the profile's training section. Nodal Officers and DoPT see the
// interests aggregated per Ministry and grade for capacity-building planning.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarDateInIndia, decide, gradeByCode } from '@cscms/domain';
import { profileMachine, type ProfileState } from '@cscms/domain/profile';
import { transition } from '@cscms/domain/workflow';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { CSV_TYPE, XLSX_TYPE, toCsv, toXlsx } from '../../http/export.ts';
import { igotClient, IgotError, type IgotCompletion, type IgotCourse } from '../../integrations/igot.ts';
import { enqueueJob, registerJobHandler, type JobContext } from '../../jobs/jobs.ts';

export interface Area {
  code: string;
  type: 'BEHAVIOURAL' | 'FUNCTIONAL' | 'DOMAIN';
  en: string;
  hi: string;
  competencies: string[];
  roles: string[];
  activities: string[];
}
interface Taxonomy {
  source: string;
  version: string;
  areas: Area[];
}

let taxonomy: Taxonomy | null = null;
export function loadTaxonomy(): Taxonomy {
  if (!taxonomy) taxonomy = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'taxonomy.json'), 'utf8')) as Taxonomy;
  return taxonomy;
}
const areaByCode = (code: string) => loadTaxonomy().areas.find((a) => a.code === code);

const AreaSchema = z.object({
  code: z.string(),
  type: z.enum(['BEHAVIOURAL', 'FUNCTIONAL', 'DOMAIN']),
  en: z.string(),
  hi: z.string(),
  competencies: z.array(z.string()),
  roles: z.array(z.string()),
  activities: z.array(z.string()),
});
const Course = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string(),
  durationHours: z.number().nullable(),
  competencies: z.array(z.string()),
  link: z.string().describe('opens the course on iGOT Karmayogi'),
  areas: z.array(z.string()).describe('my areas of interest the course matches'),
});
const Completion = z.object({
  courseId: z.string(),
  title: z.string(),
  provider: z.string(),
  startedOn: z.string(),
  completedOn: z.string(),
  link: z.string().nullable(),
  certificateUrl: z.string().nullable(),
  inProfile: z.boolean().describe('copied into the training section of the profile'),
});

function ownEmployee(actor: { employeeId?: string | null }): string {
  if (!actor.employeeId) throw new AppError('NOT_FOUND', { en: 'You have no employee record in the portal.', hi: 'पोर्टल में आपका कोई कर्मचारी अभिलेख नहीं है।' });
  return actor.employeeId;
}

async function myAreas(tx: Executor, employeeId: string): Promise<string[]> {
  return (await rows<{ area_code: string }>(tx, sql`SELECT area_code FROM area_of_interest WHERE employee_id = ${employeeId} ORDER BY area_code`)).map((r) => r.area_code);
}

async function personOf(tx: Executor, employeeId: string) {
  const e = await one<{ employee_code: string; email: string | null; name_en: string; grade: string; ministry: string }>(tx, sql`
    SELECT e.employee_code, coalesce(nullif(e.email, ''), (SELECT nullif(u.email, '') FROM app_user u WHERE u.employee_id = e.id LIMIT 1)) AS email, e.name_en, e.grade, m.name_en AS ministry
      FROM employee e JOIN ministry m ON m.id = e.ministry_id WHERE e.id = ${employeeId}`);
  if (!e) throw new AppError('NOT_FOUND');
  return e;
}

type PushJob = JobContext<{ employeeId: string }>;

/** Tells iGOT the officer's areas of interest; retried by the job runner when iGOT is unreachable. */
async function pushProfile(ctx: PushJob): Promise<void> {
  const e = await personOf(ctx.tx, ctx.payload.employeeId);
  const areas = (await myAreas(ctx.tx, ctx.payload.employeeId)).map(areaByCode).filter((a): a is Area => !!a);
  const client = igotClient(ctx.app.deps.config);
  const r = await client.pushProfile({
    employeeCode: e.employee_code,
    email: e.email,
    name: e.name_en,
    ministry: e.ministry,
    designation: gradeByCode(e.grade)?.en ?? e.grade,
    competencies: [...new Set(areas.flatMap((a) => a.competencies))],
    areas: areas.map((a) => ({ code: a.code, name: a.en })),
  });
  await ctx.audit({ entity: 'area_of_interest', entityId: ctx.payload.employeeId, action: 'igot.profile.push', changes: { client: client.kind, accepted: r.accepted, reference: r.reference, areas: areas.map((a) => a.code) } });
}
registerJobHandler('igot.profile.push', pushProfile);

/** Completions not yet in the profile go into its training section when the working copy can take an edit. */
async function copyToProfile(tx: Executor, employeeId: string, now: Date): Promise<{ added: number; state: ProfileState | null }> {
  const p = await one<{ state: ProfileState; data: { training?: Array<{ title: string; to: string; source?: string }> }; version: number }>(tx, sql`
    SELECT state, data, version FROM profile WHERE employee_id = ${employeeId} FOR UPDATE`);
  if (!p) return { added: 0, state: null };
  const pending = await rows<{ course_id: string; title: string; provider: string; started_on: string; completed_on: string }>(tx, sql`
    SELECT course_id, title, provider, started_on, completed_on FROM igot_course_completion WHERE employee_id = ${employeeId} AND in_profile_at IS NULL ORDER BY completed_on`);
  if (pending.length === 0) return { added: 0, state: p.state };
  let next: ProfileState = p.state;
  if (p.state !== 'DRAFT') {
    const t = transition(profileMachine, { state: p.state }, 'edit', { by: 'EMPLOYEE' });
    if (!t.ok) return { added: 0, state: p.state }; // submitted: waits for the Nodal Officer's decision
    next = t.to;
  }
  const training = [...(p.data.training ?? [])];
  const have = new Set(training.map((t) => `${t.title}\u0000${t.to}`));
  let added = 0;
  for (const c of pending) {
    const title = c.title.slice(0, 200);
    if (!have.has(`${title}\u0000${c.completed_on}`)) {
      training.push({ title, institution: `iGOT Karmayogi · ${c.provider}`.slice(0, 200), from: c.started_on, to: c.completed_on, source: 'IGOT' } as never);
      added++;
    }
  }
  const data = { ...p.data, training };
  await tx.execute(sql`UPDATE profile SET data = ${JSON.stringify(data)}::jsonb, state = ${next}, version = version + 1, updated_at = ${now.toISOString()} WHERE employee_id = ${employeeId}`);
  await tx.execute(sql`UPDATE igot_course_completion SET in_profile_at = ${now.toISOString()} WHERE employee_id = ${employeeId} AND in_profile_at IS NULL`);
  return { added, state: next };
}

export const interestsFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const now = () => app.deps.clock.now();

  app.get('/api/v1/interests/taxonomy', {
    config: { action: 'interest.taxonomy.read' },
    schema: { tags: ['interests'], summary: 'Areas of interest: competency areas aligned with iGOT Karmayogi (behavioural, functional, domain) with example roles and activities', response: { 200: z.object({ version: z.string(), source: z.string(), areas: z.array(AreaSchema) }) } },
  }, async () => loadTaxonomy());

  app.get('/api/v1/interests/me', {
    config: { action: 'interest.edit' },
    schema: { tags: ['interests'], summary: 'My areas of interest', response: { 200: z.object({ areas: z.array(z.string()), igot: z.enum(['embedded', 'http']) }) } },
  }, async (req) => {
    const emp = ownEmployee(req.actor!);
    const d = decide(req.actor!, 'interest.edit', { ownerEmployeeId: emp });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    return { areas: await app.tx((tx) => myAreas(tx, emp)), igot: igotClient(app.deps.config).kind };
  });

  app.put('/api/v1/interests/me', {
    config: { action: 'interest.edit' },
    schema: {
      tags: ['interests'],
      summary: 'Set my areas of interest (at most 10); they are sent to iGOT so that it can recommend courses',
      body: z.strictObject({ areas: z.array(z.string().max(40)).max(10) }),
      response: { 200: z.object({ areas: z.array(z.string()), igot: z.enum(['embedded', 'http']) }) },
    },
  }, async (req) => {
    const emp = ownEmployee(req.actor!);
    const d = decide(req.actor!, 'interest.edit', { ownerEmployeeId: emp });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    const areas = req.body.areas;
    areas.forEach((a, i) => {
      if (!areaByCode(a)) throw fieldError(`areas.${i}`, `Unknown area of interest ${a}.`, `अज्ञात रुचि क्षेत्र ${a}।`);
      if (areas.indexOf(a) !== i) throw fieldError(`areas.${i}`, `${a} is picked twice.`, `${a} दो बार चुना गया है।`, 'repeated');
    });
    const t = now();
    const saved = await app.tx(async (tx) => {
      const before = await myAreas(tx, emp);
      await tx.execute(sql`DELETE FROM area_of_interest WHERE employee_id = ${emp}`);
      for (const a of areas) await tx.execute(sql`INSERT INTO area_of_interest (employee_id, area_code, picked_at) VALUES (${emp}, ${a}, ${t.toISOString()})`);
      await enqueueJob(tx, { id: `igot.profile.push:${emp}`, kind: 'igot.profile.push', runAt: t, payload: { employeeId: emp }, onConflict: 'reschedule' });
      await appendAudit(tx, auditContext(req, t, 'EMPLOYEE'), { entity: 'area_of_interest', entityId: emp, action: 'interest.set', changes: { areas: { before, after: [...areas].sort() } } });
      return myAreas(tx, emp);
    });
    return { areas: saved, igot: igotClient(app.deps.config).kind };
  });

  app.get('/api/v1/interests/aggregate', {
    config: { action: 'interest.aggregate.read' },
    schema: {
      tags: ['interests'],
      summary: 'Officers interested in each area per Ministry and grade (a Nodal Officer their Ministry, DoPT its cadres); format=csv or xlsx to download',
      querystring: z.object({ ministryId: z.coerce.number().int().positive().optional(), grade: z.string().max(20).optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      response: {
        200: z.object({
          items: z.array(z.object({ ministryId: z.number(), ministryEn: z.string(), ministryHi: z.string(), grade: z.string(), areaCode: z.string(), areaEn: z.string(), areaHi: z.string(), officers: z.number() })),
          officersWithInterests: z.number(),
        }),
      },
    },
  }, async (req, reply) => {
    const a = req.actor!;
    const q = req.query;
    const cadres = a.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []);
    const own = a.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number);
    if (q.ministryId && cadres.length === 0) {
      const d = decide(a, 'interest.aggregate.read', { ministryId: q.ministryId });
      if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    }
    const scope = sql`(e.ministry_id IN (${sql.join([...own, -1].map((m) => sql`${m}`), sql`, `)}) OR e.cadre IN (${sql.join([...cadres, '-'].map((c) => sql`${c}`), sql`, `)}))`;
    const filters = [scope];
    if (q.ministryId) filters.push(sql`e.ministry_id = ${q.ministryId}`);
    if (q.grade) filters.push(sql`e.grade = ${q.grade}`);
    const where = sql.join(filters, sql` AND `);
    const data = await rows<{ ministry_id: number; name_en: string; name_hi: string; grade: string; area_code: string; n: number }>(app.deps.database.db, sql`
      SELECT e.ministry_id, m.name_en, m.name_hi, e.grade, i.area_code, count(*)::int AS n
        FROM area_of_interest i JOIN employee e ON e.id = i.employee_id JOIN ministry m ON m.id = e.ministry_id
       WHERE ${where} GROUP BY 1, 2, 3, 4, 5 ORDER BY m.name_en, e.grade, n DESC, i.area_code`);
    const total = (await one<{ n: number }>(app.deps.database.db, sql`SELECT count(DISTINCT i.employee_id)::int AS n FROM area_of_interest i JOIN employee e ON e.id = i.employee_id WHERE ${where}`))!.n;
    const items = data.map((r) => {
      const area = areaByCode(r.area_code);
      return { ministryId: r.ministry_id, ministryEn: r.name_en, ministryHi: r.name_hi, grade: r.grade, areaCode: r.area_code, areaEn: area?.en ?? r.area_code, areaHi: area?.hi ?? r.area_code, officers: r.n };
    });
    if (q.format !== 'json') {
      const hi = req.lang === 'hi';
      const header = hi ? ['मंत्रालय', 'ग्रेड', 'रुचि क्षेत्र', 'कोड', 'अधिकारी'] : ['Ministry', 'Grade', 'Area of interest', 'Code', 'Officers'];
      const body = items.map((i) => [hi ? i.ministryHi : i.ministryEn, gradeByCode(i.grade)?.abbrev ?? i.grade, hi ? i.areaHi : i.areaEn, i.areaCode, i.officers]);
      reply.header('content-disposition', `attachment; filename="areas-of-interest-${calendarDateInIndia(now())}.${q.format}"`);
      return q.format === 'csv' ? reply.type(CSV_TYPE).send(toCsv(header, body) as never) : reply.type(XLSX_TYPE).send((await toXlsx('Areas of interest', header, body)) as never);
    }
    return { items, officersWithInterests: total };
  });

  app.get('/api/v1/igot/courses', {
    config: { action: 'interest.edit' },
    schema: {
      tags: ['interests'],
      summary: 'iGOT Karmayogi courses matching my areas of interest (or one area), each with a link to open it on iGOT',
      querystring: z.object({ area: z.string().max(40).optional() }),
      response: { 200: z.object({ items: z.array(Course), source: z.enum(['embedded', 'http']) }) },
    },
  }, async (req) => {
    const emp = ownEmployee(req.actor!);
    const d = decide(req.actor!, 'interest.edit', { ownerEmployeeId: emp });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    let codes: string[];
    if (req.query.area) {
      if (!areaByCode(req.query.area)) throw fieldError('area', `Unknown area of interest ${req.query.area}.`, `अज्ञात रुचि क्षेत्र ${req.query.area}।`);
      codes = [req.query.area];
    } else codes = await app.tx((tx) => myAreas(tx, emp));
    const areas = codes.map(areaByCode).filter((a): a is Area => !!a);
    const client = igotClient(app.deps.config);
    let courses: IgotCourse[];
    try {
      courses = await client.searchCourses([...new Set(areas.flatMap((a) => a.competencies))]);
    } catch (e) {
      if (e instanceof IgotError) throw new AppError('SERVICE_UNAVAILABLE', { en: 'iGOT Karmayogi could not be reached; please try again shortly.', hi: 'iGOT कर्मयोगी से संपर्क नहीं हो सका; कृपया थोड़ी देर बाद प्रयास करें।', cause: e });
      throw e;
    }
    const lc = (s: string) => s.toLowerCase();
    return {
      items: courses.slice(0, 60).map((c) => ({ ...c, areas: areas.filter((a) => a.competencies.some((k) => c.competencies.map(lc).includes(lc(k)))).map((a) => a.code) })),
      source: client.kind,
    };
  });

  app.get('/api/v1/igot/completions', {
    config: { action: 'interest.edit' },
    schema: { tags: ['interests'], summary: 'Courses I completed on iGOT Karmayogi (pulled back; shown as training)', response: { 200: z.object({ items: z.array(Completion) }) } },
  }, async (req) => {
    const emp = ownEmployee(req.actor!);
    const d = decide(req.actor!, 'interest.edit', { ownerEmployeeId: emp });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    return { items: await app.tx((tx) => completions(tx, emp)) };
  });

  app.post('/api/v1/igot/sync', {
    config: { action: 'interest.edit' },
    schema: {
      tags: ['interests'],
      summary: 'Pull the courses I completed on iGOT Karmayogi; new ones go into the training section of my profile (not while it awaits validation: then at the next pull)',
      response: { 200: z.object({ pulled: z.number(), new: z.number(), addedToProfile: z.number(), profileState: z.string().nullable(), items: z.array(Completion) }) },
    },
  }, async (req) => {
    const emp = ownEmployee(req.actor!);
    const d = decide(req.actor!, 'interest.edit', { ownerEmployeeId: emp });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    const t = now();
    const person = await app.tx((tx) => personOf(tx, emp));
    const client = igotClient(app.deps.config);
    let pulled: IgotCompletion[];
    try {
      pulled = await client.completedCourses({ employeeCode: person.employee_code, email: person.email });
    } catch (e) {
      if (e instanceof IgotError) throw new AppError('SERVICE_UNAVAILABLE', { en: 'iGOT Karmayogi could not be reached; please try again shortly.', hi: 'iGOT कर्मयोगी से संपर्क नहीं हो सका; कृपया थोड़ी देर बाद प्रयास करें।', cause: e });
      throw e;
    }
    const today = calendarDateInIndia(t);
    const valid = pulled.filter((c) => c.courseId && c.startedOn <= c.completedOn && c.completedOn <= today);
    return app.tx(async (tx) => {
      let fresh = 0;
      for (const c of valid) {
        const r = await rows(tx, sql`
          INSERT INTO igot_course_completion (employee_id, course_id, title, provider, started_on, completed_on, link, certificate_url, pulled_at)
          VALUES (${emp}, ${c.courseId.slice(0, 200)}, ${c.title.slice(0, 500)}, ${c.provider.slice(0, 200)}, ${c.startedOn}, ${c.completedOn}, ${c.link}, ${c.certificateUrl}, ${t.toISOString()})
          ON CONFLICT (employee_id, course_id) DO NOTHING RETURNING course_id`);
        fresh += r.length;
      }
      const copied = await copyToProfile(tx, emp, t);
      await appendAudit(tx, auditContext(req, t, 'EMPLOYEE'), { entity: 'igot_course_completion', entityId: emp, action: 'igot.completions.pull', changes: { client: client.kind, pulled: pulled.length, new: fresh, addedToProfile: copied.added, profileState: copied.state } });
      return { pulled: pulled.length, new: fresh, addedToProfile: copied.added, profileState: copied.state, items: await completions(tx, emp) };
    });
  });
};

async function completions(tx: Executor, employeeId: string): Promise<z.infer<typeof Completion>[]> {
  const list = await rows<{ course_id: string; title: string; provider: string; started_on: string; completed_on: string; link: string | null; certificate_url: string | null; in_profile_at: string | null }>(tx, sql`
    SELECT course_id, title, provider, started_on, completed_on, link, certificate_url, in_profile_at FROM igot_course_completion WHERE employee_id = ${employeeId} ORDER BY completed_on DESC, course_id`);
  return list.map((c) => ({ courseId: c.course_id, title: c.title, provider: c.provider, startedOn: c.started_on, completedOn: c.completed_on, link: c.link, certificateUrl: c.certificate_url, inProfile: c.in_profile_at != null }));
}
