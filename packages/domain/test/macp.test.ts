import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, levelIndex, PAY_LEVELS } from '../src/cadre/index.ts';
import { type CareerStep, HistoryError, macpSchedule, type ServiceHistory } from '../src/career/index.ts';
import { addDays, addYears } from '../src/rules/index.ts';

const brief = (s: CareerStep) => [s.kind, s.number, s.status, s.date, s.fromLevel, s.toLevel];
const counted = (steps: CareerStep[]) => steps.filter((s) => s.number !== undefined && s.status !== 'BLOCKED' && s.status !== 'DEFERRED');

describe('MACP — rules.md §2 example', () => {
  it('DR ASO (L7) regular from 01.01.2005 → L8 01.01.2015, L9 01.01.2025, L10 01.01.2035', () => {
    const s = macpSchedule({ entry: { date: '2005-01-01', level: '7', grade: 'CSS.ASO' } }, '2025-06-01');
    expect(s.steps.map(brief)).toEqual([
      ['MACP', 1, 'DUE', '2015-01-01', '7', '8'],
      ['MACP', 2, 'DUE', '2025-01-01', '8', '9'],
      ['MACP', 3, 'PROSPECTIVE', '2035-01-01', '9', '10'],
    ]);
    expect(s.next?.date).toBe('2035-01-01');
    expect(s.countedAsOn).toBe(2);
    for (const st of s.steps) for (const r of st.reasons) expect(r.citation.order && r.en && r.hi).toBeTruthy();
  });

  it('fixes pay with Rule 13 from a pay anchor (L8 ₹47,600 on 01.01.2016 → L9 ₹65,200 on 01.01.2025)', () => {
    const s = macpSchedule({ entry: { date: '2005-01-01', level: '7' }, pay: { on: '2016-01-01', level: '8', amount: 47600 } }, '2025-06-01');
    expect(s.steps[0].pay).toBeUndefined(); // before the anchor
    expect(s.steps[1].pay?.fromPay).toBe(62200); // 9 increments on 1 July 2016..2024
    expect(s.steps[1].pay?.toPay).toBe(65200);
    expect(s.steps[1].reasons.some((r) => r.code === 'MACP_PAY_FIXED')).toBe(true);
  });
});

describe('MACP — seed 004, clarification 3', () => {
  it('illustration (A), isolated post: entry 01.10.1982, 1st ACP 09.08.1999, 2nd ACP 01.10.2006, 3rd (MACP) 01.10.2012 to the next grade pay', () => {
    // 4000-6000 → GP 2400 (L4); 4500-7000 → GP 2800 (L5); 5000-8000 → GP 4200 (L6); GP 4600 → L7
    const s = macpSchedule({ entry: { date: '1982-10-01', level: '4' }, granted: [{ scheme: 'ACP', date: '1999-08-09', level: '5' }] }, '2013-01-01');
    expect(s.steps.map(brief)).toEqual([
      ['ACP', 1, 'GRANTED', '1999-08-09', '4', '5'],
      ['ACP', 2, 'DUE', '2006-10-01', '5', '6'],
      ['MACP', 3, 'DUE', '2012-10-01', '6', '7'],
    ]);
    expect(s.steps[1].reasons[0].citation.para).toBe('clarification 3');
  });

  it('illustration (A) without the 1st ACP recorded: it is computed from 09.08.1999 (scheme start)', () => {
    const s = macpSchedule({ entry: { date: '1982-10-01', level: '4' } }, '2013-01-01');
    expect(s.steps.map(brief)).toEqual([
      ['ACP', 1, 'DUE', '1999-08-09', '4', '5'],
      ['ACP', 2, 'DUE', '2006-10-01', '5', '6'],
      ['MACP', 3, 'DUE', '2012-10-01', '6', '7'],
    ]);
    expect(s.steps[0].completionDate).toBe('1994-10-01');
  });

  it('illustration (B), promotional hierarchy: 2nd ACP in the hierarchy (GP 6600, L11), 3rd MACP 01.10.2012 to GP 7600 (L12)', () => {
    const s = macpSchedule(
      {
        entry: { date: '1982-10-01', level: '6' },
        promotionalHierarchy: ['6', '7', '11', '12'],
        granted: [{ scheme: 'ACP', date: '1999-08-09', level: '7' }],
      },
      '2013-01-01',
    );
    expect(s.steps.map(brief)).toEqual([
      ['ACP', 1, 'GRANTED', '1999-08-09', '6', '7'],
      ['ACP', 2, 'DUE', '2006-10-01', '7', '11'],
      ['MACP', 3, 'DUE', '2012-10-01', '11', '12'],
    ]);
    expect(s.steps[1].reasons.map((r) => r.code)).toContain('ACP_NEXT_IN_HIERARCHY');
  });
});

describe('MACP — rules', () => {
  it('takes effect from 01.09.2008 when the years were completed earlier under MACP', () => {
    const s = macpSchedule({ entry: { date: '1997-03-15', level: '2' } }, '2009-01-01');
    expect(s.steps[0]).toMatchObject({ kind: 'MACP', number: 1, completionDate: '2007-03-15', date: '2008-09-01', toLevel: '3' });
    expect(s.steps[0].reasons.map((r) => r.code)).toContain('MACP_FROM_01_09_2008');
  });

  it('10 years in one level earlier than 20 years of service (promotion at 3 years → 2nd at 13 years)', () => {
    const s = macpSchedule({ entry: { date: '2000-01-01', level: '4' }, promotions: [{ date: '2003-01-01', level: '7' }] }, '2030-01-01');
    expect(s.steps.map(brief)).toEqual([
      ['PROMOTION', 1, 'GRANTED', '2003-01-01', '4', '7'],
      ['MACP', 2, 'DUE', '2013-01-01', '7', '8'],
      ['MACP', 3, 'DUE', '2023-01-01', '8', '9'],
    ]);
    expect(s.steps[1].reasons[0].code).toBe('MACP_TEN_YEARS_IN_LEVEL');
  });

  it('goes to the next level, not the promotion post (SSA L4 → L5, not ASO L7)', () => {
    const s = macpSchedule({ entry: { date: '2010-01-01', level: '4', grade: 'CSCS.SSA' } }, '2021-01-01');
    expect(s.steps[0].toLevel).toBe('5');
  });

  it('Levels 9 and 10 are distinct', () => {
    const s = macpSchedule({ entry: { date: '2000-01-01', level: '8' } }, '2021-01-01');
    expect(s.steps.map((x) => x.toLevel)).toEqual(['9', '10', '11']);
  });

  it('three promotions → nothing more (clarification 8)', () => {
    const s = macpSchedule(
      {
        entry: { date: '1995-01-01', level: '7' },
        promotions: [
          { date: '2000-01-01', level: '8' },
          { date: '2005-01-01', level: '11' },
          { date: '2010-01-01', level: '12' },
        ],
      },
      '2030-01-01',
    );
    expect(s.upgradations).toEqual([]);
    expect(s.reasons.map((r) => r.code)).toContain('MACP_THREE_REACHED');
  });

  it('ignores a promotion between grades with the same level (ASO with MACP L8 promoted SO L8)', () => {
    const s = macpSchedule({ entry: { date: '2005-01-01', level: '7' }, promotions: [{ date: '2017-06-01', level: '8' }] }, '2026-01-01');
    expect(s.steps.map(brief)).toEqual([
      ['MACP', 1, 'DUE', '2015-01-01', '7', '8'],
      ['PROMOTION', undefined, 'GRANTED', '2017-06-01', '8', '8'],
      ['MACP', 2, 'DUE', '2025-01-01', '8', '9'],
      ['MACP', 3, 'PROSPECTIVE', '2035-01-01', '9', '10'],
    ]);
    expect(s.steps[1].reasons[0].code).toBe('MACP_PROMOTION_SAME_LEVEL_IGNORED');
  });

  it('a deferment shifts the deferred upgradation and the later ones by the same period (clarification 7)', () => {
    const s = macpSchedule(
      { entry: { date: '2005-01-01', level: '7' }, deferments: [{ from: '2014-07-01', to: '2015-12-31', cause: 'UNFIT' }] },
      '2026-01-01',
    );
    expect(s.steps.map(brief)).toEqual([
      ['MACP', 1, 'DUE', '2016-01-01', '7', '8'],
      ['MACP', 2, 'DUE', '2026-01-01', '8', '9'],
      ['MACP', 3, 'PROSPECTIVE', '2036-01-01', '9', '10'],
    ]);
    expect(s.steps[0].reasons.find((r) => r.code === 'MACP_DEFERRED')?.citation.para).toBe('clarification 7');
  });

  it('a recorded late grant inside a deferment also shifts later upgradations', () => {
    const s = macpSchedule(
      {
        entry: { date: '2005-01-01', level: '7' },
        granted: [{ scheme: 'MACP', date: '2016-01-01', level: '8' }],
        deferments: [{ from: '2014-07-01', to: '2015-12-31', cause: 'PROCEEDINGS' }],
      },
      '2026-06-01',
    );
    expect(s.steps.map((x) => x.date)).toEqual(['2016-01-01', '2026-01-01', '2036-01-01']);
  });

  it('a deferment still running withholds the upgradation', () => {
    const s = macpSchedule({ entry: { date: '2005-01-01', level: '7' }, deferments: [{ from: '2014-07-01', cause: 'PROCEEDINGS' }] }, '2016-01-01');
    expect(s.steps.map(brief)).toEqual([['MACP', 1, 'DEFERRED', '2015-01-01', '7', '8']]);
    expect(s.due).toEqual([]);
  });

  it('promotion offered and refused before the entitlement: no upgradation (para 25)', () => {
    const s = macpSchedule({ entry: { date: '2005-01-01', level: '7' }, refusals: [{ date: '2013-05-01', level: '8' }] }, '2016-01-01');
    expect(s.steps.map(brief)).toEqual([['MACP', 1, 'BLOCKED', '2015-01-01', '7', '8']]);
    expect(s.steps[0].reasons.at(-1)?.citation.para).toBe('Annexure-I para 25');
  });

  it('refusal then agreement: the upgradation waits for the agreement', () => {
    const s = macpSchedule({ entry: { date: '2005-01-01', level: '7' }, refusals: [{ date: '2013-05-01', agreedOn: '2015-06-01' }] }, '2016-01-01');
    expect(s.steps[0]).toMatchObject({ status: 'DUE', date: '2015-06-01' });
  });

  it('refusal after an upgradation does not withdraw it but bars the next', () => {
    const s = macpSchedule({ entry: { date: '2005-01-01', level: '7' }, refusals: [{ date: '2018-05-01' }] }, '2026-01-01');
    expect(s.steps.map((x) => x.status)).toEqual(['DUE', 'BLOCKED']);
  });

  it('earlier regular service in the same level counts; the benefit waits for probation', () => {
    const s = macpSchedule(
      {
        entry: { date: '2012-04-01', level: '7' },
        earlierService: [{ from: '2003-01-01', to: '2012-03-31', level: '7', kind: 'REGULAR' }],
        probationEnd: '2014-03-31',
      },
      '2015-01-01',
    );
    expect(s.serviceStart).toBe('2003-01-01');
    expect(s.steps[0]).toMatchObject({ completionDate: '2013-01-01', date: '2014-03-31', status: 'DUE' });
    expect(s.steps[0].reasons.map((r) => r.code)).toContain('MACP_AWAITS_PROBATION');
  });

  it('ad-hoc service or a break does not count', () => {
    const s = macpSchedule(
      {
        entry: { date: '2012-04-01', level: '7' },
        earlierService: [{ from: '2003-01-01', to: '2012-03-31', level: '7', kind: 'ADHOC' }],
      },
      '2015-01-01',
    );
    expect(s.serviceStart).toBe('2012-04-01');
    expect(s.reasons.map((r) => r.code)).toContain('MACP_EARLIER_SERVICE_NOT_COUNTED');
  });

  it("not for Organised Group 'A' services", () => {
    const s = macpSchedule({ entry: { date: '2000-01-01', level: '10' }, organisedGroupA: true }, '2025-01-01');
    expect(s.eligible).toBe(false);
    expect(s.upgradations).toEqual([]);
    expect(s.reasons.map((r) => r.citation.para)).toContain('clarification 2');
  });
});

describe('MACP — impossible histories', () => {
  const base: ServiceHistory = { entry: { date: '2005-01-01', level: '7' } };
  const fails = (h: ServiceHistory, code: string, item: string, asOn = '2025-01-01') => {
    try {
      macpSchedule(h, asOn);
    } catch (e) {
      expect(e).toBeInstanceOf(HistoryError);
      expect((e as HistoryError).code).toBe(code);
      expect((e as HistoryError).item).toBe(item);
      return;
    }
    throw new Error('expected a HistoryError');
  };
  it('names the item', () => {
    fails({ ...base, promotions: [{ date: '2010-01-01', level: '8' }, { date: '2004-01-01', level: '11' }] }, 'BEFORE_ENTRY', 'promotions[1]');
    fails({ ...base, promotions: [{ date: '2026-01-01', level: '8' }] }, 'AFTER_AS_ON', 'promotions[0]');
    fails({ ...base, promotions: [{ date: '2010-01-01', level: '99' }] }, 'UNKNOWN_LEVEL', 'promotions[0]');
    fails({ entry: { date: '2005-01-01', level: '6B' } }, 'UNKNOWN_LEVEL', 'entry');
    fails({ entry: { date: '2005-02-30', level: '7' } }, 'INVALID_DATE', 'entry');
    fails(
      {
        ...base,
        deferments: [
          { from: '2014-01-01', to: '2014-12-31', cause: 'UNFIT' },
          { from: '2014-06-01', to: '2015-03-01', cause: 'PROCEEDINGS' },
        ],
      },
      'OVERLAPPING_DEFERMENTS',
      'deferments[1]',
    );
    fails({ ...base, deferments: [{ from: '2014-01-01', to: '2013-12-31', cause: 'UNFIT' }] }, 'INVALID_PERIOD', 'deferments[0]');
    fails({ ...base, granted: [{ scheme: 'MACP', date: '2015-01-01', level: '9' }] }, 'MACP_NOT_NEXT_LEVEL', 'granted[0]');
    fails({ ...base, granted: [{ scheme: 'MACP', date: '2007-01-01', level: '8' }] }, 'SCHEME_DATE', 'granted[0]');
    fails({ ...base, refusals: [{ date: '2030-01-01' }] }, 'AFTER_AS_ON', 'refusals[0]');
    fails({ ...base, pay: { on: '2016-01-01', level: '8', amount: 47650 } }, 'PAY_NOT_A_CELL', 'pay');
  });
});

// ---- property tests ------------------------------------------------------------------------------

const AS_ON = '2026-01-01';
const arbHistory = fc
  .record({
    entryDay: fc.integer({ min: 0, max: 40 * 365 }), // 1980..2020
    entryLevel: fc.constantFrom('1', '2', '4', '5', '6', '7', '8', '9', '10', '11'),
    promos: fc.array(fc.record({ gapDays: fc.integer({ min: 200, max: 15 * 365 }), jump: fc.integer({ min: 0, max: 3 }) }), { maxLength: 4 }),
    defs: fc.array(fc.record({ gapDays: fc.integer({ min: 1, max: 12 * 365 }), len: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 2 }),
    refusal: fc.option(fc.integer({ min: 1, max: 30 * 365 }), { nil: undefined }),
  })
  .map(({ entryDay, entryLevel, promos, defs, refusal }) => {
    const entry = addDays('1980-01-01', entryDay);
    const h: ServiceHistory & { promotions: { date: string; level: string }[]; deferments: { from: string; to: string; cause: 'UNFIT' }[] } = {
      entry: { date: entry, level: entryLevel },
      promotions: [],
      deferments: [],
    };
    let at = entry;
    let li = levelIndex(entryLevel);
    for (const p of promos) {
      at = addDays(at, p.gapDays);
      li = Math.min(li + p.jump, PAY_LEVELS.length - 1);
      if (at <= AS_ON) h.promotions.push({ date: at, level: PAY_LEVELS[li] });
    }
    at = entry;
    for (const x of defs) {
      const from = addDays(at, x.gapDays);
      const to = addDays(from, x.len);
      if (to <= AS_ON) h.deferments.push({ from, to, cause: 'UNFIT' });
      at = addDays(to, 1);
    }
    if (refusal !== undefined && addDays(entry, refusal) <= AS_ON) h.refusals = [{ date: addDays(entry, refusal) }];
    return h;
  });

describe('MACP — properties', () => {
  it('never more than three upgradations counting promotions; each MACP one level; none before 01.09.2008', () => {
    fc.assert(
      fc.property(arbHistory, (h) => {
        const s = macpSchedule(h, AS_ON);
        expect(counted(s.steps).length).toBeLessThanOrEqual(3);
        for (const st of s.steps) {
          if (st.kind === 'MACP') {
            expect(levelIndex(st.toLevel) - levelIndex(st.fromLevel)).toBe(1);
            expect(st.date >= '2008-09-01').toBe(true);
          }
          if (st.pay) {
            expect(cellOf(st.toLevel, st.pay.toPay)).toBeDefined();
            expect(st.pay.toPay).toBeGreaterThanOrEqual(st.pay.fromPay);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a deferment never makes a later upgradation earlier', () => {
    fc.assert(
      fc.property(arbHistory, fc.integer({ min: 0, max: 40 * 365 }), fc.integer({ min: 1, max: 1500 }), (h, off, len) => {
        const without = { ...h, deferments: [] };
        const from = addDays(h.entry.date, off);
        const to = addDays(from, len);
        fc.pre(to <= AS_ON);
        const withD = { ...without, deferments: [{ from, to, cause: 'PROCEEDINGS' as const }] };
        const a = counted(macpSchedule(without, AS_ON).steps);
        const b = counted(macpSchedule(withD, AS_ON).steps);
        for (let k = 0; k < Math.min(a.length, b.length); k++) expect(b[k].date >= a[k].date, `upgradation ${k + 1}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('without promotions, upgradations fall at 10/20/30 years (or 01.09.2008)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12000 }), (day) => {
        const entry = addDays('1999-01-01', day);
        const s = macpSchedule({ entry: { date: entry, level: '2' } }, '2060-01-01');
        let prev = entry;
        s.upgradations.forEach((u, i) => {
          // 10/20/30 years, or 10 years in the level if earlier (differs only by a 29 February)
          const byService = addYears(entry, 10 * (i + 1));
          const byLevel = addYears(prev, 10);
          const due = [byLevel, byService].sort()[0];
          expect(u.date).toBe(due < '2008-09-01' ? '2008-09-01' : due);
          prev = u.date;
        });
      }),
    );
  });
});

describe('MACP — edge cases found by the benchmark', () => {
  it('an ACP-era upgradation pushed past 31.08.2008 by probation is taken under MACP (next level)', () => {
    const s = macpSchedule(
      {
        entry: { date: '2000-04-01', level: '4' },
        earlierService: [{ from: '1995-01-01', to: '2000-03-31', level: '4', kind: 'REGULAR' }],
        probationEnd: '2009-08-30',
        promotionalHierarchy: ['4', '7'],
      },
      '2010-01-01',
    );
    expect(s.steps[0]).toMatchObject({ kind: 'MACP', date: '2009-08-30', toLevel: '5' });
    // and the schedule can be recorded back as granted
    const again = macpSchedule({ entry: { date: '2000-04-01', level: '4' }, earlierService: [{ from: '1995-01-01', to: '2000-03-31', level: '4', kind: 'REGULAR' }], probationEnd: '2009-08-30', granted: [{ scheme: 'MACP', date: '2009-08-30', level: '5' }] }, '2010-01-01');
    expect(again.steps[0].status).toBe('GRANTED');
  });

  it('a pay anchor dated on an upgradation is the pay fixed on it', () => {
    const s = macpSchedule({ entry: { date: '2006-01-01', level: '7' }, pay: { on: '2016-01-01', level: '8', amount: 49000 } }, '2026-06-01');
    expect(s.steps[0]).toMatchObject({ date: '2016-01-01', toLevel: '8' });
    expect(s.steps[0].pay).toBeUndefined();
    // 49,000 (cell 2) + 10 increments (1 July 2016..2025) = cell 12 = 66,000 on 01.01.2026 → next 68,000 → L9 69,200
    expect(s.steps[1]).toMatchObject({ date: '2026-01-01', toLevel: '9' });
    expect(s.steps[1].pay?.fromPay).toBe(66000);
    expect(s.steps[1].pay?.toPay).toBe(69200);
  });
});

describe('MACP — non-functional Level 10 of SO/PS (rules.md §1)', () => {
  // DR ASO 01.01.2000 (L7), SO 01.01.2003 (L8), non-functional Level 10 from 01.01.2007 (4 years as SO)
  const so: ServiceHistory = {
    entry: { date: '2000-01-01', level: '7', grade: 'CSS.ASO' },
    promotions: [{ date: '2003-01-01', level: '8', grade: 'CSS.SO' }],
    nonFunctionalUpgrades: [{ date: '2007-01-01', level: '10', grade: 'CSS.SO' }],
  };

  it('does not count toward the three; the next upgradation is from Level 10; the 10-year clock restarts there (default)', () => {
    const s = macpSchedule(so, '2026-01-01');
    expect(s.steps.map(brief)).toEqual([
      ['PROMOTION', 1, 'GRANTED', '2003-01-01', '7', '8'],
      ['MACP', 2, 'DUE', '2017-01-01', '10', '11'],
      ['MACP', 3, 'PROSPECTIVE', '2027-01-01', '11', '12'],
    ]);
    expect(s.nonFunctional).toMatchObject([{ date: '2007-01-01', fromLevel: '8', toLevel: '10', applied: true }]);
    const codes = s.reasons.map((r) => r.code);
    expect(codes).toContain('MACP_NON_FUNCTIONAL_GRADE');
    expect(codes).toContain('MACP_NON_FUNCTIONAL_CLOCK_RESTARTS');
    expect(s.reasons.find((r) => r.code === 'MACP_NON_FUNCTIONAL_CLOCK_RESTARTS')?.en).toMatch(/macp\.nonFunctional\.restartsLevelClock = true/);
    expect(s.switches).toEqual([expect.objectContaining({ key: 'macp.nonFunctional.restartsLevelClock', value: true, default: true })]);
    expect(s.steps[1].reasons[0].code).toBe('MACP_TEN_YEARS_IN_LEVEL');
  });

  it('policy switch off: the clock runs on from the SO promotion', () => {
    const s = macpSchedule(so, '2026-01-01', { nonFunctionalRestartsLevelClock: false });
    expect(s.steps.map(brief).slice(1)).toEqual([
      ['MACP', 2, 'DUE', '2013-01-01', '10', '11'],
      ['MACP', 3, 'DUE', '2023-01-01', '11', '12'],
    ]);
    expect(s.reasons.map((r) => r.code)).toContain('MACP_NON_FUNCTIONAL_CLOCK_RUNS_ON');
    expect(s.switches[0]).toMatchObject({ value: false });
  });

  it('a Director with SO → NFSG → US → DS → Director is not due for Level 8 → 9 (the nodal-1 case)', () => {
    const s = macpSchedule(
      {
        entry: { date: '1997-03-01', level: '7', grade: 'CSS.ASO' },
        promotions: [
          { date: '2004-06-01', level: '8', grade: 'CSS.SO' },
          { date: '2015-09-01', level: '11', grade: 'CSS.US' },
          { date: '2019-10-01', level: '12', grade: 'CSS.DS' },
          { date: '2023-11-01', level: '13', grade: 'CSS.DIR' },
        ],
        nonFunctionalUpgrades: [{ date: '2008-06-01', level: '10' }],
      },
      '2026-01-01',
    );
    expect(s.upgradations).toEqual([]);
    expect(s.due).toEqual([]);
    expect(s.steps.map((x) => [x.kind, x.number, x.fromLevel, x.toLevel])).toEqual([
      ['PROMOTION', 1, '7', '8'],
      ['PROMOTION', 2, '10', '11'],
      ['PROMOTION', 3, '11', '12'],
      ['PROMOTION', undefined, '12', '13'],
    ]);
  });

  it('a recorded MACP from the non-functional level (10 → 11) is the next level, not an error', () => {
    const s = macpSchedule({ ...so, granted: [{ scheme: 'MACP', date: '2017-01-01', level: '11' }] }, '2026-01-01');
    expect(s.steps.map(brief)[1]).toEqual(['MACP', 2, 'GRANTED', '2017-01-01', '10', '11']);
    expect(s.due).toEqual([]);
  });

  it('an MACP before the non-functional level: it still applies on top (L9 → L10), not counted', () => {
    // entry 1995: MACP L8 01.01.2005; SO 2012 (L8, same level); 20 years on 01.01.2015 → L9; NFSG 01.01.2016 → L10
    const s = macpSchedule(
      { entry: { date: '1995-01-01', level: '7' }, promotions: [{ date: '2012-01-01', level: '8' }], nonFunctionalUpgrades: [{ date: '2016-01-01', level: '10' }] },
      '2026-06-01',
    );
    expect(s.nonFunctional[0]).toMatchObject({ fromLevel: '9', toLevel: '10', applied: true });
    expect(counted(s.steps).length).toBeLessThanOrEqual(3);
    expect(s.steps.filter((x) => x.kind === 'MACP').every((x) => levelIndex(x.toLevel) - levelIndex(x.fromLevel) === 1)).toBe(true);
  });

  it('fixes pay on the non-functional level as on promotion (Rule 13) and projects from there', () => {
    const s = macpSchedule({ ...so, pay: { on: '2006-07-01', level: '8', amount: 47600 } }, '2026-01-01');
    expect(s.nonFunctional[0].pay).toMatchObject({ fromLevel: '8', fromPay: 47600, toLevel: '10' });
    expect(s.steps[1].pay?.fromLevel).toBe('10');
  });

  it('not before 01.01.2006, and the item is named', () => {
    expect(() => macpSchedule({ ...so, nonFunctionalUpgrades: [{ date: '2005-12-31', level: '10' }] }, '2026-01-01')).toThrow(HistoryError);
    try {
      macpSchedule({ ...so, nonFunctionalUpgrades: [{ date: '2005-12-31', level: '10' }] }, '2026-01-01');
    } catch (e) {
      expect((e as HistoryError).code).toBe('NON_FUNCTIONAL_DATE');
      expect((e as HistoryError).item).toBe('nonFunctionalUpgrades[0]');
    }
  });

  it('property: a non-functional level never counts and never makes the schedule break the rules', () => {
    fc.assert(
      fc.property(arbHistory, fc.integer({ min: 0, max: 20 * 365 }), (h, off) => {
        const date = addDays(h.entry.date > '2006-01-01' ? h.entry.date : '2006-01-01', off);
        fc.pre(date <= AS_ON);
        const s = macpSchedule({ ...h, nonFunctionalUpgrades: [{ date, level: '10' }] }, AS_ON);
        const c = counted(s.steps);
        expect(c.length).toBeLessThanOrEqual(3);
        // the non-functional level takes no number: the counted steps are numbered 1, 2, 3 in order
        expect(c.map((x) => x.number)).toEqual(c.map((_, i) => i + 1));
        for (const st of s.steps) {
          if (st.kind === 'MACP') expect(levelIndex(st.toLevel) - levelIndex(st.fromLevel)).toBe(1);
          // after the non-functional date nothing starts below its level
          if (s.nonFunctional[0]?.applied && st.date > date && st.status !== 'BLOCKED' && st.status !== 'DEFERRED') expect(levelIndex(st.fromLevel)).toBeGreaterThanOrEqual(levelIndex('10'));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('MACP — pay anchor in the level actually held', () => {
  it('a pay in Level 7 (held) while the upgradation to Level 8 is due but not granted is accepted; later pay not projected', () => {
    // DR ASO 01.01.2005: MACP to L8 due 01.01.2015, not granted; pay on 01.07.2020 still in L7
    const h: ServiceHistory = { entry: { date: '2005-01-01', level: '7' }, pay: { on: '2020-07-01', level: '7', amount: 53600 } };
    const s = macpSchedule(h, '2026-01-01');
    expect(s.steps.map(brief)).toEqual([
      ['MACP', 1, 'DUE', '2015-01-01', '7', '8'],
      ['MACP', 2, 'DUE', '2025-01-01', '8', '9'],
      ['MACP', 3, 'PROSPECTIVE', '2035-01-01', '9', '10'],
    ]);
    expect(s.steps[1].pay).toBeUndefined();
    expect(s.reasons.map((r) => r.code)).toContain('MACP_PAY_NOT_PROJECTED');
  });

  it('a pay in neither the level held nor the schedule level is still refused', () => {
    const h: ServiceHistory = { entry: { date: '2005-01-01', level: '7' }, pay: { on: '2020-07-01', level: '9', amount: 53100 } };
    expect(() => macpSchedule(h, '2026-01-01')).toThrow(/level held on 2020-07-01 is 7 \(8 with the upgradations due\)/);
  });

  it('a pay in the non-functional Level 10 is the level held', () => {
    const s = macpSchedule(
      {
        entry: { date: '2000-01-01', level: '7' },
        promotions: [{ date: '2003-01-01', level: '8' }],
        nonFunctionalUpgrades: [{ date: '2007-01-01', level: '10' }],
        pay: { on: '2016-01-01', level: '10', amount: 56100 },
      },
      '2026-01-01',
    );
    expect(s.steps[1]).toMatchObject({ date: '2017-01-01', fromLevel: '10', toLevel: '11' });
    expect(s.steps[1].pay).toMatchObject({ fromLevel: '10', fromPay: 57800, toLevel: '11' });
  });
});
