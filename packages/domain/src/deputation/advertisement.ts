// A deputation advertisement published by a borrowing organisation (O.M. of 15.11.2022 para 3.4):
// model, zod schema, its states (DRAFT → PUBLISHED → CLOSED) and versioned changes (corrigenda).
import { z } from 'zod';
import { type CadreCode, gradeByCode, levelIndex, type PayLevel } from '../cadre/cadres.ts';
import type { Citation, Reason } from '../rules/citation.ts';
import { type CalendarDate, formatOrderDate as d, isCalendarDate } from '../rules/dates.ts';
import { defineMachine, type WorkflowContext } from '../workflow/machine.ts';

export const DEPUTATION_ORDER = 'DoPT O.M. 6/8/2009-Estt.(Pay-II) dated 17.06.2010 as amended 17.02.2016 and 18.05.2018';
export const CSI_DEPUTATION_ORDERS = 'CS.I O.M.s dated 18.08.2010, 13.04.2018 and 03.08.2018';
export const DEPUTATION_CSCMS_ORDER = 'DoPT O.M. 21/04/2022-CSCMS dated 15.11.2022';
export const MACP_CLARIFICATIONS = 'DoPT O.M. 35034/3/2008-Estt.(D) dated 09.09.2010';
/** The orders' own paragraph numbers are not in our copy; we cite the item as numbered in rules.md §5. */
export const citeDeputation = (item: number, order: string = DEPUTATION_ORDER): Citation => ({ order, para: `rules.md §5 item ${item}` });
export const citeDeputationPortal: Citation = { order: DEPUTATION_CSCMS_ORDER, para: 'para 3.4' };

export interface FeederRequirement {
  /** a grade code (GRADES) … */
  grade?: string;
  /** … or a pay level, of the substantive post */
  level?: PayLevel;
  /** minimum regular service in that grade/level on the closing date */
  minRegularServiceYears: number;
}

export type AdvertisementState = 'DRAFT' | 'PUBLISHED' | 'CLOSED';

export interface AdvertisementChange {
  version: number;
  on: CalendarDate;
  by?: string;
  fields: string[];
  note?: string;
}

export interface DeputationAdvertisement {
  id: string;
  version: number;
  state: AdvertisementState;
  organisation: string;
  post: string;
  level: PayLevel;
  posts: number;
  station: string;
  eligibleCadres: CadreCode[];
  feeder: FeederRequirement[];
  qualifications: string[];
  desirable?: string[];
  /** tenure under the recruitment rules of the post; absent/null when they are silent (then 5 years) */
  tenureYears?: number | null;
  closingDate: CalendarDate;
  publishedOn?: CalendarDate;
  /** documents an applicant must attach */
  documents: string[];
  /** the post is in the personal staff of a Union Minister */
  ministersPersonalStaff?: boolean;
  history: AdvertisementChange[];
}

const date = z.string().refine(isCalendarDate, { message: 'a calendar date YYYY-MM-DD' });
const text = (max: number) => z.string().trim().min(1).max(max);
const level = z.string().refine((l) => levelIndex(l) >= 0, { message: 'a pay-matrix level' });

/** The fields a borrowing organisation fills in. */
export const advertisementSchema = z.strictObject({
  organisation: text(300),
  post: text(300),
  level,
  posts: z.number().int().min(1).max(10000),
  station: text(200),
  eligibleCadres: z
    .array(z.enum(['CSS', 'CSSS', 'CSCS']))
    .min(1)
    .refine((c) => new Set(c).size === c.length, { message: 'a cadre is listed twice' }),
  feeder: z
    .array(
      z
        .strictObject({
          grade: z.string().refine((g) => !!gradeByCode(g), { message: 'unknown grade' }).optional(),
          level: level.optional(),
          minRegularServiceYears: z.number().min(0).max(40),
        })
        .refine((f) => (f.grade === undefined) !== (f.level === undefined), { message: 'give either a grade or a level' }),
    )
    .min(1)
    .max(20),
  qualifications: z.array(text(1000)).max(30),
  desirable: z.array(text(1000)).max(30).optional(),
  tenureYears: z.number().int().min(1).max(7).nullable().optional(),
  closingDate: date,
  documents: z.array(text(300)).max(30),
  ministersPersonalStaff: z.boolean().optional(),
});
export type AdvertisementInput = z.infer<typeof advertisementSchema>;

export function newAdvertisement(id: string, input: AdvertisementInput, on: CalendarDate, by?: string): DeputationAdvertisement {
  return { id, version: 1, state: 'DRAFT', ...input, history: [{ version: 1, on, by, fields: Object.keys(input), note: 'created' }] };
}

export type AdvertisementAction = 'edit' | 'publish' | 'amend' | 'close';
export interface AdvertisementContext extends WorkflowContext {
  by: 'SUB_NODAL_OFFICER' | 'NODAL_OFFICER' | 'ADMIN';
  on: CalendarDate;
}

const r = (code: string, en: string, hi: string, citation: Citation = citeDeputationPortal): Reason => ({ code, en, hi, citation });

export const advertisementMachine = defineMachine<AdvertisementState, AdvertisementAction, DeputationAdvertisement, AdvertisementContext>({
  name: 'deputation-advertisement',
  states: ['DRAFT', 'PUBLISHED', 'CLOSED'],
  initial: 'DRAFT',
  terminal: ['CLOSED'],
  stateOf: (a) => a.state,
  transitions: [
    { from: 'DRAFT', to: 'DRAFT', action: 'edit', by: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'], en: 'Edit the draft', hi: 'प्रारूप संपादित करें' },
    {
      from: 'DRAFT',
      to: 'PUBLISHED',
      action: 'publish',
      by: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'],
      guard: (a, ctx) =>
        a.closingDate > ctx.on ||
        r('DEP_AD_CLOSING_DATE_PAST', `The closing date ${d(a.closingDate)} must be after today.`, `अंतिम तिथि ${d(a.closingDate)} आज के बाद की होनी चाहिए।`),
      en: 'Publish',
      hi: 'प्रकाशित करें',
    },
    {
      from: 'PUBLISHED',
      to: 'PUBLISHED',
      action: 'amend',
      by: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'],
      guard: (a, ctx) =>
        ctx.on <= a.closingDate ||
        r('DEP_AD_CLOSED_FOR_AMENDMENT', 'Applications have closed: the advertisement can no longer be amended.', 'आवेदन बंद हो चुके हैं: विज्ञापन में अब संशोधन नहीं हो सकता।'),
      en: 'Issue a corrigendum',
      hi: 'शुद्धिपत्र जारी करें',
    },
    {
      from: 'PUBLISHED',
      to: 'CLOSED',
      action: 'close',
      by: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER', 'ADMIN'],
      guard: (a, ctx) =>
        ctx.on > a.closingDate ||
        r('DEP_AD_STILL_OPEN', `Applications are open until ${d(a.closingDate)}.`, `आवेदन ${d(a.closingDate)} तक खुले हैं।`),
      en: 'Close',
      hi: 'बंद करें',
    },
  ],
});

export type ReviseResult = { ok: true; advertisement: DeputationAdvertisement } | { ok: false; reasons: Reason[] };

/**
 * A new version of the advertisement with `changes` (a draft edit, or a corrigendum once published),
 * recording the fields changed. A corrigendum may not bring the closing date forward.
 */
export function reviseAdvertisement(
  ad: DeputationAdvertisement,
  changes: Partial<AdvertisementInput>,
  meta: { on: CalendarDate; by?: string; note?: string },
): ReviseResult {
  if (ad.state === 'CLOSED')
    return { ok: false, reasons: [r('DEP_AD_CLOSED', 'A closed advertisement cannot be changed.', 'बंद विज्ञापन में परिवर्तन नहीं हो सकता।')] };
  const next = { ...ad, ...changes };
  const parsed = advertisementSchema.safeParse(pickInput(next));
  if (!parsed.success)
    return {
      ok: false,
      reasons: parsed.error.issues.map((i) =>
        r('DEP_AD_INVALID', `${i.path.join('.')}: ${i.message}`, `${i.path.join('.')}: अमान्य मान (${i.message})`),
      ),
    };
  if (ad.state === 'PUBLISHED') {
    if (meta.on > ad.closingDate)
      return { ok: false, reasons: [r('DEP_AD_CLOSED_FOR_AMENDMENT', 'Applications have closed: the advertisement can no longer be amended.', 'आवेदन बंद हो चुके हैं: विज्ञापन में अब संशोधन नहीं हो सकता।')] };
    if (next.closingDate < ad.closingDate)
      return {
        ok: false,
        reasons: [r('DEP_AD_CLOSING_DATE_ADVANCED', 'A corrigendum may extend the closing date, not bring it forward.', 'शुद्धिपत्र अंतिम तिथि बढ़ा सकता है, घटा नहीं सकता।')],
      };
  }
  const fields = (Object.keys(changes) as (keyof AdvertisementInput)[]).filter((k) => JSON.stringify(ad[k]) !== JSON.stringify(changes[k]));
  const version = ad.version + 1;
  return {
    ok: true,
    advertisement: { ...next, version, history: [...ad.history, { version, on: meta.on, by: meta.by, fields, note: meta.note ?? (ad.state === 'PUBLISHED' ? 'corrigendum' : 'edited') }] },
  };
}

function pickInput(a: DeputationAdvertisement): AdvertisementInput {
  const { id: _i, version: _v, state: _s, publishedOn: _p, history: _h, ...input } = a;
  return input as AdvertisementInput;
}

/** May an application be made now? (published, and on or before the closing date) */
export function applicationsOpen(ad: DeputationAdvertisement, on: CalendarDate): true | Reason {
  if (ad.state !== 'PUBLISHED') return r('DEP_AD_NOT_PUBLISHED', 'The advertisement is not open for applications.', 'विज्ञापन आवेदन के लिए खुला नहीं है।');
  if (on > ad.closingDate)
    return r('DEP_AD_CLOSING_DATE_PASSED', `Applications closed on ${d(ad.closingDate)}.`, `आवेदन ${d(ad.closingDate)} को बंद हो गए।`);
  return true;
}
