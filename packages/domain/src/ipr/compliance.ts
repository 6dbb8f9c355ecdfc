// Who must file an Immovable Property Return, the filing window of year Y, and whether (employee,
// year) is compliant — which feeds vigilance ground 11 (rules.md §6.11, §7).
import { gradeByCode, type ServiceGroup } from '../cadre/cadres.ts';
import { type Citation, type EffectiveDated, inForce, type Reason } from '../rules/citation.ts';
import { type CalendarDate, formatOrderDate, yearOf } from '../rules/dates.ts';
import type { ImmovablePropertyReturn } from './return.ts';

export const CONDUCT_RULES = 'CCS (Conduct) Rules, 1964';
export const citeRule18 = (para: string): Citation => ({ order: CONDUCT_RULES, para });
/** The portal's reading of rule 18 (online filing, due date), as set down in rules.md §7. */
export const citeIprPortal = (item: number): Citation => ({ order: `${CONDUCT_RULES}, rule 18 (CSCMS rules.md §7)`, para: `§7 item ${item}` });

/** The filing window of the annual return for year Y: month-day of opening and of the due date, in year Y+1. */
export interface IprWindowRule {
  opens: string; // 'MM-DD' in Y+1
  closes: string; // 'MM-DD' in Y+1
}

/** Effective-dated by the 31 December the return speaks of. A cadre authority may add rows. */
export const IPR_WINDOWS: readonly EffectiveDated<IprWindowRule>[] = [
  { from: '1964-01-01', value: { opens: '01-01', closes: '01-31' }, citation: citeIprPortal(1) },
];

export interface FilingWindow {
  year: number;
  opens: CalendarDate;
  closes: CalendarDate;
  citation: Citation;
}

export function filingWindow(year: number, table: readonly EffectiveDated<IprWindowRule>[] = IPR_WINDOWS): FilingWindow {
  const row = inForce(table, `${year}-12-31`);
  if (!row) throw new RangeError(`no IPR filing window for ${year}`);
  return { year, opens: `${year + 1}-${row.value.opens}`, closes: `${year + 1}-${row.value.closes}`, citation: row.citation };
}

export interface IprEmployee {
  employeeId: string;
  /** present grade code (GRADES) */
  grade: string;
  /** grade codes held earlier, each from a date; the grade on a date is the latest `from` ≤ date, else `grade` */
  gradeHistory?: ReadonlyArray<{ from: CalendarDate; grade: string }>;
  firstAppointmentOn?: CalendarDate;
}

export function iprGradeOn(e: IprEmployee, on: CalendarDate): string {
  let best: { from: CalendarDate; grade: string } | undefined;
  for (const h of e.gradeHistory ?? []) if (h.from <= on && (!best || h.from > best.from)) best = h;
  return best ? best.grade : e.grade;
}

export function serviceGroupOfGrade(gradeCode: string): ServiceGroup {
  const g = gradeByCode(gradeCode);
  if (!g) throw new RangeError(`unknown grade ${gradeCode}`);
  return g.group;
}

export interface IprObligation {
  /** an annual return is due for this year */
  annual: boolean;
  group: ServiceGroup;
  reason: Reason;
}

/** Group A and B: every year (position on 31 December); Group C: only on first appointment. */
export function iprObligation(e: IprEmployee, year: number): IprObligation {
  const yearEnd = `${year}-12-31`;
  const group = serviceGroupOfGrade(iprGradeOn(e, yearEnd));
  if (e.firstAppointmentOn && e.firstAppointmentOn > yearEnd)
    return {
      annual: false,
      group,
      reason: {
        code: 'IPR_NOT_IN_SERVICE',
        en: `Not in service on 31.12.${year}: no annual return for ${year}.`,
        hi: `31.12.${year} को सेवा में नहीं: ${year} की वार्षिक विवरणी देय नहीं।`,
        citation: citeRule18('rule 18(1)(ii)'),
      },
    };
  if (group === 'C')
    return {
      annual: false,
      group,
      reason: {
        code: 'IPR_GROUP_C_FIRST_APPOINTMENT_ONLY',
        en: 'Group C: the property return is filed only on first appointment, not every year.',
        hi: 'समूह ग: संपत्ति विवरणी केवल प्रथम नियुक्ति पर दी जाती है, प्रति वर्ष नहीं।',
        citation: citeIprPortal(1),
      },
    };
  return {
    annual: true,
    group,
    reason: {
      code: 'IPR_ANNUAL_DUE',
      en: `Group ${group}: the annual return of the position on 31.12.${year} is due.`,
      hi: `समूह ${group === 'A' ? 'क' : 'ख'}: 31.12.${year} की स्थिति की वार्षिक विवरणी देय है।`,
      citation: citeRule18('rule 18(1)(ii)'),
    },
  };
}

/** FILED: online by the due date; LATE: online after it; NOT_FILED: none online (paper does not count); PENDING: window still open; NOT_REQUIRED. */
export type IprStatus = 'FILED' | 'LATE' | 'NOT_FILED' | 'PENDING' | 'NOT_REQUIRED';

export interface IprCompliance {
  employeeId: string;
  year: number;
  on: CalendarDate;
  status: IprStatus;
  /** true when the status is FILED or NOT_REQUIRED (or PENDING: not yet due) */
  compliant: boolean;
  window: FilingWindow;
  filedOn?: CalendarDate;
  reasons: Reason[];
}

/**
 * Compliance of (employee, year) as on `on`. Only returns filed on or before `on` are looked at;
 * only an online return filed by the due date counts as filed (rules.md §7 item 3).
 */
export function iprCompliance(
  e: IprEmployee,
  year: number,
  returns: readonly ImmovablePropertyReturn[],
  on: CalendarDate,
  table: readonly EffectiveDated<IprWindowRule>[] = IPR_WINDOWS,
): IprCompliance {
  const window = filingWindow(year, table);
  const base = { employeeId: e.employeeId, year, on, window };
  const ob = iprObligation(e, year);
  if (!ob.annual) return { ...base, status: 'NOT_REQUIRED', compliant: true, reasons: [ob.reason] };
  const mine = returns.filter((r) => r.employeeId === e.employeeId && r.kind === 'ANNUAL' && r.year === year && r.filedOn && r.filedOn <= on);
  const online = mine.filter((r) => r.mode === 'ONLINE').sort((a, b) => (a.filedOn! < b.filedOn! ? -1 : 1));
  const first = online[0];
  const due = formatOrderDate(window.closes);
  if (first && first.filedOn! <= window.closes)
    return {
      ...base,
      status: 'FILED',
      compliant: true,
      filedOn: first.filedOn,
      reasons: [
        {
          code: 'IPR_FILED',
          en: `Return for ${year} filed online on ${formatOrderDate(first.filedOn!)}, by the due date ${due}.`,
          hi: `${year} की विवरणी ${formatOrderDate(first.filedOn!)} को ऑनलाइन दी गई, नियत तिथि ${due} तक।`,
          citation: citeIprPortal(3),
        },
      ],
    };
  if (first)
    return {
      ...base,
      status: 'LATE',
      compliant: false,
      filedOn: first.filedOn,
      reasons: [
        {
          code: 'IPR_LATE',
          en: `Return for ${year} filed on ${formatOrderDate(first.filedOn!)}, after the due date ${due}: a late return does not count as filed.`,
          hi: `${year} की विवरणी ${formatOrderDate(first.filedOn!)} को, नियत तिथि ${due} के बाद दी गई: विलंबित विवरणी दाखिल नहीं मानी जाती।`,
          citation: citeIprPortal(3),
        },
      ],
    };
  if (on <= window.closes)
    return {
      ...base,
      status: 'PENDING',
      compliant: true,
      reasons: [
        {
          code: 'IPR_WINDOW_OPEN',
          en: `Return for ${year} not yet filed; it is due by ${due}.`,
          hi: `${year} की विवरणी अभी नहीं दी गई; यह ${due} तक देय है।`,
          citation: citeIprPortal(1),
          until: window.closes,
        },
      ],
    };
  const paper = mine.some((r) => r.mode === 'PAPER');
  return {
    ...base,
    status: 'NOT_FILED',
    compliant: false,
    reasons: [
      paper
        ? {
            code: 'IPR_PAPER_NOT_COUNTED',
            en: `Return for ${year} was given on paper only: only a return filed online by ${due} counts.`,
            hi: `${year} की विवरणी केवल कागज़ पर दी गई: केवल ${due} तक ऑनलाइन दी गई विवरणी ही मान्य है।`,
            citation: citeIprPortal(3),
          }
        : {
            code: 'IPR_NOT_FILED',
            en: `Return for ${year} was not filed by the due date ${due}.`,
            hi: `${year} की विवरणी नियत तिथि ${due} तक नहीं दी गई।`,
            citation: citeIprPortal(3),
          },
    ],
  };
}

/**
 * The year whose return vigilance ground 11 looks at on `on`: the previous year, once its due date
 * has passed; before that, the year before (the latest return already due).
 */
export function lastDueReturnYear(on: CalendarDate, table: readonly EffectiveDated<IprWindowRule>[] = IPR_WINDOWS): number {
  const prev = yearOf(on) - 1;
  return on > filingWindow(prev, table).closes ? prev : prev - 1;
}

/** Compliance for vigilance ground 11 on `on` (pass the result as `iprCompliance` to vigilanceClearance). */
export function iprComplianceForVigilance(
  e: IprEmployee,
  returns: readonly ImmovablePropertyReturn[],
  on: CalendarDate,
  table: readonly EffectiveDated<IprWindowRule>[] = IPR_WINDOWS,
): IprCompliance {
  return iprCompliance(e, lastDueReturnYear(on, table), returns, on, table);
}

/** First-appointment return (Group C and everyone else on joining): filed online or not. */
export function firstAppointmentReturnFiled(e: IprEmployee, returns: readonly ImmovablePropertyReturn[], on: CalendarDate): boolean {
  return returns.some((r) => r.employeeId === e.employeeId && r.kind === 'FIRST_APPOINTMENT' && r.mode === 'ONLINE' && !!r.filedOn && r.filedOn <= on);
}
