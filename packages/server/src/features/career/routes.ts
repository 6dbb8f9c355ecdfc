import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilities } from '@cscms/domain';
import { AppError } from '../../http/errors.ts';
import { PageQuery, offsetOf } from '../../http/pagination.ts';
import { authorize, todayIst, toCsv } from '../rules/common.ts';
import { CareerOut, DueItem, DuePage, scheduleOut } from './schemas.ts';
import { careerOf, employeeOut, loadCareerEmployee, macpDue, scopeOf } from './service.ts';

export const careerFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();

  const career = async (req: import('fastify').FastifyRequest, employeeId: string) => {
    const db = app.deps.database.db;
    const emp = await loadCareerEmployee(db, req.actor!, employeeId);
    const asOn = todayIst(app.deps.clock.now());
    const s = await careerOf(db, emp, asOn);
    return { employee: employeeOut(emp), ...scheduleOut(s), asOn, abilities: abilities(req.actor!, ['career.read', 'ccl.read'], scopeOf(emp)) };
  };

  app.get('/api/v1/employees/:id/career', {
    config: { action: 'career.read' },
    schema: {
      tags: ['career'],
      summary: "An employee's MACP timeline: upgradations granted, due and prospective, pay after each, with reasons citing the orders",
      params: z.object({ id: z.uuid() }),
      response: { 200: CareerOut },
    },
  }, async (req) => career(req, req.params.id));

  app.get('/api/v1/me/career', {
    config: { action: 'career.read' },
    schema: { tags: ['career'], summary: 'My MACP timeline (granted, due, prospective) with reasons', response: { 200: CareerOut } },
  }, async (req) => {
    const id = req.actor!.employeeId;
    if (!id) throw new AppError('NOT_FOUND', { en: 'Your login has no employee record, so there is no career to show.', hi: 'आपके लॉगिन से कोई कर्मचारी अभिलेख जुड़ा नहीं है, इसलिए दिखाने को कोई करियर नहीं है।' });
    return career(req, id);
  });

  app.get('/api/v1/macp/due', {
    config: { action: 'macp.due.list' },
    schema: {
      tags: ['career'],
      summary: 'Employees of my Ministry whose MACP upgradation fell due (not recorded) or falls due in the next N months, for the screening committee',
      description: 'format=csv answers a CSV file (UTF-8 with BOM) of all rows; cells that a spreadsheet would run as a formula are prefixed with an apostrophe.',
      querystring: PageQuery.extend({
        months: z.coerce.number().int().min(0).max(60).default(6),
        ministryId: z.coerce.number().int().positive().optional().describe('one of my Ministries; default: all of them'),
        format: z.enum(['json', 'csv']).default('json'),
      }),
      response: { 200: DuePage },
    },
  }, async (req, reply) => {
    const actor = req.actor!;
    const { months, ministryId, format, ...page } = req.query;
    const mine = [...new Set(actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number))];
    const ministries = ministryId != null ? [ministryId] : mine;
    for (const m of ministries) authorize(actor, 'macp.due.list', { ministryId: m });
    if (ministries.length === 0) throw new AppError('OUT_OF_SCOPE');
    const asOn = todayIst(app.deps.clock.now());
    const { rows, problems } = await macpDue(app.deps.database.db, ministries, asOn, months);
    const items = rows.map((r) => DueItem.parse({
      employee: r.employee,
      kind: r.step.kind,
      number: r.step.number ?? null,
      status: r.step.status,
      completionDate: r.step.completionDate,
      date: r.step.date,
      fromLevel: r.step.fromLevel,
      toLevel: r.step.toLevel,
      payAfter: r.step.pay?.toPay ?? null,
    }));
    if (format === 'csv') {
      const lang = req.lang;
      const csv = toCsv(
        ['employee_code', 'name', 'grade', 'ministry', 'upgradation', 'number', 'status', 'completion_date', 'due_date', 'from_level', 'to_level', 'pay_after'],
        items.map((i) => [i.employee.code, i.employee.name[lang], i.employee.grade[lang], i.employee.ministry[lang], i.kind, i.number ?? '', i.status, i.completionDate, i.date, i.fromLevel, i.toLevel, i.payAfter ?? '']),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="macp-due-${asOn}-${months}m.csv"`)
        .send(csv as never);
    }
    return {
      items: items.slice(offsetOf(page), offsetOf(page) + page.pageSize),
      total: items.length,
      page: page.page,
      pageSize: page.pageSize,
      asOn,
      months,
      ministryIds: ministries,
      problems: problems.slice(0, 50),
    };
  });
};
