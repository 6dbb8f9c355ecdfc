import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole, type Actor } from '@cscms/domain';
import type { Executor } from '../../db/client.ts';
import { FOREIGN_VISIT_STATES, foreignVisitApplicationSchema, foreignVisitRouteRuleSchema } from '@cscms/domain/foreign-visit';
import { routeRulesView, setRouteRules } from './route-rules.ts';
import { AppError } from '../../http/errors.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { registerJobHandler } from '../../jobs/jobs.ts';
import { notify } from '../../notify/notify.ts';
import { renderPdf } from '../../print/pdf.ts';
import { authorize, CalendarDateSchema, ReasonSchema, todayIst } from '../rules/common.ts';
import { ClearanceSchema } from '../vigilance/routes.ts';
import { certificateHtml } from './certificate.ts';
import { cadreAuthorityUsers, findFv, listFv, nodalUsers } from './repo.ts';
import {
  SLA_JOB,
  apply,
  avdClear,
  decideFv,
  forward,
  fvFull,
  fvSummary,
  markComplete,
  previousVisits,
  raiseDeficiency,
  resubmit,
  scopeOfFv,
  slaOf,
  withdraw,
} from './service.ts';

/** Escalation the day before a due date: the Nodal Officers (and the cadre authority once forwarded) are told, if it still waits. */
registerJobHandler<{ id: string; stage: 'memo' | 'decision'; due: string }>(SLA_JOB, async (ctx) => {
  const a = await findFv(ctx.tx, ctx.payload.id);
  if (!a) return;
  const today = todayIst(ctx.now);
  const waiting = ctx.payload.stage === 'memo'
    ? a.state === 'SUBMITTED' && slaOf(a, today).deficiencyMemoDueOn === ctx.payload.due
    : (a.state === 'UNDER_EXAMINATION' || a.state === 'FORWARDED_TO_CADRE_AUTHORITY') && slaOf(a, today).decisionDueOn === ctx.payload.due;
  if (!waiting) return;
  const users = [...(await nodalUsers(ctx.tx, a.ministry_id)), ...(a.state === 'FORWARDED_TO_CADRE_AUTHORITY' ? await cadreAuthorityUsers(ctx.tx, a.cadre) : [])];
  const what = ctx.payload.stage === 'memo' ? ['any deficiency memo', 'कोई कमी-ज्ञापन'] : ['the decision', 'निर्णय'];
  await notify(ctx.tx, {
    userIds: users,
    kind: `fv.escalation.${ctx.payload.stage}`,
    title: { en: 'Foreign visit application: due date near', hi: 'विदेश यात्रा आवेदन: नियत तिथि निकट' },
    body: {
      en: `${a.employee_code}: ${what[0]} is due by ${ctx.payload.due} (rules.md §4 item 2). Please act before it passes.`,
      hi: `${a.employee_code}: ${what[1]} ${ctx.payload.due} तक देय है (नियम §4 मद 2)। कृपया समय रहते कार्रवाई करें।`,
    },
    link: `/foreign-visits/${a.id}`,
    email: true,
  }, ctx.now);
  await ctx.audit({ entity: 'foreign_visit', entityId: a.id, action: 'fv.escalate', changes: { stage: ctx.payload.stage, due: ctx.payload.due, told: users.length } });
});

const SlaOut = z.object({
  on: z.string(),
  deficiencyMemoDueOn: z.string().optional(),
  decisionDueOn: z.string().optional(),
  clockStopped: z.boolean(),
  overdue: z.boolean(),
  daysLeft: z.number().optional(),
  reasons: z.array(ReasonSchema),
});
const ViewerClearance = ClearanceSchema.partial().extend({
  on: z.string(),
  status: z.enum(['CLEAR', 'WITHHELD']),
  detailsHidden: z.boolean().describe('true: the viewer may see only clear / not clear'),
}).nullable();

const FvBase = z.object({
  id: z.string(),
  employee: z.object({ id: z.string(), code: z.string(), name: z.object({ en: z.string(), hi: z.string() }), grade: z.string(), ministryId: z.number(), cadre: z.string() }),
  state: z.enum(FOREIGN_VISIT_STATES),
  countries: z.array(z.string()),
  departureOn: z.string(),
  returnOn: z.string(),
  route: z.object({ competentAuthority: z.string(), forwardToCadreAuthority: z.boolean(), needsAvdClearance: z.boolean(), reason: ReasonSchema }),
  sla: SlaOut,
  receivedOn: z.string().nullable(),
  completeOn: z.string().nullable(),
  forwardedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  version: z.number(),
  abilities: z.array(z.string()).describe('the steps open to me now: submit, resubmit, withdraw, raiseDeficiency, markComplete, avdClear, forward, approve, refuse, certificate'),
});
const FvFull = FvBase.extend({
  application: z.record(z.string(), z.unknown()),
  deficiencyMemos: z.array(z.object({ on: z.string(), by: z.string(), items: z.array(z.string()), late: z.boolean(), resubmittedOn: z.string().optional() })),
  avdClearance: ViewerClearance,
  decision: z.object({ decision: z.enum(['APPROVED', 'REFUSED']), reasons: z.string().nullable(), decidedBy: z.string().nullable(), decidedRole: z.string().nullable(), decidedOn: z.string().nullable(), vigilance: ViewerClearance }).nullable(),
  certificateCode: z.string().nullable(),
});

const RuleOut = z.object({
  cadre: z.string(),
  minRank: z.number().optional(),
  grades: z.array(z.string()).optional(),
  ministryIds: z.array(z.number()).optional(),
  cadreAuthority: z.string(),
  needsAvdClearance: z.boolean(),
  description: z.object({ en: z.string(), hi: z.string() }),
});
const RoutesOut = z.object({
  version: z.number().describe('send it back with PUT; a stale version → 409'),
  inForce: z.object({
    from: z.string().nullable(),
    configured: z.boolean().describe('false: the default of CS.I O.M. of 17.01.2013'),
    rules: z.array(RuleOut),
    citation: z.object({ order: z.string(), para: z.string().optional(), orderId: z.string().optional() }).nullable(),
    reason: z.string().nullable(),
  }),
  rows: z.array(z.object({ from: z.string(), rules: z.array(RuleOut), reason: z.string(), orderRef: z.string().nullable(), setAt: z.string() })),
});

const IdParams = z.object({ id: z.uuid() });
const Version = z.strictObject({ version: z.number().int().positive() });

export const foreignVisitFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const today = () => todayIst(app.deps.clock.now());
  const view = async (actor: Actor, id: string) => fvFull(actor, (await findFv(db(), id))!, today());

  app.get('/api/v1/foreign-visits/previous-visits', {
    config: { action: 'fv.apply' },
    schema: {
      tags: ['foreign-visits'],
      summary: 'My private foreign visits of the 4 years before a departure date, from the portal\'s own records (to pre-fill the application)',
      querystring: z.object({ departureOn: CalendarDateSchema.optional() }),
      response: { 200: z.object({ since: z.string(), visits: z.array(z.object({ countries: z.array(z.string()), from: z.string(), to: z.string(), purpose: z.string(), permissionRef: z.string() })) }) },
    },
  }, async (req) => previousVisits(db(), req.actor!, req.query.departureOn ?? today()));

  app.post('/api/v1/foreign-visits', {
    config: { action: 'fv.apply' },
    schema: {
      tags: ['foreign-visits'],
      summary: 'Apply for permission for a private foreign visit (countries, dates, purpose, funds, leave, address abroad, visits of the preceding 4 years). Needs a validated profile.',
      body: foreignVisitApplicationSchema,
      response: { 201: FvFull },
    },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const id = await app.tx((tx) => apply(tx, req, req.body, now, today()));
    return reply.status(201).send(await view(req.actor!, id));
  });

  app.get('/api/v1/foreign-visits', {
    config: { action: 'fv.read' },
    schema: {
      tags: ['foreign-visits'],
      summary: 'Applications I may see (mine; my Ministry\'s; my cadre\'s once forwarded; AVD: those needing its clearance), with SLA dates — never vigilance details',
      querystring: PageQuery.extend({ state: z.enum(FOREIGN_VISIT_STATES).optional(), employeeId: z.uuid().optional() }),
      response: { 200: Page(FvBase) },
    },
  }, async (req) => {
    const actor = req.actor!;
    const { state, employeeId, ...page } = req.query;
    const scope = {
      employeeIds: hasRole(actor, 'EMPLOYEE') && actor.employeeId ? [actor.employeeId] : [],
      ministryIds: actor.grants.filter((g) => g.role === 'NODAL_OFFICER' && g.ministryId != null).map((g) => g.ministryId as number),
      cadres: actor.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []),
      avd: hasRole(actor, 'AVD'),
    };
    const list = await listFv(db(), scope, { state, employeeId }, page.pageSize, offsetOf(page));
    return { items: list.map((a) => fvSummary(actor, a, today())), total: Number(list[0]?.total ?? 0), page: page.page, pageSize: page.pageSize };
  });

  app.get('/api/v1/foreign-visits/routes', {
    config: { action: 'fv.routes.read' },
    schema: {
      tags: ['foreign-visits'],
      summary: 'The competent authority for private foreign visits: the rules in force (by cadre, grade, Ministry; Ministry-specific rules first) and the rules set so far',
      response: { 200: RoutesOut },
    },
  }, async () => routeRulesView(db(), today()));

  app.put('/api/v1/foreign-visits/routes', {
    config: { action: 'fv.routes.manage' },
    schema: {
      tags: ['foreign-visits'],
      summary: 'Set the rules naming the competent authority, from a date (today or later): the cadre authority of each cadre whose rules change, or the administrator; reason required; audited; stale version → 409',
      body: z.strictObject({
        version: z.number().int().positive(),
        from: CalendarDateSchema.optional(),
        rules: z.array(foreignVisitRouteRuleSchema).max(50),
        reason: z.string().trim().min(5).max(1000),
        orderRef: z.string().trim().min(1).max(200).optional(),
      }),
      response: { 200: RoutesOut },
    },
  }, async (req) => {
    const now = app.deps.clock.now();
    await app.tx((tx) => setRouteRules(tx, req, req.body, now, today()));
    return routeRulesView(db(), today());
  });

  app.get('/api/v1/foreign-visits/:id', {
    config: { action: 'fv.read' },
    schema: { tags: ['foreign-visits'], summary: 'One application: the form, SLA dates, deficiency memos, AVD clearance and decision (vigilance details only for those who may see them)', params: IdParams, response: { 200: FvFull } },
  }, async (req) => {
    const a = await findFv(db(), req.params.id);
    if (!a) throw new AppError('NOT_FOUND');
    const actor = req.actor!;
    // AVD sees the applications that need its clearance; others by scope
    if (!(hasRole(actor, 'AVD') && a.route.needsAvdClearance)) authorize({ ...actor, grants: actor.grants.filter((g) => g.role !== 'AVD') }, 'fv.read', scopeOfFv(a));
    return fvFull(actor, a, today());
  });

  type Run = (tx: Executor, req: FastifyRequest, id: string, body: any, now: Date) => Promise<unknown>;
  const step = (path: string, action: 'fv.apply' | 'fv.examine' | 'fv.decide' | 'fv.avdClear', summary: string, body: z.ZodType, run: Run) =>
    app.post(`/api/v1/foreign-visits/:id/${path}`, {
      config: { action },
      schema: { tags: ['foreign-visits'], summary, params: IdParams, body, response: { 200: FvFull } },
    }, async (req) => {
      const now = app.deps.clock.now();
      await app.tx((tx) => run(tx, req, req.params.id, req.body, now));
      return view(req.actor!, req.params.id);
    });

  step('withdraw', 'fv.apply', 'Withdraw my application before the decision', Version, (tx, req, id, b, now) => withdraw(tx, req, id, b.version, now, today()));
  step('resubmit', 'fv.apply', 'Make good the deficiencies and resubmit (the 7-day examination starts again from this receipt)',
    z.strictObject({ version: z.number().int().positive(), application: foreignVisitApplicationSchema }),
    (tx, req, id, b, now) => resubmit(tx, req, id, b.version, b.application, now, today()));
  step('deficiency', 'fv.examine', 'Point out deficiencies (within 7 days of receipt): the clock stops until the employee resubmits',
    z.strictObject({ version: z.number().int().positive(), deficiencies: z.array(z.string().trim().min(3).max(500)).min(1).max(20) }),
    (tx, req, id, b, now) => raiseDeficiency(tx, req, id, b.version, b.deficiencies, now, today()));
  step('complete', 'fv.examine', 'Accept as complete: the 21-day decision clock runs from the receipt of the complete application', Version,
    (tx, req, id, b, now) => markComplete(tx, req, id, b.version, now, today()));
  step('vigilance-clearance', 'fv.avdClear', 'AVD: fetch and record the vigilance clearance (CSS Under Secretary and above, before forwarding to CS.I)', Version,
    (tx, req, id, b, now) => avdClear(tx, req, id, b.version, now, today()));
  step('forward', 'fv.examine', 'Forward to the cadre authority with the AVD clearance', Version,
    (tx, req, id, b, now) => forward(tx, req, id, b.version, now, today()));
  step('decision', 'fv.decide', "Grant or refuse (never one's own). The vigilance clearance is fetched now and stored with the decision; a refusal needs Head of Department level and reasons. Stale version → 409.",
    z.strictObject({ decision: z.enum(['APPROVE', 'REFUSE']), reasons: z.string().trim().max(4000).optional(), version: z.number().int().positive() }),
    (tx, req, id, b, now) => decideFv(tx, req, id, b, now, today()));

  app.get('/api/v1/foreign-visits/:id/certificate', {
    config: { action: 'fv.read' },
    schema: { tags: ['foreign-visits'], summary: 'The clearance certificate of an approved visit: bilingual print view (HTML) or PDF with a verification QR', params: IdParams, querystring: z.object({ format: z.enum(['html', 'pdf']).default('html') }) },
  }, async (req, reply) => {
    const now = app.deps.clock.now();
    const { html, code } = await app.tx(async (tx) => {
      const a = await findFv(tx, req.params.id);
      if (!a) throw new AppError('NOT_FOUND');
      authorize({ ...req.actor!, grants: req.actor!.grants.filter((g) => g.role !== 'AVD') }, 'fv.read', scopeOfFv(a));
      if (a.state !== 'APPROVED') throw new AppError('INVALID_STATE', { en: 'A certificate is issued only when permission is granted.', hi: 'प्रमाणपत्र केवल अनुमति मिलने पर जारी होता है।' });
      return certificateHtml(tx, a, req.lang, app.deps.config.publicUrl, now, req.actor!.userId);
    });
    reply.header('x-verification-code', code);
    if (req.query.format === 'pdf') {
      const pdf = await renderPdf(html, app.deps.config.chromiumPath);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="foreign-visit-clearance-${code}.pdf"`).send(pdf as never);
    }
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:").send(html as never);
  });
};
