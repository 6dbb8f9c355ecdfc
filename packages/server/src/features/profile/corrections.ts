import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decide, isCalendarDate } from '@cscms/domain';
import { appendAudit } from '../../audit/audit.ts';
import { one, rows, sql } from '../../db/client.ts';
import { auditContext } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { notify } from '../../notify/notify.ts';
import { loadEmployee, nodalOfficerUserIds, userIdOfEmployee } from './repo.ts';
import { authorize, scopeOf } from './service.ts';

/** Service-history fields the cadre authority owns (O.M. of 15.11.2022 para 3.1): the column and how to check a value. */
const FIELDS = {
  entryDate: { column: 'entry_date', kind: 'date' },
  presentGradeDate: { column: 'present_grade_date', kind: 'date' },
  ministryJoinDate: { column: 'ministry_join_date', kind: 'date' },
  probationEnd: { column: 'probation_end', kind: 'date' },
  selectListYear: { column: 'select_list_year', kind: 'year' },
} as const;
type Field = keyof typeof FIELDS;

const Correction = z.object({
  id: z.number(),
  employeeId: z.string(),
  employeeName: z.string(),
  field: z.string(),
  currentValue: z.string().nullable(),
  proposedValue: z.string(),
  reason: z.string(),
  status: z.enum(['PENDING', 'ACCEPTED', 'REJECTED']),
  raisedAt: z.string(),
  decisionReason: z.string().nullable(),
  version: z.number(),
});

interface Row {
  id: number;
  employee_id: string;
  name_en: string;
  field: string;
  current_value: string | null;
  proposed_value: string;
  reason: string;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  raised_at: string;
  raised_by: string;
  decision_reason: string | null;
  version: number;
  ministry_id: number;
  cadre: 'CSS' | 'CSSS' | 'CSCS';
}
const present = (r: Row) => ({
  id: r.id, employeeId: r.employee_id, employeeName: r.name_en, field: r.field, currentValue: r.current_value, proposedValue: r.proposed_value,
  reason: r.reason, status: r.status, raisedAt: String(r.raised_at), decisionReason: r.decision_reason, version: r.version,
});

function checkValue(field: Field, v: string): void {
  const ok = FIELDS[field].kind === 'date' ? isCalendarDate(v) : /^(19[5-9]\d|20\d\d)$/.test(v);
  if (!ok) throw new AppError('VALIDATION', { field: 'proposedValue', en: FIELDS[field].kind === 'date' ? 'Give a real date written YYYY-MM-DD.' : 'Give a year such as 2024.', hi: FIELDS[field].kind === 'date' ? 'वास्तविक तिथि YYYY-MM-DD रूप में दें।' : '2024 जैसा वर्ष दें।' });
}

export const correctionsFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/corrections', {
    config: { action: 'correction.raise' },
    schema: {
      tags: ['profile'],
      summary: 'Ask the cadre authority to correct a service-history field (the employee for themselves, a Nodal Officer for their Ministry)',
      body: z.strictObject({ employeeId: z.uuid().optional(), field: z.enum(Object.keys(FIELDS) as [Field, ...Field[]]), proposedValue: z.string().trim().min(1).max(20), reason: z.string().trim().min(5).max(1000) }),
      response: { 201: Correction },
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const b = req.body;
    const employeeId = b.employeeId ?? req.actor!.employeeId;
    if (!employeeId) throw new AppError('VALIDATION', { field: 'employeeId', en: 'Say whose record is to be corrected.', hi: 'बताएँ कि किसका अभिलेख सुधारा जाना है।' });
    checkValue(b.field, b.proposedValue);
    const row = await app.tx(async (tx) => {
      const e = await loadEmployee(tx, employeeId);
      if (!e) throw new AppError('NOT_FOUND', { field: 'employeeId' });
      authorize(req.actor!, 'correction.raise', scopeOf(e));
      const current = (e as unknown as Record<string, unknown>)[FIELDS[b.field].column];
      if (current != null && String(current) === b.proposedValue) throw new AppError('VALIDATION', { field: 'proposedValue', en: 'That is already the recorded value.', hi: 'यही मान पहले से दर्ज है।' });
      const r = (await one<{ id: number }>(tx, sql`
        INSERT INTO correction_request (employee_id, field, current_value, proposed_value, reason, raised_by, raised_at)
        VALUES (${e.id}, ${b.field}, ${current == null ? null : String(current)}, ${b.proposedValue}, ${b.reason}, ${req.actor!.userId}, ${now.toISOString()}) RETURNING id`))!;
      await appendAudit(tx, auditContext(req, now), { entity: 'correction_request', entityId: String(r.id), action: 'correction.raise', changes: { employeeId: e.id, field: b.field, current, proposed: b.proposedValue }, reason: b.reason });
      const authority = await rows<{ user_id: string }>(tx, sql`SELECT DISTINCT g.user_id FROM role_grant g JOIN app_user u ON u.id = g.user_id WHERE g.role = 'CADRE_AUTHORITY' AND ${e.cadre} = ANY(g.cadres) AND u.active`);
      await notify(tx, { userIds: authority.map((a) => a.user_id), kind: 'correction.raised', title: { en: `Correction requested: ${b.field} of ${e.name_en}`, hi: `सुधार का अनुरोध: ${e.name_hi || e.name_en} का ${b.field}` }, body: { en: b.reason, hi: b.reason }, link: '/corrections' }, now);
      return (await one<Row>(tx, sql`SELECT c.*, e.name_en, e.ministry_id, e.cadre FROM correction_request c JOIN employee e ON e.id = c.employee_id WHERE c.id = ${r.id}`))!;
    });
    return reply.status(201).send(present(row));
  });

  app.get('/api/v1/corrections', {
    config: { action: 'correction.read' },
    schema: { tags: ['profile'], summary: 'Correction requests I may see (mine; my Ministry; my cadre)', querystring: PageQuery.extend({ status: z.enum(['PENDING', 'ACCEPTED', 'REJECTED']).optional() }), response: { 200: Page(Correction) } },
  }, async (req) => {
    const a = req.actor!;
    const q = req.query;
    const ministries = a.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number);
    const cadres = a.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []);
    const scope = sql`(e.id = ${a.employeeId ?? '00000000-0000-0000-0000-000000000000'} OR e.ministry_id IN (${sql.join([...ministries, -1].map((m) => sql`${m}`), sql`, `)}) OR e.cadre IN (${sql.join([...cadres, '-'].map((c) => sql`${c}`), sql`, `)}))`;
    const where = q.status ? sql`${scope} AND c.status = ${q.status}` : scope;
    const items = await rows<Row>(app.deps.database.db, sql`SELECT c.*, e.name_en, e.ministry_id, e.cadre FROM correction_request c JOIN employee e ON e.id = c.employee_id WHERE ${where} ORDER BY c.raised_at DESC, c.id DESC LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`);
    const total = (await one<{ n: number }>(app.deps.database.db, sql`SELECT count(*)::int AS n FROM correction_request c JOIN employee e ON e.id = c.employee_id WHERE ${where}`))!.n;
    return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
  });

  app.post('/api/v1/corrections/:id/decision', {
    config: { action: 'correction.decide' },
    schema: {
      tags: ['profile'],
      summary: 'The cadre authority accepts (the service record is changed) or rejects a correction request, with reasons',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.strictObject({ decision: z.enum(['ACCEPT', 'REJECT']), reason: z.string().trim().min(5).max(1000), version: z.number().int().min(1) }),
      response: { 200: Correction },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    const row = await app.tx(async (tx) => {
      const c = await one<Row>(tx, sql`SELECT c.*, e.name_en, e.ministry_id, e.cadre FROM correction_request c JOIN employee e ON e.id = c.employee_id WHERE c.id = ${req.params.id} FOR UPDATE OF c`);
      if (!c) throw new AppError('NOT_FOUND');
      const d = decide(req.actor!, 'correction.decide', { ownerEmployeeId: c.employee_id, cadre: c.cadre, ministryId: c.ministry_id });
      if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
      if (c.raised_by === req.actor!.userId) throw new AppError('SELF_APPROVAL');
      if (c.version !== req.body.version) throw new AppError('STALE_VERSION', { extra: { currentVersion: c.version } });
      if (c.status !== 'PENDING') throw new AppError('INVALID_STATE', { en: 'This request has already been decided.', hi: 'इस अनुरोध पर पहले ही निर्णय हो चुका है।' });
      const status = req.body.decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
      await tx.execute(sql`UPDATE correction_request SET status = ${status}, decided_by = ${req.actor!.userId}, decided_at = ${now.toISOString()}, decision_reason = ${req.body.reason}, version = version + 1 WHERE id = ${c.id}`);
      const changes: Record<string, unknown> = { status: { before: 'PENDING', after: status } };
      if (status === 'ACCEPTED') {
        const f = FIELDS[c.field as Field];
        const before = await one<Record<string, unknown>>(tx, sql`SELECT ${sql.identifier(f.column)} AS v FROM employee WHERE id = ${c.employee_id} FOR UPDATE`);
        const value = f.kind === 'year' ? Number(c.proposed_value) : c.proposed_value;
        await tx.execute(sql`UPDATE employee SET ${sql.identifier(f.column)} = ${value}, version = version + 1, updated_at = ${now.toISOString()} WHERE id = ${c.employee_id}`);
        changes[`employee.${f.column}`] = { before: before?.v ?? null, after: value };
      }
      await appendAudit(tx, auditContext(req, now, 'CADRE_AUTHORITY'), { entity: 'correction_request', entityId: String(c.id), action: `correction.${req.body.decision.toLowerCase()}`, changes, reason: req.body.reason });
      const people = [c.raised_by, await userIdOfEmployee(tx, c.employee_id), ...(await nodalOfficerUserIds(tx, c.ministry_id))].filter((x): x is string => !!x);
      await notify(tx, {
        userIds: people,
        kind: `correction.${status.toLowerCase()}`,
        title: status === 'ACCEPTED' ? { en: `Service record corrected: ${c.field}`, hi: `सेवा अभिलेख सुधारा गया: ${c.field}` } : { en: `Correction not accepted: ${c.field}`, hi: `सुधार स्वीकार नहीं किया गया: ${c.field}` },
        body: { en: req.body.reason, hi: req.body.reason },
        link: '/corrections',
      }, now);
      return (await one<Row>(tx, sql`SELECT c.*, e.name_en, e.ministry_id, e.cadre FROM correction_request c JOIN employee e ON e.id = c.employee_id WHERE c.id = ${c.id}`))!;
    });
    return present(row);
  });
};
