import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellAmount,
  cellCount,
  cellOf,
  fixPayOnPromotion,
  nextCell,
  nextLevel,
  PAY_LEVELS,
  PAY_MATRIX,
  PayMatrixError,
  threePercentStep,
} from '../src/cadre/index.ts';

describe('pay matrix data (rules.md §1)', () => {
  it('has every level 1..18 and 13A', () => {
    expect(Object.keys(PAY_MATRIX).sort()).toEqual([...PAY_LEVELS].sort());
  });

  it('starts each level at the first cell of rules.md §1', () => {
    const first: Record<string, number> = {
      '1': 18000, '2': 19900, '3': 21700, '4': 25500, '5': 29200, '6': 35400, '7': 44900, '8': 47600,
      '9': 53100, '10': 56100, '11': 67700, '12': 78800, '13': 123100, '14': 144200,
    };
    for (const [l, a] of Object.entries(first)) expect(cellAmount(l, 1)).toBe(a);
  });

  it('follows "+3% rounded to the nearest ₹100" in every level', () => {
    for (const l of PAY_LEVELS) {
      const row = PAY_MATRIX[l];
      for (let i = 1; i < row.length; i++) expect(row[i], `L${l} cell ${i + 1}`).toBe(threePercentStep(row[i - 1]));
    }
  });

  it('L4 runs 25,500 → 26,300 → 27,100 → 27,900 → 28,700 → 29,600', () => {
    expect(PAY_MATRIX['4'].slice(0, 6)).toEqual([25500, 26300, 27100, 27900, 28700, 29600]);
  });

  it('has the notified number of cells and last cells', () => {
    const expected: Record<string, [number, number]> = {
      '1': [40, 56900], '2': [40, 63200], '3': [40, 69100], '4': [40, 81100], '5': [40, 92300], '6': [40, 112400],
      '7': [40, 142400], '8': [40, 151100], '9': [40, 167800], '10': [40, 177500], '11': [39, 208700],
      '12': [34, 209200], '13A': [18, 216600], '14': [15, 218200], '15': [8, 224100], '16': [4, 224400],
      '17': [1, 225000], '18': [1, 250000],
    };
    for (const [l, [n, last]] of Object.entries(expected)) {
      expect(cellCount(l)).toBe(n);
      expect(cellAmount(l, n)).toBe(last);
    }
  });

  it('rounds ₹50 up (35,000 → 36,100 in L3)', () => {
    expect(threePercentStep(35000)).toBe(36100);
    expect(nextCell('3', 35000)).toBe(36100);
  });

  it('cellOf / nextCell / nextLevel', () => {
    expect(cellOf('7', 44900)).toBe(1);
    expect(cellOf('7', 45000)).toBeUndefined();
    expect(nextCell('7', 44900)).toBe(46200);
    expect(nextCell('17', 225000)).toBeUndefined();
    expect(nextLevel('9')).toBe('10');
    expect(nextLevel('13')).toBe('13A');
    expect(nextLevel('18')).toBeUndefined();
    expect(() => cellAmount('19', 1)).toThrow(PayMatrixError);
    expect(() => nextCell('7', 45000)).toThrow(PayMatrixError);
  });
});

describe('pay fixation on promotion (Rule 13)', () => {
  it('₹44,900 L7 → ₹46,200 → L8 ₹47,600', () => {
    const f = fixPayOnPromotion('7', 44900, '8');
    expect(f.notionalPay).toBe(46200);
    expect(f.toPay).toBe(47600);
    expect(f.toCell).toBe(1);
    expect(f.reasons.map((r) => r.code)).toEqual(['PAY_INCREMENT_PRESENT_LEVEL', 'PAY_NEXT_HIGHER_CELL_NEW_LEVEL']);
    expect(f.reasons.every((r) => r.citation.order.includes('Revised Pay') && r.en && r.hi)).toBe(true);
  });

  it('takes the equal cell when there is one (L7 ₹46,200 → ₹47,600 → L8 ₹47,600)', () => {
    const f = fixPayOnPromotion('7', 46200, '8');
    expect(f.toPay).toBe(47600);
    expect(f.reasons[1].code).toBe('PAY_EQUAL_CELL_NEW_LEVEL');
  });

  it('result is a cell of the new level and never below the present pay', () => {
    const arb = fc
      .integer({ min: 0, max: PAY_LEVELS.length - 2 })
      .chain((li) =>
        fc.tuple(
          fc.constant(li),
          fc.integer({ min: li + 1, max: PAY_LEVELS.length - 1 }),
          fc.integer({ min: 1, max: PAY_MATRIX[PAY_LEVELS[li]].length }),
        ),
      );
    fc.assert(
      fc.property(arb, ([li, ni, cell]) => {
        const from = PAY_LEVELS[li];
        const to = PAY_LEVELS[ni];
        const pay = cellAmount(from, cell);
        const f = fixPayOnPromotion(from, pay, to);
        expect(f.toPay).toBeGreaterThanOrEqual(pay);
        expect(cellOf(to, f.toPay)).toBe(f.toCell);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatRupees', () => {
  it('groups digits the Indian way', async () => {
    const { formatRupees } = await import('../src/cadre/index.ts');
    expect([formatRupees(0), formatRupees(900), formatRupees(44900), formatRupees(123100), formatRupees(12345678)]).toEqual(['₹0', '₹900', '₹44,900', '₹1,23,100', '₹1,23,45,678']);
    for (const n of [1, 12, 999, 1000, 99999, 100000, 2500000]) expect(formatRupees(n)).toBe(`₹${n.toLocaleString('en-IN')}`);
  });
});
