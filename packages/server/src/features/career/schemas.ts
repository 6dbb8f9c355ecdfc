import { z } from 'zod';
import type { CareerStep, MacpSchedule } from '@cscms/domain/career';
import { Page } from '../../http/pagination.ts';
import { ReasonSchema } from '../rules/common.ts';

const Bilingual = z.object({ en: z.string(), hi: z.string() });

export const EmployeeBrief = z.object({
  id: z.string(),
  code: z.string(),
  name: Bilingual,
  cadre: z.string(),
  grade: z.object({ code: z.string(), en: z.string(), hi: z.string() }),
  payLevel: z.string(),
  ministry: z.object({ id: z.number(), en: z.string(), hi: z.string() }),
});

export const PayFixationOut = z.object({
  fromLevel: z.string(),
  fromPay: z.number(),
  notionalPay: z.number(),
  toLevel: z.string(),
  toPay: z.number(),
  toCell: z.number(),
  reasons: z.array(ReasonSchema),
});

export const StepOut = z.object({
  kind: z.enum(['PROMOTION', 'ACP', 'MACP']),
  number: z.number().nullable().describe('which of the three financial upgradations (promotions included); null when it does not count'),
  status: z.enum(['GRANTED', 'DUE', 'PROSPECTIVE', 'BLOCKED', 'DEFERRED']),
  completionDate: z.string(),
  date: z.string().describe('date from which it takes effect'),
  fromLevel: z.string(),
  toLevel: z.string(),
  pay: PayFixationOut.nullable().describe('pay fixed on the step (Rule 13), when the pay is known'),
  reasons: z.array(ReasonSchema),
});

export const ScheduleOut = z.object({
  asOn: z.string(),
  eligible: z.boolean(),
  serviceStart: z.string(),
  steps: z.array(StepOut),
  due: z.array(StepOut),
  next: StepOut.nullable(),
  countedAsOn: z.number(),
  reasons: z.array(ReasonSchema),
});

export const CareerOut = ScheduleOut.extend({ employee: EmployeeBrief, abilities: z.array(z.string()) });

export function stepOut(s: CareerStep): z.infer<typeof StepOut> {
  return {
    kind: s.kind,
    number: s.number ?? null,
    status: s.status,
    completionDate: s.completionDate,
    date: s.date,
    fromLevel: s.fromLevel,
    toLevel: s.toLevel,
    pay: s.pay ? { fromLevel: s.pay.fromLevel, fromPay: s.pay.fromPay, notionalPay: s.pay.notionalPay, toLevel: s.pay.toLevel, toPay: s.pay.toPay, toCell: s.pay.toCell, reasons: s.pay.reasons } : null,
    reasons: s.reasons,
  };
}

export function scheduleOut(s: MacpSchedule): z.infer<typeof ScheduleOut> {
  return {
    asOn: s.asOn,
    eligible: s.eligible,
    serviceStart: s.serviceStart,
    steps: s.steps.map(stepOut),
    due: s.due.map(stepOut),
    next: s.next ? stepOut(s.next) : null,
    countedAsOn: s.countedAsOn,
    reasons: s.reasons,
  };
}

export const DueItem = z.object({
  employee: EmployeeBrief,
  kind: z.enum(['PROMOTION', 'ACP', 'MACP']),
  number: z.number().nullable(),
  status: z.enum(['GRANTED', 'DUE', 'PROSPECTIVE', 'BLOCKED', 'DEFERRED']),
  completionDate: z.string(),
  date: z.string(),
  fromLevel: z.string(),
  toLevel: z.string(),
  payAfter: z.number().nullable(),
});

export const DuePage = Page(DueItem).extend({
  asOn: z.string(),
  months: z.number(),
  ministryIds: z.array(z.number()),
  problems: z.array(z.object({ employeeId: z.string(), code: z.string(), item: z.string(), message: z.string() })).describe('employees whose recorded history the engine refused (first 50): correct their service record'),
});
