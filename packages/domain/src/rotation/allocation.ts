// Rotation allocation (rules.md §8.5–8.6): method (a) residency order (serial dictatorship) and
// method (b) maximum preference satisfaction under the residency guarantee (min-cost flow, maxsat.ts).
import type { PolicySwitch, Reason } from '../rules/citation.ts';
import { formatOrderDate } from '../rules/dates.ts';
import type { MinistryGroup } from './eligibility.ts';
import { solveMaxSatisfaction } from './maxsat.ts';
import { rotationCitation } from './params.ts';
import { type AllocationInput, type Prepared, prepare, weightOf } from './prepare.ts';

const EMPTY: readonly string[] = Object.freeze([]);

export type AllocationMethod = 'residency-order' | 'max-satisfaction';
export type AllocationStatus = 'placed' | 'unplaced' | 'not-taken';

/** One preference ranked above the officer's outcome, and who holds its vacancies. */
export interface HigherPreference {
  rank: number;
  ministry: string;
  vacancies: number;
  /** officers placed there in this grade, in residency order (a frozen array shared between explanations) */
  heldBy: readonly string[];
  /** of those, how many have longer / shorter residency than this officer */
  longer: number;
  shorter: number;
}

export interface OfficerAllocation {
  officerId: string;
  grade: string;
  group: MinistryGroup;
  fromMinistry: string;
  status: AllocationStatus;
  ministry?: string;
  /** 1-based rank among the officer's valid preferences */
  rank?: number;
  /** method (b): the rank the officer may not fall below (null: no guarantee, may stay unplaced) */
  guaranteeRank?: number | null;
  /** position in residency order within the grade and group (1 = longest residency) */
  residencyPosition: number;
  ignoredPreferences: string[];
  higher: HigherPreference[];
  reasons: Reason[];
  en: string;
  hi: string;
}

export interface AllocationObjective {
  weights: number[];
  /** Σ weights[rank-1] over placed officers */
  score: number;
  /** byRank[r-1] = officers placed at their preference r */
  byRank: number[];
  placed: number;
  unplaced: number;
  notTaken: number;
}

export interface MinistryFill {
  ministry: string;
  grade: string;
  vacancies: number;
  filled: number;
}

export interface AllocationResult {
  method: AllocationMethod;
  /** every candidate, in residency order (grade by grade) */
  officers: OfficerAllocation[];
  objective: AllocationObjective;
  fill: MinistryFill[];
  switches: PolicySwitch<unknown>[];
  /** how the method works, with its citation */
  reasons: Reason[];
}

/** Method (a) on prepared input: placement[i] = Ministry index or -1. */
export function serialDictatorship(p: Prepared): Int32Array {
  const placement = new Int32Array(p.officers.length).fill(-1);
  for (const s of p.subs) {
    const left = s.cap.slice();
    for (const i of s.members) {
      for (const m of p.officers[i].prefs) {
        if (left[m] > 0) {
          left[m]--;
          placement[i] = m;
          break;
        }
      }
    }
  }
  return placement;
}

/**
 * The rank an officer is sure of in residency order whatever the officers ahead choose: the smallest k
 * whose first k preferences hold at least as many vacancies as the officer's position (1-based) among
 * the selected officers of the grade and group; null when the whole list holds fewer.
 */
export function worstCaseGuarantee(p: Prepared): (number | null)[] {
  const g: (number | null)[] = p.officers.map(() => null);
  for (const s of p.subs) {
    s.members.forEach((i, pos) => {
      let sum = 0;
      const prefs = p.officers[i].prefs;
      for (let r = 0; r < prefs.length; r++) {
        sum += s.cap[prefs[r]];
        if (sum >= pos + 1) {
          g[i] = r + 1;
          return;
        }
      }
    });
  }
  return g;
}

export function allocateResidencyOrder(input: AllocationInput): AllocationResult {
  const p = prepare(input);
  return buildResult(p, 'residency-order', serialDictatorship(p), null);
}

export function allocateMaxSatisfaction(input: AllocationInput): AllocationResult {
  const p = prepare(input);
  const sd = serialDictatorship(p);
  let bound: (number | null)[];
  if (p.sw.guarantee === 'sd-outcome') {
    bound = p.officers.map((o, i) => (sd[i] < 0 ? null : o.prefs.indexOf(sd[i]) + 1));
  } else bound = worstCaseGuarantee(p);
  const placement = solveMaxSatisfaction(p, bound);
  return buildResult(p, 'max-satisfaction', placement, bound);
}

function methodReasons(p: Prepared, method: AllocationMethod): Reason[] {
  const cit = rotationCitation(p.cadre, 'selection by residency (rules.md §8.5)');
  const out: Reason[] = [];
  if (method === 'residency-order') {
    out.push({
      code: 'METHOD_RESIDENCY_ORDER',
      en: 'Officers are taken in order of residency, longest first (ties: seniority, then date of birth); each is placed in the highest preference that still has a vacancy for the grade.',
      hi: 'अधिकारियों को निवास अवधि के क्रम में, सबसे लंबी पहले (बराबरी पर: वरिष्ठता, फिर जन्म तिथि), लिया जाता है; प्रत्येक को उसकी उस सर्वोच्च वरीयता में रखा जाता है जिसमें ग्रेड की रिक्ति शेष हो।',
      citation: cit,
    });
  } else {
    const g = p.sw.guarantee === 'sd-outcome';
    out.push({
      code: 'METHOD_MAX_SATISFACTION',
      en: `The allocation maximises the total preference score (preference r scores ${p.weights.join(', ')} for r = 1…${p.weights.length}; unplaced 0), subject to the vacancies and to no officer being placed below ${g ? 'the preference the residency order gives them' : 'the preference the residency order guarantees them whatever the others choose'}; among equal totals, longer residency gets the better preference.`,
      hi: `आवंटन कुल वरीयता अंक (वरीयता r के अंक ${p.weights.join(', ')}, r = 1…${p.weights.length}; अनावंटित 0) को अधिकतम करता है, रिक्तियों की सीमा में और इस शर्त पर कि किसी अधिकारी को ${g ? 'निवास क्रम से मिलने वाली वरीयता' : 'निवास क्रम द्वारा सुनिश्चित वरीयता (अन्य चाहे जो चुनें)'} से नीचे न रखा जाए; बराबर योग पर लंबी निवास अवधि वाले को बेहतर वरीयता मिलती है।`,
      citation: cit,
    });
  }
  if (p.sw.balance === 'equal-numbers') {
    out.push({
      code: 'EQUAL_NUMBERS',
      en: 'Where the numbers due from Group A and Group B differ for a grade, equal numbers are taken from each group, longest residency first.',
      hi: 'जहाँ किसी ग्रेड में समूह A और समूह B से देय संख्या भिन्न हो, प्रत्येक समूह से समान संख्या, सबसे लंबी निवास अवधि पहले, ली जाती है।',
      citation: rotationCitation(p.cadre, 'equal numbers from each group (rules.md §8.5)'),
    });
  }
  return out;
}

function buildResult(p: Prepared, method: AllocationMethod, placement: Int32Array, bound: (number | null)[] | null): AllocationResult {
  const { officers, ministries, weights } = p;
  // citations shared by the reasons of all officers (plain data, never mutated)
  const cit = rotationCitation(p.cadre, 'allocation and reasons (rules.md §8.5–8.6)');
  const citEqual = rotationCitation(p.cadre, 'equal numbers from each group (rules.md §8.5)');
  const citResidency = rotationCitation(p.cadre, 'selection by residency (rules.md §8.5)');
  // occupants per grade+Ministry (numeric key: grade index × Ministries + Ministry index), in residency order
  const M = ministries.length;
  const gradeIdx = new Map<string, number>();
  const gOf = (grade: string): number => {
    let g = gradeIdx.get(grade);
    if (g === undefined) gradeIdx.set(grade, (g = gradeIdx.size));
    return g;
  };
  const officerKeyBase = new Int32Array(officers.length);
  for (let i = 0; i < officers.length; i++) officerKeyBase[i] = gOf(officers[i].c.grade) * M;
  const held = new Map<number, number[]>();
  for (let i = 0; i < officers.length; i++) {
    const m = placement[i];
    if (m < 0) continue;
    const key = officerKeyBase[i] + m;
    let list = held.get(key);
    if (!list) held.set(key, (list = []));
    list.push(i);
  }
  // ids of the holders per grade+Ministry, shared (frozen) by every explanation that names them
  const heldIds = new Map<number, readonly string[]>();
  for (const [key, list] of held) heldIds.set(key, Object.freeze(list.map((j) => officers[j].c.id)));
  const NONE: number[] = [];
  let maxLen = Math.max(weights.length, 1);
  for (const o of officers) if (o.prefs.length > maxLen) maxLen = o.prefs.length;
  const byRank = new Array<number>(maxLen).fill(0);
  let score = 0;
  let placed = 0;
  let unplaced = 0;
  let notTaken = 0;
  const out: OfficerAllocation[] = officers.map((o, i) => {
    const s = p.subs[o.sub];
    const m = placement[i];
    const rank = m >= 0 ? o.prefs.indexOf(m) + 1 : undefined;
    const status: AllocationStatus = !o.selected ? 'not-taken' : m >= 0 ? 'placed' : 'unplaced';
    const reasons: Reason[] = [];
    const en: string[] = [];
    const hi: string[] = [];
    const higher: HigherPreference[] = [];
    if (o.ignored.length > 0) {
      en.push(`Preferences left out (unknown, same group, or repeated): ${o.ignored.join(', ')}.`);
      hi.push(`छोड़ी गई वरीयताएँ (अज्ञात, उसी समूह की, या दोहराई गई): ${o.ignored.join(', ')}।`);
    }
    if (status === 'not-taken') {
      notTaken++;
      const t = {
        code: 'NOT_TAKEN_EQUAL_NUMBERS',
        en: `Equal numbers from each group (grade ${o.c.grade}): ${s.due} officers due from Group ${s.group} and ${s.dueOther} from the other group, so ${s.taken} are taken from each in residency order; your position in Group ${s.group} is ${o.groupPos + 1}. You stay in ${o.c.ministry} for a later round.`,
        hi: `प्रत्येक समूह से समान संख्या (ग्रेड ${o.c.grade}): समूह ${s.group} से ${s.due} और दूसरे समूह से ${s.dueOther} अधिकारी देय हैं, अतः प्रत्येक से निवास क्रम में ${s.taken} लिए गए; समूह ${s.group} में आपका स्थान ${o.groupPos + 1} है। आप अगले दौर तक ${o.c.ministry} में रहेंगे।`,
        citation: citEqual,
      };
      reasons.push(t);
      en.push(t.en);
      hi.push(t.hi);
    } else {
      const upTo = rank === undefined ? o.prefs.length : rank - 1;
      // the explanation's list of higher preferences, built as one string per language
      let linesEn = '';
      let linesHi = '';
      for (let r = 0; r < upTo; r++) {
        const mi = o.prefs[r];
        const key = officerKeyBase[i] + mi;
        const occ = held.get(key) ?? NONE;
        // occupants are in residency order: count those ahead of i by binary search
        let lo = 0;
        let hi2 = occ.length;
        while (lo < hi2) {
          const mid = (lo + hi2) >> 1;
          if (occ[mid] < i) lo = mid + 1;
          else hi2 = mid;
        }
        const h: HigherPreference = { rank: r + 1, ministry: ministries[mi].code, vacancies: s.cap[mi], heldBy: heldIds.get(key) ?? EMPTY, longer: lo, shorter: occ.length - lo };
        higher.push(h);
        const sep = r === 0 ? '' : '; ';
        if (h.vacancies === 0) {
          linesEn += `${sep}${h.rank}. ${h.ministry} no vacancy for the grade`;
          linesHi += `${sep}${h.rank}. ${h.ministry} ग्रेड की रिक्ति नहीं`;
        } else if (h.shorter === 0) {
          linesEn += `${sep}${h.rank}. ${h.ministry} ${h.longer}/${h.vacancies} by longer residency`;
          linesHi += `${sep}${h.rank}. ${h.ministry} ${h.longer}/${h.vacancies} लंबी निवास अवधि वाले`;
        } else {
          linesEn += `${sep}${h.rank}. ${h.ministry} ${h.longer}/${h.vacancies} by longer, ${h.shorter} by shorter residency`;
          linesHi += `${sep}${h.rank}. ${h.ministry} ${h.longer}/${h.vacancies} लंबी, ${h.shorter} छोटी निवास अवधि वाले`;
        }
      }
      const g = bound ? bound[i] : undefined;
      if (status === 'placed' && rank !== undefined) {
        placed++;
        score += weightOf(weights, rank);
        byRank[rank - 1]++;
        const r0 = {
          code: 'PLACED',
          en: `Placed in ${ministries[m].code}, your preference ${rank} (position ${o.groupPos + 1} in residency order of Group ${s.group}, grade ${o.c.grade}).`,
          hi: `${ministries[m].code} में तैनात, आपकी वरीयता ${rank} (ग्रेड ${o.c.grade}, समूह ${s.group} के निवास क्रम में स्थान ${o.groupPos + 1})।`,
          citation: cit,
        };
        reasons.push(r0);
        en.push(r0.en);
        hi.push(r0.hi);
      } else {
        unplaced++;
        const r0 =
          o.prefs.length === 0
            ? {
                code: 'NO_VALID_PREFERENCE',
                en: 'Not placed: no valid preference for a Ministry of the other group was given; the cadre authority will decide the posting.',
                hi: 'तैनाती नहीं: दूसरे समूह के किसी मंत्रालय की कोई मान्य वरीयता नहीं दी गई; संवर्ग प्राधिकारी तैनाती तय करेगा।',
                citation: cit,
              }
            : {
                code: 'NO_VACANCY_LEFT',
                en: `Not placed: none of your ${o.prefs.length} preferences had a vacancy left for grade ${o.c.grade}; the cadre authority will decide the posting.`,
                hi: `तैनाती नहीं: आपकी ${o.prefs.length} वरीयताओं में से किसी में ग्रेड ${o.c.grade} की रिक्ति शेष नहीं थी; संवर्ग प्राधिकारी तैनाती तय करेगा।`,
                citation: cit,
              };
        reasons.push(r0);
        en.push(r0.en);
        hi.push(r0.hi);
      }
      if (upTo > 0) {
        const why =
          method === 'residency-order'
            ? {
                en: 'Each higher preference was full when your turn came (vacancies of the grade taken by officers with longer residency / vacancies):',
                hi: 'आपकी बारी आने पर प्रत्येक उच्चतर वरीयता भरी हुई थी (लंबी निवास अवधि वाले अधिकारियों द्वारा ली गई ग्रेड की रिक्तियाँ / रिक्तियाँ):',
              }
            : {
                en: 'Your higher preferences are held as below (holders with longer residency / vacancies, and with shorter residency); no allocation giving you one of them has a higher total score without placing someone below their guarantee (equal totals go to longer residency):',
                hi: 'आपकी उच्चतर वरीयताएँ नीचे अनुसार भरी हैं (लंबी निवास अवधि वाले धारक / रिक्तियाँ, और छोटी निवास अवधि वाले); इनमें से कोई वरीयता आपको देने वाला कोई आवंटन, किसी को उसकी सुनिश्चित वरीयता से नीचे रखे बिना, अधिक कुल अंक नहीं देता (बराबर योग पर लंबी निवास अवधि को वरीयता):',
              };
        en.push(`${why.en} ${linesEn}.`);
        hi.push(`${why.hi} ${linesHi}।`);
      }
      if (g !== undefined) {
        const gr = {
          code: 'RESIDENCY_GUARANTEE',
          en: g === null ? 'No preference was guaranteed to you by the residency order.' : `The residency order guarantees you preference ${g} or better.`,
          hi: g === null ? 'निवास क्रम से आपको कोई वरीयता सुनिश्चित नहीं थी।' : `निवास क्रम आपको वरीयता ${g} या बेहतर सुनिश्चित करता है।`,
          citation: citResidency,
        };
        reasons.push(gr);
        en.push(gr.en);
        hi.push(gr.hi);
      }
    }
    const res: OfficerAllocation = {
      officerId: o.c.id,
      grade: o.c.grade,
      group: o.c.group,
      fromMinistry: o.c.ministry,
      status,
      residencyPosition: o.groupPos + 1,
      ignoredPreferences: o.ignored,
      higher,
      reasons,
      en: `Residency from ${formatOrderDate(o.c.residencyFrom)}. ${en.join(' ')}`,
      hi: `निवास ${formatOrderDate(o.c.residencyFrom)} से। ${hi.join(' ')}`,
    };
    if (status === 'placed') {
      res.ministry = ministries[m].code;
      res.rank = rank;
    }
    if (bound) res.guaranteeRank = bound[i];
    return res;
  });
  const fill: MinistryFill[] = [];
  for (const grade of [...p.vacancies.keys()].sort()) {
    const vac = p.vacancies.get(grade)!;
    for (let m = 0; m < ministries.length; m++) {
      if (vac[m] === 0) continue;
      const g = gradeIdx.get(grade);
      fill.push({ ministry: ministries[m].code, grade, vacancies: vac[m], filled: g === undefined ? 0 : (held.get(g * M + m)?.length ?? 0) });
    }
  }
  return {
    method,
    officers: out,
    objective: { weights: [...weights], score, byRank, placed, unplaced, notTaken },
    fill,
    switches: p.switches,
    reasons: methodReasons(p, method),
  };
}
