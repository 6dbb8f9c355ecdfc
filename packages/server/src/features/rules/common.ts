import { z } from 'zod';
import { decide, isCalendarDate, type Action, type Actor, type ResourceScope } from '@cscms/domain';
import { AppError } from '../../http/errors.ts';
import { calendarDateInIndia } from '@cscms/domain';

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

export const ReasonSchema = z.object({
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
export const todayIst = (now: Date): string => calendarDateInIndia(now);

/** CSV with formula cells neutralised: the one implementation is http/export.ts. */
export { toCsv } from '../../http/export.ts';

/**
 * An impossible input the engines refuse (HistoryError, PayMatrixError, or any error with a `code` and an
 * `item`): 422 problem+json naming the item, never a 500. `prefix` is the body path of the history.
 */
export function engineInputProblem(e: unknown, prefix: string, what: { en: string; hi: string } = { en: 'The service history cannot be true', hi: 'सेवा इतिहास संभव नहीं है' }): AppError | undefined {
  if (!(e instanceof Error)) return undefined;
  const x = e as Error & { code?: unknown; item?: unknown; level?: unknown };
  const isHistory = e.name === 'HistoryError' || e.name === 'CclInputError' || (typeof x.item === 'string' && typeof x.code === 'string');
  const isPay = e.name === 'PayMatrixError' || (e.constructor?.name === 'PayMatrixError');
  if (!isHistory && !isPay) return undefined;
  const item = typeof x.item === 'string' ? x.item : 'pay';
  const field = prefix ? `${prefix}.${item}` : item;
  const code = typeof x.code === 'string' ? x.code : 'INVALID';
  const en = `${field}: ${isHistory ? e.message.replace(/^[^:]*: /, '') : e.message}`;
  const hi = `${field}: संभव नहीं (${code}) — ${isHistory ? e.message.replace(/^[^:]*: /, '') : e.message}`;
  return new AppError('NOT_ELIGIBLE', {
    field,
    errors: [{ field, code, en, hi }],
    en: `${what.en}: ${en}`,
    hi: `${what.hi}: ${hi}`,
    extra: { code: 'INVALID_HISTORY', type: 'urn:cscms:problem:invalid-history', item: field, historyError: code },
    cause: e,
  });
}
