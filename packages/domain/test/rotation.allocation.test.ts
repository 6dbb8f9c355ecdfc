import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AllocationInput,
  type AllocationResult,
  allocateMaxSatisfaction,
  allocateResidencyOrder,
  prepare,
  type RotationCandidate,
  type RotationMinistry,
  worstCaseGuarantee,
} from '../src/rotation/index.ts';

const M: RotationMinistry[] = [
  { code: 'A1', group: 'A' },
  { code: 'A2', group: 'A' },
  { code: 'B1', group: 'B' },
  { code: 'B2', group: 'B' },
  { code: 'B3', group: 'B' },
];

function cand(id: string, group: 'A' | 'B', residencyFrom: string, preferences: string[], over: Partial<RotationCandidate> = {}): RotationCandidate {
  return { id, grade: 'CSS.SO', ministry: group === 'A' ? 'A1' : 'B1', group, residencyFrom, seniority: 1, dateOfBirth: '1980-01-01', preferences, ...over };
}

describe('method (a): residency order', () => {
  const input: AllocationInput = {
    cadre: 'CSS',
    ministries: M,
    candidates: [
      cand('x', 'A', '2015-01-01', ['B1', 'B2']),
      cand('y', 'A', '2016-01-01', ['B1', 'B2', 'B3']),
      cand('z', 'A', '2016-01-01', ['B1', 'B2'], { seniority: 0 }),
      cand('p', 'B', '2014-01-01', ['A1', 'B2']),
      cand('q', 'B', '2017-01-01', ['A2']),
      cand('r', 'B', '2017-01-01', ['A2']),
    ],
    vacancies: [
      { ministry: 'B1', grade: 'CSS.SO', count: 1 },
      { ministry: 'B2', grade: 'CSS.SO', count: 1 },
      { ministry: 'B3', grade: 'CSS.SO', count: 1 },
      { ministry: 'A1', grade: 'CSS.SO', count: 1 },
      { ministry: 'A2', grade: 'CSS.SO', count: 1 },
    ],
  };

  it('longest residency first; ties by seniority; explanations name who took the higher preferences', () => {
    const res = allocateResidencyOrder(input);
    const by = Object.fromEntries(res.officers.map((o) => [o.officerId, o]));
    expect(by.x.ministry).toBe('B1');
    expect(by.z.ministry).toBe('B2'); // same residency as y, senior
    expect(by.y.ministry).toBe('B3');
    expect(by.y.higher.map((h) => [h.ministry, h.heldBy, h.longer])).toEqual([
      ['B1', ['x'], 1],
      ['B2', ['z'], 1],
    ]);
    expect(by.y.en).toContain('1. B1 1/1 by longer residency; 2. B2 1/1 by longer residency');
    expect(by.y.hi).toMatch(/[\u0900-\u097F]/);
    // p's B2 is its own group: left out; q before r by id (all else equal)
    expect(by.p.ignoredPreferences).toEqual(['B2']);
    expect(by.q.ministry).toBe('A2');
    expect(by.r.status).toBe('unplaced');
    expect(by.r.reasons[0].code).toBe('NO_VACANCY_LEFT');
    expect(res.objective.placed).toBe(5);
  });

  it('equal numbers from each group: 3 due from A, 2 from B → 2 taken from each (policy switch)', () => {
    const less = { ...input, candidates: input.candidates.filter((c) => c.id !== 'r') };
    const res = allocateResidencyOrder(less);
    const y = res.officers.find((o) => o.officerId === 'y')!;
    expect(y.status).toBe('not-taken');
    expect(y.reasons[0].code).toBe('NOT_TAKEN_EQUAL_NUMBERS');
    expect(res.objective.notTaken).toBe(1);
    const off = allocateResidencyOrder({ ...less, switches: { balance: 'off' } });
    expect(off.objective.notTaken).toBe(0);
    expect(off.switches.find((s) => s.key === 'rotation.balance')).toMatchObject({ value: 'off', default: 'equal-numbers' });
  });
});

describe('method (b): maximum satisfaction', () => {
  it('weights: custom non-increasing whole numbers are used; others are refused', () => {
    const input: AllocationInput = {
      cadre: 'CSS',
      ministries: M,
      candidates: [cand('u', 'A', '2010-01-01', ['B1', 'B2'])],
      vacancies: [{ ministry: 'B2', grade: 'CSS.SO', count: 1 }],
      switches: { balance: 'off' },
      weights: [100, 7],
    };
    expect(allocateMaxSatisfaction(input).objective).toMatchObject({ weights: [100, 7], score: 7, byRank: [0, 1] });
    expect(() => allocateResidencyOrder({ ...input, weights: [1, 2] })).toThrow(RangeError);
    expect(() => allocateResidencyOrder({ ...input, weights: [1.5] })).toThrow(RangeError);
    expect(() => allocateResidencyOrder({ ...input, candidates: [...input.candidates, ...input.candidates] })).toThrow(/duplicate officer/);
    expect(() => allocateResidencyOrder({ ...input, vacancies: [{ ministry: 'ZZ', grade: 'CSS.SO', count: 1 }] })).toThrow(RangeError);
  });

  const base: AllocationInput = {
    cadre: 'CSS',
    ministries: M,
    candidates: [cand('l', 'A', '2010-01-01', ['B1', 'B2', 'B3']), cand('m', 'A', '2011-01-01', ['B1', 'B2']), cand('s', 'A', '2012-01-01', ['B2'])],
    vacancies: [
      { ministry: 'B1', grade: 'CSS.SO', count: 1 },
      { ministry: 'B2', grade: 'CSS.SO', count: 1 },
      { ministry: 'B3', grade: 'CSS.SO', count: 1 },
    ],
    switches: { balance: 'off' },
  };

  it("reading 'sd-outcome' returns method (a)'s allocation", () => {
    const a = allocateResidencyOrder(base);
    const b = allocateMaxSatisfaction({ ...base, switches: { ...base.switches, guarantee: 'sd-outcome' } });
    expect(b.officers.map((o) => o.ministry)).toEqual(a.officers.map((o) => o.ministry));
    expect(b.officers.map((o) => o.guaranteeRank)).toEqual([1, 2, null]);
  });

  it("default reading 'residency-worst-case': (b) places more officers higher without breaking anyone's guarantee", () => {
    const input: AllocationInput = {
      ...base,
      candidates: [cand('o1', 'A', '2010-01-01', ['B3']), cand('o2', 'A', '2011-01-01', ['B1', 'B2']), cand('o3', 'A', '2012-01-01', ['B1'])],
      switches: { balance: 'off' },
    };
    // (a): o1→B3, o2→B1, o3 unplaced; weights 2,1 → score 4
    const a = allocateResidencyOrder(input);
    expect(a.officers.map((o) => o.ministry ?? null)).toEqual(['B3', 'B1', null]);
    expect(a.objective.score).toBe(4);
    // guarantees: o1 rank 1; o2 is 2nd in line and B1 has 1 vacancy, B1+B2 have 2 → rank 2; o3: B1 alone < 3 → none
    const b = allocateMaxSatisfaction(input);
    expect(b.officers.map((o) => o.guaranteeRank)).toEqual([1, 2, null]);
    expect(b.officers.map((o) => o.ministry ?? null)).toEqual(['B3', 'B2', 'B1']);
    expect(b.objective.score).toBe(5);
    const o2 = b.officers[1];
    expect(o2.higher).toEqual([{ rank: 1, ministry: 'B1', vacancies: 1, heldBy: ['o3'], longer: 0, shorter: 1 }]);
    expect(o2.en).toContain('guarantees you preference 2 or better');
    expect(b.switches.find((x) => x.key === 'rotation.guarantee')?.value).toBe('residency-worst-case');
    // under the 'sd-outcome' reading the same input gives method (a)'s allocation
    expect(allocateMaxSatisfaction({ ...input, switches: { balance: 'off', guarantee: 'sd-outcome' } }).officers.map((o) => o.ministry ?? null)).toEqual(['B3', 'B1', null]);
  });
});

// ---------- properties ----------

const GRADES = ['CSS.SO', 'CSS.US'];
const DATES = ['2012-01-01', '2013-06-01', '2014-01-01', '2015-03-15'];

const ministriesArb = fc
  .array(fc.boolean(), { minLength: 2, maxLength: 7 })
  .map((gs) => gs.map((a, i): RotationMinistry => ({ code: `M${i}`, group: i === 0 ? 'A' : i === 1 ? 'B' : a ? 'A' : 'B' })));

function instanceArb(maxOfficers: number) {
  return ministriesArb.chain((ministries) => {
    const codes = ministries.map((m) => m.code);
    const officer = fc.record({
      grade: fc.constantFrom(...GRADES),
      group: fc.constantFrom<'A' | 'B'>('A', 'B'),
      residencyFrom: fc.constantFrom(...DATES),
      seniority: fc.integer({ min: 1, max: 3 }),
      dateOfBirth: fc.constantFrom('1975-01-01', '1980-01-01'),
      preferences: fc.array(fc.constantFrom(...codes), { maxLength: 5 }),
    });
    return fc.record({
      officers: fc.array(officer, { maxLength: maxOfficers }),
      vac: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: GRADES.length, maxLength: GRADES.length }), {
        minLength: ministries.length,
        maxLength: ministries.length,
      }),
      balance: fc.constantFrom<'equal-numbers' | 'off'>('equal-numbers', 'off'),
      guarantee: fc.constantFrom<'sd-outcome' | 'residency-worst-case'>('sd-outcome', 'residency-worst-case'),
    }).map(({ officers, vac, balance, guarantee }): AllocationInput => ({
      cadre: 'CSS',
      ministries,
      candidates: officers.map((o, i) => ({ ...o, id: `O${String(i).padStart(3, '0')}`, ministry: ministries.find((m) => m.group === o.group)!.code })),
      vacancies: ministries.flatMap((m, mi) => GRADES.map((g, gi) => ({ ministry: m.code, grade: g, count: vac[mi][gi] }))),
      switches: { balance, guarantee },
    }));
  });
}

function checkCapacity(input: AllocationInput, res: AllocationResult): void {
  const cap = new Map(input.vacancies.map((v) => [`${v.ministry}|${v.grade}`, v.count]));
  const used = new Map<string, number>();
  for (const o of res.officers) {
    if (o.status !== 'placed') continue;
    const k = `${o.ministry}|${o.grade}`;
    used.set(k, (used.get(k) ?? 0) + 1);
  }
  for (const [k, n] of used) expect(n).toBeLessThanOrEqual(cap.get(k) ?? 0);
  for (const f of res.fill) expect(f.filled).toBeLessThanOrEqual(f.vacancies);
}

function rankOf(o: { status: string; rank?: number }): number {
  return o.status === 'placed' ? o.rank! : Number.POSITIVE_INFINITY;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** exhaustive maximum of the score under the bounds (tiny instances) */
function bruteForce(input: AllocationInput, bound: (number | null)[]): number {
  const p = prepare(input);
  let best = Number.NEGATIVE_INFINITY;
  for (const s of p.subs) {
    const left = s.cap.slice();
    let subBest = Number.NEGATIVE_INFINITY;
    const go = (k: number, acc: number): void => {
      if (k === s.members.length) {
        subBest = Math.max(subBest, acc);
        return;
      }
      const i = s.members[k];
      const o = p.officers[i];
      const b = bound[i];
      const lim = b === null ? o.prefs.length : b;
      for (let r = 0; r < lim; r++) {
        const m = o.prefs[r];
        if (left[m] > 0) {
          left[m]--;
          go(k + 1, acc + (r < p.weights.length ? p.weights[r] : 0));
          left[m]++;
        }
      }
      if (b === null) go(k + 1, acc);
    };
    go(0, 0);
    best = (best === Number.NEGATIVE_INFINITY ? 0 : best) + subBest;
  }
  return best === Number.NEGATIVE_INFINITY ? 0 : best;
}

describe('allocation properties (fast-check)', () => {
  it('no Ministry over its vacancies (both methods)', () => {
    fc.assert(
      fc.property(instanceArb(14), (input) => {
        checkCapacity(input, allocateResidencyOrder(input));
        checkCapacity(input, allocateMaxSatisfaction(input));
      }),
      { numRuns: 300 },
    );
  });

  it('method (a): no officer envies one with shorter residency', () => {
    fc.assert(
      fc.property(instanceArb(14), (input) => {
        const res = allocateResidencyOrder(input);
        const p = prepare(input);
        // res.officers is in residency order (same as prepare's)
        res.officers.forEach((longer, i) => {
          if (longer.status === 'not-taken') return;
          const prefs = p.officers[i].prefs.map((m) => p.ministries[m].code);
          const mine = rankOf(longer);
          for (let j = i + 1; j < res.officers.length; j++) {
            const shorter = res.officers[j];
            if (shorter.grade !== longer.grade || shorter.status !== 'placed') continue;
            const r = prefs.indexOf(shorter.ministry!) + 1;
            if (r > 0) expect(r).toBeGreaterThanOrEqual(mine);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('method (a) explanations are truthful: every higher preference with a vacancy is full, all with longer residency', () => {
    fc.assert(
      fc.property(instanceArb(14), (input) => {
        const res = allocateResidencyOrder(input);
        const pos = new Map(res.officers.map((o, i) => [o.officerId, i]));
        res.officers.forEach((o, i) => {
          if (o.status === 'not-taken') {
            expect(o.higher).toEqual([]);
            return;
          }
          const upTo = o.status === 'placed' ? o.rank! - 1 : o.higher.length;
          expect(o.higher.length).toBe(upTo);
          for (const h of o.higher) {
            expect(h.heldBy.length).toBe(h.vacancies);
            expect(h.longer).toBe(h.vacancies);
            expect(h.shorter).toBe(0);
            for (const id of h.heldBy) expect(pos.get(id)!).toBeLessThan(i);
          }
          expect(o.reasons.length).toBeGreaterThan(0);
          for (const r of o.reasons) {
            expect(r.hi).toMatch(/[\u0900-\u097F]/);
            expect(r.citation.order).toContain('21/19/2022');
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('method (b): never below the guarantee; default never below method (a) (and equal to it); score ≥ (a)', () => {
    fc.assert(
      fc.property(instanceArb(14), (input) => {
        const a = allocateResidencyOrder(input);
        const b = allocateMaxSatisfaction(input);
        expect(b.objective.score).toBeGreaterThanOrEqual(a.objective.score);
        b.officers.forEach((o, i) => {
          expect(o.officerId).toBe(a.officers[i].officerId);
          if (o.guaranteeRank != null) expect(rankOf(o)).toBeLessThanOrEqual(o.guaranteeRank);
          if (input.switches?.guarantee === 'sd-outcome') {
            expect(rankOf(o)).toBeLessThanOrEqual(rankOf(a.officers[i]));
            expect(o.ministry).toBe(a.officers[i].ministry);
          }
        });
        if (input.switches?.guarantee === 'residency-worst-case') {
          // method (a) meets the worst-case guarantee
          const g = worstCaseGuarantee(prepare(input));
          a.officers.forEach((o, i) => {
            if (g[i] !== null) expect(rankOf(o)).toBeLessThanOrEqual(g[i]!);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('method (b) is optimal: equals an exhaustive search on small instances', () => {
    fc.assert(
      fc.property(instanceArb(7), (input) => {
        const b = allocateMaxSatisfaction(input);
        const bound = b.officers.map((o) => (o.guaranteeRank === undefined ? null : o.guaranteeRank));
        expect(b.objective.score).toBe(bruteForce(input, bound));
      }),
      { numRuns: 400 },
    );
  });

  it('deterministic: same input → same output; shuffled input → same output', () => {
    fc.assert(
      fc.property(instanceArb(14), fc.integer(), (input, seed) => {
        const shuffledInput: AllocationInput = {
          ...input,
          candidates: shuffled(input.candidates, seed),
          ministries: shuffled(input.ministries, seed + 1),
          vacancies: shuffled(input.vacancies, seed + 2),
        };
        for (const f of [allocateResidencyOrder, allocateMaxSatisfaction]) {
          const x = f(input);
          expect(f(input)).toEqual(x);
          expect(f(shuffledInput)).toEqual(x);
        }
      }),
      { numRuns: 200 },
    );
  });
});
