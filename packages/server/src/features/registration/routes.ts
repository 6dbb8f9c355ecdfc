import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarDateInIndia, type CadreCode } from '@cscms/domain';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { CSV_TYPE, XLSX_TYPE, toCsv, toXlsx } from '../../http/export.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { enqueueJob, registerJobHandler } from '../../jobs/jobs.ts';
import { COLUMNS, checkRow, type RegistrationRow, type RowError } from './columns.ts';
import { classify, insertFresh, updateChanged } from './commit.ts';
import { parseCsv, parseXlsx } from './parse.ts';

const MAX_ROWS = 50_000;
const BATCH = 1000;

const Summary = z.object({
  id: z.number(),
  filename: z.string(),
  status: z.enum(['PREVIEW', 'COMMITTING', 'COMMITTED', 'DISCARDED']),
  total: z.number(),
  valid: z.number(),
  invalid: z.number(),
  newRows: z.number(),
  changedRows: z.number(),
  unchangedRows: z.number(),
  firstErrors: z.array(z.object({ row: z.number(), column: z.string(), value: z.string(), message: z.string() })),
  jobId: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  version: z.number(),
});

interface ImportRow {
  id: number;
  filename: string;
  status: 'PREVIEW' | 'COMMITTING' | 'COMMITTED' | 'DISCARDED';
  total: number;
  valid: number;
  invalid: number;
  new_rows: number;
  changed_rows: number;
  unchanged_rows: number;
  errors: RowError[];
  rows: RegistrationRow[];
  job_id: string | null;
  result: Record<string, unknown> | null;
  version: number;
  cadres: CadreCode[];
  uploaded_by: string;
}

const present = (r: ImportRow, lang: 'en' | 'hi') => ({
  id: r.id, filename: r.filename, status: r.status, total: r.total, valid: r.valid, invalid: r.invalid, newRows: r.new_rows, changedRows: r.changed_rows,
  unchangedRows: r.unchanged_rows, firstErrors: r.errors.slice(0, 50).map((x) => ({ row: x.row, column: x.column, value: x.value, message: x[lang] })),
  jobId: r.job_id, result: r.result, version: r.version,
});

/** Commits an import in batches inside the job's one transaction (all or nothing), reporting progress. */
registerJobHandler<{ importId: number; mode: 'ALL' | 'VALID_ONLY' }>('registration.commit', async (ctx) => {
  const imp = await one<ImportRow>(ctx.tx, sql`SELECT * FROM registration_import WHERE id = ${ctx.payload.importId} FOR UPDATE`);
  if (!imp || imp.status !== 'COMMITTING') return;
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (let i = 0; i < imp.rows.length; i += BATCH) {
    const batch = imp.rows.slice(i, i + BATCH);
    const c = await classify(ctx.tx, batch);
    await insertFresh(ctx.tx, c.fresh, ctx.now);
    if (c.fresh.length) await ctx.audit({ entity: 'employee', entityId: `registration:${imp.id}:${i / BATCH + 1}`, action: 'registration.create', changes: { employeeCodes: c.fresh.map((r) => r.employee_code) } });
    for (const ch of c.changed) {
      await updateChanged(ctx.tx, ch, ctx.now);
      await ctx.audit({ entity: 'employee', entityId: ch.before.id, action: 'registration.update', changes: ch.diff, reason: `registration import ${imp.id}` });
    }
    created += c.fresh.length;
    updated += c.changed.length;
    unchanged += c.unchanged;
    await ctx.reportProgress({ done: Math.min(i + BATCH, imp.rows.length), of: imp.rows.length });
  }
  const result = { created, updated, unchanged, skippedInvalid: imp.invalid };
  await ctx.tx.execute(sql`UPDATE registration_import SET status = 'COMMITTED', result = ${JSON.stringify(result)}::jsonb, version = version + 1 WHERE id = ${imp.id}`);
  await ctx.audit({ entity: 'registration_import', entityId: String(imp.id), action: 'registration.commit', changes: result });
});

export const registrationFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 25 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: 25 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.get('/api/v1/registration/template', {
    config: { action: 'registration.import' },
    schema: { tags: ['registration'], summary: 'The registration file template (CSV or XLSX): a header row and a row describing each column', querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }) },
  }, async (req, reply) => {
    const header = COLUMNS.map((c) => c.key);
    const help = COLUMNS.map((c) => `${c.required ? '(required) ' : ''}${req.lang === 'hi' ? c.hi : c.en}`);
    const example = ['CSS/2010/0001', 'Asha Verma', 'आशा वर्मा', '1985-04-10', 'F', 'MARRIED', '9876543210', 'asha.verma@nic.in', 'asha.verma', 'CSS', 'CSS.SO', 'CSS.ASO', '2010-07-01', '2017-07-01', 'DOPT', '2017-07-01', '', ''];
    reply.header('content-disposition', `attachment; filename="registration-template.${req.query.format}"`);
    if (req.query.format === 'xlsx') return reply.type(XLSX_TYPE).send((await toXlsx('Registration', header, [example, help])) as never);
    return reply.type(CSV_TYPE).send(toCsv(header, [example]) as never);
  });

  app.post('/api/v1/registration/imports', {
    config: { action: 'registration.import' },
    bodyLimit: 25 * 1024 * 1024,
    schema: {
      tags: ['registration'],
      summary: 'Upload a CSV (text/csv) or XLSX file; every row is checked and nothing is written to the employee records until you commit',
      querystring: z.object({ filename: z.string().max(200).default('upload') }),
      response: { 201: Summary },
    },
  }, async (req, reply) => {
    const ct = String(req.headers['content-type'] ?? '').split(';')[0].trim();
    const buf = req.body as Buffer | undefined;
    if (!Buffer.isBuffer(buf) || buf.length === 0) throw new AppError('VALIDATION', { field: 'file', en: 'Send the file as text/csv or XLSX.', hi: 'फ़ाइल text/csv या XLSX रूप में भेजें।' });
    let table: string[][];
    try {
      table = ct === XLSX_TYPE ? await parseXlsx(buf) : parseCsv(buf.toString('utf8'));
    } catch {
      throw new AppError('VALIDATION', { field: 'file', en: 'The file could not be read as CSV or XLSX.', hi: 'फ़ाइल को CSV या XLSX के रूप में पढ़ा नहीं जा सका।' });
    }
    if (table.length < 2) throw new AppError('VALIDATION', { field: 'file', en: 'The file has no data rows below the header.', hi: 'फ़ाइल में शीर्ष पंक्ति के नीचे कोई डेटा पंक्ति नहीं है।' });
    if (table.length - 1 > MAX_ROWS) throw new AppError('VALIDATION', { field: 'file', en: `At most ${MAX_ROWS} rows in one file.`, hi: `एक फ़ाइल में अधिकतम ${MAX_ROWS} पंक्तियाँ।` });
    const header = table[0].map((h) => h.trim().toLowerCase());
    const missing = COLUMNS.filter((c) => c.required && !header.includes(c.key)).map((c) => c.key);
    if (missing.length) throw new AppError('VALIDATION', { field: 'file', en: `Columns missing from the header: ${missing.join(', ')}. Download the template.`, hi: `शीर्ष पंक्ति में स्तंभ नहीं हैं: ${missing.join(', ')}। टेम्पलेट डाउनलोड करें।` });
    const cadres = req.actor!.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []);
    const now = app.deps.clock.now();
    const today = calendarDateInIndia(now);
    const result = await app.tx(async (tx) => {
      const ministries = new Map((await rows<{ code: string; id: number }>(tx, sql`SELECT code, id FROM ministry WHERE active`)).map((m) => [m.code.toUpperCase(), m.id]));
      const good: RegistrationRow[] = [];
      const errors: RowError[] = [];
      const seen = new Map<string, number>();
      table.slice(1).forEach((cells, i) => {
        const rowNo = i + 2;
        const rec = Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
        const r = checkRow(rowNo, rec, { ministries, cadres, today });
        if (r.row) {
          const prev = seen.get(r.row.employee_code);
          if (prev) errors.push({ row: rowNo, column: 'employee_code', value: r.row.employee_code, en: `repeats row ${prev}`, hi: `पंक्ति ${prev} की पुनरावृत्ति` });
          else {
            seen.set(r.row.employee_code, rowNo);
            good.push(r.row);
          }
        } else errors.push(...r.errors);
      });
      let fresh = 0;
      let changed = 0;
      let unchanged = 0;
      for (let i = 0; i < good.length; i += BATCH) {
        const c = await classify(tx, good.slice(i, i + BATCH));
        fresh += c.fresh.length;
        changed += c.changed.length;
        unchanged += c.unchanged;
      }
      const invalidRows = new Set(errors.map((x) => x.row)).size;
      const imp = (await one<ImportRow>(tx, sql`
        INSERT INTO registration_import (filename, uploaded_by, uploaded_at, cadres, total, valid, invalid, new_rows, changed_rows, unchanged_rows, rows, errors)
        VALUES (${req.query.filename}, ${req.actor!.userId}, ${now.toISOString()}, ARRAY[${sql.join([...cadres, '-'].map((c) => sql`${c}`), sql`, `)}]::text[], ${table.length - 1}, ${good.length}, ${invalidRows},
                ${fresh}, ${changed}, ${unchanged}, ${JSON.stringify(good)}::jsonb, ${JSON.stringify(errors)}::jsonb)
        RETURNING *`))!;
      await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), { entity: 'registration_import', entityId: String(imp.id), action: 'registration.upload', changes: { filename: req.query.filename, total: imp.total, valid: imp.valid, invalid: imp.invalid } });
      return imp;
    });
    return reply.status(201).send(present(result, req.lang));
  });

  app.get('/api/v1/registration/imports/:id', {
    config: { action: 'registration.import' },
    schema: { tags: ['registration'], summary: 'An import: counts, first errors, commit progress and result', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: Summary } },
  }, async (req) => {
    const r = await one<ImportRow>(app.deps.database.db, sql`SELECT * FROM registration_import WHERE id = ${req.params.id} AND uploaded_by = ${req.actor!.userId}`);
    if (!r) throw new AppError('NOT_FOUND');
    return present(r, req.lang);
  });

  app.get('/api/v1/registration/imports/:id/errors', {
    config: { action: 'registration.import' },
    schema: {
      tags: ['registration'],
      summary: 'Every row error of an import: row, column, value and why',
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: PageQuery,
      response: { 200: Page(z.object({ row: z.number(), column: z.string(), value: z.string(), message: z.string() })) },
    },
  }, async (req) => {
    const r = await one<{ errors: RowError[] }>(app.deps.database.db, sql`SELECT errors FROM registration_import WHERE id = ${req.params.id} AND uploaded_by = ${req.actor!.userId}`);
    if (!r) throw new AppError('NOT_FOUND');
    const q = req.query;
    return { items: r.errors.slice(offsetOf(q), offsetOf(q) + q.pageSize).map((x) => ({ row: x.row, column: x.column, value: x.value, message: x[req.lang] })), total: r.errors.length, page: q.page, pageSize: q.pageSize };
  });

  app.post('/api/v1/registration/imports/:id/commit', {
    config: { action: 'registration.import' },
    schema: {
      tags: ['registration'],
      summary: 'Write the import: ALL (refused while any row has an error) or VALID_ONLY. Runs as a job; follow its progress at /api/v1/jobs/{jobId}',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.strictObject({ mode: z.enum(['ALL', 'VALID_ONLY']), version: z.number().int().min(1) }),
      response: { 202: z.object({ jobId: z.string() }) },
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const jobId = await app.tx(async (tx) => {
      const r = await one<ImportRow>(tx, sql`SELECT id, status, invalid, version, uploaded_by FROM registration_import WHERE id = ${req.params.id} FOR UPDATE`);
      if (!r || r.uploaded_by !== req.actor!.userId) throw new AppError('NOT_FOUND');
      if (r.version !== req.body.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: r.version } });
      if (r.status !== 'PREVIEW') throw new AppError('INVALID_STATE', { en: 'This import has already been committed or discarded.', hi: 'यह आयात पहले ही लागू या निरस्त किया जा चुका है।' });
      if (req.body.mode === 'ALL' && r.invalid > 0) throw new AppError('VALIDATION', { field: 'mode', en: `${r.invalid} row(s) have errors: correct the file, or commit only the valid rows.`, hi: `${r.invalid} पंक्ति(यों) में त्रुटियाँ हैं: फ़ाइल सुधारें, या केवल मान्य पंक्तियाँ लागू करें।` });
      const job = await enqueueJob(tx, { id: `registration:${r.id}:commit`, kind: 'registration.commit', runAt: now, payload: { importId: r.id, mode: req.body.mode }, createdBy: req.actor!.userId, maxAttempts: 3 });
      await tx.execute(sql`UPDATE registration_import SET status = 'COMMITTING', mode = ${req.body.mode}, job_id = ${job.id}, version = version + 1 WHERE id = ${r.id}`);
      await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), { entity: 'registration_import', entityId: String(r.id), action: 'registration.commit.start', changes: { mode: req.body.mode } });
      return job.id;
    });
    return reply.status(202).send({ jobId });
  });
};
