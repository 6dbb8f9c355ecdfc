import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { macpSchedule } from '@cscms/domain/career';
import { decideCcl } from '@cscms/domain/leave';
import { ScheduleOut, scheduleOut } from '../career/schemas.ts';
import { CclDecisionSchema } from '../ccl/routes.ts';
import { CalendarDateSchema, engineInputProblem } from './common.ts';

// Integration endpoints: the engines on a history sent in the body, nothing stored. Dates must be calendar dates
// (else 400 naming the field); a history that cannot be true (promotion before entry, overlapping deferments,
// dates after the as-on date, unknown levels…) is 422 problem+json naming the item.

const Level = z.string().min(1).max(4).describe('7th CPC pay-matrix level: "1".."18" or "13A"');

export const ServiceHistorySchema = z.strictObject({
  entry: z.strictObject({ date: CalendarDateSchema.describe('joining the entry grade on a regular basis'), level: Level, grade: z.string().max(40).optional() }),
  earlierService: z.array(z.strictObject({ from: CalendarDateSchema, to: CalendarDateSchema, level: Level, kind: z.enum(['REGULAR', 'DEPUTATION', 'ADHOC', 'CONTRACT']), note: z.string().max(500).optional() })).max(20).optional(),
  probationEnd: CalendarDateSchema.optional(),
  promotions: z.array(z.strictObject({ date: CalendarDateSchema, level: Level, grade: z.string().max(40).optional() })).max(20).optional(),
  nonFunctionalUpgrades: z.array(z.strictObject({ date: CalendarDateSchema, level: Level, grade: z.string().max(40).optional() })).max(5).optional().describe('non-functional grade (SO/PS Level 10 after 4 years): not an upgradation'),
  granted: z.array(z.strictObject({ scheme: z.enum(['ACP', 'MACP']), date: CalendarDateSchema, level: Level })).max(10).optional(),
  deferments: z.array(z.strictObject({ from: CalendarDateSchema, to: CalendarDateSchema.optional(), cause: z.enum(['UNFIT', 'PROCEEDINGS', 'OTHER']), note: z.string().max(500).optional() })).max(20).optional(),
  refusals: z.array(z.strictObject({ date: CalendarDateSchema, level: Level.optional(), agreedOn: CalendarDateSchema.optional() })).max(10).optional(),
  organisedGroupA: z.boolean().optional(),
  promotionalHierarchy: z.array(Level).max(20).optional(),
  pay: z.strictObject({ on: CalendarDateSchema, level: Level, amount: z.number().int().positive(), incrementMonth: z.union([z.literal(1), z.literal(7)]).optional() }).optional(),
});

const MacpEvaluateBody = z.strictObject({ history: ServiceHistorySchema, asOn: CalendarDateSchema });

const CclEvaluateBody = z.strictObject({
  application: z.strictObject({
    childId: z.string().min(1).max(64),
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    childInPatient: z.boolean().optional(),
    justification: z.string().max(2000).optional(),
  }),
  employee: z.strictObject({
    gender: z.enum(['F', 'M', 'T']),
    maritalStatus: z.enum(['MARRIED', 'UNMARRIED', 'WIDOWED', 'DIVORCED']),
    children: z.array(z.strictObject({ id: z.string().min(1).max(64), dob: CalendarDateSchema, disabilityPercent: z.number().int().min(0).max(100).optional(), diedOn: CalendarDateSchema.optional() })).max(20),
    probationEnd: CalendarDateSchema.optional(),
  }),
  history: z.array(z.strictObject({ from: CalendarDateSchema, to: CalendarDateSchema, childId: z.string().max(64).optional() })).max(500).default([]),
  asOn: CalendarDateSchema,
  options: z.strictObject({ countAllDaysEver: z.boolean().optional() }).optional(),
});

export const rulesFeature: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/rules/macp/evaluate', {
    config: { action: 'rules.evaluate' },
    schema: {
      tags: ['rules'],
      summary: 'Evaluate a service history with the MACP engine (nothing stored): upgradations granted, due and prospective, with pay and reasons',
      description: 'An impossible history (promotion before entry, overlapping deferments, dates after asOn, unknown levels) answers 422 problem+json with code INVALID_HISTORY and field naming the item, e.g. history.promotions[1].',
      body: MacpEvaluateBody,
      response: { 200: ScheduleOut },
    },
  }, async (req) => {
    try {
      return scheduleOut(macpSchedule(req.body.history, req.body.asOn));
    } catch (e) {
      const p = engineInputProblem(e, 'history');
      if (p) throw p;
      throw e;
    }
  });

  app.post('/api/v1/rules/ccl/evaluate', {
    config: { action: 'rules.evaluate' },
    schema: {
      tags: ['rules'],
      summary: 'Evaluate a Child Care Leave application with the engine (nothing stored): admissible / refer / not admissible, with reasons',
      description: 'An impossible input (a spell ending before it starts, overlapping spells in the history, an unknown child) answers 422 problem+json naming the item.',
      body: CclEvaluateBody,
      response: { 200: CclDecisionSchema },
    },
  }, async (req) => {
    const b = req.body;
    try {
      return decideCcl(b.application, b.employee, b.history, b.asOn, b.options ?? {});
    } catch (e) {
      const p = engineInputProblem(e, '', { en: 'The application cannot be evaluated', hi: 'आवेदन का मूल्यांकन संभव नहीं' });
      if (p) throw p;
      throw e;
    }
  });
};
