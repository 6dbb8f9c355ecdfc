// Dearness allowance from the CPI-IW (rules.md §9). The paid rate is the one notified (data); the
// formula serves projections. Pure: months and dates are inputs.
import { formatRupees } from '../cadre/pay-matrix.ts';
import type { Citation, EffectiveDated, Reason } from '../rules/citation.ts';
import { type CalendarDate, formatOrderDate, isCalendarDate } from '../rules/dates.ts';

/** One month's All-India CPI-IW. `month` is "YYYY-MM". */
export interface CpiIndex {
  month: string;
  value: number;
  base: 2001 | 2016;
}

export type PayCommission = '6th CPC' | '7th CPC';

/** Indices on base 2016 = 100 are converted to base 2001 by the Labour Bureau's linking factor. */
export const CPI_LINKING_FACTOR: Readonly<Record<2001 | 2016, number>> = { 2001: 1, 2016: 2.88 };
const LINKING_CITATION: Citation = { order: 'Labour Bureau, CPI-IW base 2016=100: linking factor 2.88', orderId: 'LB-CPI-IW-2016-LINKING' };

export interface DaFormula {
  commission: PayCommission;
  /** 12-month average CPI-IW (base 2001) the pay was revised at */
  baseIndex: number;
}

/** DA% = truncate((12-month average − base) / base × 100), by the pay commission in force. */
export const DA_FORMULA: readonly EffectiveDated<DaFormula>[] = [
  { from: '2006-01-01', value: { commission: '6th CPC', baseIndex: 115.76 }, citation: { order: 'CCS (Revised Pay) Rules, 2008 — DA formula (6th CPC)', orderId: 'CCS-RP-RULES-2008' } },
  { from: '2016-01-01', value: { commission: '7th CPC', baseIndex: 261.42 }, citation: { order: 'CCS (Revised Pay) Rules, 2016 — DA formula (7th CPC)', orderId: 'CCS-RP-RULES-2016' } },
];

const mof = (from: CalendarDate, note?: string): Citation => ({
  order: `Ministry of Finance (Department of Expenditure) O.M. on Dearness Allowance w.e.f. ${formatOrderDate(from)}`,
  para: note,
  orderId: `MOF-DA-${from}`,
});
const row = (from: CalendarDate, rate: number, note?: string): EffectiveDated<number> => ({ from, value: rate, citation: mof(from, note) });

/** Rates notified (paid), one row per half-year. The 2020–21 freeze paid 17% from 01.01.2020 to 30.06.2021. */
export const DA_NOTIFIED: Readonly<Record<PayCommission, readonly EffectiveDated<number>[]>> = {
  '6th CPC': [
    row('2006-01-01', 0), row('2006-07-01', 2), row('2007-01-01', 6), row('2007-07-01', 9), row('2008-01-01', 12),
    row('2008-07-01', 16), row('2009-01-01', 22), row('2009-07-01', 27), row('2010-01-01', 35), row('2010-07-01', 45),
    row('2011-01-01', 51), row('2011-07-01', 58), row('2012-01-01', 65), row('2012-07-01', 72), row('2013-01-01', 80),
    row('2013-07-01', 90), row('2014-01-01', 100), row('2014-07-01', 107), row('2015-01-01', 113), row('2015-07-01', 119),
    row('2016-01-01', 125),
  ],
  '7th CPC': [
    row('2016-01-01', 0), row('2016-07-01', 2), row('2017-01-01', 4), row('2017-07-01', 5), row('2018-01-01', 7),
    row('2018-07-01', 9), row('2019-01-01', 12), row('2019-07-01', 17),
    row('2020-01-01', 17, 'freeze: instalment of 21% not paid till 30.06.2021'),
    row('2020-07-01', 17, 'freeze: instalment of 24% not paid till 30.06.2021'),
    row('2021-01-01', 17, 'freeze: instalment of 28% not paid till 30.06.2021'),
    row('2021-07-01', 31), row('2022-01-01', 34), row('2022-07-01', 38), row('2023-01-01', 42), row('2023-07-01', 46),
    row('2024-01-01', 50), row('2024-07-01', 53), row('2025-01-01', 55), row('2025-07-01', 58),
  ],
};

export type DaInputErrorCode = 'INVALID_DATE' | 'NOT_A_RATE_DATE' | 'MISSING_INDEX' | 'INVALID_INDEX';

export class DaInputError extends Error {
  readonly code: DaInputErrorCode;
  readonly item: string;
  constructor(code: DaInputErrorCode, item: string, message: string) {
    super(`${item}: ${message}`);
    this.name = 'DaInputError';
    this.code = code;
    this.item = item;
  }
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The twelve months whose average gives the rate from `rateFrom` (1 January: Jan–Dec before; 1 July: Jul–Jun before). */
export function averagingMonths(rateFrom: CalendarDate): string[] {
  if (!isCalendarDate(rateFrom)) throw new DaInputError('INVALID_DATE', 'rateFrom', `not a calendar date: ${String(rateFrom)}`);
  const y = +rateFrom.slice(0, 4);
  const md = rateFrom.slice(5);
  if (md !== '01-01' && md !== '07-01') throw new DaInputError('NOT_A_RATE_DATE', 'rateFrom', 'DA rates change on 1 January and 1 July');
  const months: string[] = [];
  const startMonth = md === '01-01' ? 1 : 7;
  for (let i = 0; i < 12; i++) {
    const m0 = startMonth - 1 + i;
    months.push(`${y - 1 + Math.floor(m0 / 12)}-${String((m0 % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

export interface DaFormulaResult {
  rateFrom: CalendarDate;
  rate: number;
  /** 12-month average on base 2001 */
  average: number;
  commission: PayCommission;
  reasons: Reason[];
}

/** DA% by the formula for the rate from 1 January or 1 July. Throws DaInputError for a missing month. */
export function daRateFromCpi(series: readonly CpiIndex[], rateFrom: CalendarDate): DaFormulaResult {
  const months = averagingMonths(rateFrom);
  const byMonth = new Map<string, CpiIndex>();
  series.forEach((x, i) => {
    if (!MONTH_RE.test(x.month) || !(x.value > 0) || !(x.base in CPI_LINKING_FACTOR)) throw new DaInputError('INVALID_INDEX', `series[${i}]`, `bad index ${JSON.stringify(x)}`);
    byMonth.set(x.month, x);
  });
  const formula = [...DA_FORMULA].filter((r) => r.from <= rateFrom).sort((a, b) => (a.from < b.from ? 1 : -1))[0];
  if (!formula) throw new DaInputError('NOT_A_RATE_DATE', 'rateFrom', 'no DA formula before 01.01.2006');
  // Sum in thousandths so that 2.88 × one-decimal indices stay exact.
  let sum = 0;
  let linked = false;
  for (const m of months) {
    const x = byMonth.get(m);
    if (!x) throw new DaInputError('MISSING_INDEX', m, `CPI-IW for ${m} is needed for the rate from ${formatOrderDate(rateFrom)}`);
    if (x.base === 2016) linked = true;
    sum += Math.round(x.value * CPI_LINKING_FACTOR[x.base] * 1000);
  }
  const base12 = Math.round(formula.value.baseIndex * 100) * 120; // 12 months × base, in thousandths
  const rate = Math.max(0, Math.trunc((100 * (sum - base12)) / base12));
  const average = sum / 12000;
  const avg = average.toFixed(2);
  const first = months[0];
  const last = months[11];
  const reasons: Reason[] = [
    {
      code: 'DA_FORMULA',
      en: `Average CPI-IW ${first} to ${last} (base 2001) = ${avg}; DA = truncate((${avg} − ${formula.value.baseIndex}) / ${formula.value.baseIndex} × 100) = ${rate}% from ${formatOrderDate(rateFrom)} (${formula.value.commission}).`,
      hi: `औसत सीपीआई-आईडब्ल्यू ${first} से ${last} (आधार 2001) = ${avg}; महँगाई भत्ता = ((${avg} − ${formula.value.baseIndex}) / ${formula.value.baseIndex} × 100) का पूर्णांक = ${formatOrderDate(rateFrom)} से ${rate}% (${formula.value.commission})।`,
      citation: formula.citation,
    },
  ];
  if (linked) {
    reasons.push({
      code: 'DA_CPI_LINKED',
      en: 'Indices on base 2016 = 100 were multiplied by 2.88 to bring them to base 2001.',
      hi: 'आधार 2016 = 100 के सूचकांकों को आधार 2001 में लाने हेतु 2.88 से गुणा किया गया।',
      citation: LINKING_CITATION,
    });
  }
  return { rateFrom, rate, average, commission: formula.value.commission, reasons };
}

export interface DaRate {
  on: CalendarDate;
  /** the half-year the rate belongs to (1 January or 1 July) */
  rateFrom: CalendarDate;
  rate: number;
  /** NOTIFIED: paid rate; FORMULA: projection from the CPI; CARRIED: not yet notified, last notified rate carried */
  source: 'NOTIFIED' | 'FORMULA' | 'CARRIED';
  commission: PayCommission;
  reasons: Reason[];
}

/** The DA rate on a date: the notified rate wins; otherwise the formula (projection) if the CPI is given. */
export function daRate(on: CalendarDate, cpi?: readonly CpiIndex[], commission?: PayCommission): DaRate {
  if (!isCalendarDate(on)) throw new DaInputError('INVALID_DATE', 'on', `not a calendar date: ${String(on)}`);
  if (on < '2006-01-01') throw new DaInputError('NOT_A_RATE_DATE', 'on', 'no DA table before 01.01.2006');
  const rateFrom = `${on.slice(0, 4)}-${on.slice(5, 7) <= '06' ? '01' : '07'}-01`;
  const pc: PayCommission = commission ?? (on >= '2016-01-01' ? '7th CPC' : '6th CPC');
  const table = DA_NOTIFIED[pc];
  const notified = table.find((r) => r.from === rateFrom);
  let formula: DaFormulaResult | undefined;
  if (cpi) {
    try {
      formula = daRateFromCpi(cpi, rateFrom);
    } catch (e) {
      if (!(e instanceof DaInputError) || e.code !== 'MISSING_INDEX' || !notified) throw e;
    }
  }
  if (notified) {
    const reasons: Reason[] = [
      {
        code: 'DA_NOTIFIED',
        en: `DA ${notified.value}% from ${formatOrderDate(rateFrom)} as notified${notified.citation.para ? ` (${notified.citation.para})` : ''}.`,
        hi: `${formatOrderDate(rateFrom)} से महँगाई भत्ता ${notified.value}% (अधिसूचित)${notified.citation.para ? ` (${notified.citation.para})` : ''}।`,
        citation: notified.citation,
      },
    ];
    if (formula && formula.rate !== notified.value) {
      reasons.push({
        code: 'DA_NOTIFIED_OVER_FORMULA',
        en: `The formula gives ${formula.rate}%; the notified rate ${notified.value}% is paid.`,
        hi: `सूत्र से ${formula.rate}% आता है; अधिसूचित दर ${notified.value}% देय है।`,
        citation: notified.citation,
      });
    }
    return { on, rateFrom, rate: notified.value, source: 'NOTIFIED', commission: pc, reasons };
  }
  if (formula) {
    return {
      on,
      rateFrom,
      rate: formula.rate,
      source: 'FORMULA',
      commission: formula.commission,
      reasons: [
        ...formula.reasons,
        {
          code: 'DA_PROJECTION',
          en: `Not yet notified: ${formula.rate}% is a projection; the notified rate will be paid.`,
          hi: `अभी अधिसूचित नहीं: ${formula.rate}% एक अनुमान है; अधिसूचित दर देय होगी।`,
          citation: formula.reasons[0].citation,
        },
      ],
    };
  }
  const last = [...table].filter((r) => r.from <= rateFrom).sort((a, b) => (a.from < b.from ? 1 : -1))[0];
  return {
    on,
    rateFrom,
    rate: last.value,
    source: 'CARRIED',
    commission: pc,
    reasons: [
      {
        code: 'DA_NOT_YET_NOTIFIED',
        en: `The rate from ${formatOrderDate(rateFrom)} is not yet notified; ${last.value}% (from ${formatOrderDate(last.from)}) continues.`,
        hi: `${formatOrderDate(rateFrom)} से दर अभी अधिसूचित नहीं; ${last.value}% (${formatOrderDate(last.from)} से) जारी।`,
        citation: last.citation,
      },
    ],
  };
}

export interface DaAmount {
  amount: number;
  reasons: Reason[];
}

/** DA amount on a basic pay at a rate: 50 paise and above round up to the next rupee, below 50 paise are dropped. */
export function daAmount(basicPay: number, ratePercent: number): DaAmount {
  const paise = Math.round(basicPay * ratePercent); // basic × rate / 100 rupees = basic × rate paise
  const amount = Math.floor((paise + 50) / 100);
  return {
    amount,
    reasons: [
      {
        code: 'DA_AMOUNT',
        en: `DA ${ratePercent}% of ${formatRupees(basicPay)} = ₹${(paise / 100).toFixed(2)} → ${formatRupees(amount)} (50 paise and above rounded up to the next rupee).`,
        hi: `${formatRupees(basicPay)} का ${ratePercent}% महँगाई भत्ता = ₹${(paise / 100).toFixed(2)} → ${formatRupees(amount)} (50 पैसे और अधिक अगले रुपये तक पूर्णांकित)।`,
        citation: { order: 'Ministry of Finance (Department of Expenditure) O.M.s on Dearness Allowance', para: 'rounding of DA to the next rupee', orderId: 'MOF-DA-ROUNDING' },
      },
    ],
  };
}
