// Shared preparation for both allocation methods: validation, canonical order, balance, sub-problems.
import type { CadreCode } from '../cadre/cadres.ts';
import type { PolicySwitch } from '../rules/citation.ts';
import type { CalendarDate } from '../rules/dates.ts';
import type { EligibilityDecision, MinistryGroup, RotationMinistry } from './eligibility.ts';
import { type RotationSwitchValues, resolveSwitches } from './params.ts';

/** An officer in the round (eligible), with ranked preferences (Ministry codes, best first). */
export interface RotationCandidate {
  id: string;
  grade: string;
  /** present Ministry and its group; preferences must be Ministries of the other group */
  ministry: string;
  group: MinistryGroup;
  /** start of continuous residency in the present Ministry: earlier = longer residency */
  residencyFrom: CalendarDate;
  /** seniority-list position in the grade, smaller = senior (first tie-break) */
  seniority: number;
  /** earlier = older (second tie-break); the officer id breaks any remaining tie */
  dateOfBirth: CalendarDate;
  preferences: readonly string[];
}

/** The round's candidate for an eligible officer's decision and their ranked preferences. */
export function candidateFromDecision(decision: EligibilityDecision, preferences: readonly string[]): RotationCandidate {
  if (!decision.eligible || !decision.ministry || !decision.group || !decision.residencyFrom) {
    throw new RangeError(`officer ${decision.officerId} is not in the round`);
  }
  return {
    id: decision.officerId,
    grade: decision.grade,
    ministry: decision.ministry,
    group: decision.group,
    residencyFrom: decision.residencyFrom,
    seniority: decision.seniority,
    dateOfBirth: decision.dateOfBirth,
    preferences: [...preferences],
  };
}

export interface VacancyRow {
  ministry: string;
  grade: string;
  count: number;
}

export interface AllocationInput {
  cadre: CadreCode;
  ministries: readonly RotationMinistry[];
  candidates: readonly RotationCandidate[];
  vacancies: readonly VacancyRow[];
  switches?: Partial<RotationSwitchValues>;
  /**
   * score of a placement at preference rank r is weights[r-1] (non-negative integers, non-increasing);
   * default "Borda": K, K-1, …, 1 with K the longest preference list. Unplaced scores 0.
   */
  weights?: readonly number[];
}

/** Residency order: longest residency first; ties by seniority, then date of birth (older first), then id. */
export function residencyOrder(a: RotationCandidate, b: RotationCandidate): number {
  if (a.residencyFrom !== b.residencyFrom) return a.residencyFrom < b.residencyFrom ? -1 : 1;
  if (a.seniority !== b.seniority) return a.seniority - b.seniority;
  if (a.dateOfBirth !== b.dateOfBirth) return a.dateOfBirth < b.dateOfBirth ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface PreparedOfficer {
  c: RotationCandidate;
  /** index in canonical (residency) order over all candidates */
  order: number;
  /** valid preferences as Ministry indices, rank = position + 1 */
  prefs: number[];
  /** preferences left out: unknown Ministry, own group, repeated */
  ignored: string[];
  sub: number;
  selected: boolean;
  /** 0-based position within the group of the grade (all due officers), in residency order */
  groupPos: number;
}

export interface SubProblem {
  grade: string;
  group: MinistryGroup;
  /** selected officers (indices into officers), in residency order */
  members: number[];
  /** vacancies per Ministry index for this grade (0 for Ministries of the officers' own group) */
  cap: Int32Array;
  /** officers due from this group and from the other group for the grade; taken from each */
  due: number;
  dueOther: number;
  taken: number;
}

export interface Prepared {
  cadre: CadreCode;
  sw: RotationSwitchValues;
  switches: PolicySwitch<unknown>[];
  weights: number[];
  ministries: RotationMinistry[];
  officers: PreparedOfficer[];
  subs: SubProblem[];
  /** vacancies per grade and Ministry index */
  vacancies: Map<string, Int32Array>;
}

export function prepare(input: AllocationInput): Prepared {
  const { values: sw, switches } = resolveSwitches(input.switches);
  const ministries = [...input.ministries].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const mIndex = new Map<string, number>();
  ministries.forEach((m, i) => {
    if (mIndex.has(m.code)) throw new RangeError(`duplicate Ministry ${m.code}`);
    mIndex.set(m.code, i);
  });
  const vacancies = new Map<string, Int32Array>();
  for (const v of input.vacancies) {
    const mi = mIndex.get(v.ministry);
    if (mi === undefined) throw new RangeError(`vacancy for unknown Ministry ${v.ministry}`);
    if (!Number.isInteger(v.count) || v.count < 0) throw new RangeError(`vacancy count must be a whole number ≥ 0 (${v.ministry} ${v.grade})`);
    let row = vacancies.get(v.grade);
    if (!row) vacancies.set(v.grade, (row = new Int32Array(ministries.length)));
    row[mi] += v.count;
  }
  const sorted = [...input.candidates].sort(residencyOrder);
  // marks of Ministries already listed by the officer at hand (stamp = order + 1)
  const usedBy = new Int32Array(ministries.length);
  const officers: PreparedOfficer[] = sorted.map((c, order) => {
    const prefs: number[] = [];
    const ignored: string[] = [];
    for (const code of c.preferences) {
      const mi = mIndex.get(code);
      if (mi === undefined || ministries[mi].group === c.group || usedBy[mi] === order + 1) ignored.push(code);
      else {
        usedBy[mi] = order + 1;
        prefs.push(mi);
      }
    }
    return { c, order, prefs, ignored, sub: -1, selected: false, groupPos: -1 };
  });
  const ids = new Set<string>();
  for (const o of officers) {
    if (ids.has(o.c.id)) throw new RangeError(`duplicate officer ${o.c.id}`);
    ids.add(o.c.id);
  }
  // sub-problems per grade and group; balance per grade (§8.5)
  const subs: SubProblem[] = [];
  const subKey = new Map<string, number>();
  const byGroup = new Map<string, number[]>();
  for (let i = 0; i < officers.length; i++) {
    const o = officers[i];
    const key = `${o.c.grade}\u0000${o.c.group}`;
    let list = byGroup.get(key);
    if (!list) byGroup.set(key, (list = []));
    o.groupPos = list.length;
    list.push(i);
  }
  const grades = [...new Set(officers.map((o) => o.c.grade))].sort();
  for (const grade of grades) {
    const a = byGroup.get(`${grade}\u0000A`) ?? [];
    const b = byGroup.get(`${grade}\u0000B`) ?? [];
    const n = sw.balance === 'equal-numbers' ? Math.min(a.length, b.length) : Number.POSITIVE_INFINITY;
    for (const [group, list, other] of [['A', a, b] as const, ['B', b, a] as const]) {
      if (list.length === 0) continue;
      const cap = new Int32Array(ministries.length);
      const vac = vacancies.get(grade);
      if (vac) for (let m = 0; m < ministries.length; m++) if (ministries[m].group !== group) cap[m] = vac[m];
      const taken = Math.min(n, list.length);
      const members = list.slice(0, taken);
      const s = subs.length;
      subs.push({ grade, group, members, cap, due: list.length, dueOther: other.length, taken });
      subKey.set(`${grade}\u0000${group}`, s);
      for (const i of list) officers[i].sub = s;
      for (const i of members) officers[i].selected = true;
    }
  }
  let weights: number[];
  if (input.weights) {
    weights = [...input.weights];
    for (let r = 0; r < weights.length; r++) {
      if (!Number.isInteger(weights[r]) || weights[r] < 0 || (r > 0 && weights[r] > weights[r - 1])) {
        throw new RangeError('weights must be non-negative whole numbers, non-increasing by rank');
      }
    }
  } else {
    const k = Math.max(1, ...officers.map((o) => o.prefs.length));
    weights = Array.from({ length: k }, (_, r) => k - r);
  }
  return { cadre: input.cadre, sw, switches, weights, ministries, officers, subs, vacancies };
}

export function weightOf(weights: readonly number[], rank: number): number {
  return rank >= 1 && rank <= weights.length ? weights[rank - 1] : 0;
}
