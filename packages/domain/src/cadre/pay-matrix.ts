// 7th CPC Pay Matrix (CCS (Revised Pay) Rules 2016) as data, and pay fixation on promotion / MACP (Rule 13).
// rules.md §1. The table is data: each row was generated once from the first cell of the level by the
// rule "next cell = previous + 3%, rounded to the nearest ₹100 (₹50 up)" and is checked against that
// rule by packages/domain/test/pay-matrix.test.ts. Number of cells per level as in the notified matrix
// (Levels 1–10: 40; 11: 39; 12: 34; 13: 20; 13A: 18; 14: 15; 15: 8; 16: 4; 17 and 18: 1).
import type { Citation, Reason } from '../rules/citation.ts';
import { levelIndex, PAY_LEVELS, type PayLevel } from './cadres.ts';

export const CCS_RP_RULES_2016: Citation = {
  order: 'CCS (Revised Pay) Rules, 2016 (G.S.R. 721(E) dated 25.07.2016)',
  orderId: 'CCS-RP-RULES-2016',
};

export const PAY_MATRIX: Readonly<Record<PayLevel, readonly number[]>> = Object.freeze({
  '1': Object.freeze([18000, 18500, 19100, 19700, 20300, 20900, 21500, 22100, 22800, 23500, 24200, 24900, 25600, 26400, 27200, 28000, 28800, 29700, 30600, 31500, 32400, 33400, 34400, 35400, 36500, 37600, 38700, 39900, 41100, 42300, 43600, 44900, 46200, 47600, 49000, 50500, 52000, 53600, 55200, 56900]),
  '2': Object.freeze([19900, 20500, 21100, 21700, 22400, 23100, 23800, 24500, 25200, 26000, 26800, 27600, 28400, 29300, 30200, 31100, 32000, 33000, 34000, 35000, 36100, 37200, 38300, 39400, 40600, 41800, 43100, 44400, 45700, 47100, 48500, 50000, 51500, 53000, 54600, 56200, 57900, 59600, 61400, 63200]),
  '3': Object.freeze([21700, 22400, 23100, 23800, 24500, 25200, 26000, 26800, 27600, 28400, 29300, 30200, 31100, 32000, 33000, 34000, 35000, 36100, 37200, 38300, 39400, 40600, 41800, 43100, 44400, 45700, 47100, 48500, 50000, 51500, 53000, 54600, 56200, 57900, 59600, 61400, 63200, 65100, 67100, 69100]),
  '4': Object.freeze([25500, 26300, 27100, 27900, 28700, 29600, 30500, 31400, 32300, 33300, 34300, 35300, 36400, 37500, 38600, 39800, 41000, 42200, 43500, 44800, 46100, 47500, 48900, 50400, 51900, 53500, 55100, 56800, 58500, 60300, 62100, 64000, 65900, 67900, 69900, 72000, 74200, 76400, 78700, 81100]),
  '5': Object.freeze([29200, 30100, 31000, 31900, 32900, 33900, 34900, 35900, 37000, 38100, 39200, 40400, 41600, 42800, 44100, 45400, 46800, 48200, 49600, 51100, 52600, 54200, 55800, 57500, 59200, 61000, 62800, 64700, 66600, 68600, 70700, 72800, 75000, 77300, 79600, 82000, 84500, 87000, 89600, 92300]),
  '6': Object.freeze([35400, 36500, 37600, 38700, 39900, 41100, 42300, 43600, 44900, 46200, 47600, 49000, 50500, 52000, 53600, 55200, 56900, 58600, 60400, 62200, 64100, 66000, 68000, 70000, 72100, 74300, 76500, 78800, 81200, 83600, 86100, 88700, 91400, 94100, 96900, 99800, 102800, 105900, 109100, 112400]),
  '7': Object.freeze([44900, 46200, 47600, 49000, 50500, 52000, 53600, 55200, 56900, 58600, 60400, 62200, 64100, 66000, 68000, 70000, 72100, 74300, 76500, 78800, 81200, 83600, 86100, 88700, 91400, 94100, 96900, 99800, 102800, 105900, 109100, 112400, 115800, 119300, 122900, 126600, 130400, 134300, 138300, 142400]),
  '8': Object.freeze([47600, 49000, 50500, 52000, 53600, 55200, 56900, 58600, 60400, 62200, 64100, 66000, 68000, 70000, 72100, 74300, 76500, 78800, 81200, 83600, 86100, 88700, 91400, 94100, 96900, 99800, 102800, 105900, 109100, 112400, 115800, 119300, 122900, 126600, 130400, 134300, 138300, 142400, 146700, 151100]),
  '9': Object.freeze([53100, 54700, 56300, 58000, 59700, 61500, 63300, 65200, 67200, 69200, 71300, 73400, 75600, 77900, 80200, 82600, 85100, 87700, 90300, 93000, 95800, 98700, 101700, 104800, 107900, 111100, 114400, 117800, 121300, 124900, 128600, 132500, 136500, 140600, 144800, 149100, 153600, 158200, 162900, 167800]),
  '10': Object.freeze([56100, 57800, 59500, 61300, 63100, 65000, 67000, 69000, 71100, 73200, 75400, 77700, 80000, 82400, 84900, 87400, 90000, 92700, 95500, 98400, 101400, 104400, 107500, 110700, 114000, 117400, 120900, 124500, 128200, 132000, 136000, 140100, 144300, 148600, 153100, 157700, 162400, 167300, 172300, 177500]),
  '11': Object.freeze([67700, 69700, 71800, 74000, 76200, 78500, 80900, 83300, 85800, 88400, 91100, 93800, 96600, 99500, 102500, 105600, 108800, 112100, 115500, 119000, 122600, 126300, 130100, 134000, 138000, 142100, 146400, 150800, 155300, 160000, 164800, 169700, 174800, 180000, 185400, 191000, 196700, 202600, 208700]),
  '12': Object.freeze([78800, 81200, 83600, 86100, 88700, 91400, 94100, 96900, 99800, 102800, 105900, 109100, 112400, 115800, 119300, 122900, 126600, 130400, 134300, 138300, 142400, 146700, 151100, 155600, 160300, 165100, 170100, 175200, 180500, 185900, 191500, 197200, 203100, 209200]),
  '13': Object.freeze([123100, 126800, 130600, 134500, 138500, 142700, 147000, 151400, 155900, 160600, 165400, 170400, 175500, 180800, 186200, 191800, 197600, 203500, 209600, 215900]),
  '14': Object.freeze([144200, 148500, 153000, 157600, 162300, 167200, 172200, 177400, 182700, 188200, 193800, 199600, 205600, 211800, 218200]),
  '15': Object.freeze([182200, 187700, 193300, 199100, 205100, 211300, 217600, 224100]),
  '16': Object.freeze([205400, 211600, 217900, 224400]),
  '17': Object.freeze([225000]),
  '18': Object.freeze([250000]),
  '13A': Object.freeze([131100, 135000, 139100, 143300, 147600, 152000, 156600, 161300, 166100, 171100, 176200, 181500, 186900, 192500, 198300, 204200, 210300, 216600]),
});

/** Error for a pay or level that is not in the matrix. */
export class PayMatrixError extends Error {
  readonly code: 'UNKNOWN_LEVEL' | 'NOT_A_CELL' | 'NO_SUCH_CELL';
  readonly level: PayLevel;
  constructor(code: 'UNKNOWN_LEVEL' | 'NOT_A_CELL' | 'NO_SUCH_CELL', level: PayLevel, message: string) {
    super(message);
    this.name = 'PayMatrixError';
    this.code = code;
    this.level = level;
  }
}

function cells(level: PayLevel): readonly number[] {
  const row = Object.hasOwn(PAY_MATRIX, level) ? PAY_MATRIX[level] : undefined;
  if (!row) throw new PayMatrixError('UNKNOWN_LEVEL', level, `unknown pay level ${level}`);
  return row;
}

/** The "+3% rounded to the nearest ₹100" step of the matrix, in integer arithmetic (₹50 rounds up). */
export function threePercentStep(amount: number): number {
  return Math.floor((amount * 103 + 5000) / 10000) * 100;
}

export function isPayLevel(level: string): level is PayLevel {
  return levelIndex(level) >= 0 && Object.hasOwn(PAY_MATRIX, level);
}

/** Number of cells in a level. */
export function cellCount(level: PayLevel): number {
  return cells(level).length;
}

/** Amount of cell `cellIndex` (1-based, as the matrix numbers its cells) of a level. */
export function cellAmount(level: PayLevel, cellIndex: number): number {
  const row = cells(level);
  if (!Number.isInteger(cellIndex) || cellIndex < 1 || cellIndex > row.length) {
    throw new PayMatrixError('NO_SUCH_CELL', level, `Level ${level} has no cell ${cellIndex}`);
  }
  return row[cellIndex - 1];
}

/** 1-based cell index of `amount` in a level, or undefined when the amount is not a cell of it. */
export function cellOf(level: PayLevel, amount: number): number | undefined {
  const i = cells(level).indexOf(amount);
  return i < 0 ? undefined : i + 1;
}

/** First cell of the level equal to or higher than `amount` (1-based), or undefined above the last cell. */
export function cellAtOrAbove(level: PayLevel, amount: number): number | undefined {
  const row = cells(level);
  for (let i = 0; i < row.length; i++) if (row[i] >= amount) return i + 1;
  return undefined;
}

/** The next cell (one increment) above `amount` in its level, or undefined at the last cell. */
export function nextCell(level: PayLevel, amount: number): number | undefined {
  const row = cells(level);
  const i = row.indexOf(amount);
  if (i < 0) throw new PayMatrixError('NOT_A_CELL', level, `₹${amount} is not a cell of Level ${level}`);
  return i + 1 < row.length ? row[i + 1] : undefined;
}

/** The level immediately above in the matrix (Levels 9 and 10 distinct), or undefined at Level 18. */
export function nextLevel(level: PayLevel): PayLevel | undefined {
  const i = levelIndex(level);
  if (i < 0) throw new PayMatrixError('UNKNOWN_LEVEL', level, `unknown pay level ${level}`);
  return PAY_LEVELS[i + 1];
}

export interface PayFixation {
  fromLevel: PayLevel;
  fromPay: number;
  /** pay after one increment in the present level (the next cell; notional +3% at the last cell) */
  notionalPay: number;
  toLevel: PayLevel;
  toPay: number;
  /** 1-based cell of toPay in toLevel */
  toCell: number;
  reasons: Reason[];
}

/** "₹1,23,100": Indian digit grouping (last three digits, then pairs). Whole rupees. */
export function formatRupees(n: number): string {
  const neg = n < 0;
  const digits = String(Math.round(Math.abs(n)));
  let out = digits.slice(-3);
  for (let i = digits.length - 3; i > 0; i -= 2) out = `${digits.slice(Math.max(0, i - 2), i)},${out}`;
  return `${neg ? '-' : ''}₹${out}`;
}
const inr = formatRupees;
const RULE_13: Citation = { ...CCS_RP_RULES_2016, para: 'rule 13' };

/**
 * Pay on promotion or financial upgradation (Rule 13, CCS (RP) Rules 2016; MACP: clarification 11 of
 * 09.09.2010): one increment in the present level, then the cell of the new level equal to that
 * amount or, failing it, the next higher cell. Example: ₹44,900 L7 → ₹46,200 → L8 ₹47,600.
 * At the last cell of the present level the increment is the notional 3% step; above the last cell
 * of the new level the pay stays at the new level's last cell (never below the present pay).
 */
export function fixPayOnPromotion(presentLevel: PayLevel, presentPay: number, newLevel: PayLevel): PayFixation {
  const from = cells(presentLevel);
  const to = cells(newLevel);
  if (levelIndex(newLevel) <= levelIndex(presentLevel)) {
    throw new PayMatrixError('UNKNOWN_LEVEL', newLevel, `Level ${newLevel} is not above Level ${presentLevel}`);
  }
  const i = from.indexOf(presentPay);
  if (i < 0) throw new PayMatrixError('NOT_A_CELL', presentLevel, `₹${presentPay} is not a cell of Level ${presentLevel}`);
  const reasons: Reason[] = [];
  let notional: number;
  if (i + 1 < from.length) {
    notional = from[i + 1];
    reasons.push({
      code: 'PAY_INCREMENT_PRESENT_LEVEL',
      en: `One increment in Level ${presentLevel}: ${inr(presentPay)} → ${inr(notional)}.`,
      hi: `वर्तमान लेवल ${presentLevel} में एक वेतनवृद्धि: ${inr(presentPay)} → ${inr(notional)}।`,
      citation: { ...RULE_13, para: 'rule 13(i)' },
    });
  } else {
    notional = threePercentStep(presentPay);
    reasons.push({
      code: 'PAY_INCREMENT_NOTIONAL',
      en: `${inr(presentPay)} is the last cell of Level ${presentLevel}; the increment is taken notionally at 3%: ${inr(notional)}.`,
      hi: `${inr(presentPay)} लेवल ${presentLevel} का अंतिम सेल है; वेतनवृद्धि काल्पनिक रूप से 3% पर ली गई: ${inr(notional)}।`,
      citation: { ...RULE_13, para: 'rule 13(i)' },
    });
  }
  let j = to.findIndex((c) => c >= notional);
  if (j >= 0) {
    reasons.push({
      code: to[j] === notional ? 'PAY_EQUAL_CELL_NEW_LEVEL' : 'PAY_NEXT_HIGHER_CELL_NEW_LEVEL',
      en: to[j] === notional
        ? `Fixed at the equal cell of Level ${newLevel}: ${inr(to[j])} (cell ${j + 1}).`
        : `No equal cell in Level ${newLevel}; fixed at the next higher cell: ${inr(to[j])} (cell ${j + 1}).`,
      hi: to[j] === notional
        ? `लेवल ${newLevel} के समान सेल पर निर्धारित: ${inr(to[j])} (सेल ${j + 1})।`
        : `लेवल ${newLevel} में समान सेल नहीं; अगले उच्च सेल पर निर्धारित: ${inr(to[j])} (सेल ${j + 1})।`,
      citation: { ...RULE_13, para: 'rule 13(i)' },
    });
  } else {
    j = to.length - 1;
    reasons.push({
      code: 'PAY_CAPPED_LAST_CELL_NEW_LEVEL',
      en: `${inr(notional)} is above the last cell of Level ${newLevel}; fixed at its last cell ${inr(to[j])}.`,
      hi: `${inr(notional)} लेवल ${newLevel} के अंतिम सेल से अधिक है; अंतिम सेल ${inr(to[j])} पर निर्धारित।`,
      citation: { ...RULE_13, para: 'rule 13' },
    });
  }
  let toPay = to[j];
  if (toPay < presentPay) {
    // Never below the present pay: the first cell of the new level not below it (or present pay if none).
    const k = to.findIndex((c) => c >= presentPay);
    j = k >= 0 ? k : to.length - 1;
    toPay = to[j];
  }
  return { fromLevel: presentLevel, fromPay: presentPay, notionalPay: notional, toLevel: newLevel, toPay, toCell: j + 1, reasons };
}
