// Immovable Property Return (CCS (Conduct) Rules 1964, rule 18; rules.md §7): the return, its
// property rows, a nil return, and carrying last year's rows forward into a new draft.
import { z } from 'zod';
import { type CalendarDate, isCalendarDate } from '../rules/dates.ts';

export const PROPERTY_NATURES = ['HOUSE', 'FLAT', 'SHOP', 'OTHER_BUILDING', 'AGRICULTURAL_LAND', 'NON_AGRICULTURAL_LAND', 'PLOT', 'OTHER'] as const;
export type PropertyNature = (typeof PROPERTY_NATURES)[number];

export const ACQUISITION_MODES = ['PURCHASE', 'LEASE', 'MORTGAGE', 'INHERITANCE', 'GIFT', 'OTHER'] as const;
export type AcquisitionMode = (typeof ACQUISITION_MODES)[number];

export const AREA_UNITS = ['SQ_M', 'SQ_FT', 'SQ_YD', 'ACRE', 'HECTARE', 'BIGHA', 'KANAL', 'MARLA', 'GUNTHA', 'CENT', 'OTHER'] as const;
export type AreaUnit = (typeof AREA_UNITS)[number];

export const IPR_RELATIONSHIPS = ['SELF', 'SPOUSE', 'SON', 'DAUGHTER', 'FATHER', 'MOTHER', 'OTHER_DEPENDANT', 'OTHER'] as const;
export type IprRelationship = (typeof IPR_RELATIONSHIPS)[number];

/** One immovable property (rules.md §7 item 2). Money in whole rupees. */
export interface PropertyRow {
  description: string;
  location: { state?: string; district: string; subDivision: string; village: string; surveyNumber: string; address?: string };
  area: { value: number; unit: AreaUnit };
  nature: PropertyNature;
  /** e.g. "full", "one-half share", "joint with spouse" */
  extentOfInterest: string;
  /** in whose name the property is held, and their relationship to the Government servant */
  heldBy: { name: string; relationship: IprRelationship; relationshipDetail?: string };
  acquisition: { how: AcquisitionMode; on: CalendarDate; from: string };
  /** present value in rupees */
  value: number;
  annualIncome: number;
  remarks?: string;
}

export type ReturnKind = 'ANNUAL' | 'FIRST_APPOINTMENT';
export type FilingMode = 'ONLINE' | 'PAPER';

/** A return: the position as on `asOn` (31 December of `year` for an annual return; the date of first appointment otherwise). */
export interface ImmovablePropertyReturn {
  employeeId: string;
  kind: ReturnKind;
  /** the calendar year whose position (as on 31 December) is returned; for a first-appointment return the year of appointment */
  year: number;
  asOn: CalendarDate;
  /** a nil return: no immovable property at all */
  nil: boolean;
  properties: PropertyRow[];
  /** when it was filed; absent while a draft */
  filedOn?: CalendarDate;
  mode: FilingMode;
}

const date = z.string().refine(isCalendarDate, { message: 'a calendar date YYYY-MM-DD' });
const text = (max: number) => z.string().trim().min(1).max(max);
const rupees = z.number().int().min(0).max(1e13);

export const propertyRowSchema = z.strictObject({
  description: text(500),
  location: z.strictObject({
    state: text(100).optional(),
    district: text(100),
    subDivision: text(100),
    village: text(100),
    surveyNumber: text(100),
    address: text(500).optional(),
  }),
  area: z.strictObject({ value: z.number().positive().max(1e9), unit: z.enum(AREA_UNITS) }),
  nature: z.enum(PROPERTY_NATURES),
  extentOfInterest: text(200),
  heldBy: z.strictObject({ name: text(200), relationship: z.enum(IPR_RELATIONSHIPS), relationshipDetail: text(100).optional() }),
  acquisition: z.strictObject({ how: z.enum(ACQUISITION_MODES), on: date, from: text(500) }),
  value: rupees,
  annualIncome: rupees,
  remarks: z.string().trim().max(1000).optional(),
});

/** The return as the employee submits it (employeeId, filing date and mode are set by the server). */
export const propertyReturnSchema = z
  .strictObject({
    kind: z.enum(['ANNUAL', 'FIRST_APPOINTMENT']),
    year: z.number().int().min(1964).max(2200),
    asOn: date,
    nil: z.boolean(),
    properties: z.array(propertyRowSchema).max(500),
  })
  .superRefine((r, ctx) => {
    if (r.nil && r.properties.length > 0) ctx.addIssue({ code: 'custom', path: ['properties'], message: 'a nil return lists no property' });
    if (!r.nil && r.properties.length === 0) ctx.addIssue({ code: 'custom', path: ['nil'], message: 'no property listed: file a nil return' });
    if (r.kind === 'ANNUAL' && r.asOn !== `${r.year}-12-31`)
      ctx.addIssue({ code: 'custom', path: ['asOn'], message: 'an annual return gives the position as on 31 December of its year' });
    if (isCalendarDate(r.asOn) && r.kind === 'FIRST_APPOINTMENT' && Number(r.asOn.slice(0, 4)) !== r.year)
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'year is the year of first appointment' });
    r.properties.forEach((p, i) => {
      if (isCalendarDate(p.acquisition.on) && isCalendarDate(r.asOn) && p.acquisition.on > r.asOn)
        ctx.addIssue({ code: 'custom', path: ['properties', i, 'acquisition', 'on'], message: 'acquired after the date of the return' });
    });
  });
export type PropertyReturnInput = z.infer<typeof propertyReturnSchema>;

/**
 * A draft annual return for `year` carrying forward the rows of the latest earlier return (annual
 * or first-appointment). The employee then edits, adds or removes rows and files it.
 */
export function carryForwardReturn(previous: ImmovablePropertyReturn | undefined, employeeId: string, year: number): ImmovablePropertyReturn {
  const properties = previous ? previous.properties.map((p) => structuredClone(p)) : [];
  return { employeeId, kind: 'ANNUAL', year, asOn: `${year}-12-31`, nil: properties.length === 0, properties, mode: 'ONLINE' };
}
