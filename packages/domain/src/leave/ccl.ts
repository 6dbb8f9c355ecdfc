// Child Care Leave (rules.md §3; CCS (Leave) Rules 1972, rule 43-C; O.M. 13018/1/2010-Estt.(Leave) of 07.09.2010).
// Pure: the decision date ("as on") is an input; every finding carries its citation.
import { type Citation, type EffectiveDated, inForce, type PolicySwitch, type Reason } from '../rules/citation.ts';
import { addDays, addYears, type CalendarDate, daysInclusive, formatOrderDate, isCalendarDate, yearOf } from '../rules/dates.ts';

export const CCS_LEAVE_43C: Citation = { order: 'CCS (Leave) Rules, 1972', para: 'rule 43-C', orderId: 'CCS-LEAVE-RULES-1972' };
export const CCL_OM_2010: Citation = {
  order: 'DoPT O.M. No. 13018/1/2010-Estt.(Leave) dated 07.09.2010',
  orderId: 'DOPT-13018-1-2010-ESTT-L-2010-09-07',
};
const amended = (from: string, para = 'rule 43-C'): Citation => ({ ...CCS_LEAVE_43C, order: `CCS (Leave) Rules, 1972 (as amended w.e.f. ${from})`, para });

/** 'T': transgender (the employee record allows it; the CCL orders do not name it — see CCL_TRANSGENDER_READING). */
export type Gender = 'F' | 'M' | 'T';
export type MaritalStatus = 'MARRIED' | 'UNMARRIED' | 'WIDOWED' | 'DIVORCED';

export interface CclChild {
  id: string;
  dob: CalendarDate;
  disabilityPercent?: number;
  diedOn?: CalendarDate;
}

export interface CclEmployee {
  gender: Gender;
  maritalStatus: MaritalStatus;
  children: readonly CclChild[];
  /** last day of probation, if the employee is or was on probation */
  probationEnd?: CalendarDate;
}

/** A spell of CCL already sanctioned (or availed). */
export interface CclSpell {
  from: CalendarDate;
  to: CalendarDate;
  childId?: string;
}

export interface CclApplication {
  childId: string;
  from: CalendarDate;
  to: CalendarDate;
  /** the child is an in-patient in hospital (relaxation of the spell limit from 29.07.2024) */
  childInPatient?: boolean;
  /** justification, mandatory for a probationer */
  justification?: string;
}

// ---- effective-dated parameters ------------------------------------------------------------------

export interface CclEligibility {
  women: boolean;
  singleMen: boolean;
}
export const CCL_ELIGIBILITY: readonly EffectiveDated<CclEligibility>[] = [
  { from: '2008-09-01', value: { women: true, singleMen: false }, citation: { ...CCS_LEAVE_43C, para: 'rule 43-C(1)' } },
  { from: '2018-12-14', value: { women: true, singleMen: true }, citation: amended('14.12.2018', 'rule 43-C(1)') },
];

/** Age below which a child qualifies; disabled (≥ 40%): null = no age limit. */
export interface CclAgeLimit {
  normal: number;
  disabled: number | null;
  disabilityThreshold: number;
}
export const CCL_AGE_LIMIT: readonly EffectiveDated<CclAgeLimit>[] = [
  { from: '2008-09-01', value: { normal: 18, disabled: 18, disabilityThreshold: 40 }, citation: { ...CCS_LEAVE_43C, para: 'rule 43-C(1)' } },
  { from: '2010-03-03', value: { normal: 18, disabled: 22, disabilityThreshold: 40 }, citation: amended('03.03.2010', 'rule 43-C(1)') },
  { from: '2018-06-13', value: { normal: 18, disabled: null, disabilityThreshold: 40 }, citation: amended('13.06.2018', 'rule 43-C(1)') },
];

export interface CclTotal {
  days: number;
  children: number;
}
export const CCL_TOTAL: readonly EffectiveDated<CclTotal>[] = [
  { from: '2008-09-01', value: { days: 730, children: 2 }, citation: { ...CCS_LEAVE_43C, para: 'rule 43-C(1)' } },
];

/** Leave salary: days at 100% before 80% applies; null = all at 100%. */
export const CCL_SALARY: readonly EffectiveDated<{ fullPayDays: number | null }>[] = [
  { from: '2008-09-01', value: { fullPayDays: null }, citation: { ...CCS_LEAVE_43C, para: 'rule 43-C(3)' } },
  { from: '2018-12-14', value: { fullPayDays: 365 }, citation: amended('14.12.2018', 'rule 43-C(3)') },
];

export interface CclSpellLimits {
  perYear: number;
  singleFemalePerYear: number;
  /** extra spells the sanctioning authority may allow when the child is an in-patient */
  inPatientExtra: number;
  inPatientMax: number;
}
export const CCL_SPELLS: readonly EffectiveDated<CclSpellLimits>[] = [
  { from: '2008-09-01', value: { perYear: 3, singleFemalePerYear: 3, inPatientExtra: 0, inPatientMax: 3 }, citation: { ...CCL_OM_2010, para: 'para 2(i)' } },
  { from: '2018-12-14', value: { perYear: 3, singleFemalePerYear: 6, inPatientExtra: 0, inPatientMax: 6 }, citation: amended('14.12.2018', 'rule 43-C(2)') },
  { from: '2024-07-29', value: { perYear: 3, singleFemalePerYear: 6, inPatientExtra: 3, inPatientMax: 6 }, citation: amended('29.07.2024', 'rule 43-C(2)') },
];

export const CCL_MIN_SPELL: readonly EffectiveDated<number>[] = [
  { from: '2008-09-01', value: 15, citation: { ...CCL_OM_2010, para: 'para 2(ii)' } },
  { from: '2014-06-05', value: 0, citation: amended('05.06.2014') },
  { from: '2018-06-13', value: 5, citation: amended('13.06.2018') },
];

/** Policy switch (rules.md §3.3): for the 100%/80% split, count every CCL day ever taken (default) or only days from 14.12.2018. */
export const CCL_SPLIT_COUNTS_ALL_DAYS: PolicySwitch<boolean> = {
  key: 'ccl.salarySplit.countAllDaysEver',
  value: true,
  default: true,
  description: 'The first 365 days of CCL at 100% leave salary count every CCL day ever taken (true) or only days taken from 14.12.2018 (false).',
};

/** How a transgender employee's application is read: refer it (default), or apply the rule for women or for men. */
export type CclTransgenderReading = 'REFER' | 'AS_WOMAN' | 'AS_MAN';

/**
 * Policy switch (rules.md §3.1): rule 43-C and the orders speak of women employees and of single male
 * employees and are silent on transgender employees. Default REFER: the application goes to the
 * sanctioning authority with that reason (never auto-approved, never barred by the engine); AS_WOMAN /
 * AS_MAN apply the rule for women / for men (marital status, spells per year) once the cadre authority decides.
 */
export const CCL_TRANSGENDER_READING: PolicySwitch<CclTransgenderReading> = {
  key: 'ccl.transgender.reading',
  value: 'REFER',
  default: 'REFER',
  description: "A transgender employee's CCL: REFER to the sanctioning authority (the orders are silent), or read as a woman (AS_WOMAN) or as a man (AS_MAN).",
};

export interface CclOptions {
  countAllDaysEver?: boolean;
  /** policy switch CCL_TRANSGENDER_READING (default 'REFER') */
  transgender?: CclTransgenderReading;
}

export type CclSwitch = PolicySwitch<boolean> | PolicySwitch<CclTransgenderReading>;

// ---- errors --------------------------------------------------------------------------------------

export type CclInputErrorCode = 'INVALID_DATE' | 'INVALID_PERIOD' | 'UNKNOWN_CHILD' | 'OVERLAPPING_SPELLS';

export class CclInputError extends Error {
  readonly code: CclInputErrorCode;
  readonly item: string;
  constructor(code: CclInputErrorCode, item: string, message: string) {
    super(`${item}: ${message}`);
    this.name = 'CclInputError';
    this.code = code;
    this.item = item;
  }
}

function checkPeriod(from: unknown, to: unknown, item: string): void {
  if (!isCalendarDate(from)) throw new CclInputError('INVALID_DATE', item, `not a calendar date: ${String(from)}`);
  if (!isCalendarDate(to)) throw new CclInputError('INVALID_DATE', item, `not a calendar date: ${String(to)}`);
  if (to < from) throw new CclInputError('INVALID_PERIOD', item, `ends ${to} before it starts ${from}`);
}

function sortedHistory(history: readonly CclSpell[]): CclSpell[] {
  history.forEach((s, i) => {
    checkPeriod(s.from, s.to, `history[${i}]`);
  });
  const out = [...history].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 1; i < out.length; i++) {
    if (out[i].from <= out[i - 1].to) throw new CclInputError('OVERLAPPING_SPELLS', `history[${history.indexOf(out[i])}]`, `overlaps the spell from ${out[i - 1].from}`);
  }
  return out;
}

// ---- leave salary split --------------------------------------------------------------------------

const SPLIT_FROM: CalendarDate = '2018-12-14';

/** Days of [from, to] at 100% and at 80%, given the CCL days already counted towards the first 365. */
function splitSpell(from: CalendarDate, to: CalendarDate, countedBefore: number, countAll: boolean): { at100: number; at80: number; counted: number } {
  const total = daysInclusive(from, to);
  const row = inForce(CCL_SALARY, to);
  const fullDays = row?.value.fullPayDays ?? null;
  if (fullDays === null || to < SPLIT_FROM) return { at100: total, at80: 0, counted: countAll ? total : 0 };
  const pre = from < SPLIT_FROM ? daysInclusive(from, addDays(SPLIT_FROM, -1)) : 0;
  const post = total - pre;
  const before = countedBefore + (countAll ? pre : 0);
  const full = Math.min(post, Math.max(0, fullDays - before));
  return { at100: pre + full, at80: post - full, counted: (countAll ? pre : 0) + post };
}

// ---- account -------------------------------------------------------------------------------------

export interface CclAccount {
  asOn: CalendarDate;
  /** days of spells that started on or before the as-on date */
  daysUsed: number;
  /** days of spells sanctioned that start after the as-on date */
  daysBooked: number;
  balance: number;
  spellsThisYear: number;
  daysAt100: number;
  daysAt80: number;
  switches: PolicySwitch<boolean>[];
}

function switchUsed(countAll: boolean): PolicySwitch<boolean> {
  return { ...CCL_SPLIT_COUNTS_ALL_DAYS, value: countAll };
}

/** Summary of an employee's CCL account as on a date. */
export function cclAccount(history: readonly CclSpell[], asOn: CalendarDate, options: CclOptions = {}): CclAccount {
  if (!isCalendarDate(asOn)) throw new CclInputError('INVALID_DATE', 'asOn', `not a calendar date: ${String(asOn)}`);
  const countAll = options.countAllDaysEver ?? CCL_SPLIT_COUNTS_ALL_DAYS.default;
  const spells = sortedHistory(history);
  const year = yearOf(asOn);
  let used = 0;
  let booked = 0;
  let counted = 0;
  let at100 = 0;
  let at80 = 0;
  let thisYear = 0;
  for (const s of spells) {
    const n = daysInclusive(s.from, s.to);
    if (s.from <= asOn) used += n;
    else booked += n;
    if (yearOf(s.from) === year) thisYear++;
    const sp = splitSpell(s.from, s.to, counted, countAll);
    counted += sp.counted;
    at100 += sp.at100;
    at80 += sp.at80;
  }
  const total = inForce(CCL_TOTAL, asOn)?.value.days ?? 730;
  return {
    asOn,
    daysUsed: used,
    daysBooked: booked,
    balance: Math.max(0, total - used - booked),
    spellsThisYear: thisYear,
    daysAt100: at100,
    daysAt80: at80,
    switches: [switchUsed(countAll)],
  };
}

// ---- decision ------------------------------------------------------------------------------------

export type CclOutcome = 'ADMISSIBLE' | 'REFER' | 'NOT_ADMISSIBLE';

/** A finding: OK (a condition met), REFER (for the sanctioning authority) or BAR (not admissible). */
export interface CclFinding extends Reason {
  effect: 'OK' | 'REFER' | 'BAR';
}

export interface CclDecision {
  outcome: CclOutcome;
  days: number;
  daysAt100: number;
  daysAt80: number;
  balanceBefore: number;
  /** balance if the spell is sanctioned */
  balanceAfter: number;
  /** the number of this spell in the calendar year it starts */
  spellNumber: number;
  spellsAllowed: number;
  reasons: CclFinding[];
  /** the policy switches that bore on the decision (the transgender reading only for a 'T' employee) */
  switches: CclSwitch[];
}

const d = formatOrderDate;
const SINGLE: readonly MaritalStatus[] = ['UNMARRIED', 'WIDOWED', 'DIVORCED'];

/**
 * Decide a CCL application as on a date (the date of decision). Throws CclInputError for malformed input
 * (bad dates, unknown child, overlapping history); everything else is a finding.
 */
export function decideCcl(
  application: CclApplication,
  employee: CclEmployee,
  history: readonly CclSpell[],
  asOn: CalendarDate,
  options: CclOptions = {},
): CclDecision {
  if (!isCalendarDate(asOn)) throw new CclInputError('INVALID_DATE', 'asOn', `not a calendar date: ${String(asOn)}`);
  checkPeriod(application.from, application.to, 'application');
  const child = employee.children.find((c) => c.id === application.childId);
  if (!child) throw new CclInputError('UNKNOWN_CHILD', 'application.childId', `no child ${application.childId}`);
  employee.children.forEach((c, i) => {
    if (!isCalendarDate(c.dob)) throw new CclInputError('INVALID_DATE', `children[${i}]`, `not a calendar date: ${String(c.dob)}`);
  });
  const spells = sortedHistory(history);
  const countAll = options.countAllDaysEver ?? CCL_SPLIT_COUNTS_ALL_DAYS.default;
  const { from, to } = application;
  const days = daysInclusive(from, to);
  const out: CclFinding[] = [];
  const add = (effect: CclFinding['effect'], code: string, en: string, hi: string, citation: Citation, until?: CalendarDate) => {
    out.push(until === undefined ? { effect, code, en, hi, citation } : { effect, code, en, hi, citation, until });
  };

  // In force at all?
  const elig = inForce(CCL_ELIGIBILITY, from);
  if (!elig) {
    add('BAR', 'CCL_NOT_IN_FORCE', 'Child Care Leave is admissible only from 01.09.2008.', 'बाल देखभाल अवकाश केवल 01.09.2008 से अनुमन्य है।', { ...CCL_OM_2010, para: 'para 4' });
  }

  // 1. Who. A transgender employee: the orders are silent (policy switch CCL_TRANSGENDER_READING).
  const tgReading = employee.gender === 'T' ? (options.transgender ?? CCL_TRANSGENDER_READING.default) : undefined;
  const gender: Gender = tgReading === 'AS_WOMAN' ? 'F' : tgReading === 'AS_MAN' ? 'M' : employee.gender;
  const single = SINGLE.includes(employee.maritalStatus);
  // REFER: the spell limit is the general one (3), not the single female's 6 — the conservative figure.
  const singleFemale = gender === 'F' && single;
  if (elig && tgReading !== undefined) {
    const tgCitation = elig.citation;
    if (tgReading === 'REFER') {
      add(
        'REFER',
        'CCL_TRANSGENDER_ORDERS_SILENT',
        'Transgender employee: the orders speak of women employees and of single male employees and are silent on transgender employees; referred to the sanctioning authority (policy switch ccl.transgender.reading = REFER). The other conditions are checked below, with the general limit of 3 spells a year.',
        'ट्रांसजेंडर कर्मचारी: आदेश महिला कर्मचारियों और एकल पुरुष कर्मचारियों की बात करते हैं और ट्रांसजेंडर कर्मचारियों पर मौन हैं; स्वीकृति प्राधिकारी को भेजा गया (नीति विकल्प ccl.transgender.reading = REFER)। अन्य शर्तें नीचे जाँची गई हैं, वर्ष में 3 अवधियों की सामान्य सीमा के साथ।',
        tgCitation,
      );
    } else {
      add(
        'OK',
        'CCL_TRANSGENDER_READING',
        `Transgender employee: the orders are silent; read under the rule for ${tgReading === 'AS_WOMAN' ? 'women employees' : 'male employees'} (policy switch ccl.transgender.reading = ${tgReading}).`,
        `ट्रांसजेंडर कर्मचारी: आदेश मौन हैं; ${tgReading === 'AS_WOMAN' ? 'महिला कर्मचारियों' : 'पुरुष कर्मचारियों'} के नियम के अंतर्गत पढ़ा गया (नीति विकल्प ccl.transgender.reading = ${tgReading})।`,
        tgCitation,
      );
    }
  }
  if (elig && tgReading !== 'REFER') {
    if (gender === 'F') {
      add('OK', 'CCL_ELIGIBLE_WOMAN', 'Eligible: woman employee.', 'पात्र: महिला कर्मचारी।', elig.citation);
    } else if (single && elig.value.singleMen) {
      add('OK', 'CCL_ELIGIBLE_SINGLE_MALE', 'Eligible: single male employee (unmarried, widower or divorcee), from 14.12.2018.', 'पात्र: एकल पुरुष कर्मचारी (अविवाहित, विधुर या तलाकशुदा), 14.12.2018 से।', elig.citation);
    } else if (single) {
      add('BAR', 'CCL_SINGLE_MALE_NOT_YET', `Single male employees are eligible only from 14.12.2018; the spell starts ${d(from)}.`, `एकल पुरुष कर्मचारी केवल 14.12.2018 से पात्र हैं; अवधि ${d(from)} से आरंभ।`, elig.citation);
    } else {
      add('BAR', 'CCL_NOT_ELIGIBLE', 'Not eligible: CCL is for women employees and single male employees.', 'पात्र नहीं: बाल देखभाल अवकाश महिला कर्मचारियों और एकल पुरुष कर्मचारियों के लिए है।', elig.citation);
    }
  }

  // 2. The two eldest surviving children.
  const total = inForce(CCL_TOTAL, from) ?? CCL_TOTAL[0];
  if (child.dob > from) {
    add('BAR', 'CCL_CHILD_NOT_BORN', `The child is born on ${d(child.dob)}, after the spell starts.`, `संतान का जन्म ${d(child.dob)} को, अवधि आरंभ होने के बाद।`, total.citation);
  } else if (child.diedOn !== undefined && child.diedOn <= from) {
    add('BAR', 'CCL_CHILD_NOT_SURVIVING', 'CCL is for surviving children.', 'बाल देखभाल अवकाश जीवित संतानों के लिए है।', total.citation);
  } else {
    const surviving = employee.children
      .filter((c) => c.dob <= from && (c.diedOn === undefined || c.diedOn > from))
      .sort((a, b) => (a.dob < b.dob ? -1 : a.dob > b.dob ? 1 : 0));
    const rank = surviving.findIndex((c) => c.id === child.id) + 1;
    if (rank >= 1 && rank <= total.value.children) {
      add('OK', 'CCL_TWO_ELDEST', `The child is the ${rank === 1 ? 'eldest' : 'second eldest'} surviving child.`, `संतान ${rank === 1 ? 'सबसे बड़ी' : 'दूसरी सबसे बड़ी'} जीवित संतान है।`, total.citation);
    } else {
      add('BAR', 'CCL_NOT_TWO_ELDEST', `CCL is for the two eldest surviving children; this child is number ${rank}.`, `बाल देखभाल अवकाश दो सबसे बड़ी जीवित संतानों के लिए है; यह संतान क्रम ${rank} पर है।`, total.citation);
    }
  }

  // Child's age on the dates.
  const age = inForce(CCL_AGE_LIMIT, from) ?? CCL_AGE_LIMIT[0];
  const disabled = (child.disabilityPercent ?? 0) >= age.value.disabilityThreshold;
  const limit = disabled ? age.value.disabled : age.value.normal;
  if (limit === null) {
    add('OK', 'CCL_DISABLED_NO_AGE_LIMIT', `Child with ${child.disabilityPercent}% disability: no age limit (from 13.06.2018).`, `${child.disabilityPercent}% दिव्यांगता वाली संतान: कोई आयु सीमा नहीं (13.06.2018 से)।`, age.citation);
  } else {
    const reaches = addYears(child.dob, limit);
    const what = disabled ? `child with ${child.disabilityPercent}% disability: below ${limit}` : `below ${limit}`;
    const whatHi = disabled ? `${child.disabilityPercent}% दिव्यांगता वाली संतान: ${limit} से कम` : `${limit} से कम`;
    if (reaches > to) {
      add('OK', 'CCL_CHILD_AGE', `Child ${what} throughout the spell (attains ${limit} on ${d(reaches)}).`, `संतान पूरी अवधि में ${whatHi} (${d(reaches)} को ${limit} वर्ष)।`, age.citation, reaches);
    } else {
      add('BAR', 'CCL_CHILD_OVER_AGE', `The child attains ${limit} on ${d(reaches)}; CCL is for a child ${what}${reaches > from ? `: the spell may run at most to ${d(addDays(reaches, -1))}` : ''}.`, `संतान ${d(reaches)} को ${limit} वर्ष की होती है; बाल देखभाल अवकाश ${whatHi} आयु की संतान हेतु${reaches > from ? `: अवधि अधिकतम ${d(addDays(reaches, -1))} तक` : ''}।`, age.citation);
    }
  }

  // Overlap with a spell already sanctioned.
  const clash = spells.find((s) => s.from <= to && from <= s.to);
  if (clash) {
    add('BAR', 'CCL_OVERLAPS_SPELL', `Overlaps the CCL spell ${d(clash.from)}–${d(clash.to)}.`, `पूर्व स्वीकृत अवधि ${d(clash.from)}–${d(clash.to)} से अतिव्यापी।`, total.citation);
  }

  // 3. Balance of 730 days and the leave-salary split. Every calendar day of the spell counts (like earned leave).
  add('OK', 'CCL_CALENDAR_DAYS', `${days} days from ${d(from)} to ${d(to)}: weekends and holidays inside the spell count, as for earned leave.`, `${d(from)} से ${d(to)} तक ${days} दिन: अवधि के भीतर के सप्ताहांत और अवकाश गिने जाते हैं, अर्जित अवकाश की भाँति।`, { ...CCL_OM_2010, para: 'para 3' });
  let usedBefore = 0;
  let counted = 0;
  for (const s of spells) {
    usedBefore += daysInclusive(s.from, s.to);
    counted += splitSpell(s.from, s.to, counted, countAll).counted;
  }
  const balanceBefore = Math.max(0, total.value.days - usedBefore);
  if (days <= balanceBefore) {
    add('OK', 'CCL_BALANCE', `${days} days applied; balance ${balanceBefore} of ${total.value.days} days; ${balanceBefore - days} after this spell.`, `${days} दिन आवेदित; शेष ${total.value.days} में से ${balanceBefore} दिन; इस अवधि के बाद ${balanceBefore - days}।`, total.citation);
  } else {
    add('BAR', 'CCL_BALANCE_EXCEEDED', `${days} days applied but only ${balanceBefore} of ${total.value.days} days remain.`, `${days} दिन आवेदित परंतु ${total.value.days} में से केवल ${balanceBefore} दिन शेष।`, total.citation);
  }
  const split = splitSpell(from, to, counted, countAll);
  const salaryRow = inForce(CCL_SALARY, to) ?? CCL_SALARY[0];
  if (split.at80 === 0) {
    add('OK', 'CCL_SALARY_100', `Leave salary: all ${days} days at 100%.`, `अवकाश वेतन: सभी ${days} दिन 100% पर।`, salaryRow.citation);
  } else {
    add('OK', 'CCL_SALARY_SPLIT', `Leave salary: ${split.at100} days at 100%, ${split.at80} days at 80% (first 365 days of CCL at 100%; ${countAll ? 'counting all CCL days ever taken' : 'counting CCL days from 14.12.2018'} — policy switch).`, `अवकाश वेतन: ${split.at100} दिन 100% पर, ${split.at80} दिन 80% पर (प्रथम 365 दिन 100%; ${countAll ? 'अब तक के सभी दिन गिने गए' : '14.12.2018 से के दिन गिने गए'} — नीति विकल्प)।`, salaryRow.citation);
  }

  // 4. Spells in the calendar year the spell starts.
  const year = yearOf(from);
  const spellNumber = spells.filter((s) => yearOf(s.from) === year).length + 1;
  const lim = (inForce(CCL_SPELLS, from) ?? CCL_SPELLS[0]).value;
  const limRow = inForce(CCL_SPELLS, from) ?? CCL_SPELLS[0];
  const allowed = singleFemale ? lim.singleFemalePerYear : lim.perYear;
  if (spellNumber <= allowed) {
    add('OK', 'CCL_SPELLS', `Spell ${spellNumber} of ${allowed} allowed in ${year}${singleFemale && allowed > lim.perYear ? ' (single female employee)' : ''}.`, `${year} में अनुमत ${allowed} में से अवधि ${spellNumber}${singleFemale && allowed > lim.perYear ? ' (एकल महिला कर्मचारी)' : ''}।`, limRow.citation);
  } else if (application.childInPatient && lim.inPatientExtra > 0 && spellNumber <= Math.min(allowed + lim.inPatientExtra, lim.inPatientMax)) {
    add('REFER', 'CCL_SPELLS_IN_PATIENT_RELAXATION', `Spell ${spellNumber} in ${year} exceeds ${allowed}; the child is an in-patient: the sanctioning authority may allow up to ${Math.min(allowed + lim.inPatientExtra, lim.inPatientMax)} spells.`, `${year} में अवधि ${spellNumber}, ${allowed} से अधिक; संतान अस्पताल में भर्ती है: स्वीकृति प्राधिकारी ${Math.min(allowed + lim.inPatientExtra, lim.inPatientMax)} अवधियों तक अनुमति दे सकते हैं।`, limRow.citation);
  } else {
    add('BAR', 'CCL_SPELLS_EXCEEDED', `Spell ${spellNumber} in ${year}: at most ${allowed} spells in a calendar year (a spell counts in the year it starts).`, `${year} में अवधि ${spellNumber}: एक कैलेंडर वर्ष में अधिकतम ${allowed} अवधियाँ (अवधि उसी वर्ष में गिनी जाती है जिसमें आरंभ हो)।`, limRow.citation);
  }

  // 5. Minimum length of a spell.
  const minRow = inForce(CCL_MIN_SPELL, from);
  if (minRow && minRow.value > 0) {
    if (days >= minRow.value) add('OK', 'CCL_MIN_SPELL', `Spell of ${days} days; minimum ${minRow.value} days.`, `${days} दिन की अवधि; न्यूनतम ${minRow.value} दिन।`, minRow.citation);
    else add('BAR', 'CCL_SPELL_TOO_SHORT', `A spell may not be shorter than ${minRow.value} days (applied ${days}).`, `अवधि ${minRow.value} दिन से कम नहीं हो सकती (आवेदित ${days})।`, minRow.citation);
  } else if (minRow) {
    add('OK', 'CCL_NO_MIN_SPELL', 'No minimum length of spell applies on these dates.', 'इन तिथियों पर अवधि की कोई न्यूनतम सीमा लागू नहीं।', minRow.citation);
  }

  // 6. Probation.
  if (employee.probationEnd !== undefined && from <= employee.probationEnd) {
    const just = application.justification?.trim();
    add(
      'REFER',
      just ? 'CCL_PROBATION_REFER' : 'CCL_PROBATION_JUSTIFICATION_REQUIRED',
      `On probation until ${d(employee.probationEnd)}: CCL is not ordinarily granted; the sanctioning authority decides on ${just ? 'the justification given' : 'a mandatory justification (none given)'}, keeping the period minimal.`,
      `${d(employee.probationEnd)} तक परिवीक्षा पर: बाल देखभाल अवकाश सामान्यतः नहीं; स्वीकृति प्राधिकारी ${just ? 'दिए गए औचित्य' : 'अनिवार्य औचित्य (नहीं दिया गया)'} पर निर्णय लेंगे, अवधि न्यूनतम रखते हुए।`,
      { ...CCL_OM_2010, para: 'para 2(iii)' },
      employee.probationEnd,
    );
  }

  // 7. Prior sanction.
  if (from < asOn) {
    add('REFER', 'CCL_PRIOR_SANCTION', `The spell starts ${d(from)}, before this decision (${d(asOn)}): prior sanction is mandatory; only the sanctioning authority may regularise it.`, `अवधि ${d(from)} से आरंभ, इस निर्णय (${d(asOn)}) से पहले: पूर्व स्वीकृति अनिवार्य; केवल स्वीकृति प्राधिकारी नियमित कर सकते हैं।`, { ...CCL_OM_2010, para: 'para 3' });
  }

  const outcome: CclOutcome = out.some((f) => f.effect === 'BAR') ? 'NOT_ADMISSIBLE' : out.some((f) => f.effect === 'REFER') ? 'REFER' : 'ADMISSIBLE';
  return {
    outcome,
    days,
    daysAt100: split.at100,
    daysAt80: split.at80,
    balanceBefore,
    balanceAfter: Math.max(0, balanceBefore - days),
    spellNumber,
    spellsAllowed: allowed,
    reasons: out,
    switches: tgReading === undefined ? [switchUsed(countAll)] : [switchUsed(countAll), { ...CCL_TRANSGENDER_READING, value: tgReading }],
  };
}
