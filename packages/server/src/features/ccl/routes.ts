import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '@cscms/domain';
import { AppError } from '../../http/errors.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { authorize, CalendarDateSchema, ReasonSchema, todayIst } from '../rules/common.ts';
import { findApplication, listApplications } from './repo.ts';
import { account, applicationOut, check, decideApplication, submit, withdraw } from './service.ts';

const STATUSES = ['SUBMITTED', 'SANCTIONED', 'REFUSED', 'REFERRED', 'WITHDRAWN'] as const;

export const CclFindingSchema = ReasonSchema.extend({ effect: z.enum(['OK', 'REFER', 'BAR']).describe('OK: a condition met; REFER: for the sanctioning authority; BAR: not admissible') });
const SwitchSchema = z.object({ key: z.string(), value: z.unknown(), default: z.unknown(), description: z.string() });
export const CclDecisionSchema = z.object({
  outcome: z.enum(['ADMISSIBLE', 'REFER', 'NOT_ADMISSIBLE']),
  days: z.number(),
  daysAt100: z.number(),
  daysAt80: z.number(),
  balanceBefore: z.number(),
  balanceAfter: z.number(),
  spellNumber: z.number(),
  spellsAllowed: z.number(),
  reasons: z.array(CclFindingSchema),
  switches: z.array(SwitchSchema),
});

const CheckBody = z.strictObject({
  childId: z.number().int().positive(),
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  childInPatient: z.boolean().optional().describe('the child is an in-patient in hospital (relaxation of the spell limit from 29.07.2024)'),
  justification: z.string().trim().max(2000).optional().describe('why the leave is needed; mandatory for a probationer'),
});
const ApplyBody = CheckBody.extend({ purpose: z.string().trim().max(2000).default('') });

const ApplicationOut = z.object({
  id: z.string(),
  employee: z.object({ id: z.string(), code: z.string(), name: z.object({ en: z.string(), hi: z.string() }), grade: z.string(), ministryId: z.number() }),
  child: z.object({ id: z.number(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  days: z.number(),
  status: z.enum(STATUSES),
  decision: z.record(z.string(), z.unknown()).describe("the engine's decision at submission (outcome, reasons with citations, split of days)"),
  childInPatient: z.boolean(),
  purpose: z.string(),
  justification: z.string().nullable(),
  refusalReasons: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  submittedAt: z.string(),
  version: z.number(),
  probation: z.boolean().describe('submitted during probation: a sanction needs the justification recorded'),
  abilities: z.array(z.string()),
});

const AccountOut = z.object({
  employeeId: z.string(),
  asOn: z.string(),
  daysUsed: z.number(),
  daysBooked: z.number(),
  balance: z.number(),
  spellsThisYear: z.number(),
  daysAt100: z.number(),
  daysAt80: z.number(),
  pendingDays: z.number(),
  spells: z.array(z.object({ id: z.string(), from: z.string(), to: z.string() })),
  children: z.array(z.object({ id: z.number(), name: z.string(), dateOfBirth: z.string(), disabilityPercent: z.number() })),
  switches: z.array(SwitchSchema),
});

const IdParams = z.object({ id: z.uuid() });

export const cclFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const asOn = () => todayIst(app.deps.clock.now());

  app.post('/api/v1/ccl/check', {
    config: { action: 'ccl.apply' },
    schema: { tags: ['ccl'], summary: 'Check a Child Care Leave application before submitting: the explained eligibility answer (nothing is stored)', body: CheckBody, response: { 200: CclDecisionSchema } },
  }, async (req) => check(db(), req.actor!, req.body, asOn()));

  app.post('/api/v1/ccl/applications', {
    config: { action: 'ccl.apply' },
    schema: {
      tags: ['ccl'],
      summary: "Apply for Child Care Leave: stores the engine's decision; REFER goes to the sanctioning authority, a not-admissible application is refused with its reasons (422)",
      body: ApplyBody,
      response: { 201: ApplicationOut },
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const id = await app.tx((tx) => submit(tx, req, req.body, now, asOn()));
    const a = await findApplication(db(), id);
    return reply.status(201).send(applicationOut(req.actor!, a!));
  });

  app.get('/api/v1/ccl/account', {
    config: { action: 'ccl.read' },
    schema: {
      tags: ['ccl'],
      summary: 'CCL account: days used, balance of 730, spells this year, 100%/80% split (mine, or an employee in my scope)',
      querystring: z.object({ employeeId: z.uuid().optional() }),
      response: { 200: AccountOut },
    },
  }, async (req) => account(db(), req.actor!, asOn(), req.query.employeeId));

  app.get('/api/v1/ccl/applications', {
    config: { action: 'ccl.read' },
    schema: {
      tags: ['ccl'],
      summary: 'CCL applications I may see: my own (employee), my Ministry (Nodal Officer), my cadres (cadre authority)',
      querystring: PageQuery.extend({
        status: z.enum([...STATUSES, 'PENDING']).optional().describe('PENDING: awaiting a decision (SUBMITTED or REFERRED)'),
        employeeId: z.uuid().optional(),
      }),
      response: { 200: Page(ApplicationOut) },
    },
  }, async (req) => {
    const actor = req.actor!;
    const { status, employeeId, ...page } = req.query;
    const scope = {
      employeeIds: hasRole(actor, 'EMPLOYEE') && actor.employeeId ? [actor.employeeId] : [],
      ministryIds: actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number),
      cadres: actor.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []),
    };
    const list = await listApplications(db(), scope, { status, employeeId }, page.pageSize, offsetOf(page));
    return { items: list.map((a) => applicationOut(actor, a)), total: list[0]?.total ?? 0, page: page.page, pageSize: page.pageSize };
  });

  app.get('/api/v1/ccl/applications/:id', {
    config: { action: 'ccl.read' },
    schema: { tags: ['ccl'], summary: 'One CCL application with the decision and its reasons', params: IdParams, response: { 200: ApplicationOut } },
  }, async (req) => {
    const a = await findApplication(db(), req.params.id);
    if (!a) throw new AppError('NOT_FOUND');
    authorize(req.actor!, 'ccl.read', { ownerEmployeeId: a.employee_id, ministryId: a.ministry_id, cadre: a.cadre as never });
    return applicationOut(req.actor!, a);
  });

  app.post('/api/v1/ccl/applications/:id/decide', {
    config: { action: 'ccl.decide' },
    schema: {
      tags: ['ccl'],
      summary: 'Sanction or refuse a CCL application (Nodal Officer of the Ministry; never one\'s own). A refusal needs reasons; a probationer\'s sanction needs the justification. Stale version → 409.',
      params: IdParams,
      body: z.strictObject({
        decision: z.enum(['SANCTION', 'REFUSE']),
        reasons: z.string().trim().max(4000).optional(),
        justification: z.string().trim().max(4000).optional(),
        version: z.number().int().positive(),
      }),
      response: { 200: ApplicationOut },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    const a = await app.tx((tx) => decideApplication(tx, req, req.params.id, req.body, now, asOn()));
    return applicationOut(req.actor!, a);
  });

  app.post('/api/v1/ccl/applications/:id/withdraw', {
    config: { action: 'ccl.apply' },
    schema: { tags: ['ccl'], summary: 'Withdraw my CCL application before it is decided', params: IdParams, body: z.strictObject({ version: z.number().int().positive() }), response: { 200: ApplicationOut } },
  }, async (req) => {
    const now = app.deps.clock.now();
    const a = await app.tx((tx) => withdraw(tx, req, req.params.id, req.body.version, now));
    return applicationOut(req.actor!, a);
  });
};
