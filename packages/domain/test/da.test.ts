import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagingMonths, type CpiIndex, DaInputError, daAmount, daRate, daRateFromCpi } from '../src/da/index.ts';

const flat = (months: string[], value: number, base: 2001 | 2016 = 2001): CpiIndex[] => months.map((month) => ({ month, value, base }));

describe('DA — rules.md §9', () => {
  it('average 269.00 (base 2001) → 2% from 01.07.2016', () => {
    const r = daRateFromCpi(flat(averagingMonths('2016-07-01'), 269), '2016-07-01');
    expect(r.rate).toBe(2);
    expect(r.average).toBe(269);
    expect(r.reasons[0].en).toContain('2015-07 to 2016-06');
  });

  it('July rate averages July–June; January rate averages January–December', () => {
    expect(averagingMonths('2016-07-01')).toEqual(['2015-07', '2015-08', '2015-09', '2015-10', '2015-11', '2015-12', '2016-01', '2016-02', '2016-03', '2016-04', '2016-05', '2016-06']);
    expect(averagingMonths('2017-01-01')[0]).toBe('2016-01');
    expect(averagingMonths('2017-01-01')[11]).toBe('2016-12');
    expect(() => averagingMonths('2017-03-01')).toThrow(DaInputError);
  });

  it('base 2016 indices × 2.88; decimals truncated, exact boundaries not lost to floating point', () => {
    // 261.42 × 1.5 = 392.13 exactly → 50%, not 49%
    const months = averagingMonths('2030-01-01');
    expect(daRateFromCpi(flat(months, 392.13), '2030-01-01').rate).toBe(50);
    expect(daRateFromCpi(flat(months, 392.12), '2030-01-01').rate).toBe(49);
    // 136.2 (base 2016) × 2.88 = 392.256 → 50%
    const r = daRateFromCpi(flat(months, 136.2, 2016), '2030-01-01');
    expect(r.rate).toBe(50);
    expect(r.reasons.map((x) => x.code)).toContain('DA_CPI_LINKED');
  });

  it('a missing month is named', () => {
    const months = averagingMonths('2030-07-01');
    try {
      daRateFromCpi(flat(months.slice(1), 400), '2030-07-01');
      throw new Error('expected DaInputError');
    } catch (e) {
      expect(e).toBeInstanceOf(DaInputError);
      expect((e as DaInputError).item).toBe(months[0]);
    }
  });

  it('the notified rate wins over the formula; the formula serves projections', () => {
    const n = daRate('2016-09-15', flat(averagingMonths('2016-07-01'), 280));
    expect(n).toMatchObject({ rate: 2, source: 'NOTIFIED', rateFrom: '2016-07-01' });
    expect(n.reasons.map((x) => x.code)).toEqual(['DA_NOTIFIED', 'DA_NOTIFIED_OVER_FORMULA']);
    const p = daRate('2031-02-01', flat(averagingMonths('2031-01-01'), 150, 2016));
    expect(p.source).toBe('FORMULA');
    expect(p.rate).toBe(Math.trunc(((150 * 2.88 - 261.42) / 261.42) * 100));
    const c = daRate('2031-02-01');
    expect(c.source).toBe('CARRIED');
  });

  it('the 2020–21 freeze pays 17%', () => {
    expect(daRate('2020-10-01').rate).toBe(17);
    expect(daRate('2021-07-01').rate).toBe(31);
    expect(daRate('2015-08-01')).toMatchObject({ rate: 119, commission: '6th CPC' });
  });
});

describe('DA amount', () => {
  it('50 paise and above round up', () => {
    expect(daAmount(18050, 2).amount).toBe(361); // 361.00
    expect(daAmount(18025, 2).amount).toBe(361); // 360.50 → 361
    expect(daAmount(18024, 2).amount).toBe(360); // 360.48 → 360
    expect(daAmount(44900, 58).amount).toBe(26042);
  });

  it('is within 50 paise of the exact amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 18000, max: 250000 }), fc.integer({ min: 0, max: 200 }), (basic, rate) => {
        const a = daAmount(basic, rate).amount;
        const exact = (basic * rate) / 100;
        expect(a - exact).toBeLessThanOrEqual(0.5);
        expect(exact - a).toBeLessThan(0.5);
      }),
    );
  });
});
