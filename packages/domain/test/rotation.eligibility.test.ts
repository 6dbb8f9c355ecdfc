import { describe, expect, it } from 'vitest';
import {
  type RotationMinistry,
  type RotationOfficer,
  type RotationRound,
  residencyStart,
  rotationEligibility,
} from '../src/rotation/index.ts';

const MINISTRIES: RotationMinistry[] = [
  { code: 'MHA', group: 'A' },
  { code: 'MEA', group: 'A', reducedTenure: true },
  { code: 'MoC', group: 'B' },
  { code: 'MoT', group: 'B' },
];
const ROUND: RotationRound = { cadre: 'CSS', grades: ['CSS.ASO', 'CSS.SO', 'CSS.US'], initiationDate: '2024-08-01' };

function officer(over: Partial<RotationOfficer> = {}): RotationOfficer {
  return {
    id: 'O1',
    grade: 'CSS.SO',
    dateOfBirth: '1980-05-10',
    superannuationDate: '2040-05-31',
    postings: [{ ministry: 'MHA', grade: 'CSS.SO', from: '2017-07-01' }],
    seniority: 10,
    ...over,
  };
}

describe('rotation eligibility (rules.md §8)', () => {
  it('example: CSS SO in a Group A Ministry since 01.07.2017, round initiated 01.08.2024 → eligible', () => {
    const d = rotationEligibility(officer(), ROUND, MINISTRIES);
    expect(d.eligible).toBe(true);
    expect(d.group).toBe('A');
    expect(d.residencyFrom).toBe('2017-07-01');
    expect(d.requiredYears).toBe(7);
    expect(d.tenureCompletedOn).toBe('2024-07-01');
    expect(d.reasons.map((r) => r.code)).toEqual(['TENURE_COMPLETE']);
    expect(d.reasons[0].citation.order).toContain('21/19/2022-CS.I(P)');
    expect(d.reasons[0].hi).toMatch(/[\u0900-\u097F]/);
    expect(d.switches.map((s) => s.key)).toContain('rotation.balance');
  });

  it('residency is counted up to the initiation date: due the day after → out, with the date it lapses', () => {
    const d = rotationEligibility(officer({ postings: [{ ministry: 'MHA', grade: 'CSS.SO', from: '2017-08-02' }] }), ROUND, MINISTRIES);
    expect(d.eligible).toBe(false);
    expect(d.reasons[0].code).toBe('TENURE_INCOMPLETE');
    expect(d.reasons[0].until).toBe('2024-08-02');
    // completed exactly on the initiation date → in
    expect(rotationEligibility(officer({ postings: [{ ministry: 'MHA', grade: 'CSS.SO', from: '2017-08-01' }] }), ROUND, MINISTRIES).eligible).toBe(true);
  });

  it('residency includes continuous service in other grades in the same Ministry', () => {
    const postings = [
      { ministry: 'MHA', grade: 'CSS.ASO', from: '2015-03-01', to: '2020-06-30' },
      { ministry: 'MHA', grade: 'CSS.SO', from: '2020-07-01' },
    ];
    const d = rotationEligibility(officer({ postings }), ROUND, MINISTRIES);
    expect(d.residencyFrom).toBe('2015-03-01');
    expect(d.eligible).toBe(true);
  });

  it('a posting in another Ministry, or a break, ends the residency', () => {
    const elsewhere = [
      { ministry: 'MHA', grade: 'CSS.ASO', from: '2012-01-01', to: '2015-12-31' },
      { ministry: 'MoC', grade: 'CSS.ASO', from: '2016-01-01', to: '2019-12-31' },
      { ministry: 'MHA', grade: 'CSS.SO', from: '2020-01-01' },
    ];
    expect(rotationEligibility(officer({ postings: elsewhere }), ROUND, MINISTRIES).residencyFrom).toBe('2020-01-01');
    const gap = [
      { ministry: 'MHA', grade: 'CSS.ASO', from: '2012-01-01', to: '2019-12-30' },
      { ministry: 'MHA', grade: 'CSS.SO', from: '2020-01-01' },
    ];
    expect(residencyStart(gap, gap[1])).toBe('2020-01-01');
    expect(residencyStart(gap, gap[1], 1)).toBe('2012-01-01');
    const d = rotationEligibility(officer({ postings: gap }), ROUND, MINISTRIES, { continuityGapDays: 1 });
    expect(d.residencyFrom).toBe('2012-01-01');
    expect(d.switches.find((s) => s.key === 'rotation.continuityGapDays')?.value).toBe(1);
  });

  it('reduced-tenure Group A Ministry: one year less (CSS)', () => {
    const postings = [{ ministry: 'MEA', grade: 'CSS.SO', from: '2018-07-01' }];
    const d = rotationEligibility(officer({ postings }), ROUND, MINISTRIES);
    expect(d.requiredYears).toBe(6);
    expect(d.eligible).toBe(true);
    expect(rotationEligibility(officer({ postings: [{ ...postings[0], ministry: 'MHA' }] }), ROUND, MINISTRIES).eligible).toBe(false);
    // the flag is read only on Group A Ministries (§8.2)
    const flaggedB: RotationMinistry[] = [...MINISTRIES, { code: 'MoX', group: 'B', reducedTenure: true }];
    expect(rotationEligibility(officer({ postings: [{ ...postings[0], ministry: 'MoX' }] }), ROUND, flaggedB).requiredYears).toBe(7);
  });

  it('grade tenures: US 6 years; CSSS PA 8, PPS 6 (policy of 22.07.2015)', () => {
    const us = rotationEligibility(officer({ grade: 'CSS.US', postings: [{ ministry: 'MoC', grade: 'CSS.US', from: '2018-08-01' }] }), ROUND, MINISTRIES);
    expect([us.eligible, us.requiredYears, us.group]).toEqual([true, 6, 'B']);
    const csssRound: RotationRound = { cadre: 'CSSS', grades: ['CSSS.PA', 'CSSS.PPS'], initiationDate: '2024-08-01' };
    const pa = rotationEligibility(officer({ grade: 'CSSS.PA', postings: [{ ministry: 'MoC', grade: 'CSSS.PA', from: '2017-08-01' }] }), csssRound, MINISTRIES);
    expect([pa.eligible, pa.requiredYears]).toEqual([false, 8]);
    expect(pa.reasons[0].citation.order).toContain('22.07.2015');
    // the CSS-only reduction does not apply to CSSS unless switched on
    const pps = officer({ grade: 'CSSS.PPS', postings: [{ ministry: 'MEA', grade: 'CSSS.PPS', from: '2019-01-01' }] });
    expect(rotationEligibility(pps, csssRound, MINISTRIES).eligible).toBe(false);
    expect(rotationEligibility(pps, csssRound, MINISTRIES, { reducedTenureForCsss: true }).eligible).toBe(true);
  });

  it('exclusions: within 2 years of superannuation; in a select list; exemption; all grounds listed', () => {
    const near = rotationEligibility(officer({ superannuationDate: '2026-07-31' }), ROUND, MINISTRIES);
    expect(near.eligible).toBe(false);
    expect(near.reasons.map((r) => r.code)).toEqual(['NEAR_SUPERANNUATION', 'TENURE_COMPLETE']);
    expect(rotationEligibility(officer({ superannuationDate: '2026-08-01' }), ROUND, MINISTRIES).eligible).toBe(true);
    const both = rotationEligibility(officer({ superannuationDate: '2025-01-31', inSelectList: true, exemption: { reason: 'medical grounds' } }), ROUND, MINISTRIES);
    expect(both.reasons.map((r) => r.code)).toEqual(['NEAR_SUPERANNUATION', 'IN_SELECT_LIST', 'EXEMPTED', 'TENURE_COMPLETE']);
  });

  it('out of the round: grade not in the round, no rule in force yet, no posting, unknown Ministry', () => {
    expect(rotationEligibility(officer({ grade: 'CSS.DS' }), ROUND, MINISTRIES).reasons[0].code).toBe('NOT_IN_ROUND_GRADE');
    const early = rotationEligibility(officer(), { ...ROUND, initiationDate: '2022-11-01' }, MINISTRIES);
    expect(early.reasons.map((r) => r.code)).toContain('NO_TENURE_RULE');
    expect(rotationEligibility(officer({ postings: [] }), ROUND, MINISTRIES).reasons.map((r) => r.code)).toContain('NO_PRESENT_POSTING');
    const unknown = officer({ postings: [{ ministry: 'XYZ', grade: 'CSS.SO', from: '2010-01-01' }] });
    expect(rotationEligibility(unknown, ROUND, MINISTRIES).reasons.map((r) => r.code)).toContain('UNKNOWN_MINISTRY');
  });
});

describe('from eligibility to the round', () => {
  it('candidateFromDecision carries residency, seniority and date of birth; refuses an officer out of the round', async () => {
    const { candidateFromDecision, allocateResidencyOrder } = await import('../src/rotation/index.ts');
    const d = rotationEligibility(officer(), ROUND, MINISTRIES);
    const c = candidateFromDecision(d, ['MoC', 'MoT']);
    expect(c).toMatchObject({ id: 'O1', grade: 'CSS.SO', ministry: 'MHA', group: 'A', residencyFrom: '2017-07-01', seniority: 10 });
    const res = allocateResidencyOrder({
      cadre: 'CSS',
      ministries: MINISTRIES,
      candidates: [c],
      vacancies: [{ ministry: 'MoT', grade: 'CSS.SO', count: 1 }],
      switches: { balance: 'off' },
    });
    expect(res.officers[0]).toMatchObject({ status: 'placed', ministry: 'MoT', rank: 2 });
    expect(res.officers[0].higher[0]).toMatchObject({ ministry: 'MoC', vacancies: 0 });
    expect(() => candidateFromDecision(rotationEligibility(officer({ inSelectList: true }), ROUND, MINISTRIES), [])).toThrow(RangeError);
  });
});
