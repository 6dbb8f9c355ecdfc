import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, yearOf } from '@cscms/domain';
import { filingWindow } from '@cscms/domain/ipr';
import { appendAudit } from '../../audit/audit.ts';
import { sql } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { CSV_TYPE, XLSX_TYPE, toCsv, toXlsx } from '../../http/export.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { enqueueJob, registerJobHandler } from '../../jobs/jobs.ts';
import { renderPdf } from '../../print/pdf.ts';
import { authorize, CitationSchema, ReasonSchema, todayIst } from '../rules/common.ts';
import { IMPORT_COLUMNS, importReturns } from './import.ts';
import { iprPrintHtml } from './print.ts';
import { WINDOW_SETTING, iprWindowSettingRows, iprWindowTable, returnsOf } from './repo.ts';
import { checkMinistryFilter, complianceList, complianceScopeOf, createDraft, myIpr, remindNotFiled, returnOut, reviseReturn, saveDraft, submitReturn, viewReturn } from './service.ts';

const STATUSES = ['FILED', 'LATE', 'NOT_FILED', 'PENDING', 'NOT_REQUIRED'] as const;
const Year = z.coerce.number().int().min(1964).max(2200);
const MonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD')
  .refine((s) => Number(s.slice(3)) <= [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(s.slice(0, 2)) - 1], 'a day that exists in every year (MM-DD)');

const ReturnOut = z.object({
  id: z.string(),
  employee: z.object({ id: z.string(), code: z.string(), name: z.object({ en: z.string(), hi: z.string() }), grade: z.string(), ministryId: z.number() }),
  kind: z.enum(['ANNUAL', 'FIRST_APPOINTMENT']),
  year: z.number(),
  asOn: z.string(),
  revision: z.number(),
  status: z.enum(['DRAFT', 'FILED']),
  nil: z.boolean(),
  properties: z.array(z.record(z.string(), z.unknown())).describe('property rows (rules.md §7 item 2)'),
  mode: z.enum(['ONLINE', 'PAPER']),
  source: z.enum(['PORTAL', 'IMPORT']),
  filedOn: z.string().nullable(),
  filedAt: z.string().nullable(),
  revisionReason: z.string().nullable(),
  version: z.number(),
  readOnly: z.boolean(),
  abilities: z.array(z.string()),
  latestRevision: z.number().optional(),
});
const WindowOut = z.object({ year: z.number(), opens: z.string(), closes: z.string(), citation: CitationSchema });

const MeOut = z.object({
  employeeId: z.string(),
  year: z.number(),
  obligation: z.object({ annual: z.boolean(), group: z.string(), reason: ReasonSchema }),
  window: WindowOut,
  compliance: z.object({ status: z.enum(STATUSES), compliant: z.boolean(), filedOn: z.string().nullable(), reasons: z.array(ReasonSchema) }),
  firstAppointment: z.object({ year: z.number(), asOn: z.string(), filed: z.boolean() }),
  nextStep: z.enum(['CONTINUE_DRAFT', 'NOTHING_DUE', 'FILE_FIRST_APPOINTMENT', 'FILED', 'WAIT_FOR_WINDOW', 'START_RETURN']),
  returns: z.array(ReturnOut),
});

const ComplianceOut = z.object({
  employeeId: z.string(),
  employeeCode: z.string(),
  name: z.object({ en: z.string(), hi: z.string() }),
  grade: z.string(),
  ministryId: z.number(),
  status: z.enum(STATUSES),
  filedOn: z.string().nullable(),
  dueOn: z.string(),
  returnId: z.string().nullable(),
});

const IdParams = z.object({ id: z.uuid() });
const REMINDER_JOB = 'ipr.reminders';

/** Reminder days of year Y's window: the opening day, 7 days before the due date, the due date. */
function reminderDays(w: { opens: string; closes: string }): string[] {
  return [w.opens, addDays(w.closes, -7), w.closes].filter((d, i, a) => d >= w.opens && a.indexOf(d) === i).sort();
}
const at0930Ist = (d: string) => new Date(`${d}T04:00:00Z`);

/** The portal's own reminders during the window: runs on each reminder day, then schedules the next (next year's window after the last). */
registerJobHandler<{ year?: number }>(REMINDER_JOB, async (ctx) => {
  const today = todayIst(ctx.now);
  const table = await iprWindowTable(ctx.tx);
  let year = yearOf(today) - 1;
  let w = filingWindow(year, table);
  if (today > w.closes) w = filingWindow((year = yearOf(today)), table);
  let told = 0;
  if (today >= w.opens && today <= w.closes) {
    const ministries = (await ctx.tx.execute(sql`SELECT id FROM ministry WHERE active`)) as unknown as { rows: Array<{ id: number }> };
    told = await remindNotFiled(ctx.tx, { ministryIds: ministries.rows.map((m) => m.id), cadres: [] }, year, today, ctx.now, table);
    await ctx.audit({ entity: 'ipr_return', entityId: String(year), action: 'ipr.remind', changes: { year, on: today, told } });
  }
  const next = reminderDays(w).find((d) => d > today) ?? reminderDays(filingWindow(year + 1, table))[0];
  return { runAgainAt: at0930Ist(next), progress: { year, told, next } };
});

export const iprFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const today = () => todayIst(app.deps.clock.now());

  // the reminder job schedules itself from here on; a fixed id makes this harmless on every start
  app.addHook('onReady', async () => {
    if (!app.deps.config.jobs) return;
    try {
      await enqueueJob(app.deps.database.db, { id: REMINDER_JOB, kind: REMINDER_JOB, runAt: app.deps.clock.now(), maxAttempts: 10 });
    } catch (e) {
      app.log.warn({ err: e }, 'ipr reminders not scheduled');
    }
  });

  app.get('/api/v1/ipr/window', {
    config: { action: 'ipr.window.read' },
    schema: { tags: ['ipr'], summary: 'The filing window of the annual return for year Y (position on 31 December Y; default 1–31 January Y+1)', querystring: z.object({ year: Year.optional() }), response: { 200: WindowOut } },
  }, async (req) => filingWindow(req.query.year ?? yearOf(today()) - 1, await iprWindowTable(db())));

  app.put('/api/v1/ipr/window', {
    config: { action: 'ipr.window.manage' },
    schema: {
      tags: ['ipr'],
      summary: 'Set the filing window (month-day of opening and due date in year Y+1), for returns of years from `fromYear` (cadre authority; audited)',
      body: z.strictObject({ opens: MonthDay, closes: MonthDay, fromYear: Year, reason: z.string().trim().min(5).max(1000) }),
      response: { 200: WindowOut },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    if (req.body.closes < req.body.opens) throw new AppError('VALIDATION', { field: 'closes', errors: [{ field: 'closes', code: 'before_opening', en: 'closes: the due date is before the opening', hi: 'closes: नियत तिथि खुलने की तिथि से पहले है' }] });
    await app.tx(async (tx) => {
      // one writer at a time; windows set for earlier years stay as they were (a window is effective-dated, never rewritten backwards)
      await tx.execute(sql`INSERT INTO setting (key, value) VALUES (${WINDOW_SETTING}, '{"rows":[]}'::jsonb) ON CONFLICT (key) DO NOTHING`);
      await tx.execute(sql`SELECT key FROM setting WHERE key = ${WINDOW_SETTING} FOR UPDATE`);
      const before = filingWindow(req.body.fromYear, await iprWindowTable(tx));
      const row = { from: `${req.body.fromYear}-12-31`, opens: req.body.opens, closes: req.body.closes };
      const kept = (await iprWindowSettingRows(tx)).filter((r) => r.from < row.from);
      await tx.execute(sql`UPDATE setting SET value = ${JSON.stringify({ rows: [...kept, row] })}::jsonb WHERE key = ${WINDOW_SETTING}`);
      await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), {
        entity: 'setting',
        entityId: WINDOW_SETTING,
        action: 'ipr.window.set',
        changes: { ...row, fromYear: req.body.fromYear, window: { before: { opens: before.opens, closes: before.closes }, after: { opens: `${req.body.fromYear + 1}-${row.opens}`, closes: `${req.body.fromYear + 1}-${row.closes}` } } },
        reason: req.body.reason,
      });
    });
    return filingWindow(req.body.fromYear, await iprWindowTable(db()));
  });

  app.get('/api/v1/ipr/me', {
    config: { action: 'ipr.file' },
    schema: { tags: ['ipr'], summary: 'My property return for year Y: obligation (Group C: first appointment only), window, compliance, draft and returns filed, the next step', querystring: z.object({ year: Year.optional() }), response: { 200: MeOut } },
  }, async (req) => myIpr(db(), req.actor!, req.query.year, today()));

  app.post('/api/v1/ipr/returns', {
    config: { action: 'ipr.file' },
    schema: {
      tags: ['ipr'],
      summary: "Start the return for year Y (or the first-appointment return); carryForward copies the rows of the latest earlier return. An open draft is returned as it is.",
      body: z.strictObject({ year: z.number().int().min(1964).max(2200), kind: z.enum(['ANNUAL', 'FIRST_APPOINTMENT']).default('ANNUAL'), carryForward: z.boolean().default(true) }),
      response: { 201: ReturnOut },
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const id = await app.tx((tx) => createDraft(tx, req, req.body, now, today()));
    return reply.status(201).send(await viewReturn(db(), req.actor!, id));
  });

  app.get('/api/v1/ipr/returns', {
    config: { action: 'ipr.read' },
    schema: {
      tags: ['ipr'],
      summary: "Returns already filed: mine, or an employee's of my Ministry (Nodal Officer, employeeId)",
      querystring: PageQuery.extend({ employeeId: z.uuid().optional(), year: Year.optional() }),
      response: { 200: Page(ReturnOut) },
    },
  }, async (req) => {
    const actor = req.actor!;
    const { employeeId, year, ...page } = req.query;
    const id = employeeId ?? actor.employeeId;
    if (!id) throw new AppError('VALIDATION', { field: 'employeeId', errors: [{ field: 'employeeId', code: 'required', en: 'employeeId: whose returns?', hi: 'employeeId: किसकी विवरणियाँ?' }] });
    const e = (await db().execute(sql`SELECT id, ministry_id, cadre FROM employee WHERE id = ${id}`)) as unknown as { rows: Array<{ id: string; ministry_id: number; cadre: string }> };
    if (!e.rows[0]) throw new AppError('NOT_FOUND');
    authorize(actor, 'ipr.read', { ownerEmployeeId: id, ministryId: e.rows[0].ministry_id, cadre: e.rows[0].cadre as never });
    const list = await returnsOf(db(), id, { year, status: 'FILED' }, page.pageSize, offsetOf(page));
    return { items: list.map((r) => returnOut(actor, r)), total: Number(list[0]?.total ?? 0), page: page.page, pageSize: page.pageSize };
  });

  app.get('/api/v1/ipr/returns/:id', {
    config: { action: 'ipr.read' },
    schema: { tags: ['ipr'], summary: 'One return (the employee: drafts too; the Nodal Officer: filed returns of the Ministry)', params: IdParams, response: { 200: ReturnOut } },
  }, async (req) => viewReturn(db(), req.actor!, req.params.id));

  app.put('/api/v1/ipr/returns/:id', {
    config: { action: 'ipr.file' },
    schema: {
      tags: ['ipr'],
      summary: 'Save the draft: property rows (each checked), or a nil return. A filed return is read-only (409).',
      params: IdParams,
      body: z.strictObject({ version: z.number().int().positive(), nil: z.boolean(), properties: z.array(z.record(z.string(), z.unknown())).max(500) }),
      response: { 200: ReturnOut },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    await app.tx((tx) => saveDraft(tx, req, req.params.id, req.body, now));
    return viewReturn(db(), req.actor!, req.params.id);
  });

  app.post('/api/v1/ipr/returns/:id/submit', {
    config: { action: 'ipr.file' },
    schema: { tags: ['ipr'], summary: 'File the return online: complete checks, then read-only; after the due date it is recorded as late', params: IdParams, body: z.strictObject({ version: z.number().int().positive() }), response: { 200: ReturnOut } },
  }, async (req) => {
    const now = app.deps.clock.now();
    await app.tx((tx) => submitReturn(tx, req, req.params.id, req.body.version, now, today()));
    return viewReturn(db(), req.actor!, req.params.id);
  });

  app.post('/api/v1/ipr/returns/:id/revise', {
    config: { action: 'ipr.file' },
    schema: { tags: ['ipr'], summary: 'Revise a filed return: a new draft version carrying its rows, with the reason', params: IdParams, body: z.strictObject({ reason: z.string().trim().min(5).max(2000) }), response: { 201: ReturnOut } },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const id = await app.tx((tx) => reviseReturn(tx, req, req.params.id, req.body.reason, now));
    return reply.status(201).send(await viewReturn(db(), req.actor!, id));
  });

  app.get('/api/v1/ipr/returns/:id/print', {
    config: { action: 'ipr.read' },
    schema: { tags: ['ipr'], summary: 'Print view (HTML) or PDF of a filed return, with a verification code and QR', params: IdParams, querystring: z.object({ format: z.enum(['html', 'pdf']).default('html') }) },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const { html, code } = await app.tx((tx) => iprPrintHtml(app, tx, req, req.params.id, now));
    reply.header('x-verification-code', code);
    if (req.query.format === 'pdf') {
      const pdf = await renderPdf(html, app.deps.config.chromiumPath);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="ipr-${code}.pdf"`).send(pdf as never);
    }
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:").send(html as never);
  });

  app.get('/api/v1/ipr/compliance', {
    config: { action: 'ipr.compliance' },
    schema: {
      tags: ['ipr'],
      summary: 'Filed / late / not filed / pending / not required (Group C) for year Y: Nodal Officer — own Ministry; cadre authority — own cadres. format=csv|xlsx exports.',
      querystring: PageQuery.extend({ year: Year.optional(), status: z.enum(STATUSES).optional(), ministryId: z.coerce.number().int().positive().optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      response: { 200: Page(ComplianceOut).extend({ year: z.number(), counts: z.record(z.string(), z.number()) }) },
    },
  }, async (req, reply) => {
    const actor = req.actor!;
    const { year: y, status, ministryId, format, ...page } = req.query;
    const year = y ?? yearOf(today()) - 1;
    checkMinistryFilter(actor, ministryId);
    const all = await complianceList(db(), complianceScopeOf(actor), year, today(), { ministryId });
    const counts: Record<string, number> = {};
    for (const i of all) counts[i.status] = (counts[i.status] ?? 0) + 1;
    const list = status ? all.filter((i) => i.status === status) : all;
    if (format !== 'json') {
      const header = ['Employee code', 'Name', 'नाम', 'Grade', 'Ministry', 'Year', 'Status', 'Filed on', 'Due by'];
      const data = list.map((i) => [i.employeeCode, i.name.en, i.name.hi, i.grade, i.ministryId, year, i.status, i.filedOn ?? '', i.dueOn]);
      if (format === 'csv') return reply.type(CSV_TYPE).header('content-disposition', `attachment; filename="ipr-compliance-${year}.csv"`).send(toCsv(header, data) as never);
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="ipr-compliance-${year}.xlsx"`).send((await toXlsx(`IPR ${year}`, header, data)) as never);
    }
    return { items: list.slice(offsetOf(page), offsetOf(page) + page.pageSize), total: list.length, page: page.page, pageSize: page.pageSize, year, counts };
  });

  app.post('/api/v1/ipr/compliance/remind', {
    config: { action: 'ipr.compliance' },
    schema: {
      tags: ['ipr'],
      summary: 'Remind now everyone in my scope who has not filed year Y (in-portal and e-mail; audited)',
      body: z.strictObject({ year: z.number().int().min(1964).max(2200), ministryId: z.number().int().positive().optional() }),
      response: { 200: z.object({ reminded: z.number() }) },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    const actor = req.actor!;
    checkMinistryFilter(actor, req.body.ministryId);
    const role = actor.grants.find((g) => g.role === 'NODAL_OFFICER' || g.role === 'CADRE_AUTHORITY')?.role ?? null;
    const scope = complianceScopeOf(actor);
    const reminded = await app.tx(async (tx) => {
      const n = await remindNotFiled(tx, scope, req.body.year, today(), now, undefined, req.body.ministryId);
      await appendAudit(tx, auditContext(req, now, role), { entity: 'ipr_return', entityId: String(req.body.year), action: 'ipr.remind', changes: { year: req.body.year, scope, ministryId: req.body.ministryId ?? null, reminded: n } });
      return n;
    });
    return { reminded };
  });

  app.post('/api/v1/ipr/import', {
    config: { action: 'ipr.import' },
    schema: {
      tags: ['ipr'],
      summary: `Import past returns (cadre authority, own cadres): CSV text or base64 XLSX with the columns ${IMPORT_COLUMNS.join(', ')}. All or nothing; returns already on the portal are skipped.`,
      body: z.strictObject({ format: z.enum(['csv', 'xlsx']), content: z.string().min(1).max(900_000) }),
      response: { 200: z.object({ imported: z.number(), skipped: z.array(z.object({ employeeCode: z.string(), year: z.number(), kind: z.string(), reason: z.string() })) }) },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    return app.tx((tx) => importReturns(tx, req, req.body, now));
  });
};
