import { z } from 'zod';
import { decide, isCalendarDate, type Action, type Actor, type ResourceScope } from '@cscms/domain';
import { AppError } from '../../http/errors.ts';

/** A calendar date 'YYYY-MM-DD' that exists. */
export const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => isCalendarDate(s), 'not a calendar date')
  .describe('calendar date YYYY-MM-DD');

export const CitationSchema = z.object({
  order: z.string(),
  para: z.string().optional(),
  orderId: z.string().optional().describe('code of the order in the orders library: GET /api/v1/orders/{orderId}'),
});

export const ReasonSchema = z.looseObject({
  code: z.string(),
  en: z.string(),
  hi: z.string(),
  citation: CitationSchema,
  until: z.string().optional(),
});

/** decide() or throw the matching AppError; returns the role the actor acts in (for the audit record). */
export function authorize(actor: Actor, action: Action, resource: ResourceScope = {}): string {
  const d = decide(actor, action, resource);
  if (!d.allow) throw new AppError(d.code, { en: d.en, hi: d.hi });
  return d.role;
}

/** Today's calendar date in India (IST, UTC+5:30) from the injected clock. */
export function todayIst(now: Date): string {
  return new Date(now.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}

/** A spreadsheet cell that cannot run as a formula: cells starting with = + - @ (or tab/CR) get a leading apostrophe. */
export function safeCsvCell(v: unknown): string {
  let s = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(safeCsvCell).join(',')).join('\r\n')}\r\n`;
}
