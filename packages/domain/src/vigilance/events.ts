// Vigilance status is a history of events (rules.md §6). Events of one case share a `matter`
// (a file or case reference); events without one belong to a single default matter. A correction
// names the event it corrects and supersedes it (with a replacement, or none when entered in error).
import { z } from 'zod';
import { type CalendarDate, isCalendarDate } from '../rules/dates.ts';

export const VIGILANCE_EVENT_TYPES = [
  'SUSPENSION',
  'SUSPENSION_REVOKED',
  'AGREED_LIST_INCLUDED',
  'AGREED_LIST_REMOVED',
  'PROCEEDINGS_ORDERED',
  'CHARGE_SHEET_SERVED',
  'PROCEEDINGS_CONCLUDED',
  'CRIMINAL_CASE_ORDERED',
  'CRIMINAL_CHARGE_SHEET_FILED',
  'CRIMINAL_CASE_CONCLUDED',
  'SANCTION_GRANTED',
  'FIR',
  'TRAP_RAID_CASE',
  'PENALTY',
  'COMPLAINT',
  'PRELIMINARY_INQUIRY',
  'CLOSURE',
  'CORRECTION',
] as const;
export type VigilanceEventType = (typeof VIGILANCE_EVENT_TYPES)[number];

interface Base {
  id: string;
  /** the date of the order or event (not the date it was keyed in) */
  date: CalendarDate;
  /** case / file reference linking events of one matter */
  matter?: string;
  note?: string;
}

export type PenaltySeverity = 'MINOR' | 'MAJOR';

export type FactEvent =
  | (Base & { type: 'SUSPENSION' })
  | (Base & { type: 'SUSPENSION_REVOKED' })
  | (Base & { type: 'AGREED_LIST_INCLUDED' })
  | (Base & { type: 'AGREED_LIST_REMOVED' })
  /** disciplinary proceedings ordered (decision to issue a charge-sheet) */
  | (Base & { type: 'PROCEEDINGS_ORDERED'; penalty?: PenaltySeverity })
  | (Base & { type: 'CHARGE_SHEET_SERVED' })
  | (Base & { type: 'PROCEEDINGS_CONCLUDED'; outcome: 'EXONERATED' | 'PENALTY' | 'DROPPED' })
  | (Base & { type: 'CRIMINAL_CASE_ORDERED' })
  /** criminal charge-sheet filed in a court */
  | (Base & { type: 'CRIMINAL_CHARGE_SHEET_FILED' })
  | (Base & { type: 'CRIMINAL_CASE_CONCLUDED'; outcome: 'ACQUITTED' | 'CONVICTED' | 'DISCHARGED' | 'WITHDRAWN' })
  /** sanction for investigation or prosecution granted */
  | (Base & { type: 'SANCTION_GRANTED'; sanction: 'INVESTIGATION' | 'PROSECUTION' })
  | (Base & { type: 'FIR' })
  /** trap or raid case on corruption charges, under investigation until a charge-sheet, conclusion or closure */
  | (Base & { type: 'TRAP_RAID_CASE' })
  /** a penalty and its currency (the period it runs); currencyTo defaults to the penalty date */
  | (Base & { type: 'PENALTY'; severity: PenaltySeverity; penalty: string; currencyFrom?: CalendarDate; currencyTo?: CalendarDate })
  | (Base & { type: 'COMPLAINT' })
  | (Base & { type: 'PRELIMINARY_INQUIRY' })
  /** closes the open complaint, inquiry, proceeding, FIR, sanction, trap or criminal case of the matter dated on or before it (not a suspension, the Agreed List or a penalty, which have their own events) */
  | (Base & { type: 'CLOSURE' });

export type CorrectionEvent = Base & { type: 'CORRECTION'; corrects: string; replacement?: FactEvent | null };
export type VigilanceEvent = FactEvent | CorrectionEvent;

const date = z.string().refine(isCalendarDate, { message: 'a calendar date YYYY-MM-DD' });
const base = {
  id: z.string().min(1).max(100),
  date,
  matter: z.string().trim().min(1).max(200).optional(),
  note: z.string().max(2000).optional(),
};
const sev = z.enum(['MINOR', 'MAJOR']);

export const factEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('SUSPENSION') }),
  z.strictObject({ ...base, type: z.literal('SUSPENSION_REVOKED') }),
  z.strictObject({ ...base, type: z.literal('AGREED_LIST_INCLUDED') }),
  z.strictObject({ ...base, type: z.literal('AGREED_LIST_REMOVED') }),
  z.strictObject({ ...base, type: z.literal('PROCEEDINGS_ORDERED'), penalty: sev.optional() }),
  z.strictObject({ ...base, type: z.literal('CHARGE_SHEET_SERVED') }),
  z.strictObject({ ...base, type: z.literal('PROCEEDINGS_CONCLUDED'), outcome: z.enum(['EXONERATED', 'PENALTY', 'DROPPED']) }),
  z.strictObject({ ...base, type: z.literal('CRIMINAL_CASE_ORDERED') }),
  z.strictObject({ ...base, type: z.literal('CRIMINAL_CHARGE_SHEET_FILED') }),
  z.strictObject({ ...base, type: z.literal('CRIMINAL_CASE_CONCLUDED'), outcome: z.enum(['ACQUITTED', 'CONVICTED', 'DISCHARGED', 'WITHDRAWN']) }),
  z.strictObject({ ...base, type: z.literal('SANCTION_GRANTED'), sanction: z.enum(['INVESTIGATION', 'PROSECUTION']) }),
  z.strictObject({ ...base, type: z.literal('FIR') }),
  z.strictObject({ ...base, type: z.literal('TRAP_RAID_CASE') }),
  z
    .strictObject({ ...base, type: z.literal('PENALTY'), severity: sev, penalty: z.string().trim().min(1).max(200), currencyFrom: date.optional(), currencyTo: date.optional() })
    .refine((p) => !p.currencyFrom || !p.currencyTo || p.currencyFrom <= p.currencyTo, { message: 'currency ends before it starts', path: ['currencyTo'] }),
  z.strictObject({ ...base, type: z.literal('COMPLAINT') }),
  z.strictObject({ ...base, type: z.literal('PRELIMINARY_INQUIRY') }),
  z.strictObject({ ...base, type: z.literal('CLOSURE') }),
]);

export const vigilanceEventSchema = z.union([
  factEventSchema,
  z.strictObject({ ...base, type: z.literal('CORRECTION'), corrects: z.string().min(1).max(100), replacement: factEventSchema.nullable().optional() }),
]);

/**
 * The events in force once corrections are applied: an event is superseded when a correction in
 * force names it; a correction of a correction revives the original. A correction's replacement
 * joins the history. Corrections apply whatever their date (they say the record was wrong).
 */
export function effectiveEvents(events: readonly VigilanceEvent[]): FactEvent[] {
  const byId = new Map<string, VigilanceEvent>();
  for (const e of events) byId.set(e.id, e);
  const correctorsOf = new Map<string, CorrectionEvent[]>();
  for (const e of events)
    if (e.type === 'CORRECTION') {
      const list = correctorsOf.get(e.corrects) ?? [];
      list.push(e);
      correctorsOf.set(e.corrects, list);
    }
  const memo = new Map<string, boolean>();
  const inForce = (id: string, seen: Set<string>): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return true; // a cycle of corrections: break it by leaving the event standing
    seen.add(id);
    const superseded = (correctorsOf.get(id) ?? []).some((c) => inForce(c.id, seen));
    seen.delete(id);
    memo.set(id, !superseded);
    return !superseded;
  };
  const out: FactEvent[] = [];
  for (const e of events) {
    if (!inForce(e.id, new Set())) continue;
    if (e.type === 'CORRECTION') {
      // a replacement may itself be corrected later, by its own id
      if (e.replacement && !(correctorsOf.get(e.replacement.id) ?? []).some((c) => inForce(c.id, new Set()))) out.push(e.replacement);
    } else out.push(e);
  }
  return out;
}
