import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit.ts';
import { AppError } from '../../http/errors.ts';
import { auditContext } from '../../http/context.ts';
import { Page, PageQuery, offsetOf } from '../../http/pagination.ts';
import { authorize, CalendarDateSchema } from '../rules/common.ts';
import { findOrder, insertOrder, insertRuleVersion, ruleVersionsOf, searchOrders, START_SEL, STOP_SEL, type RuleVersionRow } from './repo.ts';

const CODE_RE = /^[A-Z0-9][A-Z0-9.-]{1,63}$/;
const OrderCode = z.string().regex(CODE_RE, 'capital letters, digits, dots and hyphens, 2–64 characters').describe("the order's key, e.g. MACPS-2009");
const KINDS = ['OM', 'RULES', 'ORDER', 'LETTER', 'PRESS_RELEASE', 'NOTICE'] as const;

const OrderHit = z.object({
  code: z.string(),
  number: z.string(),
  date: z.string().nullable(),
  department: z.string(),
  subject: z.string(),
  kind: z.string(),
  fullText: z.boolean().describe('false when the text is only the lines of rules.md that cite the order'),
  rank: z.number().nullable(),
  subjectHighlighted: z.string().nullable().describe(`the subject with the matched words between ${START_SEL} and ${STOP_SEL} (plain text, never HTML)`),
  snippet: z.string().nullable().describe(`best fragments of the text, matched words between ${START_SEL} and ${STOP_SEL}`),
});

const RuleVersion = z.object({
  id: z.number(),
  ruleKey: z.string(),
  effectiveFrom: z.string(),
  para: z.string().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  addedBy: z.string().nullable(),
  createdAt: z.string(),
});

const OrderDoc = z.object({
  code: z.string(),
  aliases: z.array(z.string()),
  number: z.string(),
  date: z.string().nullable(),
  department: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  fullText: z.boolean(),
  source: z.enum(['SEED', 'RULES', 'ADMIN']),
  note: z.string().nullable(),
  ruleVersions: z.array(RuleVersion),
  abilities: z.array(z.string()),
});

const NewOrderBody = z.strictObject({
  code: OrderCode,
  aliases: z.array(OrderCode).max(10).default([]),
  number: z.string().trim().min(1).max(200),
  date: CalendarDateSchema.nullable(),
  department: z.string().trim().min(1).max(300),
  subject: z.string().trim().min(1).max(1000),
  text: z.string().trim().min(1).max(200_000),
  kind: z.enum(KINDS).default('OM'),
  fullText: z.boolean().default(true),
  note: z.string().trim().max(2000).nullable().default(null),
});

const NewRuleVersionBody = z.strictObject({
  ruleKey: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/, 'dotted key, e.g. ccl.minSpellDays').max(100),
  effectiveFrom: CalendarDateSchema,
  para: z.string().trim().max(200).nullable().default(null),
  parameters: z.record(z.string(), z.unknown()).refine((p) => JSON.stringify(p).length <= 20_000, 'at most 20,000 characters of JSON'),
});

const ruleVersionOut = (v: RuleVersionRow) => ({
  id: v.id,
  ruleKey: v.rule_key,
  effectiveFrom: v.effective_from,
  para: v.para,
  parameters: v.parameters,
  addedBy: v.added_by,
  createdAt: String(v.created_at),
});

export const ordersFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/orders', {
    config: { action: 'orders.read' },
    schema: {
      tags: ['orders'],
      summary: 'Search the orders library (English full text, ranked, highlighted snippets)',
      description: `q is read as a web search (quoted phrases, OR, -word). Matched words in subjectHighlighted and snippet are between ${START_SEL} and ${STOP_SEL}; the text is plain, render the markers as highlights, never as HTML. Without q the newest orders come first.`,
      querystring: PageQuery.extend({ q: z.string().trim().max(200).optional() }),
      response: { 200: Page(OrderHit) },
    },
  }, async (req) => {
    const { q, ...page } = req.query;
    const hits = await searchOrders(app.deps.database.db, q || undefined, page.pageSize, offsetOf(page));
    return {
      items: hits.map((h) => ({
        code: h.code, number: h.number, date: h.order_date, department: h.department, subject: h.subject, kind: h.kind, fullText: h.full_text,
        rank: h.rank == null ? null : Number(h.rank), subjectHighlighted: h.subject_hl, snippet: h.snippet,
      })),
      total: hits[0]?.total ?? 0,
      page: page.page,
      pageSize: page.pageSize,
    };
  });

  app.get('/api/v1/orders/:code', {
    config: { action: 'orders.read' },
    schema: {
      tags: ['orders'],
      summary: 'One order: number, date, department, subject, text and the rule versions resting on it (by its code or an alias the engines cite)',
      params: z.object({ code: z.string().max(100) }),
      response: { 200: OrderDoc },
    },
  }, async (req) => {
    const o = await findOrder(app.deps.database.db, req.params.code);
    if (!o) throw new AppError('NOT_FOUND', { en: `No order ${req.params.code} in the library.`, hi: `पुस्तकालय में आदेश ${req.params.code} नहीं है।` });
    const versions = await ruleVersionsOf(app.deps.database.db, o.id);
    return {
      code: o.code, aliases: o.aliases, number: o.number, date: o.order_date, department: o.department, subject: o.subject, text: o.body, kind: o.kind,
      fullText: o.full_text, source: o.source as 'SEED' | 'RULES' | 'ADMIN', note: o.note, ruleVersions: versions.map(ruleVersionOut),
      abilities: ['orders.write'].filter(() => req.actor!.grants.some((g) => g.role === 'ADMIN')),
    };
  });

  app.post('/api/v1/orders', {
    config: { action: 'orders.write' },
    schema: { tags: ['orders'], summary: 'Add an order to the library (administrator)', body: NewOrderBody, response: { 201: z.object({ code: z.string() }) } },
  }, async (req, reply) => {
    const role = authorize(req.actor!, 'orders.write');
    const b = req.body;
    const now = app.deps.clock.now();
    await app.tx(async (tx) => {
      const ins = await insertOrder(tx, { ...b, aliases: b.aliases ?? [] }, req.actor!.userId);
      if (!ins) throw new AppError('CONFLICT', { field: 'code', en: `An order with the code ${b.code} (or one of the aliases) is already in the library.`, hi: `कोड ${b.code} (या किसी उपनाम) वाला आदेश पहले से पुस्तकालय में है।` });
      await appendAudit(tx, auditContext(req, now, role), {
        entity: 'legal_order', entityId: b.code, action: 'order.add',
        changes: { number: b.number, date: b.date, department: b.department, subject: b.subject, kind: b.kind, fullText: b.fullText, aliases: b.aliases, textLength: b.text.length },
      });
    });
    return reply.status(201).send({ code: b.code });
  });

  app.post('/api/v1/orders/:code/rule-versions', {
    config: { action: 'orders.write' },
    schema: {
      tags: ['orders'],
      summary: 'Attach a rule version (a rule key, the date it applies from and its parameters) to an order (administrator)',
      params: z.object({ code: z.string().max(100) }),
      body: NewRuleVersionBody,
      response: { 201: RuleVersion },
    },
  }, async (req, reply) => {
    const role = authorize(req.actor!, 'orders.write');
    const now = app.deps.clock.now();
    const out = await app.tx(async (tx) => {
      const o = await findOrder(tx, req.params.code);
      if (!o) throw new AppError('NOT_FOUND', { en: `No order ${req.params.code} in the library.`, hi: `पुस्तकालय में आदेश ${req.params.code} नहीं है।` });
      const v = await insertRuleVersion(tx, o.id, req.body, req.actor!.userId);
      if (!v) throw new AppError('CONFLICT', { field: 'effectiveFrom', en: `Rule ${req.body.ruleKey} already has a version from ${req.body.effectiveFrom} on this order.`, hi: `इस आदेश पर नियम ${req.body.ruleKey} का ${req.body.effectiveFrom} से संस्करण पहले से है।` });
      await appendAudit(tx, auditContext(req, now, role), {
        entity: 'rule_version', entityId: String(v.id), action: 'rule_version.add',
        changes: { order: o.code, ruleKey: v.rule_key, effectiveFrom: v.effective_from, para: v.para, parameters: v.parameters },
      });
      return v;
    });
    return reply.status(201).send(ruleVersionOut(out));
  });
};
