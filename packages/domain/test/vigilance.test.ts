import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears } from '../src/rules/dates.ts';
import {
  effectiveEvents,
  type FactEvent,
  type VigilanceEvent,
  vigilanceClearance,
  vigilanceEventSchema,
  vigilanceStatusInPlainWords,
} from '../src/vigilance/index.ts';

const on = '2025-03-01';
const codes = (evs: VigilanceEvent[], o: Parameters<typeof vigilanceClearance>[1] = { purpose: 'DEPUTATION', on }) =>
  vigilanceClearance(evs, o).grounds.map((g) => g.code);

describe('vigilance clearance (rules.md §6)', () => {
  it('nothing on record → clear, with English and Hindi plain words', () => {
    const c = vigilanceClearance([], { purpose: 'FOREIGN_VISIT', on, iprCompliance: { year: 2023, status: 'FILED' } });
    expect(c.status).toBe('CLEAR');
    expect(c.grounds).toEqual([]);
    const p = vigilanceStatusInPlainWords(c);
    expect(p.en).toMatch(/nothing against you/);
    expect(p.hi).toMatch(/अनापत्ति/);
  });

  it('1. suspension withholds until revoked', () => {
    const s: VigilanceEvent = { id: '1', type: 'SUSPENSION', date: '2025-01-10' };
    expect(codes([s])).toEqual(['SUSPENDED']);
    expect(codes([s, { id: '2', type: 'SUSPENSION_REVOKED', date: '2025-02-10' }])).toEqual([]);
    // revoked after the date asked: still suspended on that date
    expect(codes([s, { id: '2', type: 'SUSPENSION_REVOKED', date: '2025-04-10' }])).toEqual(['SUSPENDED']);
  });

  it('2. agreed list: review date one year after inclusion; removal clears', () => {
    const c = vigilanceClearance([{ id: '1', type: 'AGREED_LIST_INCLUDED', date: '2024-06-15' }], { purpose: 'EMPANELMENT', on });
    expect(c.grounds[0]).toMatchObject({ code: 'AGREED_LIST', until: '2025-06-15' });
    expect(c.reviewOn).toBe('2025-06-15');
    expect(
      codes([
        { id: '1', type: 'AGREED_LIST_INCLUDED', date: '2024-06-15' },
        { id: '2', type: 'AGREED_LIST_REMOVED', date: '2025-01-15' },
      ]),
    ).toEqual([]);
  });

  it('3/4. proceedings ordered: withheld for exactly 3 months, lapses the day after; charge-sheet keeps it pending until concluded', () => {
    const po: VigilanceEvent = { id: 'p', type: 'PROCEEDINGS_ORDERED', date: '2024-12-01', matter: 'F.1' };
    const at = (o: string) => codes([po], { purpose: 'DEPUTATION', on: o });
    expect(at('2025-03-01')).toEqual(['PROCEEDINGS_ORDERED']); // exactly 3 months
    expect(vigilanceClearance([po], { purpose: 'DEPUTATION', on: '2025-03-01' }).grounds[0].until).toBe('2025-03-01');
    expect(at('2025-03-02')).toEqual([]);
    expect(vigilanceClearance([po], { purpose: 'DEPUTATION', on: '2025-03-02' }).notes.map((n) => n.code)).toContain('PROCEEDINGS_ORDERED_LAPSED');
    const cs: VigilanceEvent = { id: 'c', type: 'CHARGE_SHEET_SERVED', date: '2025-02-01', matter: 'F.1' };
    expect(codes([po, cs], { purpose: 'DEPUTATION', on: '2025-06-01' })).toEqual(['CHARGE_SHEET_PENDING']);
    const end: VigilanceEvent = { id: 'e', type: 'PROCEEDINGS_CONCLUDED', date: '2025-05-01', matter: 'F.1', outcome: 'EXONERATED' };
    expect(codes([po, cs, end], { purpose: 'DEPUTATION', on: '2025-06-01' })).toEqual([]);
  });

  it('events of different matters do not close each other', () => {
    const evs: VigilanceEvent[] = [
      { id: 'c1', type: 'CHARGE_SHEET_SERVED', date: '2024-01-01', matter: 'A' },
      { id: 'e2', type: 'PROCEEDINGS_CONCLUDED', date: '2024-06-01', matter: 'B', outcome: 'DROPPED' },
    ];
    expect(codes(evs)).toEqual(['CHARGE_SHEET_PENDING']);
  });

  it('5–9. criminal side: charge-sheet in court, case ordered, sanction, FIR, trap', () => {
    expect(codes([{ id: '1', type: 'CRIMINAL_CHARGE_SHEET_FILED', date: '2023-01-01' }])).toEqual(['CRIMINAL_CHARGE_SHEET_PENDING']);
    expect(codes([{ id: '1', type: 'CRIMINAL_CASE_ORDERED', date: '2025-01-01' }])).toEqual(['CRIMINAL_CASE_ORDERED']);
    expect(codes([{ id: '1', type: 'CRIMINAL_CASE_ORDERED', date: '2024-11-30' }])).toEqual([]); // 3 months ended 28.02.2025
    expect(codes([{ id: '1', type: 'SANCTION_GRANTED', date: '2022-01-01', sanction: 'PROSECUTION' }])).toEqual(['SANCTION_GRANTED']);
    expect(codes([{ id: '1', type: 'FIR', date: '2024-12-01' }])).toEqual(['FIR_REGISTERED']);
    expect(codes([{ id: '1', type: 'FIR', date: '2024-11-30' }])).toEqual([]);
    expect(
      codes([
        { id: '1', type: 'FIR', date: '2024-11-30', matter: 'RC.5' },
        { id: '2', type: 'CRIMINAL_CHARGE_SHEET_FILED', date: '2025-02-27', matter: 'RC.5' },
      ]),
    ).toEqual(['CRIMINAL_CHARGE_SHEET_PENDING']);
    expect(codes([{ id: '1', type: 'TRAP_RAID_CASE', date: '2020-01-01' }])).toEqual(['TRAP_RAID_CASE']);
    expect(
      codes([
        { id: '1', type: 'TRAP_RAID_CASE', date: '2020-01-01', matter: 'T' },
        { id: '2', type: 'CLOSURE', date: '2021-01-01', matter: 'T' },
      ]),
    ).toEqual([]);
  });

  it('10. minor penalty: withheld until exactly 3 years after its currency', () => {
    const p: VigilanceEvent = { id: '1', type: 'PENALTY', date: '2021-01-01', severity: 'MINOR', penalty: 'withholding of increment', currencyTo: '2022-03-01' };
    expect(codes([p], { purpose: 'DEPUTATION', on: '2025-03-01' })).toEqual(['PENALTY_MINOR']);
    expect(codes([p], { purpose: 'DEPUTATION', on: '2025-03-02' })).toEqual([]);
  });

  it('10. major penalty follows the policy switch, named in the decision', () => {
    const p: VigilanceEvent = { id: '1', type: 'PENALTY', date: '2019-01-01', severity: 'MAJOR', penalty: 'reduction to lower stage', currencyTo: '2021-01-01' };
    const dflt = vigilanceClearance([p], { purpose: 'DEPUTATION', on: '2025-03-01' });
    expect(dflt.status).toBe('CLEAR');
    expect(dflt.switches.find((s) => s.key === 'vigilance.majorPenaltyYearsAfterCurrency')).toMatchObject({ value: 3, default: 3 });
    const six = vigilanceClearance([p], { purpose: 'DEPUTATION', on: '2025-03-01', switches: { majorPenaltyYearsAfterCurrency: 6 } });
    expect(six.grounds[0]).toMatchObject({ code: 'PENALTY_MAJOR', until: '2027-01-01' });
    expect(six.grounds[0].en).toMatch(/policy switch/);
  });

  it('11. previous year IPR not filed or late withholds; filed or not required does not', () => {
    expect(codes([], { purpose: 'DEPUTATION', on, iprCompliance: { year: 2024, status: 'NOT_FILED' } })).toEqual(['IPR_NOT_FILED']);
    expect(codes([], { purpose: 'DEPUTATION', on, iprCompliance: { year: 2024, status: 'LATE' } })).toEqual(['IPR_NOT_FILED']);
    expect(codes([], { purpose: 'DEPUTATION', on, iprCompliance: { year: 2024, status: 'NOT_REQUIRED' } })).toEqual([]);
  });

  it('11. the ground names the due date in force (the filing window is configurable), else 31 January', () => {
    const dflt = vigilanceClearance([], { purpose: 'DEPUTATION', on, iprCompliance: { year: 2024, status: 'NOT_FILED' } });
    expect(dflt.grounds[0].en).toBe('Immovable property return for 2024 not filed online by 31.01.2025.');
    const extended = vigilanceClearance([], { purpose: 'DEPUTATION', on, iprCompliance: { year: 2024, status: 'LATE', dueOn: '2025-02-15' } });
    expect(extended.grounds[0].en).toBe('Immovable property return for 2024 not filed online by 15.02.2025 (filed late).');
    expect(extended.grounds[0].hi).toContain('15.02.2025 तक');
  });

  it('a complaint alone is no ground; a preliminary inquiry older than 3 months is no ground', () => {
    const c = vigilanceClearance([{ id: '1', type: 'COMPLAINT', date: '2025-02-20' }], { purpose: 'DEPUTATION', on });
    expect(c.status).toBe('CLEAR');
    expect(c.notes.map((n) => n.code)).toContain('COMPLAINT_ONLY');
    const pi: VigilanceEvent = { id: '1', type: 'PRELIMINARY_INQUIRY', date: '2024-12-01' };
    expect(codes([pi], { purpose: 'DEPUTATION', on: '2025-03-01' })).toEqual(['PRELIMINARY_INQUIRY']);
    expect(codes([pi], { purpose: 'DEPUTATION', on: '2025-03-02' })).toEqual([]);
    expect(codes([pi], { purpose: 'DEPUTATION', on: '2025-03-01', switches: { recentPreliminaryInquiryWithholds: false } })).toEqual([]);
  });

  it('DPC: only suspension, pending charge-sheet and pending criminal prosecution count', () => {
    const evs: VigilanceEvent[] = [
      { id: '1', type: 'AGREED_LIST_INCLUDED', date: '2024-06-01' },
      { id: '2', type: 'FIR', date: '2025-02-01' },
      { id: '3', type: 'PENALTY', date: '2024-01-01', severity: 'MINOR', penalty: 'censure' },
    ];
    const dpc = vigilanceClearance(evs, { purpose: 'DPC', on, iprCompliance: { year: 2024, status: 'NOT_FILED' } });
    expect(dpc.status).toBe('CLEAR');
    expect(dpc.notes.filter((n) => n.code.startsWith('DPC_NOT_COUNTED_')).length).toBe(4);
    expect(codes([...evs, { id: '4', type: 'CHARGE_SHEET_SERVED', date: '2025-01-01' }], { purpose: 'DPC', on })).toEqual(['CHARGE_SHEET_PENDING']);
  });

  it('a correction supersedes the event it names (replaced, or struck out), and a correction of it revives the original', () => {
    const s: VigilanceEvent = { id: 's', type: 'SUSPENSION', date: '2025-01-10' };
    const strike: VigilanceEvent = { id: 'x', type: 'CORRECTION', date: '2025-02-01', corrects: 's', replacement: null };
    expect(codes([s, strike])).toEqual([]);
    const undo: VigilanceEvent = { id: 'y', type: 'CORRECTION', date: '2025-02-02', corrects: 'x' };
    expect(codes([s, strike, undo])).toEqual(['SUSPENDED']);
    const fix: VigilanceEvent = {
      id: 'z',
      type: 'CORRECTION',
      date: '2025-02-01',
      corrects: 'p',
      replacement: { id: 'p2', type: 'PENALTY', date: '2015-01-01', severity: 'MINOR', penalty: 'censure' },
    };
    const p: VigilanceEvent = { id: 'p', type: 'PENALTY', date: '2024-01-01', severity: 'MINOR', penalty: 'censure' };
    expect(codes([p])).toEqual(['PENALTY_MINOR']);
    expect(codes([p, fix])).toEqual([]);
    expect(effectiveEvents([p, fix]).map((e) => e.id)).toEqual(['p2']);
  });

  it('events after the date asked are ignored', () => {
    expect(codes([{ id: '1', type: 'SUSPENSION', date: '2025-03-02' }])).toEqual([]);
  });

  it('every ground and note has English, Hindi and a citation', () => {
    const evs: VigilanceEvent[] = [
      { id: '1', type: 'SUSPENSION', date: '2025-01-10' },
      { id: '2', type: 'AGREED_LIST_INCLUDED', date: '2024-01-01' },
      { id: '3', type: 'PROCEEDINGS_ORDERED', date: '2024-01-01', matter: 'a' },
      { id: '4', type: 'FIR', date: '2025-02-01', matter: 'b' },
      { id: '5', type: 'COMPLAINT', date: '2025-02-01', matter: 'c' },
    ];
    const c = vigilanceClearance(evs, { purpose: 'SENSITIVE_POST', on });
    for (const r of [...c.grounds, ...c.notes]) {
      expect(r.en.length).toBeGreaterThan(5);
      expect(r.hi).toMatch(/[\u0900-\u097F]/);
      expect(r.citation.order).toMatch(/O\.M\./);
      expect(r.citation.para).toBeTruthy();
    }
    expect(vigilanceStatusInPlainWords(c).en).toMatch(/withheld/);
  });

  it('cites the paragraph of the guidelines: 2(c)(i)–(ix), 7, 2(f), 2(a), 2(b); the sealed-cover O.M. for a DPC', () => {
    const c = vigilanceClearance(
      [
        { id: '1', type: 'SUSPENSION', date: '2025-01-10' },
        { id: '2', type: 'TRAP_RAID_CASE', date: '2025-01-10', matter: 't' },
        { id: '3', type: 'PENALTY', date: '2024-01-01', severity: 'MINOR', penalty: 'censure', matter: 'p' },
        { id: '4', type: 'COMPLAINT', date: '2025-01-01', matter: 'c' },
      ],
      { purpose: 'DEPUTATION', on, iprCompliance: { year: 2024, status: 'NOT_FILED' } },
    );
    expect(c.grounds.map((g) => g.citation.para)).toEqual(['para 2(c)(i)', 'para 2(c)(ix)', 'para 7', 'para 2(f)']);
    expect(c.notes.find((n) => n.code === 'COMPLAINT_ONLY')?.citation.para).toBe('para 2(a)');
    const dpc = vigilanceClearance([{ id: '1', type: 'AGREED_LIST_INCLUDED', date: '2025-01-01' }], { purpose: 'DPC', on });
    expect(dpc.notes[0].citation.order).toMatch(/22011\/4\/91/);
  });

  it('schema accepts events and refuses unknown fields', () => {
    expect(vigilanceEventSchema.safeParse({ id: '1', type: 'FIR', date: '2025-01-01' }).success).toBe(true);
    expect(vigilanceEventSchema.safeParse({ id: '1', type: 'FIR', date: '2025-02-30' }).success).toBe(false);
    expect(vigilanceEventSchema.safeParse({ id: '1', type: 'FIR', date: '2025-01-01', extra: 1 }).success).toBe(false);
    expect(
      vigilanceEventSchema.safeParse({ id: '2', type: 'CORRECTION', date: '2025-01-02', corrects: '1', replacement: { id: '3', type: 'FIR', date: '2025-01-01' } })
        .success,
    ).toBe(true);
  });
});

// ---- properties ----
const dateArb = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2018-01-01', n));
const matterArb = fc.constantFrom(undefined, 'A', 'B');
const factArb: fc.Arbitrary<FactEvent> = fc.oneof(
  fc.record({ type: fc.constantFrom('SUSPENSION', 'SUSPENSION_REVOKED', 'AGREED_LIST_INCLUDED', 'AGREED_LIST_REMOVED', 'CHARGE_SHEET_SERVED', 'CRIMINAL_CASE_ORDERED', 'CRIMINAL_CHARGE_SHEET_FILED', 'FIR', 'TRAP_RAID_CASE', 'COMPLAINT', 'PRELIMINARY_INQUIRY', 'CLOSURE', 'PROCEEDINGS_ORDERED'), date: dateArb, matter: matterArb }),
  fc.record({ type: fc.constant('PROCEEDINGS_CONCLUDED'), date: dateArb, matter: matterArb, outcome: fc.constantFrom('EXONERATED', 'PENALTY', 'DROPPED') }),
  fc.record({ type: fc.constant('SANCTION_GRANTED'), date: dateArb, matter: matterArb, sanction: fc.constantFrom('INVESTIGATION', 'PROSECUTION') }),
  fc.record({ type: fc.constant('PENALTY'), date: dateArb, matter: matterArb, severity: fc.constantFrom('MINOR', 'MAJOR'), penalty: fc.constant('x'), currencyTo: fc.option(dateArb, { nil: undefined }) }),
).map((e) => ({ ...e, id: "" }) as FactEvent);
const historyArb = fc.array(factArb, { maxLength: 12 }).map((evs) => evs.map((e, i) => ({ ...e, id: `e${i}` }) as FactEvent));
const purposeArb = fc.constantFrom('DEPUTATION', 'DPC', 'FOREIGN_VISIT', 'EMPANELMENT') as fc.Arbitrary<'DEPUTATION' | 'DPC' | 'FOREIGN_VISIT' | 'EMPANELMENT'>;

describe('vigilance clearance properties', () => {
  it('monotone: adding a complaint never withholds (nor adds a ground)', () => {
    fc.assert(
      fc.property(historyArb, dateArb, dateArb, purposeArb, matterArb, (evs, when, compDate, purpose, matter) => {
        const before = vigilanceClearance(evs, { purpose, on: when });
        const after = vigilanceClearance([...evs, { id: 'cx', type: 'COMPLAINT', date: compDate, ...(matter ? { matter } : {}) }], { purpose, on: when });
        expect(after.grounds.length).toBe(before.grounds.length);
        if (before.status === 'CLEAR') expect(after.status).toBe('CLEAR');
      }),
    );
  });

  it('striking out an event by a correction is the same as never having recorded it', () => {
    fc.assert(
      fc.property(historyArb, dateArb, purposeArb, fc.nat(), (evs, when, purpose, pick) => {
        fc.pre(evs.length > 0);
        const victim = evs[pick % evs.length];
        const struck = vigilanceClearance([...evs, { id: 'corr', type: 'CORRECTION', date: when, corrects: victim.id, replacement: null }], { purpose, on: when });
        const without = vigilanceClearance(evs.filter((e) => e.id !== victim.id), { purpose, on: when });
        expect(struck.status).toBe(without.status);
        expect(struck.grounds.map((g) => g.code)).toEqual(without.grounds.map((g) => g.code));
      }),
    );
  });

  it('DPC is never stricter than any other purpose', () => {
    fc.assert(
      fc.property(historyArb, dateArb, (evs, when) => {
        const dpc = vigilanceClearance(evs, { purpose: 'DPC', on: when });
        const dep = vigilanceClearance(evs, { purpose: 'DEPUTATION', on: when });
        if (dep.status === 'CLEAR') expect(dpc.status).toBe('CLEAR');
      }),
    );
  });

  it('withheld ⇔ at least one ground; every until is on or after the date asked; reviewOn is the earliest', () => {
    fc.assert(
      fc.property(historyArb, dateArb, purposeArb, (evs, when, purpose) => {
        const c = vigilanceClearance(evs, { purpose, on: when });
        expect(c.status === 'WITHHELD').toBe(c.grounds.length > 0);
        for (const g of c.grounds) if (g.until && g.code !== 'AGREED_LIST') expect(g.until >= when).toBe(true);
        const untils = c.grounds.flatMap((g) => (g.until ? [g.until] : [])).sort();
        expect(c.reviewOn).toBe(untils[0]);
      }),
    );
  });

  it('a suspension in force always withholds, for every purpose', () => {
    fc.assert(
      fc.property(historyArb, dateArb, purposeArb, (evs, when, purpose) => {
        const c = vigilanceClearance([...evs.filter((e) => e.type !== 'SUSPENSION_REVOKED'), { id: 'sx', type: 'SUSPENSION', date: when }], { purpose, on: when });
        expect(c.status).toBe('WITHHELD');
      }),
    );
  });

  it('3-month windows: withheld on the day 3 months after, clear the day after (with nothing else)', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom('PROCEEDINGS_ORDERED', 'FIR', 'CRIMINAL_CASE_ORDERED') as fc.Arbitrary<'FIR'>, (d0, type) => {
        const ev: VigilanceEvent = { id: '1', type, date: d0 };
        const last = addMonths(d0, 3);
        expect(vigilanceClearance([ev], { purpose: 'DEPUTATION', on: last }).status).toBe('WITHHELD');
        expect(vigilanceClearance([ev], { purpose: 'DEPUTATION', on: addDays(last, 1) }).status).toBe('CLEAR');
      }),
    );
  });

  it('minor penalty clears exactly the day after 3 years from the end of its currency', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 1000 }), (d0, len) => {
        const ev: VigilanceEvent = { id: '1', type: 'PENALTY', date: d0, severity: 'MINOR', penalty: 'x', currencyTo: addDays(d0, len) };
        const last = addYears(addDays(d0, len), 3);
        expect(vigilanceClearance([ev], { purpose: 'DEPUTATION', on: last }).status).toBe('WITHHELD');
        expect(vigilanceClearance([ev], { purpose: 'DEPUTATION', on: addDays(last, 1) }).status).toBe('CLEAR');
      }),
    );
  });
});
