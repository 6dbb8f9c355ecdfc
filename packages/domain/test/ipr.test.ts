import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  carryForwardReturn,
  filingWindow,
  type ImmovablePropertyReturn,
  iprCompliance,
  iprComplianceForVigilance,
  iprObligation,
  lastDueReturnYear,
  type PropertyRow,
  propertyReturnSchema,
} from '../src/ipr/index.ts';
import { addDays } from '../src/rules/dates.ts';
import { vigilanceClearance } from '../src/vigilance/index.ts';

const row: PropertyRow = {
  description: 'Two-room flat',
  location: { state: 'Delhi', district: 'South West Delhi', subDivision: 'Dwarka', village: 'Bagdola', surveyNumber: 'Plot 12, Sector 8' },
  area: { value: 75, unit: 'SQ_M' },
  nature: 'FLAT',
  extentOfInterest: 'full',
  heldBy: { name: 'Self', relationship: 'SELF' },
  acquisition: { how: 'PURCHASE', on: '2019-05-10', from: 'DDA, Vikas Sadan' },
  value: 4500000,
  annualIncome: 0,
};

const so = { employeeId: 'E1', grade: 'CSS.SO' };
const ret = (over: Partial<ImmovablePropertyReturn>): ImmovablePropertyReturn => ({
  employeeId: 'E1',
  kind: 'ANNUAL',
  year: 2024,
  asOn: '2024-12-31',
  nil: false,
  properties: [row],
  mode: 'ONLINE',
  ...over,
});

describe('IPR (rules.md §7)', () => {
  it('filing window for year Y is 01.01–31.01 of Y+1', () => {
    expect(filingWindow(2024)).toMatchObject({ opens: '2025-01-01', closes: '2025-01-31' });
  });

  it('the window is configurable by an effective-dated table', () => {
    const t = [
      { from: '1964-01-01', value: { opens: '01-01', closes: '01-31' }, citation: { order: 'x' } },
      { from: '2030-12-31', value: { opens: '01-01', closes: '02-28' }, citation: { order: 'y' } },
    ];
    expect(filingWindow(2029, t).closes).toBe('2030-01-31');
    expect(filingWindow(2030, t).closes).toBe('2031-02-28');
  });

  it('Group A and B annually; Group C only on first appointment (group from the grade)', () => {
    expect(iprObligation({ employeeId: 'x', grade: 'CSS.ASO' }, 2024).annual).toBe(true);
    expect(iprObligation({ employeeId: 'x', grade: 'CSS.US' }, 2024)).toMatchObject({ annual: true, group: 'A' });
    expect(iprObligation({ employeeId: 'x', grade: 'CSSS.PA' }, 2024).annual).toBe(true);
    expect(iprObligation({ employeeId: 'x', grade: 'CSCS.SSA' }, 2024)).toMatchObject({ annual: false, group: 'C' });
    expect(iprObligation({ employeeId: 'x', grade: 'CSSS.D' }, 2024).annual).toBe(false);
    // promoted from Group C to B during 2025: the 2024 return is not due, the 2025 one is
    const e = { employeeId: 'x', grade: 'CSSS.PA', gradeHistory: [{ from: '2015-01-01', grade: 'CSSS.D' }, { from: '2025-04-01', grade: 'CSSS.PA' }] };
    expect(iprObligation(e, 2024).annual).toBe(false);
    expect(iprObligation(e, 2025).annual).toBe(true);
    // not yet in service on 31 December
    expect(iprObligation({ employeeId: 'x', grade: 'CSS.ASO', firstAppointmentOn: '2025-01-05' }, 2024).annual).toBe(false);
  });

  it('filed online by 31 January → FILED; on 1 February → LATE; paper → NOT_FILED; none → NOT_FILED after the window', () => {
    expect(iprCompliance(so, 2024, [ret({ filedOn: '2025-01-31' })], '2025-03-01').status).toBe('FILED');
    expect(iprCompliance(so, 2024, [ret({ filedOn: '2025-02-01' })], '2025-03-01').status).toBe('LATE');
    const paper = iprCompliance(so, 2024, [ret({ filedOn: '2025-01-20', mode: 'PAPER' })], '2025-03-01');
    expect(paper.status).toBe('NOT_FILED');
    expect(paper.reasons[0].code).toBe('IPR_PAPER_NOT_COUNTED');
    expect(iprCompliance(so, 2024, [], '2025-03-01').status).toBe('NOT_FILED');
    expect(iprCompliance(so, 2024, [], '2025-01-31')).toMatchObject({ status: 'PENDING', compliant: true });
    expect(iprCompliance({ employeeId: 'E1', grade: 'CSCS.JSA' }, 2024, [], '2025-03-01').status).toBe('NOT_REQUIRED');
  });

  it('only returns filed by the date asked are looked at', () => {
    expect(iprCompliance(so, 2024, [ret({ filedOn: '2025-02-10' })], '2025-02-05').status).toBe('NOT_FILED');
  });

  it('ground 11: the last return already due; not filed → vigilance withheld', () => {
    expect(lastDueReturnYear('2025-01-31')).toBe(2023);
    expect(lastDueReturnYear('2025-02-01')).toBe(2024);
    const c = iprComplianceForVigilance(so, [], '2025-02-01');
    expect(c).toMatchObject({ year: 2024, status: 'NOT_FILED' });
    const v = vigilanceClearance([], { purpose: 'DEPUTATION', on: '2025-02-01', iprCompliance: c });
    expect(v.grounds.map((g) => g.code)).toEqual(['IPR_NOT_FILED']);
  });

  it('schema: a nil return lists no property; a return with none must be nil; asOn is 31 December', () => {
    const ok = { kind: 'ANNUAL', year: 2024, asOn: '2024-12-31', nil: false, properties: [row] };
    expect(propertyReturnSchema.safeParse(ok).success).toBe(true);
    expect(propertyReturnSchema.safeParse({ ...ok, nil: true, properties: [] }).success).toBe(true);
    expect(propertyReturnSchema.safeParse({ ...ok, nil: true }).success).toBe(false);
    expect(propertyReturnSchema.safeParse({ ...ok, properties: [] }).success).toBe(false);
    expect(propertyReturnSchema.safeParse({ ...ok, asOn: '2024-12-30' }).success).toBe(false);
    expect(propertyReturnSchema.safeParse({ ...ok, properties: [{ ...row, acquisition: { ...row.acquisition, on: '2025-01-01' } }] }).success).toBe(false);
    expect(propertyReturnSchema.safeParse({ ...ok, extra: 1 }).success).toBe(false);
    const { location: _l, ...noLocation } = row;
    expect(propertyReturnSchema.safeParse({ ...ok, properties: [noLocation] }).success).toBe(false);
  });

  it('carry-forward copies the rows into a new draft for the next year', () => {
    const prev = ret({ filedOn: '2025-01-10' });
    const draft = carryForwardReturn(prev, 'E1', 2025);
    expect(draft).toMatchObject({ year: 2025, asOn: '2025-12-31', nil: false, kind: 'ANNUAL' });
    expect(draft.filedOn).toBeUndefined();
    expect(draft.properties).toEqual(prev.properties);
    expect(draft.properties[0]).not.toBe(prev.properties[0]);
    expect(carryForwardReturn(undefined, 'E1', 2025).nil).toBe(true);
  });

  it('property: FILED ⇔ an online return on or before the due date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40, max: 60 }), fc.constantFrom('ONLINE', 'PAPER') as fc.Arbitrary<'ONLINE' | 'PAPER'>, (offset, mode) => {
        const filedOn = addDays('2025-01-31', offset);
        const s = iprCompliance(so, 2024, [ret({ filedOn, mode })], '2025-12-31').status;
        expect(s === 'FILED').toBe(mode === 'ONLINE' && offset <= 0);
        if (mode === 'ONLINE' && offset > 0) expect(s).toBe('LATE');
      }),
    );
  });
});
