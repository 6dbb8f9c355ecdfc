import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, calendarDateInIndia, decide, formatOrderDate, isCalendarDate, type CadreCode } from '@cscms/domain';
import { atDeadline } from '@cscms/domain/profile';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql, type Executor } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { enqueueJob, registerJobHandler, type JobContext } from '../../jobs/jobs.ts';
import { notify } from '../../notify/notify.ts';

/** Midnight at the start of an Indian calendar date, as an instant (IST = UTC+5:30). */
export function istStartOf(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+05:30`));
}

interface WindowRow {
  id: number;
  cadre: CadreCode;
  ministry_ids: number[] | null;
  opens_on: string;
  deadline: string;
  status: 'OPEN' | 'CLOSED';
  outcome: Record<string, number> | null;
  created_at: string;
}

/** SQL filter of the employees a window covers. */
function inWindow(w: WindowRow) {
  return w.ministry_ids?.length
    ? sql`e.cadre = ${w.cadre} AND e.ministry_id IN (${sql.join(w.ministry_ids.map((m) => sql`${m}`), sql`, `)})`
    : sql`e.cadre = ${w.cadre}`;
}

async function loadWindow(tx: Executor, id: number): Promise<WindowRow | undefined> {
  return one<WindowRow>(tx, sql`SELECT * FROM validation_window WHERE id = ${id}`);
}

async function usersOf(tx: Executor, w: WindowRow, which: 'pending-employees' | 'all-employees' | 'nodal-officers'): Promise<string[]> {
  const q =
    which === 'nodal-officers'
      ? sql`SELECT DISTINCT g.user_id AS id FROM role_grant g JOIN app_user u ON u.id = g.user_id
             WHERE g.role = 'NODAL_OFFICER' AND u.active AND g.ministry_id IN (SELECT DISTINCT e.ministry_id FROM employee e WHERE ${inWindow(w)})`
      : which === 'all-employees'
        ? sql`SELECT u.id FROM app_user u JOIN employee e ON e.id = u.employee_id WHERE u.active AND ${inWindow(w)}`
        : sql`SELECT u.id FROM app_user u JOIN employee e ON e.id = u.employee_id LEFT JOIN profile p ON p.employee_id = e.id
               WHERE u.active AND ${inWindow(w)} AND coalesce(p.state, 'DRAFT') IN ('DRAFT', 'RETURNED')`;
  return (await rows<{ id: string }>(tx, q)).map((r) => r.id);
}

type WindowJob = JobContext<{ windowId: number; stage?: 'open' | 'remind-7d' | 'remind-1d' }>;

/** Announcement and reminders (para 6: the portal intimates every timeline itself). */
async function announce(ctx: WindowJob): Promise<void> {
  const w = await loadWindow(ctx.tx, ctx.payload.windowId);
  if (!w || w.status !== 'OPEN') return;
  const stage = ctx.payload.stage ?? 'open';
  const due = formatOrderDate(w.deadline);
  const words = {
    open: { en: `Profile validation window open: submit your profile by ${due}`, hi: `प्रोफ़ाइल सत्यापन अवधि खुली: ${due} तक अपनी प्रोफ़ाइल प्रस्तुत करें` },
    'remind-7d': { en: `7 days left: submit your profile by ${due}`, hi: `7 दिन शेष: ${due} तक अपनी प्रोफ़ाइल प्रस्तुत करें` },
    'remind-1d': { en: `Last day tomorrow: submit your profile by ${due}`, hi: `कल अंतिम दिन: ${due} तक अपनी प्रोफ़ाइल प्रस्तुत करें` },
  }[stage];
  const body = {
    en: 'After the deadline a submitted profile not acted on by the Nodal Officer is taken as final (O.M. of 15.11.2022, para 3.1).',
    hi: 'समय-सीमा के बाद, नोडल अधिकारी द्वारा कार्रवाई न की गई प्रस्तुत प्रोफ़ाइल अंतिम मान ली जाती है (दिनांक 15.11.2022 का का.ज्ञा., पैरा 3.1)।',
  };
  const employees = await usersOf(ctx.tx, w, stage === 'open' ? 'all-employees' : 'pending-employees');
  await notify(ctx.tx, { userIds: employees, kind: `profile.window.${stage}`, title: words, body, link: '/profile' }, ctx.now);
  const nodal = await usersOf(ctx.tx, w, 'nodal-officers');
  await notify(ctx.tx, {
    userIds: nodal,
    kind: `profile.window.${stage}.nodal`,
    title: { en: `Validate submitted profiles by ${due}`, hi: `${due} तक प्रस्तुत प्रोफ़ाइलों का सत्यापन करें` },
    body: { en: 'Profiles you do not act on by the deadline are taken as final and recorded against the Nodal Officer.', hi: 'समय-सीमा तक जिन प्रोफ़ाइलों पर आप कार्रवाई नहीं करेंगे वे अंतिम मान ली जाएँगी और नोडल अधिकारी के विरुद्ध दर्ज होंगी।' },
    link: '/profiles',
    email: true,
  }, ctx.now);
  await ctx.audit({ entity: 'validation_window', entityId: String(w.id), action: `window.${stage}.notified`, changes: { employees: employees.length, nodalOfficers: nodal.length } });
}

/**
 * The deadline (para 3.1): every submitted-but-unvalidated profile is taken as final, with the Nodal Officer's
 * omission recorded; profiles never submitted are flagged. Set-based, then one audit record per profile changed.
 */
async function deadline(ctx: WindowJob): Promise<void> {
  const w = await loadWindow(ctx.tx, ctx.payload.windowId);
  if (!w || w.status !== 'OPEN') return;
  const at = ctx.now.toISOString();
  const pending = await rows<{ employee_id: string; ministry_id: number; state: string; ever_submitted: boolean | null; submitted_version_no: number | null }>(ctx.tx, sql`
    SELECT e.id AS employee_id, e.ministry_id, coalesce(p.state, 'DRAFT') AS state, p.ever_submitted, p.submitted_version_no
      FROM employee e LEFT JOIN profile p ON p.employee_id = e.id
     WHERE ${inWindow(w)} AND (p.employee_id IS NULL OR p.state IN ('SUBMITTED', 'DRAFT', 'RETURNED'))
     FOR UPDATE OF e`);
  let deemed = 0;
  let never = 0;
  for (const [i, p] of pending.entries()) {
    const outcome = atDeadline({ state: p.state as 'SUBMITTED', everSubmitted: !!p.ever_submitted });
    if (outcome.kind === 'DEEMED_FINAL') {
      await ctx.tx.execute(sql`UPDATE profile SET state = 'DEEMED_FINAL', version = version + 1, updated_at = ${at}, updated_by = NULL WHERE employee_id = ${p.employee_id}`);
      await ctx.tx.execute(sql`UPDATE profile_version SET status = 'DEEMED_FINAL', decided_at = ${at} WHERE employee_id = ${p.employee_id} AND version_no = ${p.submitted_version_no}`);
      await ctx.tx.execute(sql`INSERT INTO nodal_omission (window_id, employee_id, ministry_id, kind, recorded_at) VALUES (${w.id}, ${p.employee_id}, ${p.ministry_id}, 'NOT_VALIDATED', ${at}) ON CONFLICT DO NOTHING`);
      await ctx.audit({ entity: 'profile', entityId: p.employee_id, action: 'profile.deemed_final', changes: { state: { before: 'SUBMITTED', after: 'DEEMED_FINAL' }, windowId: w.id, nodalOfficerDidNotAct: true } });
      deemed++;
    } else if (outcome.kind === 'NEVER_SUBMITTED') {
      await ctx.tx.execute(sql`INSERT INTO nodal_omission (window_id, employee_id, ministry_id, kind, recorded_at) VALUES (${w.id}, ${p.employee_id}, ${p.ministry_id}, 'NEVER_SUBMITTED', ${at}) ON CONFLICT DO NOTHING`);
      never++;
    }
    if (i % 500 === 499) await ctx.reportProgress({ done: i + 1, of: pending.length });
  }
  const outcome = { deemedFinal: deemed, neverSubmitted: never };
  await ctx.tx.execute(sql`UPDATE validation_window SET status = 'CLOSED', closed_at = ${at}, outcome = ${JSON.stringify(outcome)}::jsonb, version = version + 1 WHERE id = ${w.id}`);
  await ctx.audit({ entity: 'validation_window', entityId: String(w.id), action: 'window.deadline', changes: { status: { before: 'OPEN', after: 'CLOSED' }, ...outcome } });
}

registerJobHandler('profile.window.notify', announce);
registerJobHandler('profile.window.deadline', deadline);

const Window = z.object({
  id: z.number(),
  cadre: z.string(),
  ministryIds: z.array(z.number()).nullable(),
  opensOn: z.string(),
  deadline: z.string(),
  status: z.enum(['OPEN', 'CLOSED']),
  daysLeft: z.number().nullable(),
  outcome: z.record(z.string(), z.number()).nullable(),
});
const present = (w: WindowRow, today: string) => ({
  id: w.id,
  cadre: w.cadre,
  ministryIds: w.ministry_ids,
  opensOn: w.opens_on,
  deadline: w.deadline,
  status: w.status,
  daysLeft: w.status === 'OPEN' ? Math.max(0, Math.round((Date.parse(w.deadline) - Date.parse(today)) / 86_400_000)) : null,
  outcome: w.outcome,
});

export const windowsFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const date = z.string().refine(isCalendarDate, { message: 'must be a real date YYYY-MM-DD' });

  app.post('/api/v1/validation-windows', {
    config: { action: 'window.manage' },
    schema: {
      tags: ['profile'],
      summary: 'Open a profile validation window for a cadre (and optionally some Ministries) with a deadline; employees and Nodal Officers are notified at once, 7 days and 1 day before it closes',
      body: z.strictObject({ cadre: z.enum(['CSS', 'CSSS', 'CSCS']), ministryIds: z.array(z.number().int().positive()).max(200).optional(), deadline: date }),
      response: { 201: Window },
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const today = calendarDateInIndia(now);
    const b = req.body;
    const d = decide(req.actor!, 'window.manage', { cadre: b.cadre });
    if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
    if (b.deadline <= today) throw new AppError('VALIDATION', { field: 'deadline', en: 'The deadline must be after today.', hi: 'समय-सीमा आज के बाद की होनी चाहिए।' });
    const w = await app.tx(async (tx) => {
      const open = await one(tx, sql`SELECT id FROM validation_window WHERE cadre = ${b.cadre} AND status = 'OPEN' FOR UPDATE`);
      if (open) throw new AppError('CONFLICT', { field: 'cadre', en: 'A validation window is already open for this cadre; close it first.', hi: 'इस संवर्ग के लिए सत्यापन अवधि पहले से खुली है; पहले उसे बंद करें।' });
      if (b.ministryIds?.length) {
        const known = await rows<{ id: number }>(tx, sql`SELECT id FROM ministry WHERE id IN (${sql.join(b.ministryIds.map((m) => sql`${m}`), sql`, `)})`);
        const missing = b.ministryIds.filter((m) => !known.some((k) => k.id === m));
        if (missing.length) throw new AppError('VALIDATION', { field: 'ministryIds', en: `Unknown Ministry id(s): ${missing.join(', ')}`, hi: `अज्ञात मंत्रालय आईडी: ${missing.join(', ')}` });
      }
      const row = (await one<WindowRow>(tx, sql`
        INSERT INTO validation_window (cadre, ministry_ids, opens_on, deadline, created_by, created_at)
        VALUES (${b.cadre}, ${b.ministryIds?.length ? sql`ARRAY[${sql.join(b.ministryIds.map((m) => sql`${m}`), sql`, `)}]::int[]` : null}, ${today}, ${b.deadline}, ${req.actor!.userId}, ${now.toISOString()})
        RETURNING *`))!;
      const base = `profile-window:${row.id}`;
      await enqueueJob(tx, { id: `${base}:open`, kind: 'profile.window.notify', runAt: now, payload: { windowId: row.id, stage: 'open' } });
      for (const [stage, days] of [['remind-7d', 7], ['remind-1d', 1]] as const) {
        const on = addDays(b.deadline, -days);
        if (on > today) await enqueueJob(tx, { id: `${base}:${stage}`, kind: 'profile.window.notify', runAt: new Date(istStartOf(on).getTime() + 9 * 3_600_000), payload: { windowId: row.id, stage } });
      }
      // The deadline day is the last day to act: the job runs as it ends.
      await enqueueJob(tx, { id: `${base}:deadline`, kind: 'profile.window.deadline', runAt: istStartOf(addDays(b.deadline, 1)), payload: { windowId: row.id }, createdBy: req.actor!.userId });
      await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), { entity: 'validation_window', entityId: String(row.id), action: 'window.open', changes: { cadre: b.cadre, ministryIds: b.ministryIds ?? null, deadline: b.deadline } });
      return row;
    });
    return reply.status(201).send(present(w, today));
  });

  app.get('/api/v1/validation-windows', {
    config: { action: 'window.read' },
    schema: { tags: ['profile'], summary: 'Validation windows (open first) with the days left', querystring: z.object({ status: z.enum(['OPEN', 'CLOSED']).optional() }), response: { 200: z.object({ items: z.array(Window) }) } },
  }, async (req) => {
    const today = calendarDateInIndia(app.deps.clock.now());
    const ws = await rows<WindowRow>(app.deps.database.db, sql`SELECT * FROM validation_window ${req.query.status ? sql`WHERE status = ${req.query.status}` : sql``} ORDER BY status DESC, deadline DESC LIMIT 100`);
    return { items: ws.map((w) => present(w, today)) };
  });
};
