import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CclEmployee, CclInputError, type CclSpell, cclAccount, decideCcl } from '../src/leave/index.ts';
import { addDays, daysInclusive } from '../src/rules/index.ts';

const mother: CclEmployee = {
  gender: 'F',
  maritalStatus: 'MARRIED',
  children: [
    { id: 'a', dob: '2015-04-10' },
    { id: 'b', dob: '2018-09-01' },
    { id: 'c', dob: '2020-01-15' },
  ],
};
const codes = (x: { reasons: { code: string }[] }) => x.reasons.map((r) => r.code);
/** spells of `len` days starting on the given dates */
const spells = (starts: string[], len: number): CclSpell[] => starts.map((from) => ({ from, to: addDays(from, len - 1) }));

describe('CCL — rules.md §3 examples', () => {
  it('360 days used, new spell 01.03.2025–10.03.2025 → 5 days at 100%, 5 at 80%, balance 360', () => {
    const history: CclSpell[] = [{ from: '2020-01-01', to: addDays('2020-01-01', 359) }];
    const dd = decideCcl({ childId: 'a', from: '2025-03-01', to: '2025-03-10' }, mother, history, '2025-02-15');
    expect(dd.outcome).toBe('ADMISSIBLE');
    expect([dd.days, dd.daysAt100, dd.daysAt80, dd.balanceAfter]).toEqual([10, 5, 5, 360]);
    expect(dd.reasons.find((r) => r.code === 'CCL_CHILD_AGE')?.until).toBe('2033-04-10');
    expect(dd.switches[0]).toMatchObject({ key: 'ccl.salarySplit.countAllDaysEver', value: true });
    for (const r of dd.reasons) expect(r.en && r.hi && r.citation.order).toBeTruthy();
  });

  it("a married woman's fourth spell in 2025 → rejected; a single mother's fourth → allowed", () => {
    const history = spells(['2025-01-05', '2025-03-01', '2025-05-01'], 5);
    const app = { childId: 'a', from: '2025-08-01', to: '2025-08-10' };
    const married = decideCcl(app, mother, history, '2025-07-20');
    expect(married.outcome).toBe('NOT_ADMISSIBLE');
    expect(codes(married)).toContain('CCL_SPELLS_EXCEEDED');
    const single = decideCcl(app, { ...mother, maritalStatus: 'DIVORCED' }, history, '2025-07-20');
    expect(single.outcome).toBe('ADMISSIBLE');
    expect([single.spellNumber, single.spellsAllowed]).toEqual([4, 6]);
  });
});

describe('CCL — rules', () => {
  it('single male from 14.12.2018 only; married male never', () => {
    const father: CclEmployee = { ...mother, gender: 'M', maritalStatus: 'WIDOWED' };
    expect(decideCcl({ childId: 'a', from: '2019-01-10', to: '2019-01-20' }, father, [], '2019-01-01').outcome).toBe('ADMISSIBLE');
    const early = decideCcl({ childId: 'a', from: '2018-12-01', to: '2018-12-10' }, father, [], '2018-11-20');
    expect(early.outcome).toBe('NOT_ADMISSIBLE');
    expect(codes(early)).toContain('CCL_SINGLE_MALE_NOT_YET');
    expect(decideCcl({ childId: 'a', from: '2019-01-10', to: '2019-01-20' }, { ...father, maritalStatus: 'MARRIED' }, [], '2019-01-01').outcome).toBe('NOT_ADMISSIBLE');
  });

  it('two eldest surviving children only; a deceased elder child lets the third count', () => {
    const app = { childId: 'c', from: '2025-03-01', to: '2025-03-10' };
    expect(codes(decideCcl(app, mother, [], '2025-02-01'))).toContain('CCL_NOT_TWO_ELDEST');
    const m2 = { ...mother, children: [{ ...mother.children[0], diedOn: '2022-01-01' }, mother.children[1], mother.children[2]] };
    expect(decideCcl(app, m2, [], '2025-02-01').outcome).toBe('ADMISSIBLE');
  });

  it('child below 18 on every day of the spell', () => {
    const dd = decideCcl({ childId: 'a', from: '2033-04-01', to: '2033-04-15' }, mother, [], '2033-03-01');
    expect(dd.outcome).toBe('NOT_ADMISSIBLE');
    expect(dd.reasons.find((r) => r.code === 'CCL_CHILD_OVER_AGE')?.en).toContain('at most to 09.04.2033');
  });

  it('disabled child (≥40%): below 22 from 03.03.2010, no limit from 13.06.2018', () => {
    const emp: CclEmployee = { ...mother, children: [{ id: 'd', dob: '1990-06-01', disabilityPercent: 40 }] };
    // aged 19 in 2009: limit 18 then
    expect(decideCcl({ childId: 'd', from: '2009-10-01', to: '2009-10-20' }, emp, [], '2009-09-01').outcome).toBe('NOT_ADMISSIBLE');
    // aged 21 in 2011: below 22
    expect(decideCcl({ childId: 'd', from: '2011-10-01', to: '2011-10-20' }, emp, [], '2011-09-01').outcome).toBe('ADMISSIBLE');
    // aged 23 in 2013: over 22
    expect(decideCcl({ childId: 'd', from: '2013-10-01', to: '2013-10-20' }, emp, [], '2013-09-01').outcome).toBe('NOT_ADMISSIBLE');
    // aged 35 in 2025: no limit
    const late = decideCcl({ childId: 'd', from: '2025-10-01', to: '2025-10-20' }, emp, [], '2025-09-01');
    expect(late.outcome).toBe('ADMISSIBLE');
    expect(codes(late)).toContain('CCL_DISABLED_NO_AGE_LIMIT');
    // 39% is not disabled for CCL
    const emp39: CclEmployee = { ...mother, children: [{ id: 'd', dob: '2000-06-01', disabilityPercent: 39 }] };
    expect(decideCcl({ childId: 'd', from: '2025-10-01', to: '2025-10-20' }, emp39, [], '2025-09-01').outcome).toBe('NOT_ADMISSIBLE');
  });

  it('730 days in the whole service', () => {
    const history: CclSpell[] = [{ from: '2019-01-01', to: addDays('2019-01-01', 724) }];
    const dd = decideCcl({ childId: 'a', from: '2025-03-01', to: '2025-03-10' }, mother, history, '2025-02-01');
    expect(dd.outcome).toBe('NOT_ADMISSIBLE');
    expect(codes(dd)).toContain('CCL_BALANCE_EXCEEDED');
    expect(dd.balanceBefore).toBe(5);
  });

  it('minimum spell: 15 days (2008–04.06.2014), none (to 12.06.2018), 5 days from 13.06.2018', () => {
    const emp: CclEmployee = { ...mother, children: [{ id: 'x', dob: '2005-01-01' }] };
    expect(codes(decideCcl({ childId: 'x', from: '2012-05-01', to: '2012-05-10' }, emp, [], '2012-04-01'))).toContain('CCL_SPELL_TOO_SHORT');
    expect(decideCcl({ childId: 'x', from: '2012-05-01', to: '2012-05-15' }, emp, [], '2012-04-01').outcome).toBe('ADMISSIBLE');
    expect(decideCcl({ childId: 'x', from: '2016-05-01', to: '2016-05-01' }, emp, [], '2016-04-01').outcome).toBe('ADMISSIBLE');
    expect(codes(decideCcl({ childId: 'x', from: '2019-05-01', to: '2019-05-04' }, emp, [], '2019-04-01'))).toContain('CCL_SPELL_TOO_SHORT');
    expect(decideCcl({ childId: 'x', from: '2019-05-01', to: '2019-05-05' }, emp, [], '2019-04-01').outcome).toBe('ADMISSIBLE');
  });

  it('a spell running into the next year counts in the year it starts', () => {
    const history = spells(['2024-03-01', '2024-06-01', '2024-12-20'], 20); // third runs into 2025
    const dd = decideCcl({ childId: 'a', from: '2025-02-01', to: '2025-02-10' }, mother, history, '2025-01-20');
    expect(dd.spellNumber).toBe(1);
    expect(dd.outcome).toBe('ADMISSIBLE');
  });

  it('in-patient child: a 4th spell from 29.07.2024 goes to the sanctioning authority', () => {
    const history = spells(['2025-01-05', '2025-03-01', '2025-05-01'], 5);
    const app = { childId: 'a', from: '2025-08-01', to: '2025-08-10', childInPatient: true };
    const dd = decideCcl(app, mother, history, '2025-07-20');
    expect(dd.outcome).toBe('REFER');
    expect(codes(dd)).toContain('CCL_SPELLS_IN_PATIENT_RELAXATION');
    // before 29.07.2024 no relaxation
    const old = decideCcl({ ...app, from: '2023-08-01', to: '2023-08-10' }, mother, spells(['2023-01-05', '2023-03-01', '2023-05-01'], 5), '2023-07-20');
    expect(old.outcome).toBe('NOT_ADMISSIBLE');
    // never beyond 6
    const seven = decideCcl(app, mother, spells(['2025-01-05', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01'], 5), '2025-07-20');
    expect(seven.outcome).toBe('NOT_ADMISSIBLE');
  });

  it('probation: referred with a mandatory justification, never auto-approved', () => {
    const emp = { ...mother, probationEnd: '2025-12-31' };
    const a = decideCcl({ childId: 'a', from: '2025-03-01', to: '2025-03-10' }, emp, [], '2025-02-01');
    expect(a.outcome).toBe('REFER');
    expect(codes(a)).toContain('CCL_PROBATION_JUSTIFICATION_REQUIRED');
    const b = decideCcl({ childId: 'a', from: '2025-03-01', to: '2025-03-10', justification: 'surgery' }, emp, [], '2025-02-01');
    expect(b.outcome).toBe('REFER');
    expect(codes(b)).toContain('CCL_PROBATION_REFER');
  });

  it('overlap with a sanctioned spell is not admissible; malformed input throws', () => {
    const history = spells(['2025-03-05'], 10);
    expect(codes(decideCcl({ childId: 'a', from: '2025-03-01', to: '2025-03-10' }, mother, history, '2025-02-01'))).toContain('CCL_OVERLAPS_SPELL');
    expect(() => decideCcl({ childId: 'z', from: '2025-03-01', to: '2025-03-10' }, mother, [], '2025-02-01')).toThrow(CclInputError);
    expect(() => decideCcl({ childId: 'a', from: '2025-03-10', to: '2025-03-01' }, mother, [], '2025-02-01')).toThrow(CclInputError);
    expect(() => decideCcl({ childId: 'a', from: '2025-03-01', to: '2025-03-10' }, mother, [...history, ...history], '2025-02-01')).toThrow(CclInputError);
  });

  it('policy switch: count only days from 14.12.2018', () => {
    const history: CclSpell[] = [{ from: '2012-01-01', to: addDays('2012-01-01', 359) }];
    const app = { childId: 'a', from: '2025-03-01', to: '2025-03-10' };
    const all = decideCcl(app, mother, history, '2025-02-01');
    const since = decideCcl(app, mother, history, '2025-02-01', { countAllDaysEver: false });
    expect([all.daysAt100, all.daysAt80]).toEqual([5, 5]);
    expect([since.daysAt100, since.daysAt80]).toEqual([10, 0]);
    expect(since.switches[0].value).toBe(false);
  });
});

describe('CCL account', () => {
  it('summarises days used, balance, spells this year and the split', () => {
    const history: CclSpell[] = [
      { from: '2017-01-01', to: addDays('2017-01-01', 199) }, // 200 days, all 100% (before 14.12.2018)
      { from: '2024-01-01', to: addDays('2024-01-01', 199) }, // 200: 165 at 100%, 35 at 80%
      { from: '2025-02-01', to: '2025-02-10' }, // 10 at 80%
      { from: '2025-09-01', to: '2025-09-05' }, // booked
    ];
    const a = cclAccount(history, '2025-06-01');
    expect(a).toMatchObject({ daysUsed: 410, daysBooked: 5, balance: 315, spellsThisYear: 2, daysAt100: 365, daysAt80: 50 });
  });
});

// ---- properties ----------------------------------------------------------------------------------
const arbCase = fc.record({
  spells: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 400 }), len: fc.integer({ min: 1, max: 200 }) }), { maxLength: 8 }),
  len: fc.integer({ min: 1, max: 400 }),
  gap: fc.integer({ min: 1, max: 400 }),
  countAll: fc.boolean(),
});

describe('CCL — properties', () => {
  it('days granted never exceed 730 and the 100/80 split adds up', () => {
    fc.assert(
      fc.property(arbCase, ({ spells: ss, len, gap, countAll }) => {
        let at = '2015-01-01';
        const history: CclSpell[] = [];
        let used = 0;
        for (const s of ss) {
          const from = addDays(at, s.gap);
          const to = addDays(from, s.len - 1);
          if (used + s.len > 730) break;
          history.push({ from, to });
          used += s.len;
          at = to;
        }
        const from = addDays(at, gap);
        const to = addDays(from, len - 1);
        const emp: CclEmployee = { gender: 'F', maritalStatus: 'WIDOWED', children: [{ id: 'k', dob: '2014-01-01', disabilityPercent: 100 }] };
        const dd = decideCcl({ childId: 'k', from, to }, emp, history, from, { countAllDaysEver: countAll });
        expect(dd.daysAt100 + dd.daysAt80).toBe(dd.days);
        expect(dd.days).toBe(daysInclusive(from, to));
        if (dd.outcome !== 'NOT_ADMISSIBLE') expect(used + dd.days).toBeLessThanOrEqual(730);
        const acc = cclAccount(dd.outcome === 'NOT_ADMISSIBLE' ? history : [...history, { from, to }], '2099-01-01', { countAllDaysEver: countAll });
        expect(acc.daysUsed).toBeLessThanOrEqual(730);
        expect(acc.daysAt100 + acc.daysAt80).toBe(acc.daysUsed + acc.daysBooked);
        expect(acc.balance).toBe(730 - acc.daysUsed);
        if (countAll) expect(acc.daysAt80).toBeLessThanOrEqual(365);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('CCL — transgender employee (policy switch ccl.transgender.reading)', () => {
  const tg: CclEmployee = { ...mother, gender: 'T' };
  const app = { childId: 'a', from: '2025-03-01', to: '2025-03-10' };

  it('default REFER: the orders are silent, so the sanctioning authority decides; never auto-approved, never barred', () => {
    for (const maritalStatus of ['MARRIED', 'UNMARRIED', 'WIDOWED', 'DIVORCED'] as const) {
      const dd = decideCcl(app, { ...tg, maritalStatus }, [], '2025-02-15');
      expect(dd.outcome).toBe('REFER');
      const f = dd.reasons.find((r) => r.code === 'CCL_TRANSGENDER_ORDERS_SILENT');
      expect(f?.effect).toBe('REFER');
      expect(f?.en).toMatch(/silent/);
      expect(f?.hi).toBeTruthy();
      expect(f?.citation.orderId).toBe('CCS-LEAVE-RULES-1972');
      expect(dd.switches).toContainEqual(expect.objectContaining({ key: 'ccl.transgender.reading', value: 'REFER', default: 'REFER' }));
    }
  });

  it('REFER still reports the other findings, with the general 3 spells a year (not the single female 6)', () => {
    const history = spells(['2025-01-05', '2025-03-01', '2025-05-01'], 5);
    const dd = decideCcl({ childId: 'a', from: '2025-08-01', to: '2025-08-10' }, { ...tg, maritalStatus: 'UNMARRIED' }, history, '2025-07-20');
    expect(dd.spellsAllowed).toBe(3);
    expect(dd.outcome).toBe('NOT_ADMISSIBLE');
  });

  it('switch AS_WOMAN / AS_MAN applies that rule, said in the reasons', () => {
    const asWoman = decideCcl(app, tg, [], '2025-02-15', { transgender: 'AS_WOMAN' });
    expect(asWoman.outcome).toBe('ADMISSIBLE');
    expect(codes(asWoman)).toEqual(expect.arrayContaining(['CCL_TRANSGENDER_READING', 'CCL_ELIGIBLE_WOMAN']));
    const asMan = decideCcl(app, tg, [], '2025-02-15', { transgender: 'AS_MAN' });
    expect(asMan.outcome).toBe('NOT_ADMISSIBLE');
    expect(codes(asMan)).toContain('CCL_NOT_ELIGIBLE');
    expect(decideCcl(app, { ...tg, maritalStatus: 'DIVORCED' }, [], '2025-02-15', { transgender: 'AS_MAN' }).outcome).toBe('ADMISSIBLE');
  });

  it('women and men are unaffected: no transgender switch in their decisions', () => {
    expect(decideCcl(app, mother, [], '2025-02-15').switches.map((s) => s.key)).toEqual(['ccl.salarySplit.countAllDaysEver']);
  });
});
