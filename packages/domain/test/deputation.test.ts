import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advertisementMachine,
  advertisementSchema,
  applicationsOpen,
  cadreClearanceRoute,
  type DeputationAdvertisement,
  type DeputationApplicationContext,
  type DeputationApplicationRecord,
  type DeputationCandidate,
  deputationAllowance,
  deputationApplicationMachine,
  deputationEligibility,
  type DeputationEligibilityInputs,
  deputationTenure,
  lastDayOfDeputationYear,
  mayApplyForDeputation,
  newAdvertisement,
  reviseAdvertisement,
} from '../src/deputation/index.ts';
import { addDays, addYears, daysBetween } from '../src/rules/dates.ts';
import { vigilanceClearance } from '../src/vigilance/index.ts';
import { allowedActions, transition } from '../src/workflow/index.ts';

const input = {
  organisation: 'National Institute of Example',
  post: 'Deputy Director (Administration)',
  level: '12',
  posts: 1,
  station: 'New Delhi',
  eligibleCadres: ['CSS' as const],
  feeder: [{ grade: 'CSS.US', minRegularServiceYears: 3 }],
  qualifications: ['Graduate'],
  tenureYears: null,
  closingDate: '2025-03-31',
  documents: ['APAR copies', 'Vigilance clearance'],
};
const ad: DeputationAdvertisement = { ...newAdvertisement('AD1', input, '2025-02-01'), state: 'PUBLISHED', publishedOn: '2025-02-01' };

const us: DeputationCandidate = {
  employeeId: 'E1',
  dateOfBirth: '1975-06-15',
  substantiveGrade: 'CSS.US',
  gradeRegularFrom: '2018-01-01',
  cadreServiceFrom: '2005-01-01',
};
const clear = vigilanceClearance([], { purpose: 'DEPUTATION', on: '2025-03-31', iprCompliance: { year: 2024, status: 'FILED' } });
const ok: DeputationEligibilityInputs = { vigilance: clear, iprCompliant: true, profileValidated: true, lastDeputation: null, ministersPersonalStaff: false };
const codes = (e: DeputationCandidate, a: DeputationAdvertisement = ad, i: Partial<DeputationEligibilityInputs> = {}) =>
  deputationEligibility(e, a, { ...ok, ...i }).reasons.map((r) => r.code);

describe('deputation advertisement', () => {
  it('schema: a grade or a level per feeder row, known grades, at least one cadre', () => {
    expect(advertisementSchema.safeParse(input).success).toBe(true);
    expect(advertisementSchema.safeParse({ ...input, feeder: [{ grade: 'CSS.US', level: '11', minRegularServiceYears: 3 }] }).success).toBe(false);
    expect(advertisementSchema.safeParse({ ...input, feeder: [{ grade: 'CSS.XX', minRegularServiceYears: 3 }] }).success).toBe(false);
    expect(advertisementSchema.safeParse({ ...input, eligibleCadres: [] }).success).toBe(false);
    expect(advertisementSchema.safeParse({ ...input, level: '99' }).success).toBe(false);
    expect(advertisementSchema.safeParse({ ...input, tenureYears: 8 }).success).toBe(false);
  });

  it('DRAFT → PUBLISHED → CLOSED; amendments are versioned; the closing date cannot be brought forward', () => {
    const draft = newAdvertisement('AD2', input, '2025-02-01', 'u1');
    const ctx = { by: 'SUB_NODAL_OFFICER' as const, on: '2025-02-02' };
    expect(transition(advertisementMachine, draft, 'publish', ctx)).toMatchObject({ ok: true, to: 'PUBLISHED' });
    expect(transition(advertisementMachine, draft, 'publish', { ...ctx, on: '2025-04-01' }).ok).toBe(false);
    const pub = { ...draft, state: 'PUBLISHED' as const };
    expect(transition(advertisementMachine, pub, 'close', ctx).ok).toBe(false);
    expect(transition(advertisementMachine, pub, 'close', { ...ctx, on: '2025-04-01' })).toMatchObject({ ok: true, to: 'CLOSED' });
    const v2 = reviseAdvertisement(pub, { closingDate: '2025-04-15', posts: 2 }, { on: '2025-03-01', by: 'u1' });
    expect(v2.ok).toBe(true);
    if (v2.ok) {
      expect(v2.advertisement.version).toBe(2);
      expect(v2.advertisement.history.at(-1)).toMatchObject({ version: 2, fields: ['closingDate', 'posts'], note: 'corrigendum' });
    }
    const earlier = reviseAdvertisement(pub, { closingDate: '2025-03-15' }, { on: '2025-03-01' });
    expect(!earlier.ok && earlier.reasons[0].code).toBe('DEP_AD_CLOSING_DATE_ADVANCED');
    const invalid = reviseAdvertisement(pub, { posts: 0 }, { on: '2025-03-01' });
    expect(invalid.ok).toBe(false);
    expect(reviseAdvertisement({ ...pub, state: 'CLOSED' }, { posts: 3 }, { on: '2025-03-01' }).ok).toBe(false);
    expect(applicationsOpen(pub, '2025-03-31')).toBe(true);
    expect(applicationsOpen(pub, '2025-04-01')).not.toBe(true);
  });
});

describe('deputation eligibility (rules.md §5)', () => {
  it('an Under Secretary who meets everything is eligible, with notes citing the orders', () => {
    const e = deputationEligibility(us, ad, ok);
    expect(e.eligible).toBe(true);
    expect(e.reasons).toEqual([]);
    expect(e.asOn).toBe('2025-03-31');
    expect(e.switches[0]).toMatchObject({ key: 'deputation.ageBoundary', value: 'EXACT' });
    for (const n of e.notes) expect(n.hi).toMatch(/[\u0900-\u097F]/);
  });

  it('age: exactly 56 on the closing date is eligible; a day older is above 56 (EXACT); COMPLETED_YEARS allows until the 57th birthday', () => {
    const exactly56 = { ...us, dateOfBirth: '1969-03-31' };
    expect(codes(exactly56)).toEqual([]);
    const dayOlder = { ...us, dateOfBirth: '1969-03-30' };
    expect(codes(dayOlder)).toEqual(['DEP_AGE_ABOVE_LIMIT']);
    expect(codes(dayOlder, ad, { switches: { ageBoundary: 'COMPLETED_YEARS' } })).toEqual([]);
    const almost57 = { ...us, dateOfBirth: '1968-04-01' };
    expect(codes(almost57, ad, { switches: { ageBoundary: 'COMPLETED_YEARS' } })).toEqual([]);
    expect(codes({ ...us, dateOfBirth: '1968-03-31' }, ad, { switches: { ageBoundary: 'COMPLETED_YEARS' } })).toEqual(['DEP_AGE_ABOVE_LIMIT']);
  });

  it('age limit 58 for posts in Level 14 and above', () => {
    const l14 = { ...ad, level: '14', feeder: [{ level: '11', minRegularServiceYears: 3 }] };
    expect(codes({ ...us, dateOfBirth: '1967-03-31' }, l14)).toEqual([]);
    expect(codes({ ...us, dateOfBirth: '1967-03-30' }, l14)).toEqual(['DEP_AGE_ABOVE_LIMIT']);
  });

  it('CSS 9-year rule, not for Ministers’ personal staff', () => {
    const young = { ...us, cadreServiceFrom: '2016-04-01' };
    expect(codes(young)).toEqual(['DEP_CSS_9_YEARS']);
    expect(codes({ ...us, cadreServiceFrom: '2016-03-31' })).toEqual([]); // exactly 9 years on the closing date
    expect(codes(young, ad, { ministersPersonalStaff: true })).toEqual([]);
  });

  it('cooling-off: 3 years after every deputation; none for Ministers’ personal staff from 20.07.2018', () => {
    expect(codes(us, ad, { lastDeputation: { endedOn: '2022-03-31' } })).toEqual(['DEP_COOLING_OFF']);
    expect(codes(us, ad, { lastDeputation: { endedOn: '2022-03-30' } })).toEqual([]);
    expect(codes(us, ad, { lastDeputation: { endedOn: '2023-01-01' }, ministersPersonalStaff: true })).toEqual([]);
    const old = { ...ad, closingDate: '2018-07-19' };
    const oldUs = { ...us, gradeRegularFrom: '2010-01-01', dateOfBirth: '1975-01-01' };
    expect(codes(oldUs, old, { lastDeputation: { endedOn: '2017-01-01' }, ministersPersonalStaff: true })).toEqual(['DEP_COOLING_OFF']);
  });

  it('no deputation to a lower level; the MACP level never counts (clarification 6)', () => {
    const lower = { ...ad, level: '10', feeder: [{ grade: 'CSS.US', minRegularServiceYears: 0 }] };
    expect(codes(us, lower)).toEqual(['DEP_LOWER_LEVEL']);
    const forL9 = { ...ad, level: '11', feeder: [{ level: '9', minRegularServiceYears: 2 }] };
    const so = { ...us, substantiveGrade: 'CSS.SO', payLevel: '9' };
    const e = deputationEligibility(so, forL9, ok);
    expect(e.eligible).toBe(false);
    expect(e.reasons[0]).toMatchObject({ code: 'DEP_GRADE_NOT_ELIGIBLE', citation: { para: 'clarification 6' } });
    expect(e.notes.map((n) => n.code)).toContain('DEP_MACP_IGNORED');
  });

  it('service in grade, vigilance, IPR, profile: every failing reason is listed', () => {
    const withheld = vigilanceClearance([{ id: '1', type: 'SUSPENSION', date: '2025-01-01' }], { purpose: 'DEPUTATION', on: '2025-03-31' });
    const e = deputationEligibility({ ...us, gradeRegularFrom: '2022-04-01' }, { ...ad, eligibleCadres: ['CSSS'] }, {
      ...ok,
      vigilance: withheld,
      iprCompliant: false,
      profileValidated: false,
    });
    expect(e.reasons.map((r) => r.code)).toEqual([
      'DEP_CADRE_NOT_ELIGIBLE',
      'DEP_SERVICE_IN_GRADE_SHORT',
      'DEP_VIGILANCE_WITHHELD',
      'DEP_IPR_NOT_COMPLIANT',
      'DEP_PROFILE_NOT_VALIDATED',
    ]);
    for (const r of e.reasons) {
      expect(r.hi).toMatch(/[\u0900-\u097F]/);
      expect(r.citation.order).toBeTruthy();
      expect(r.citation.para).toBeTruthy();
    }
    expect(mayApplyForDeputation({ ...ad }, e, '2025-03-01')).not.toBe(true);
    expect(mayApplyForDeputation(ad, deputationEligibility(us, ad, ok), '2025-03-01')).toBe(true);
  });

  it('property: never eligible when any mandatory input fails', () => {
    const withheld = vigilanceClearance([{ id: '1', type: 'SUSPENSION', date: '2000-01-01' }], { purpose: 'DEPUTATION', on: '2025-03-31' });
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 20000 }),
        fc.integer({ min: 0, max: 8000 }),
        fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
        fc.boolean(),
        fc.constantFrom('CSS.ASO', 'CSS.SO', 'CSS.US', 'CSS.DS', 'CSSS.PPS'),
        (vig, ipr, prof, dob, reg, lastEnd, mps, grade) => {
          const e: DeputationCandidate = {
            employeeId: 'x',
            dateOfBirth: addDays('1960-01-01', dob),
            substantiveGrade: grade,
            gradeRegularFrom: addDays('2003-01-01', reg),
            cadreServiceFrom: addDays('2003-01-01', reg),
          };
          const res = deputationEligibility(e, { ...ad, eligibleCadres: ['CSS', 'CSSS'], feeder: [{ level: '11', minRegularServiceYears: 3 }] }, {
            vigilance: vig ? clear : withheld,
            iprCompliant: ipr,
            profileValidated: prof,
            lastDeputation: lastEnd === undefined ? null : { endedOn: addDays('2014-01-01', lastEnd) },
            ministersPersonalStaff: mps,
          });
          if (!vig || !ipr || !prof) expect(res.eligible).toBe(false);
          expect(res.eligible).toBe(res.reasons.length === 0);
          // the age limit is honoured under the default reading
          if (addYears(e.dateOfBirth, 56) < '2025-03-31') expect(res.eligible).toBe(false);
        },
      ),
    );
  });
});

describe('deputation application workflow', () => {
  const ctx = (over: Partial<DeputationApplicationContext>): DeputationApplicationContext => ({ by: 'NODAL_OFFICER', on: '2025-04-05', ...over });
  const pkg = { vigilanceClearance: true, integrityCertificate: true, penaltiesLast10Years: true, aparGradingsLast5Years: true };
  const go = (rec: DeputationApplicationRecord, action: any, c: DeputationApplicationContext) => transition(deputationApplicationMachine, rec, action, c);

  it('cadre clearance: CS.I for US and above, the Ministry for SO/ASO', () => {
    expect(cadreClearanceRoute('CSS.US')).toMatchObject({ clearedBy: 'CADRE_AUTHORITY', doptApprovalNeeded: true });
    expect(cadreClearanceRoute('CSS.DIR').clearedBy).toBe('CADRE_AUTHORITY');
    expect(cadreClearanceRoute('CSS.SO')).toMatchObject({ clearedBy: 'NODAL_OFFICER', doptApprovalNeeded: false });
    expect(cadreClearanceRoute('CSS.ASO').clearedBy).toBe('NODAL_OFFICER');
  });

  it('US: forward with the full package → CS.I clears → shortlisted → selected → joined → repatriated', () => {
    let rec: DeputationApplicationRecord = { state: 'APPLIED', grade: 'CSS.US' };
    const missing = go(rec, 'forward', ctx({ forwarding: { ...pkg, integrityCertificate: false } }));
    expect(!missing.ok && missing.error.reasons.map((r) => r.code)).toEqual(['DEP_FORWARDING_MISSING_integrityCertificate']);
    const steps: Array<[string, DeputationApplicationContext]> = [
      ['forward', ctx({ forwarding: pkg })],
      ['approveByDopt', ctx({ by: 'CADRE_AUTHORITY' })],
      ['shortlist', ctx({ by: 'SUB_NODAL_OFFICER' })],
      ['select', ctx({ by: 'SUB_NODAL_OFFICER' })],
      ['join', ctx({ by: 'SUB_NODAL_OFFICER' })],
      ['repatriate', ctx({ by: 'CADRE_AUTHORITY' })],
    ];
    for (const [a, c] of steps) {
      if (a === 'shortlist') expect(go(rec, a, ctx({ by: 'NODAL_OFFICER' })).ok).toBe(false);
      const res = go(rec, a, c);
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      rec = { ...rec, state: res.to };
    }
    expect(rec.state).toBe('REPATRIATED');
  });

  it('US: the borrowing organisation cannot shortlist before CS.I clears; SO: it can after the Ministry clears', () => {
    const usRec: DeputationApplicationRecord = { state: 'CADRE_CLEARED', grade: 'CSS.US' };
    expect(go(usRec, 'shortlist', ctx({ by: 'SUB_NODAL_OFFICER' })).ok).toBe(false);
    const soRec: DeputationApplicationRecord = { state: 'CADRE_CLEARED', grade: 'CSS.SO' };
    expect(go(soRec, 'shortlist', ctx({ by: 'SUB_NODAL_OFFICER' }))).toMatchObject({ ok: true, to: 'SHORTLISTED' });
    expect(go(soRec, 'approveByDopt', ctx({ by: 'CADRE_AUTHORITY' })).ok).toBe(false);
    expect(allowedActions(deputationApplicationMachine, soRec, ctx({ by: 'CADRE_AUTHORITY' }))).toEqual([]);
    expect(allowedActions(deputationApplicationMachine, usRec, ctx({ by: 'CADRE_AUTHORITY', reasons: 'Not in public interest now' }))).toEqual(['approveByDopt', 'rejectByDopt']);
  });

  it('rejections need reasons; the employee may withdraw only before the Ministry forwards', () => {
    const rec: DeputationApplicationRecord = { state: 'APPLIED', grade: 'CSS.SO' };
    expect(go(rec, 'rejectByMinistry', ctx({})).ok).toBe(false);
    expect(go(rec, 'rejectByMinistry', ctx({ reasons: 'Shortage of officers in the section' }))).toMatchObject({ ok: true, to: 'REJECTED_BY_MINISTRY' });
    expect(go({ ...rec, state: 'APPLIED' }, 'withdraw', ctx({ by: 'EMPLOYEE' })).ok).toBe(true);
    expect(go({ ...rec, state: 'CADRE_CLEARED' }, 'withdraw', ctx({ by: 'EMPLOYEE' })).ok).toBe(false);
    expect(go({ ...rec, state: 'SELECTED' }, 'withdraw', ctx({ by: 'EMPLOYEE' })).ok).toBe(false);
    expect(go({ ...rec, state: 'JOINED' }, 'withdraw', ctx({ by: 'EMPLOYEE' })).ok).toBe(false);
  });
});

describe('deputation tenure and allowance', () => {
  it('rules.md example: joined 01.07.2020, rules silent → ends 30.06.2025; hard cap 30.06.2027', () => {
    const t = deputationTenure({ joinedOn: '2020-07-01' });
    expect(t).toMatchObject({ normalEndOn: '2025-06-30', hardCapOn: '2027-06-30', endOn: '2025-06-30', coolingOffEndsOn: '2028-06-30', premature: false });
  });

  it('6th year by the borrowing Secretary, 7th by the Minister, never beyond 7', () => {
    const six = deputationTenure({ joinedOn: '2020-07-01', extensions: [{ until: '2026-06-30', approvedBy: 'BORROWING_SECRETARY' }] });
    expect(six.endOn).toBe('2026-06-30');
    const sevenBySecretary = deputationTenure({ joinedOn: '2020-07-01', extensions: [{ until: '2027-06-30', approvedBy: 'BORROWING_SECRETARY' }] });
    expect(sevenBySecretary.endOn).toBe('2026-06-30');
    expect(sevenBySecretary.reasons.map((r) => r.code)).toContain('DEP_EXTENSION_NEEDS_MINISTER');
    const seven = deputationTenure({
      joinedOn: '2020-07-01',
      extensions: [
        { until: '2026-06-30', approvedBy: 'BORROWING_SECRETARY' },
        { until: '2027-06-30', approvedBy: 'BORROWING_MINISTER' },
      ],
    });
    expect(seven.endOn).toBe('2027-06-30');
    const eight = deputationTenure({ joinedOn: '2020-07-01', extensions: [{ until: '2028-06-30', approvedBy: 'BORROWING_MINISTER' }] });
    expect(eight.endOn).toBe('2027-06-30');
    expect(eight.reasons.map((r) => r.code)).toContain('DEP_EXTENSION_BEYOND_7_YEARS');
  });

  it('RR tenure; premature repatriation moves the cooling-off', () => {
    expect(deputationTenure({ joinedOn: '2020-07-01', rrTenureYears: 3 }).endOn).toBe('2023-06-30');
    const p = deputationTenure({ joinedOn: '2020-07-01', repatriatedOn: '2022-12-31' });
    expect(p).toMatchObject({ premature: true, actualEndOn: '2022-12-31', coolingOffEndsOn: '2025-12-31' });
  });

  it('property: the tenure never ends beyond 7 years, whatever the extensions', () => {
    const approver = fc.constantFrom('BORROWING_SECRETARY', 'BORROWING_MINISTER') as fc.Arbitrary<'BORROWING_SECRETARY' | 'BORROWING_MINISTER'>;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6000 }),
        fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
        fc.array(fc.record({ days: fc.integer({ min: 0, max: 4000 }), approvedBy: approver }), { maxLength: 4 }),
        fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
        (j, rr, exts, rep) => {
          const joinedOn = addDays('2012-01-01', j);
          const t = deputationTenure({
            joinedOn,
            rrTenureYears: rr,
            extensions: exts.map((x) => ({ until: addDays(joinedOn, x.days), approvedBy: x.approvedBy })),
            repatriatedOn: rep === undefined ? undefined : addDays(joinedOn, rep),
          });
          expect(t.endOn <= lastDayOfDeputationYear(joinedOn, 7)).toBe(true);
          expect(t.actualEndOn <= t.endOn).toBe(true);
          expect(t.endOn >= t.normalEndOn || t.normalEndOn === t.endOn).toBe(true);
          expect(daysBetween(joinedOn, t.hardCapOn)).toBeLessThanOrEqual(7 * 366);
          expect(t.coolingOffEndsOn).toBe(addYears(t.actualEndOn, 3));
        },
      ),
    );
  });

  it('allowance: 5% same station max ₹4,500, 10% other station max ₹9,000; ceilings +25% at DA 50%', () => {
    expect(deputationAllowance({ on: '2017-07-01', basicPay: 67700, sameStation: true, daPercent: 4 }).amount).toBe(3385);
    expect(deputationAllowance({ on: '2018-01-01', basicPay: 123100, sameStation: true, daPercent: 7 }).amount).toBe(4500);
    expect(deputationAllowance({ on: '2018-01-01', basicPay: 78800, sameStation: false, daPercent: 7 }).amount).toBe(7880);
    expect(deputationAllowance({ on: '2018-01-01', basicPay: 123100, sameStation: false, daPercent: 7 }).amount).toBe(9000);
    const raised = deputationAllowance({ on: '2024-01-01', basicPay: 144200, sameStation: false, daPercent: 50 });
    expect(raised).toMatchObject({ amount: 11250, ceiling: 11250 });
    expect(deputationAllowance({ on: '2024-01-01', basicPay: 144200, sameStation: true, daPercent: 50 }).amount).toBe(5625);
    // DA 100%: simple 150% of the ceiling by default, compounding as a switch
    expect(deputationAllowance({ on: '2030-01-01', basicPay: 200000, sameStation: true, daPercent: 100 }).ceiling).toBe(6750);
    expect(deputationAllowance({ on: '2030-01-01', basicPay: 200000, sameStation: true, daPercent: 100, switches: { ceilingRiseCompounding: true } }).ceiling).toBe(7031);
    // rounding: ₹44,910 × 5% = ₹2,245.50 → ₹2,246
    expect(deputationAllowance({ on: '2018-01-01', basicPay: 44910, sameStation: true, daPercent: 7 }).amount).toBe(2246);
    expect(deputationAllowance({ on: '2017-06-30', basicPay: 67700, sameStation: true, daPercent: 4 }).amount).toBeNull();
  });

  it('allowance on basic pay without MACP, with the option of clarification 10', () => {
    const a = deputationAllowance({ on: '2025-01-01', basicPay: 47600, macpBasicPay: 53100, sameStation: true, daPercent: 53 });
    expect(a.amount).toBe(2380);
    expect(a.reasons.map((r) => r.code)).toEqual(['DEP_ALLOWANCE', 'DEP_ALLOWANCE_WITHOUT_MACP', 'DEP_MACP_OPTION_BETTER']);
    expect(a.reasons[1].citation).toMatchObject({ para: 'clarification 10' });
  });
});
