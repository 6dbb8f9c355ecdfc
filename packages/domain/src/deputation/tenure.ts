// Deputation tenure (rules.md §5 item 1) and deputation (duty) allowance (item 8; MACP clarification 10).
import { type EffectiveDated, inForce, type PolicySwitch, type Reason } from '../rules/citation.ts';
import { addDays, addYears, type CalendarDate, formatOrderDate as d, minDate } from '../rules/dates.ts';
import { citeDeputation, DEPUTATION_ORDER, MACP_CLARIFICATIONS } from './advertisement.ts';

export interface DeputationTenureRule {
  /** tenure when the recruitment rules are silent */
  defaultYears: number;
  /** the last year the borrowing Secretary may approve */
  secretaryUpToYear: number;
  /** the last year the borrowing Minister may approve: the hard cap */
  ministerUpToYear: number;
}
export const DEPUTATION_TENURE: readonly EffectiveDated<DeputationTenureRule>[] = [
  {
    from: '2010-06-17',
    value: { defaultYears: 5, secretaryUpToYear: 6, ministerUpToYear: 7 },
    citation: { order: `${DEPUTATION_ORDER}, paras 8.1 and 8.2 as substituted by O.M. of 18.05.2018; O.M. 2/6/2016-Estt.(Pay-II) dated 17.02.2016`, para: 'para 8.1, 8.2' },
  },
];

export type ExtensionApprover = 'BORROWING_SECRETARY' | 'BORROWING_MINISTER';

export interface TenureInput {
  /** first day on deputation */
  joinedOn: CalendarDate;
  /** tenure under the recruitment rules of the post; null/absent when silent */
  rrTenureYears?: number | null;
  /** extensions granted, each to a last day, by an approver */
  extensions?: ReadonlyArray<{ until: CalendarDate; approvedBy: ExtensionApprover }>;
  /** the last day on deputation when repatriated (earlier than the end: premature repatriation) */
  repatriatedOn?: CalendarDate;
}

export interface DeputationTenure {
  joinedOn: CalendarDate;
  /** last day of the normal tenure (RR, else 5 years) */
  normalEndOn: CalendarDate;
  /** last day the tenure could ever reach: 7 years */
  hardCapOn: CalendarDate;
  /** last day of the tenure as extended (never beyond hardCapOn) */
  endOn: CalendarDate;
  /** last day actually on deputation (repatriation, else endOn) */
  actualEndOn: CalendarDate;
  premature: boolean;
  /** last day of the 3-year cooling-off, counted from the actual end */
  coolingOffEndsOn: CalendarDate;
  reasons: Reason[];
}

/** Last day of year n of a deputation that began on `joinedOn` (year 1 ends the day before the first anniversary). */
export function lastDayOfDeputationYear(joinedOn: CalendarDate, n: number): CalendarDate {
  return addDays(addYears(joinedOn, n), -1);
}

function yearOfTenure(joinedOn: CalendarDate, day: CalendarDate): number {
  let n = 1;
  while (lastDayOfDeputationYear(joinedOn, n) < day) n++;
  return n;
}

/** Example (rules.md §5): joined 01.07.2020, RR silent → ends 30.06.2025; hard cap 30.06.2027. */
export function deputationTenure(t: TenureInput, table: readonly EffectiveDated<DeputationTenureRule>[] = DEPUTATION_TENURE, coolingOffYears = 3): DeputationTenure {
  const row = inForce(table, t.joinedOn) ?? [...table].sort((a, b) => (a.from < b.from ? -1 : 1))[0];
  const rule = row.value;
  const reasons: Reason[] = [];
  const years = Math.min(t.rrTenureYears ?? rule.defaultYears, rule.ministerUpToYear);
  const normalEndOn = lastDayOfDeputationYear(t.joinedOn, years);
  const hardCapOn = lastDayOfDeputationYear(t.joinedOn, rule.ministerUpToYear);
  reasons.push({
    code: t.rrTenureYears ? 'DEP_TENURE_RR' : 'DEP_TENURE_DEFAULT',
    en: `${t.rrTenureYears ? `Tenure under the recruitment rules: ${years} years` : 'Recruitment rules silent: 5 years'}, from ${d(t.joinedOn)} to ${d(normalEndOn)}; never beyond ${d(hardCapOn)}.`,
    hi: `${t.rrTenureYears ? `भर्ती नियमों के अनुसार कार्यकाल: ${years} वर्ष` : 'भर्ती नियम मौन: 5 वर्ष'}, ${d(t.joinedOn)} से ${d(normalEndOn)} तक; ${d(hardCapOn)} से आगे कभी नहीं।`,
    citation: row.citation,
  });
  let endOn = normalEndOn;
  for (const ext of [...(t.extensions ?? [])].sort((a, b) => (a.until < b.until ? -1 : 1))) {
    if (ext.until <= endOn) continue;
    let until = ext.until;
    if (until > hardCapOn) {
      reasons.push({
        code: 'DEP_EXTENSION_BEYOND_7_YEARS',
        en: `Extension to ${d(ext.until)} refused beyond ${d(hardCapOn)}: deputation never exceeds ${rule.ministerUpToYear} years.`,
        hi: `${d(ext.until)} तक विस्तार ${d(hardCapOn)} से आगे अस्वीकार: प्रतिनियुक्ति ${rule.ministerUpToYear} वर्ष से अधिक कभी नहीं।`,
        citation: row.citation,
      });
      until = hardCapOn;
    }
    const year = yearOfTenure(t.joinedOn, until);
    const need: ExtensionApprover = year <= rule.secretaryUpToYear ? 'BORROWING_SECRETARY' : 'BORROWING_MINISTER';
    if (need === 'BORROWING_MINISTER' && ext.approvedBy !== 'BORROWING_MINISTER') {
      reasons.push({
        code: 'DEP_EXTENSION_NEEDS_MINISTER',
        en: `Extension into year ${year} (to ${d(until)}) needs the approval of the borrowing Minister.`,
        hi: `वर्ष ${year} में (${d(until)} तक) विस्तार के लिए उधार लेने वाले मंत्रालय के मंत्री का अनुमोदन आवश्यक है।`,
        citation: row.citation,
      });
      // the Secretary's approval still carries the tenure to the end of the year the Secretary may approve
      const secCap = lastDayOfDeputationYear(t.joinedOn, rule.secretaryUpToYear);
      if (secCap > endOn) endOn = secCap;
      continue;
    }
    endOn = until;
    reasons.push({
      code: 'DEP_EXTENSION_GRANTED',
      en: `Extended to ${d(until)} (year ${year}) with the approval of the borrowing ${need === 'BORROWING_MINISTER' ? 'Minister' : 'Secretary'}.`,
      hi: `${d(until)} तक (वर्ष ${year}) उधार लेने वाले ${need === 'BORROWING_MINISTER' ? 'मंत्री' : 'सचिव'} के अनुमोदन से विस्तारित।`,
      citation: row.citation,
    });
  }
  let actualEndOn = endOn;
  let premature = false;
  if (t.repatriatedOn) {
    actualEndOn = minDate(t.repatriatedOn, endOn);
    premature = t.repatriatedOn < endOn;
    if (premature)
      reasons.push({
        code: 'DEP_PREMATURE_REPATRIATION',
        en: `Repatriated prematurely: last day on deputation ${d(t.repatriatedOn)}, before the tenure end ${d(endOn)}.`,
        hi: `समय से पूर्व प्रत्यावर्तन: प्रतिनियुक्ति का अंतिम दिन ${d(t.repatriatedOn)}, कार्यकाल समाप्ति ${d(endOn)} से पहले।`,
        citation: row.citation,
      });
    if (t.repatriatedOn > endOn)
      reasons.push({
        code: 'DEP_OVERSTAY',
        en: `Repatriation on ${d(t.repatriatedOn)} is after the approved tenure ended on ${d(endOn)}: the tenure is not extended by overstaying.`,
        hi: `${d(t.repatriatedOn)} को प्रत्यावर्तन अनुमोदित कार्यकाल (${d(endOn)} को समाप्त) के बाद है: अधिक रुकने से कार्यकाल नहीं बढ़ता।`,
        citation: row.citation,
      });
  }
  const coolingOffEndsOn = addYears(actualEndOn, coolingOffYears);
  reasons.push({
    code: 'DEP_COOLING_OFF_END',
    en: `Cooling-off of ${coolingOffYears} years after the deputation runs to ${d(coolingOffEndsOn)} (none for the personal staff of Union Ministers).`,
    hi: `प्रतिनियुक्ति के बाद ${coolingOffYears} वर्ष की कूलिंग-ऑफ अवधि ${d(coolingOffEndsOn)} तक (केंद्रीय मंत्रियों के निजी स्टाफ हेतु नहीं)।`,
    citation: citeDeputation(2),
  });
  return { joinedOn: t.joinedOn, normalEndOn, hardCapOn, endOn, actualEndOn, premature, coolingOffEndsOn, reasons };
}

// ---- deputation (duty) allowance ----

export interface AllowanceRule {
  sameStation: { ratePercent: number; ceiling: number };
  otherStation: { ratePercent: number; ceiling: number };
  /** ceilings rise by this percentage … */
  ceilingRisePercent: number;
  /** … each time DA rises by this many percentage points */
  perDaRise: number;
}
export const DEPUTATION_ALLOWANCE: readonly EffectiveDated<AllowanceRule>[] = [
  {
    from: '2017-07-01',
    value: { sameStation: { ratePercent: 5, ceiling: 4500 }, otherStation: { ratePercent: 10, ceiling: 9000 }, ceilingRisePercent: 25, perDaRise: 50 },
    citation: { order: 'DoPT O.M. 2/11/2017-Estt.(Pay-II) dated 24.11.2017 (7th CPC; amending O.M. 6/8/2009-Estt.(Pay-II))', para: 'para 5', orderId: 'DEPUTATION-7CPC-2017' },
  },
];

export interface AllowanceSwitches {
  /** each 25% rise applies to the ceiling as last raised (compounding) rather than to the original ceiling */
  ceilingRiseCompounding: boolean;
}
export const ALLOWANCE_SWITCH_DEFAULTS: AllowanceSwitches = { ceilingRiseCompounding: false };

export interface AllowanceInput {
  on: CalendarDate;
  /** basic pay in the pay matrix of the regular (substantive) post — without MACP */
  basicPay: number;
  sameStation: boolean;
  /** DA rate in force on `on`, in percent */
  daPercent: number;
  /** basic pay with the MACP upgradation, when the officer has one (for the option of clarification 10) */
  macpBasicPay?: number;
  switches?: Partial<AllowanceSwitches>;
}

export interface DeputationAllowance {
  /** rupees a month; null before the rule's first date */
  amount: number | null;
  ratePercent?: number;
  ceiling?: number;
  reasons: Reason[];
  switches: PolicySwitch<unknown>[];
}

/** Half-rupee and above rounds up (amounts in whole rupees). */
function roundRupees(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

export function deputationAllowance(a: AllowanceInput, table: readonly EffectiveDated<AllowanceRule>[] = DEPUTATION_ALLOWANCE): DeputationAllowance {
  const sw: AllowanceSwitches = { ...ALLOWANCE_SWITCH_DEFAULTS, ...a.switches };
  const switches: PolicySwitch<unknown>[] = [
    {
      key: 'deputation.ceilingRiseCompounding',
      value: sw.ceilingRiseCompounding,
      default: ALLOWANCE_SWITCH_DEFAULTS.ceilingRiseCompounding,
      description: 'Whether each 25% rise of the ceilings (per 50% rise of DA) applies to the ceiling as last raised (compounding) or to the original ceiling (default).',
    },
  ];
  const row = inForce(table, a.on);
  if (!row)
    return {
      amount: null,
      reasons: [
        {
          code: 'DEP_ALLOWANCE_NO_RULE',
          en: `No deputation allowance rule is loaded for ${d(a.on)} (the 7th CPC rates apply from 01.07.2017).`,
          hi: `${d(a.on)} के लिए प्रतिनियुक्ति भत्ते का कोई नियम उपलब्ध नहीं (सातवें वेतन आयोग की दरें 01.07.2017 से)।`,
          citation: citeDeputation(8),
        },
      ],
      switches,
    };
  const rule = row.value;
  const slab = a.sameStation ? rule.sameStation : rule.otherStation;
  const steps = Math.max(0, Math.floor(a.daPercent / rule.perDaRise));
  const factor = sw.ceilingRiseCompounding ? (1 + rule.ceilingRisePercent / 100) ** steps : 1 + (steps * rule.ceilingRisePercent) / 100;
  const ceiling = roundRupees(slab.ceiling * factor);
  const byRate = roundRupees((a.basicPay * slab.ratePercent) / 100);
  const amount = Math.min(byRate, ceiling);
  const where = a.sameStation ? ['same station', 'उसी स्टेशन'] : ['other station', 'अन्य स्टेशन'];
  const reasons: Reason[] = [
    {
      code: 'DEP_ALLOWANCE',
      en: `${where[0]}: ${slab.ratePercent}% of basic pay ₹${a.basicPay} = ₹${byRate}, ceiling ₹${ceiling}${steps ? ` (₹${slab.ceiling} raised ${steps} × ${rule.ceilingRisePercent}% for DA ${a.daPercent}%)` : ''} → ₹${amount} a month.`,
      hi: `${where[1]}: मूल वेतन ₹${a.basicPay} का ${slab.ratePercent}% = ₹${byRate}, अधिकतम सीमा ₹${ceiling}${steps ? ` (महँगाई भत्ता ${a.daPercent}% हेतु ₹${slab.ceiling} में ${steps} × ${rule.ceilingRisePercent}% वृद्धि)` : ''} → ₹${amount} प्रति माह।`,
      citation: row.citation,
    },
    {
      code: 'DEP_ALLOWANCE_WITHOUT_MACP',
      en: 'Worked out on the basic pay of the regular post, not the MACP pay.',
      hi: 'नियमित पद के मूल वेतन पर परिकलित, एमएसीपी वेतन पर नहीं।',
      citation: { order: MACP_CLARIFICATIONS, para: 'clarification 10' },
    },
  ];
  if (a.macpBasicPay !== undefined && a.macpBasicPay > a.basicPay) {
    const better = a.macpBasicPay > a.basicPay + amount;
    reasons.push({
      code: better ? 'DEP_MACP_OPTION_BETTER' : 'DEP_MACP_OPTION_NOT_BETTER',
      en: `Option: MACP pay ₹${a.macpBasicPay} without deputation allowance is ${better ? 'more' : 'not more'} beneficial than ₹${a.basicPay} + ₹${amount}.`,
      hi: `विकल्प: प्रतिनियुक्ति भत्ते के बिना एमएसीपी वेतन ₹${a.macpBasicPay}, ₹${a.basicPay} + ₹${amount} से ${better ? 'अधिक' : 'अधिक नहीं'} लाभकारी है।`,
      citation: { order: MACP_CLARIFICATIONS, para: 'clarification 10' },
    });
  }
  return { amount, ratePercent: slab.ratePercent, ceiling, reasons, switches };
}
