import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foreignVisitClockAfter,
  type ForeignVisitContext,
  type ForeignVisitRecord,
  decisionDueOn,
  deficiencyMemoDueOn,
  foreignVisitApplicationSchema,
  foreignVisitMachine,
  FOREIGN_VISIT_ROUTES,
  foreignVisitRoute,
  foreignVisitRouteRuleSchema,
  type ForeignVisitRouteRule,
  foreignVisitSla,
} from '../src/foreign-visit/index.ts';
import type { EffectiveDated } from '../src/rules/citation.ts';
import { addDays, daysBetween } from '../src/rules/dates.ts';
import { vigilanceClearance } from '../src/vigilance/index.ts';
import { allowedActions, transition } from '../src/workflow/index.ts';

const clear = vigilanceClearance([], { purpose: 'FOREIGN_VISIT', on: '2025-03-05', iprCompliance: { year: 2023, status: 'FILED' } });
const withheld = vigilanceClearance([{ id: '1', type: 'SUSPENSION', date: '2025-01-01' }], { purpose: 'FOREIGN_VISIT', on: '2025-03-05' });

const app = {
  countries: ['SG', 'MY'],
  departureOn: '2025-05-01',
  returnOn: '2025-05-12',
  purpose: 'Family holiday',
  funding: { source: 'OWN', estimateRupees: 250000 },
  leave: [{ type: 'EARNED_LEAVE', from: '2025-05-01', to: '2025-05-12' }],
  addressAbroad: '12 Orchard Road, Singapore',
  previousVisits: [{ countries: ['AE'], from: '2023-10-01', to: '2023-10-07', purpose: 'tourism' }],
};

describe('foreign visit application (rules.md §4)', () => {
  it('schema accepts a full application and refuses the usual mistakes', () => {
    expect(foreignVisitApplicationSchema.safeParse(app).success).toBe(true);
    expect(foreignVisitApplicationSchema.safeParse({ ...app, returnOn: '2025-04-30' }).success).toBe(false);
    expect(foreignVisitApplicationSchema.safeParse({ ...app, countries: [] }).success).toBe(false);
    expect(foreignVisitApplicationSchema.safeParse({ ...app, countries: ['Singapore'] }).success).toBe(false);
    expect(foreignVisitApplicationSchema.safeParse({ ...app, funding: { source: 'SPONSOR', estimateRupees: 1 } }).success).toBe(false);
    expect(foreignVisitApplicationSchema.safeParse({ ...app, previousVisits: [{ countries: ['AE'], from: '2020-01-01', to: '2020-01-05' }] }).success).toBe(false);
    const { addressAbroad: _a, ...noAddress } = app;
    expect(foreignVisitApplicationSchema.safeParse(noAddress).success).toBe(false);
    expect(foreignVisitApplicationSchema.safeParse({ ...app, extra: true }).success).toBe(false);
  });

  it('SLA example: complete 03.03.2025 → decision due 24.03.2025; deficiency memo within 7 days of receipt', () => {
    expect(decisionDueOn('2025-03-03')).toBe('2025-03-24');
    expect(deficiencyMemoDueOn('2025-03-03')).toBe('2025-03-10');
    const s = foreignVisitSla({ state: 'UNDER_EXAMINATION', completeOn: '2025-03-03', departureOn: '2025-03-20' }, '2025-03-25');
    expect(s).toMatchObject({ decisionDueOn: '2025-03-24', overdue: true, daysLeft: -1 });
    expect(s.reasons.map((x) => x.code)).toEqual(['FV_DECISION_OVERDUE', 'FV_DEPARTURE_BEFORE_DUE_DATE']);
    expect(foreignVisitSla({ state: 'UNDER_EXAMINATION', completeOn: '2025-03-03' }, '2025-03-24').overdue).toBe(false);
    const memo = foreignVisitSla({ state: 'SUBMITTED', receivedOn: '2025-03-03' }, '2025-03-11');
    expect(memo).toMatchObject({ deficiencyMemoDueOn: '2025-03-10', overdue: true });
    const stopped = foreignVisitSla({ state: 'DEFICIENCY_MEMO', receivedOn: '2025-03-03' }, '2025-04-30');
    expect(stopped).toMatchObject({ clockStopped: true, overdue: false });
    expect(stopped.decisionDueOn).toBeUndefined();
  });

  it('property: the decision is always due 21 days after completion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), (n) => {
        const c = addDays('2016-01-01', n);
        expect(daysBetween(c, decisionDueOn(c))).toBe(21);
        expect(foreignVisitSla({ state: 'FORWARDED_TO_CADRE_AUTHORITY', completeOn: c }, c).decisionDueOn).toBe(decisionDueOn(c));
      }),
    );
  });

  it('routing: CSS US and above → CS.I with AVD clearance; SO, ASO and other cadres → leave-sanctioning authority', () => {
    for (const g of ['CSS.US', 'CSS.DS', 'CSS.DIR', 'CSS.JS']) expect(foreignVisitRoute(g, '2025-03-01')).toMatchObject({ cadreAuthority: 'CS.I', needsAvdClearance: true });
    for (const g of ['CSS.SO', 'CSS.ASO', 'CSSS.PPS', 'CSCS.SSA']) expect(foreignVisitRoute(g, '2025-03-01').competentAuthority).toBe('LEAVE_SANCTIONING_AUTHORITY');
  });
});

describe('foreign visit competent authority: configurable per cadre, grade, Ministry', () => {
  const cite = { order: 'CS.I O.M. 9/1/2026-CS-I(P) dated 01.02.2026' };
  const table = (rules: ForeignVisitRouteRule[]): EffectiveDated<ForeignVisitRouteRule[]>[] => [...FOREIGN_VISIT_ROUTES, { from: '2026-02-01', value: rules, citation: cite }];
  const csiDefault: ForeignVisitRouteRule = { cadre: 'CSS', minRank: 3, cadreAuthority: 'CS.I', needsAvdClearance: true };

  it('the default: CSS Under Secretary → CS.I with the AVD clearance, citing the 2013 order and naming the rule', () => {
    const r = foreignVisitRoute('CSS.US', '2026-03-01', FOREIGN_VISIT_ROUTES, 7);
    expect(r).toMatchObject({ competentAuthority: 'CADRE_AUTHORITY', cadreAuthority: 'CS.I', needsAvdClearance: true, forwardToCadreAuthority: true });
    expect(r.reason.citation.order).toContain('CS-I(P) dated 17.01.2013');
    expect(r.reason.en).toContain('Rule 1 in force from 17.01.2013');
    expect(r.reason.hi).toContain('नियम 1');
  });

  it('a Ministry-specific rule routes that Ministry\'s SOs to the cadre authority; other Ministries\' SOs stay with the Ministry', () => {
    const t = table([csiDefault, { cadre: 'CSS', grades: ['CSS.SO'], ministryIds: [7, 9], cadreAuthority: 'CS.I', needsAvdClearance: false }]);
    const here = foreignVisitRoute('CSS.SO', '2026-03-01', t, 9);
    expect(here).toMatchObject({ competentAuthority: 'CADRE_AUTHORITY', cadreAuthority: 'CS.I', needsAvdClearance: false });
    expect(here.reason.en).toContain('Rule 2 in force from 01.02.2026');
    expect(here.reason.en).toContain('Ministries 7, 9');
    expect(here.reason.citation).toEqual(cite);
    expect(foreignVisitRoute('CSS.SO', '2026-03-01', t, 8).competentAuthority).toBe('LEAVE_SANCTIONING_AUTHORITY');
    expect(foreignVisitRoute('CSS.SO', '2026-03-01', t).competentAuthority).toBe('LEAVE_SANCTIONING_AUTHORITY');
    // before the rule was made, the default table applies
    expect(foreignVisitRoute('CSS.SO', '2026-01-31', t, 9).competentAuthority).toBe('LEAVE_SANCTIONING_AUTHORITY');
    // the US of other Ministries still goes by the general rule
    expect(foreignVisitRoute('CSS.US', '2026-03-01', t, 8)).toMatchObject({ cadreAuthority: 'CS.I', needsAvdClearance: true });
  });

  it('Ministry-specific rules come before general ones, whatever their order in the list', () => {
    const t = table([csiDefault, { cadre: 'CSS', minRank: 2, ministryIds: [7], cadreAuthority: 'CS.I', needsAvdClearance: false }]);
    expect(foreignVisitRoute('CSS.US', '2026-03-01', t, 7)).toMatchObject({ needsAvdClearance: false });
    expect(foreignVisitRoute('CSS.US', '2026-03-01', t, 8)).toMatchObject({ needsAvdClearance: true });
  });

  it('a CSSS rule sends Private Secretaries and above to CS.II; CSCS untouched', () => {
    const t = table([csiDefault, { cadre: 'CSSS', minRank: 3, cadreAuthority: 'CS.II', needsAvdClearance: true }]);
    for (const g of ['CSSS.PS', 'CSSS.PPS', 'CSSS.PSO']) expect(foreignVisitRoute(g, '2026-03-01', t, 1)).toMatchObject({ cadreAuthority: 'CS.II', needsAvdClearance: true });
    for (const g of ['CSSS.PA', 'CSSS.D', 'CSCS.SSA', 'CSS.SO']) expect(foreignVisitRoute(g, '2026-03-01', t, 1).competentAuthority).toBe('LEAVE_SANCTIONING_AUTHORITY');
  });

  it('unknown grade or cadre, a grade of another cadre, the wrong cadre authority: RangeError naming it', () => {
    expect(() => foreignVisitRoute('CSS.XX', '2026-03-01')).toThrow(/unknown grade CSS\.XX/);
    const bad = (r: Partial<ForeignVisitRouteRule>) => () => foreignVisitRoute('CSS.SO', '2026-03-01', table([{ ...csiDefault, ...r } as ForeignVisitRouteRule]), 1);
    expect(bad({ cadre: 'IAS' as never })).toThrow(new RangeError('unknown cadre IAS'));
    expect(bad({ grades: ['CSS.ZZ'] })).toThrow(/unknown grade CSS\.ZZ/);
    expect(bad({ grades: ['CSSS.PA'] })).toThrow(/grade CSSS\.PA is not of the cadre CSS/);
    expect(bad({ cadreAuthority: 'CS.II' })).toThrow(/cadre authority CS\.II/);
    expect(bad({ minRank: 9 })).toThrow(RangeError);
  });

  it('the schema names the field at fault', () => {
    const paths = (x: unknown) => (foreignVisitRouteRuleSchema.safeParse(x).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ ...csiDefault, grades: ['CSS.SO'] })).toEqual([]);
    expect(paths({ ...csiDefault, minRank: undefined, grades: ['CSS.SO', 'CSSS.PA'] })).toEqual(['grades.1']);
    expect(paths({ ...csiDefault, cadreAuthority: 'CS.II' })).toEqual(['cadreAuthority']);
    expect(paths({ ...csiDefault, cadre: 'IAS' })).toEqual(['cadre']);
    expect(paths({ cadre: 'CSCS', cadreAuthority: 'CS.II', needsAvdClearance: false })).toEqual(['minRank']);
    expect(paths({ ...csiDefault, minRank: 0 })).toEqual(['minRank']);
  });

  it('the workflow follows the route stored with the application', () => {
    const rec: ForeignVisitRecord = { state: 'UNDER_EXAMINATION', grade: 'CSS.SO', route: { forwardToCadreAuthority: true, needsAvdClearance: false } };
    const c: ForeignVisitContext = { by: 'NODAL_OFFICER', on: '2026-03-01' };
    expect(transition(foreignVisitMachine, rec, 'forward', c)).toMatchObject({ ok: true, to: 'FORWARDED_TO_CADRE_AUTHORITY' });
    const withAvd = transition(foreignVisitMachine, { ...rec, route: { forwardToCadreAuthority: true, needsAvdClearance: true } }, 'forward', c);
    expect(!withAvd.ok && withAvd.error.reasons[0].code).toBe('FV_AVD_CLEARANCE_MISSING');
  });
});

describe('foreign visit workflow', () => {
  const ctx = (over: Partial<ForeignVisitContext>): ForeignVisitContext => ({ by: 'NODAL_OFFICER', on: '2025-03-05', ...over });
  const go = (rec: ForeignVisitRecord, action: Parameters<typeof transition>[2], c: ForeignVisitContext) =>
    transition(foreignVisitMachine, rec, action as any, c);

  it('an SO application: submit → deficiency memo → resubmit → complete → approve (vigilance fetched)', () => {
    let rec: ForeignVisitRecord = { state: 'DRAFT', grade: 'CSS.SO' };
    const step = (action: any, c: ForeignVisitContext) => {
      const res = go(rec, action, c);
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      rec = { ...rec, state: res.to };
    };
    step('submit', ctx({ by: 'EMPLOYEE' }));
    expect(go(rec, 'raiseDeficiency', ctx({})).ok).toBe(false); // no deficiencies listed
    step('raiseDeficiency', ctx({ deficiencies: ['Leave dates missing'] }));
    expect(rec.state).toBe('DEFICIENCY_MEMO');
    step('resubmit', ctx({ by: 'EMPLOYEE' }));
    step('markComplete', ctx({}));
    expect(go(rec, 'forward', ctx({ vigilance: clear })).ok).toBe(false); // the Ministry decides an SO's visit itself
    expect(go(rec, 'approve', ctx({})).ok).toBe(false); // vigilance not fetched
    const blocked = go(rec, 'approve', ctx({ vigilance: withheld }));
    expect(!blocked.ok && blocked.error.reasons[0].code).toBe('FV_VIGILANCE_WITHHELD');
    step('approve', ctx({ vigilance: clear }));
    expect(rec.state).toBe('APPROVED');
    expect(allowedActions(foreignVisitMachine, rec)).toEqual([]);
  });

  it('a US application must be forwarded to CS.I, and only with the AVD clearance', () => {
    const rec: ForeignVisitRecord = { state: 'UNDER_EXAMINATION', grade: 'CSS.US' };
    const noClear = go(rec, 'forward', ctx({}));
    expect(!noClear.ok && noClear.error.reasons[0].code).toBe('FV_AVD_CLEARANCE_MISSING');
    expect(go(rec, 'forward', ctx({ vigilance: withheld })).ok).toBe(false);
    const approveHere = go(rec, 'approve', ctx({ vigilance: clear }));
    expect(!approveHere.ok && approveHere.error.reasons[0].code).toBe('FV_CADRE_AUTHORITY_DECIDES');
    const fwd = go({ ...rec, avdClearance: clear }, 'forward', ctx({}));
    expect(fwd).toMatchObject({ ok: true, to: 'FORWARDED_TO_CADRE_AUTHORITY' });
    const forwarded: ForeignVisitRecord = { ...rec, state: 'FORWARDED_TO_CADRE_AUTHORITY', avdClearance: clear };
    expect(go(forwarded, 'approve', ctx({})).ok).toBe(false); // the Ministry cannot approve once forwarded
    expect(go(forwarded, 'approve', ctx({ by: 'CADRE_AUTHORITY' }))).toMatchObject({ ok: true, to: 'APPROVED' });
  });

  it('refusal only at Head of Department level or above, with reasons', () => {
    const rec: ForeignVisitRecord = { state: 'UNDER_EXAMINATION', grade: 'CSS.ASO' };
    const low = go(rec, 'refuse', ctx({ refusalReasons: 'Exigencies of work in the section' }));
    expect(!low.ok && low.error.reasons.map((x) => x.code)).toEqual(['FV_REFUSAL_BELOW_HOD']);
    const bare = go(rec, 'refuse', ctx({ officerIsHodOrAbove: true }));
    expect(!bare.ok && bare.error.reasons.map((x) => x.code)).toEqual(['FV_REFUSAL_WITHOUT_REASONS']);
    expect(go(rec, 'refuse', ctx({ officerIsHodOrAbove: true, refusalReasons: 'Exigencies of work in the section' }))).toMatchObject({ ok: true, to: 'REFUSED' });
    const byEmployee = go(rec, 'refuse', ctx({ by: 'EMPLOYEE', officerIsHodOrAbove: true, refusalReasons: 'xxxxxxxxxxxx' }));
    expect(!byEmployee.ok && byEmployee.error.code).toBe('ACTOR_NOT_ALLOWED');
  });

  it('once forwarded, only the cadre authority may refuse', () => {
    const rec: ForeignVisitRecord = { state: 'FORWARDED_TO_CADRE_AUTHORITY', grade: 'CSS.DS', avdClearance: clear };
    const c = { officerIsHodOrAbove: true, refusalReasons: 'Exigencies of work in the Division' };
    expect(go(rec, 'refuse', ctx(c)).ok).toBe(false);
    expect(go(rec, 'refuse', ctx({ ...c, by: 'CADRE_AUTHORITY' }))).toMatchObject({ ok: true, to: 'REFUSED' });
  });

  it('the employee may withdraw until a decision; abilities by actor', () => {
    const rec: ForeignVisitRecord = { state: 'SUBMITTED', grade: 'CSS.ASO' };
    expect(allowedActions(foreignVisitMachine, rec, ctx({ by: 'EMPLOYEE' }))).toEqual(['withdraw']);
    expect(allowedActions(foreignVisitMachine, rec, ctx({ deficiencies: ['x'] }))).toEqual(['raiseDeficiency', 'markComplete']);
    expect(go({ ...rec, state: 'REFUSED' }, 'withdraw', ctx({ by: 'EMPLOYEE' })).ok).toBe(false);
  });
});

describe('foreign visit clock', () => {
  it('completeness dates from the receipt of the complete application', () => {
    let c = foreignVisitClockAfter('submit', {}, '2025-02-20');
    c = foreignVisitClockAfter('raiseDeficiency', c, '2025-02-24');
    c = foreignVisitClockAfter('resubmit', c, '2025-03-03');
    c = foreignVisitClockAfter('markComplete', c, '2025-03-06');
    expect(c).toMatchObject({ receivedOn: '2025-03-03', deficiencyMemoOn: '2025-02-24', completeOn: '2025-03-03' });
    expect(decisionDueOn(c.completeOn!)).toBe('2025-03-24');
  });
});
