// Private foreign visit: the application (rules.md §4 item 5; O.M. of 15.11.2022 para 3.3), its
// competent authority (item 1, 4) and the SLA dates (item 2).
import { z } from 'zod';
import { CADRES, type CadreAuthority, type CadreCode, type Grade, GRADES, gradeByCode, gradesOf } from '../cadre/cadres.ts';
import { type Citation, type EffectiveDated, inForce, type Reason } from '../rules/citation.ts';
import { addDays, addYears, type CalendarDate, daysBetween, formatOrderDate as d, isCalendarDate } from '../rules/dates.ts';

export const FOREIGN_VISIT_ORDER = 'DoPT O.M. 11013/8/2015-Estt.A-III dated 27.07.2015';
export const CSI_FOREIGN_VISIT_ORDER = 'CS.I O.M. 2/1/2013-CS-I(P) dated 17.01.2013';
export const FOREIGN_VISIT_CSCMS_ORDER = 'DoPT O.M. 21/04/2022-CSCMS dated 15.11.2022';
/**
 * Para 2 of the O.M. of 27.07.2015 names the competent authority (item 1) and keeps refusals at Head
 * of Department level (item 3); for the other items we cite rules.md §4's numbering, the paragraph
 * of the order not being in our copy.
 */
export const citeForeignVisit = (item: number, order: string = FOREIGN_VISIT_ORDER): Citation => ({
  order,
  para: order === FOREIGN_VISIT_ORDER && (item === 1 || item === 3) ? 'para 2' : `rules.md §4 item ${item}`,
});

export const FOREIGN_VISIT_LEAVE_TYPES = [
  'EARNED_LEAVE',
  'HALF_PAY_LEAVE',
  'COMMUTED_LEAVE',
  'EXTRAORDINARY_LEAVE',
  'CHILD_CARE_LEAVE',
  'CASUAL_LEAVE',
  'OTHER',
] as const;
export type ForeignVisitLeaveType = (typeof FOREIGN_VISIT_LEAVE_TYPES)[number];
export const FUND_SOURCES = ['OWN', 'FAMILY', 'HOST', 'SPONSOR', 'OTHER'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

export interface ForeignVisitApplication {
  /** ISO 3166-1 alpha-2 codes of the countries to be visited */
  countries: string[];
  departureOn: CalendarDate;
  returnOn: CalendarDate;
  purpose: string;
  funding: { source: FundSource; details?: string; estimateRupees: number };
  /** leave applied for (may be empty when the visit falls wholly on holidays) */
  leave: Array<{ type: ForeignVisitLeaveType; from: CalendarDate; to: CalendarDate }>;
  addressAbroad: string;
  /** private foreign visits of the preceding 4 years */
  previousVisits: Array<{ countries: string[]; from: CalendarDate; to: CalendarDate; purpose?: string; permissionRef?: string }>;
}

const date = z.string().refine(isCalendarDate, { message: 'a calendar date YYYY-MM-DD' });
const text = (max: number) => z.string().trim().min(1).max(max);
const countries = z
  .array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code'))
  .min(1)
  .max(50)
  .refine((cs) => new Set(cs).size === cs.length, { message: 'a country is listed twice' });

export const foreignVisitApplicationSchema = z
  .strictObject({
    countries,
    departureOn: date,
    returnOn: date,
    purpose: text(1000),
    funding: z.strictObject({ source: z.enum(FUND_SOURCES), details: text(500).optional(), estimateRupees: z.number().int().min(0).max(1e10) }),
    leave: z.array(z.strictObject({ type: z.enum(FOREIGN_VISIT_LEAVE_TYPES), from: date, to: date })).max(10),
    addressAbroad: text(1000),
    previousVisits: z
      .array(z.strictObject({ countries, from: date, to: date, purpose: text(500).optional(), permissionRef: text(200).optional() }))
      .max(100),
  })
  .superRefine((a, ctx) => {
    const ok = isCalendarDate(a.departureOn) && isCalendarDate(a.returnOn);
    if (ok && a.returnOn < a.departureOn) ctx.addIssue({ code: 'custom', path: ['returnOn'], message: 'return before departure' });
    if (a.funding.source !== 'OWN' && !a.funding.details)
      ctx.addIssue({ code: 'custom', path: ['funding', 'details'], message: 'say who meets the cost' });
    a.leave.forEach((l, i) => {
      if (isCalendarDate(l.from) && isCalendarDate(l.to) && l.to < l.from) ctx.addIssue({ code: 'custom', path: ['leave', i, 'to'], message: 'leave ends before it starts' });
    });
    a.previousVisits.forEach((v, i) => {
      if (!isCalendarDate(v.from) || !isCalendarDate(v.to)) return;
      if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['previousVisits', i, 'to'], message: 'visit ends before it starts' });
      if (ok && v.from >= a.departureOn) ctx.addIssue({ code: 'custom', path: ['previousVisits', i, 'from'], message: 'not a previous visit' });
      if (ok && v.to < addYears(a.departureOn, -4))
        ctx.addIssue({ code: 'custom', path: ['previousVisits', i, 'to'], message: 'older than the preceding 4 years' });
    });
  });

// ---- competent authority ----

/**
 * One rule of the competent authority: the grades of a cadre (from `minRank` up, and/or the exact
 * `grades`) whose applications the cadre authority decides, in every Ministry or only in `ministryIds`.
 * The cadre authority configures the rules (setting `fv.routes`); the default is CS.I's order of 2013.
 */
export interface ForeignVisitRouteRule {
  cadre: CadreCode;
  /** grades of this rank and above in the cadre (GRADES rank) */
  minRank?: number;
  /** exactly these grade codes of the cadre */
  grades?: string[];
  /** the rule applies only to employees of these Ministries; absent: every Ministry */
  ministryIds?: number[];
  cadreAuthority: CadreAuthority;
  /** AVD vigilance clearance needed before forwarding */
  needsAvdClearance: boolean;
}

/** Which grades the cadre authority keeps for itself; everyone else: the leave-sanctioning authority. */
export const FOREIGN_VISIT_ROUTES: readonly EffectiveDated<ForeignVisitRouteRule[]>[] = [
  { from: '2013-01-17', value: [{ cadre: 'CSS', minRank: 3, cadreAuthority: 'CS.I', needsAvdClearance: true }], citation: citeForeignVisit(4, CSI_FOREIGN_VISIT_ORDER) },
];

const MAX_RANK = Math.max(...GRADES.map((g) => g.rank));

/** Refuses a rule that names an unknown cadre or grade, a grade of another cadre, or the wrong cadre authority (RangeError naming it). */
export function checkForeignVisitRouteRule(rule: ForeignVisitRouteRule): void {
  const cadre = CADRES.find((c) => c.code === rule.cadre);
  if (!cadre) throw new RangeError(`unknown cadre ${String(rule.cadre)}`);
  if (rule.minRank == null && !rule.grades?.length) throw new RangeError(`rule for ${rule.cadre} names neither grades nor a minimum grade`);
  if (rule.minRank != null && (!Number.isInteger(rule.minRank) || rule.minRank < 1 || rule.minRank > MAX_RANK)) throw new RangeError(`minimum rank ${rule.minRank} out of range 1..${MAX_RANK}`);
  for (const code of rule.grades ?? []) {
    const g = gradeByCode(code);
    if (!g) throw new RangeError(`unknown grade ${code}`);
    if (g.cadre !== rule.cadre) throw new RangeError(`grade ${code} is not of the cadre ${rule.cadre}`);
  }
  if (rule.cadreAuthority !== cadre.authority) throw new RangeError(`cadre authority ${rule.cadreAuthority} is not that of ${rule.cadre} (${cadre.authority})`);
}

/** The rule in words: "CSS Section Officer and above in Ministries 4, 7 → CS.I (AVD clearance)". */
export function describeForeignVisitRouteRule(rule: ForeignVisitRouteRule, lang: 'en' | 'hi'): string {
  const grades: string[] = [];
  const from = rule.minRank != null ? gradesOf(rule.cadre).find((g) => g.rank === rule.minRank) : undefined;
  if (rule.grades?.length) grades.push(rule.grades.map((c) => gradeByCode(c)?.[lang] ?? c).join(', '));
  if (from) grades.push(lang === 'en' ? `${from.en} and above` : `${from.hi} एवं ऊपर`);
  const where = rule.ministryIds?.length
    ? lang === 'en' ? ` in Ministries ${rule.ministryIds.join(', ')}` : ` मंत्रालय ${rule.ministryIds.join(', ')} में`
    : lang === 'en' ? ' in every Ministry' : ' सभी मंत्रालयों में';
  const avd = rule.needsAvdClearance ? (lang === 'en' ? ', with the AVD vigilance clearance' : ', AVD सतर्कता अनापत्ति सहित') : '';
  return `${rule.cadre} ${grades.join(lang === 'en' ? '; ' : '; ')}${where} → ${rule.cadreAuthority}${avd}`;
}

/** A rule as the cadre authority sends it: errors name the field (`grades.1`, `cadreAuthority`, …). */
export const foreignVisitRouteRuleSchema = z
  .strictObject({
    cadre: z.enum(['CSS', 'CSSS', 'CSCS']),
    minRank: z.number().int().min(1).max(MAX_RANK).optional(),
    grades: z.array(z.string().trim().min(1).max(20)).min(1).max(GRADES.length).optional(),
    ministryIds: z.array(z.number().int().positive()).min(1).max(200).optional(),
    cadreAuthority: z.enum(['CS.I', 'CS.II']),
    needsAvdClearance: z.boolean(),
  })
  .superRefine((r, ctx) => {
    if (r.minRank == null && !r.grades) ctx.addIssue({ code: 'custom', path: ['minRank'], message: 'name the grades or the minimum grade' });
    if (r.minRank != null && r.minRank >= 1 && r.minRank <= MAX_RANK && !gradesOf(r.cadre).some((g) => g.rank === r.minRank))
      ctx.addIssue({ code: 'custom', path: ['minRank'], message: `the cadre ${r.cadre} has no grade of rank ${r.minRank}` });
    r.grades?.forEach((code, i) => {
      const g = gradeByCode(code);
      if (!g) ctx.addIssue({ code: 'custom', path: ['grades', i], message: `unknown grade ${code}` });
      else if (g.cadre !== r.cadre) ctx.addIssue({ code: 'custom', path: ['grades', i], message: `grade ${code} is not of the cadre ${r.cadre}` });
    });
    if (r.grades && new Set(r.grades).size !== r.grades.length) ctx.addIssue({ code: 'custom', path: ['grades'], message: 'a grade is listed twice' });
    if (r.ministryIds && new Set(r.ministryIds).size !== r.ministryIds.length) ctx.addIssue({ code: 'custom', path: ['ministryIds'], message: 'a Ministry is listed twice' });
    const authority = CADRES.find((c) => c.code === r.cadre)?.authority;
    if (r.cadreAuthority !== authority) ctx.addIssue({ code: 'custom', path: ['cadreAuthority'], message: `the cadre authority of ${r.cadre} is ${authority}` });
  });

function ruleMatches(rule: ForeignVisitRouteRule, g: Grade, ministryId: number | undefined): boolean {
  if (rule.cadre !== g.cadre) return false;
  if (rule.ministryIds?.length && (ministryId == null || !rule.ministryIds.includes(ministryId))) return false;
  if (rule.grades?.length && !rule.grades.includes(g.code)) return false;
  if (rule.minRank != null && g.rank < rule.minRank) return false;
  return true;
}

export interface ForeignVisitRoute {
  competentAuthority: 'CADRE_AUTHORITY' | 'LEAVE_SANCTIONING_AUTHORITY';
  cadreAuthority?: CadreAuthority;
  /** the Ministry forwards to the cadre authority after the AVD clearance */
  forwardToCadreAuthority: boolean;
  needsAvdClearance: boolean;
  reason: Reason;
}

/**
 * The competent authority for an employee of `gradeCode` (in Ministry `ministryId`) applying on `on`:
 * the first rule in force that matches, Ministry-specific rules before general ones (each group in its
 * order); no rule → the leave-sanctioning authority in the Ministry.
 */
export function foreignVisitRoute(
  gradeCode: string,
  on: CalendarDate,
  table: readonly EffectiveDated<ForeignVisitRouteRule[]>[] = FOREIGN_VISIT_ROUTES,
  ministryId?: number,
): ForeignVisitRoute {
  const g = gradeByCode(gradeCode);
  if (!g) throw new RangeError(`unknown grade ${gradeCode}`);
  const row = inForce(table, on);
  for (const r of row?.value ?? []) checkForeignVisitRouteRule(r);
  const ordered = [...(row?.value ?? [])].map((rule, i) => ({ rule, i })).sort((a, b) => Number(!a.rule.ministryIds?.length) - Number(!b.rule.ministryIds?.length) || a.i - b.i);
  const hit = ordered.find((x) => ruleMatches(x.rule, g, ministryId));
  if (hit && row) {
    const rule = hit.rule;
    const via = rule.needsAvdClearance
      ? { en: 'after the AVD vigilance clearance, forwards', hi: 'प्रशासनिक सतर्कता प्रभाग (AVD) की सतर्कता अनापत्ति के बाद' }
      : { en: 'forwards', hi: '' };
    return {
      competentAuthority: 'CADRE_AUTHORITY',
      cadreAuthority: rule.cadreAuthority,
      forwardToCadreAuthority: true,
      needsAvdClearance: rule.needsAvdClearance,
      reason: {
        code: 'FV_ROUTE_CADRE_AUTHORITY',
        en: `${g.en} (${g.cadre}): the Ministry examines and, ${via.en} to ${rule.cadreAuthority}, which decides. Rule ${hit.i + 1} in force from ${d(row.from)}: ${describeForeignVisitRouteRule(rule, 'en')}.`,
        hi: `${g.hi} (${g.cadre}): मंत्रालय जाँच कर, ${via.hi ? `${via.hi} ` : ''}${rule.cadreAuthority} को अग्रेषित करता है, जो निर्णय लेता है। ${d(row.from)} से प्रभावी नियम ${hit.i + 1}: ${describeForeignVisitRouteRule(rule, 'hi')}।`,
        citation: row.citation,
      },
    };
  }
  return {
    competentAuthority: 'LEAVE_SANCTIONING_AUTHORITY',
    forwardToCadreAuthority: false,
    needsAvdClearance: false,
    reason: {
      code: 'FV_ROUTE_LEAVE_SANCTIONING_AUTHORITY',
      en: `${g.en} (${g.cadre}): the cadre authority has named no other authority, so the leave-sanctioning authority in the Ministry decides.`,
      hi: `${g.hi} (${g.cadre}): संवर्ग प्राधिकारी ने कोई अन्य प्राधिकारी नामित नहीं किया, अतः मंत्रालय में छुट्टी स्वीकृत करने वाला प्राधिकारी निर्णय लेता है।`,
      citation: citeForeignVisit(1),
    },
  };
}

// ---- SLA ----

/** Days allowed to point out deficiencies after receipt, and to decide after a complete application. */
export interface ForeignVisitSlaRule {
  deficiencyDays: number;
  decisionDays: number;
}
export const FOREIGN_VISIT_SLA: readonly EffectiveDated<ForeignVisitSlaRule>[] = [
  { from: '2015-07-27', value: { deficiencyDays: 7, decisionDays: 21 }, citation: citeForeignVisit(2) },
];

export function foreignVisitSlaRule(on: CalendarDate, table: readonly EffectiveDated<ForeignVisitSlaRule>[] = FOREIGN_VISIT_SLA): EffectiveDated<ForeignVisitSlaRule> {
  // before the 2015 order there was no time limit; apply the earliest row (the portal began in 2022)
  return inForce(table, on) ?? [...table].sort((a, b) => (a.from < b.from ? -1 : 1))[0];
}

/** Decision due: `decisionDays` after the application became complete (complete 03.03.2025 → due 24.03.2025). */
export function decisionDueOn(completeOn: CalendarDate, table: readonly EffectiveDated<ForeignVisitSlaRule>[] = FOREIGN_VISIT_SLA): CalendarDate {
  return addDays(completeOn, foreignVisitSlaRule(completeOn, table).value.decisionDays);
}

/** Deficiencies to be pointed out within `deficiencyDays` of receipt (of the application or its resubmission). */
export function deficiencyMemoDueOn(receivedOn: CalendarDate, table: readonly EffectiveDated<ForeignVisitSlaRule>[] = FOREIGN_VISIT_SLA): CalendarDate {
  return addDays(receivedOn, foreignVisitSlaRule(receivedOn, table).value.deficiencyDays);
}

export interface ForeignVisitSlaInput {
  state: string;
  /** the latest receipt: submission or resubmission after a deficiency memo */
  receivedOn?: CalendarDate;
  /** the date the application became complete (the receipt of the complete application) */
  completeOn?: CalendarDate;
  departureOn?: CalendarDate;
}

export interface ForeignVisitSla {
  on: CalendarDate;
  deficiencyMemoDueOn?: CalendarDate;
  decisionDueOn?: CalendarDate;
  /** the clock is stopped while a deficiency memo is with the employee */
  clockStopped: boolean;
  overdue: boolean;
  /** days left to the due date that applies now (negative when overdue) */
  daysLeft?: number;
  reasons: Reason[];
}

const OPEN_FOR_DECISION = ['UNDER_EXAMINATION', 'FORWARDED_TO_CADRE_AUTHORITY'];

export function foreignVisitSla(r: ForeignVisitSlaInput, on: CalendarDate, table: readonly EffectiveDated<ForeignVisitSlaRule>[] = FOREIGN_VISIT_SLA): ForeignVisitSla {
  const reasons: Reason[] = [];
  const out: ForeignVisitSla = { on, clockStopped: r.state === 'DEFICIENCY_MEMO', overdue: false, reasons };
  if (r.state === 'SUBMITTED' && r.receivedOn) {
    const due = deficiencyMemoDueOn(r.receivedOn, table);
    out.deficiencyMemoDueOn = due;
    out.daysLeft = daysBetween(on, due);
    out.overdue = on > due;
    reasons.push({
      code: out.overdue ? 'FV_DEFICIENCY_MEMO_OVERDUE' : 'FV_DEFICIENCY_MEMO_DUE',
      en: `Received ${d(r.receivedOn)}: any deficiency is to be pointed out by ${d(due)}${out.overdue ? ' — overdue' : ''}.`,
      hi: `${d(r.receivedOn)} को प्राप्त: कोई कमी ${d(due)} तक बताई जानी है${out.overdue ? ' — समय बीत चुका' : ''}।`,
      citation: foreignVisitSlaRule(r.receivedOn, table).citation,
      until: due,
    });
  }
  if (out.clockStopped)
    reasons.push({
      code: 'FV_CLOCK_STOPPED',
      en: 'A deficiency memo is with the employee: the 21-day clock starts when the application is complete.',
      hi: 'कमी-ज्ञापन कर्मचारी के पास है: 21 दिन की अवधि आवेदन पूर्ण होने पर आरंभ होगी।',
      citation: citeForeignVisit(2),
    });
  if (r.completeOn && OPEN_FOR_DECISION.includes(r.state)) {
    const due = decisionDueOn(r.completeOn, table);
    out.decisionDueOn = due;
    out.daysLeft = daysBetween(on, due);
    out.overdue = on > due;
    reasons.push({
      code: out.overdue ? 'FV_DECISION_OVERDUE' : 'FV_DECISION_DUE',
      en: `Complete on ${d(r.completeOn)}: the decision is due by ${d(due)}${out.overdue ? ' — overdue' : ''}.`,
      hi: `${d(r.completeOn)} को पूर्ण: निर्णय ${d(due)} तक देय है${out.overdue ? ' — समय बीत चुका' : ''}।`,
      citation: foreignVisitSlaRule(r.completeOn, table).citation,
      until: due,
    });
    if (r.departureOn && r.departureOn < due)
      reasons.push({
        code: 'FV_DEPARTURE_BEFORE_DUE_DATE',
        en: `Departure on ${d(r.departureOn)} is before the decision due date ${d(due)}.`,
        hi: `प्रस्थान ${d(r.departureOn)} को है, जो निर्णय की नियत तिथि ${d(due)} से पहले है।`,
        citation: citeForeignVisit(2),
      });
  }
  return out;
}
