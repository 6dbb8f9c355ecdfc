// Deterministic demo data: N employees of the three cadres spread over the Ministries, with service
// histories that follow the rules (rules.md §1 grades and levels, §2 MACP, §8 rotation), their children,
// a few vigilance events, a login for every employee and the demo personas of the development IdP.
// Pure: no I/O, no clock. Same (employees, seed, asOn) → the same rows, byte for byte.
import {
  type CadreCode,
  type CalendarDate,
  gradesOf,
  type Grade,
  levelIndex,
  maxDate,
  minDate,
  nextLevel,
  type PayLevel,
  type Role,
  superannuationDate,
  yearOf,
  addDays,
  addYears,
  completedYears,
  daysBetween,
  dayNumber,
  fromDayNumber,
} from '@cscms/domain';
import { MINISTRIES, type MinistryData } from '../db/data/ministries.ts';
import { FEMALE, MALE, type NamePair, SURNAMES } from './names.ts';

export interface SeedOptions {
  employees: number;
  /** PRNG seed; default 20221115 (the date of the O.M. that describes the portal) */
  seed?: number;
  /** the "as on" date of the histories: nothing happens after it; everyone generated is in service on it */
  asOn?: CalendarDate;
}

export const DEFAULT_SEED = 20221115;
export const DEFAULT_AS_ON: CalendarDate = '2026-01-01';

export interface EmployeeRow {
  id: string;
  employee_code: string;
  login_id: string;
  email: string;
  name_en: string;
  name_hi: string;
  date_of_birth: CalendarDate;
  gender: 'F' | 'M' | 'T';
  marital_status: 'UNMARRIED' | 'MARRIED' | 'WIDOWED' | 'DIVORCED';
  mobile: string;
  cadre: CadreCode;
  grade: string;
  pay_level: PayLevel;
  entry_grade: string;
  entry_date: CalendarDate;
  present_grade_date: CalendarDate;
  ministry_id: number;
  ministry_join_date: CalendarDate;
  select_list_year: number | null;
  probation_end: CalendarDate | null;
  superannuation_date: CalendarDate;
}

export type ServiceEventKind = 'ENTRY' | 'PROMOTION' | 'ACP' | 'MACP' | 'POSTING';

export interface ServiceEventRow {
  employee_id: string;
  kind: ServiceEventKind;
  effective_date: CalendarDate;
  end_date: CalendarDate | null;
  grade: string | null;
  from_level: PayLevel | null;
  to_level: PayLevel | null;
  ministry_id: number | null;
  details: Record<string, unknown>;
}

export interface ChildRow {
  employee_id: string;
  name: string;
  date_of_birth: CalendarDate;
  disability_percent: number;
}

export interface VigilanceEventRow {
  employee_id: string;
  kind: 'SUSPENSION' | 'AGREED_LIST' | 'CHARGE_SHEET' | 'PENALTY_MINOR' | 'COMPLAINT';
  event_date: CalendarDate;
  order_ref: string;
  details: Record<string, unknown>;
}

/** An annual immovable property return filed online on time (only for the persona whose record is clean, see below). */
export interface IprReturnRow {
  id: string;
  employee_id: string;
  kind: 'ANNUAL';
  year: number;
  as_on: CalendarDate;
  status: 'FILED';
  nil: boolean;
  mode: 'ONLINE';
  filed_on: CalendarDate;
  filed_at: string;
  filed_by: string;
}

export interface OrganisationRow {
  id: number;
  ministry_id: number;
  name_en: string;
  name_hi: string;
  kind: 'PSU' | 'AUTONOMOUS' | 'ATTACHED';
}

export interface UserRow {
  id: string;
  login_id: string;
  email: string | null;
  display_name: string;
  employee_id: string | null;
  preferred_lang: 'en' | 'hi';
  persona: string | null;
}

export interface GrantRow {
  user_id: string;
  role: Role;
  ministry_id: number | null;
  organisation_id: number | null;
  cadres: CadreCode[] | null;
}

/** One employee with everything that hangs on it (kept together so the loader can batch by employee). */
export interface EmployeeBundle {
  employee: EmployeeRow;
  events: ServiceEventRow[];
  children: ChildRow[];
  vigilance: VigilanceEventRow[];
  user: UserRow;
  grants: GrantRow[];
}

export interface SeedData {
  seed: number;
  asOn: CalendarDate;
  organisations: OrganisationRow[];
  bundles: EmployeeBundle[];
  /** users who are not (only) generated employees, and the extra grants of persona employees */
  personaUsers: UserRow[];
  personaGrants: GrantRow[];
  /** property returns of persona employees (the deputation persona has filed every year's on time) */
  iprReturns: IprReturnRow[];
  /** persona → user id, for tests and the log */
  personas: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through splitmix32. Small, fast, and the same on every platform.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }
  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < xs.length; i++) {
      r -= weights[i];
      if (r < 0) return xs[i];
    }
    return xs[xs.length - 1];
  }
  /** a picker with the cumulative weights computed once */
  picker<T>(xs: readonly T[], weights: readonly number[]): () => T {
    const cum: number[] = [];
    let total = 0;
    for (const w of weights) cum.push((total += w));
    return () => {
      const r = this.next() * total;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return xs[lo];
    };
  }
  uuid(): string {
    const h = [this.u32(), this.u32(), this.u32(), this.u32()].map((n) => n.toString(16).padStart(8, '0')).join('');
    const v = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rules the histories follow.

/** MACP in force from 01.09.2008; upgradations due earlier went under the ACP scheme (rules.md §2.2). */
export const MACP_START: CalendarDate = '2008-09-01';
/** Non-functional Level 10 of SO/PS (6th CPC): not before 01.01.2006. */
const NFSG_START: CalendarDate = '2006-01-01';

export { superannuationDate };

interface CadrePlan {
  share: number;
  /** present-grade shares by rank (1-based index = rank) */
  gradeShare: number[];
  /** years spent in rank r before promotion to r + 1: [min, max] */
  residency: Array<[number, number]>;
  /** at most this many years in the present grade */
  maxStay: number[];
  /** entry grades (rank) with weights, and the age range at entry for each */
  entry: Array<{ rank: number; weight: number; age: [number, number]; mode: string; exam: string }>;
}

const PLANS: Record<CadreCode, CadrePlan> = {
  CSS: {
    share: 0.55,
    gradeShare: [0.42, 0.3, 0.15, 0.07, 0.045, 0.015],
    residency: [[5, 10], [7, 12], [4, 8], [4, 7], [4, 7]],
    maxStay: [12, 11, 9, 7, 6, 5],
    entry: [{ rank: 1, weight: 1, age: [21, 30], mode: 'DIRECT_RECRUITMENT', exam: 'SSC Combined Graduate Level Examination' }],
  },
  CSSS: {
    share: 0.27,
    gradeShare: [0.28, 0.3, 0.24, 0.12, 0.04, 0.02],
    residency: [[5, 10], [6, 10], [6, 10], [4, 7], [3, 6]],
    maxStay: [12, 12, 12, 8, 6, 5],
    entry: [
      { rank: 1, weight: 0.6, age: [18, 27], mode: 'DIRECT_RECRUITMENT', exam: "SSC Stenographer Grade 'C' & 'D' Examination" },
      { rank: 2, weight: 0.4, age: [18, 30], mode: 'DIRECT_RECRUITMENT', exam: "SSC Stenographer Grade 'C' & 'D' Examination" },
    ],
  },
  CSCS: {
    share: 0.18,
    gradeShare: [0.4, 0.6],
    residency: [[6, 12]],
    maxStay: [14, 25],
    entry: [{ rank: 1, weight: 1, age: [18, 27], mode: 'DIRECT_RECRUITMENT', exam: 'SSC Combined Higher Secondary Level Examination' }],
  },
};

const CADRE_CODES: readonly CadreCode[] = ['CSS', 'CSSS', 'CSCS'];

/** Relative size of a Ministry's establishment (1 = typical). */
const MINISTRY_WEIGHT: Record<string, number> = {
  MHA: 3, DOR: 2.5, DOD: 2.5, DOE: 2, DEA: 2, DOPT: 2.5, DOHFW: 2.5, COMM: 2, AGRI: 2, CBDT: 1.5, CBIC: 1.5, DHE: 1.5,
  MIB: 1.5, DOT: 1.5, DOP: 1.5, MOHUA: 1.5, MOEFCC: 1.5, MORTH: 1.2, POWER: 1.2, MOLE: 1.2, DORD: 1.2, DFS: 1.2, CABSEC: 1.2,
  VPSEC: 0.3, PRESSEC: 0.5, CVC: 0.4, CIC: 0.4, SSC: 0.5, DMA: 0.6, PMO: 0.6, DIPAM: 0.6, DEPWD: 0.5, FISH: 0.6, COOP: 0.5,
  DHR: 0.5, MOPA: 0.5, DOL: 0.6, DOYA: 0.6, DOS: 0.6,
};

/** Organisations under some Ministries (PSUs, autonomous bodies, attached offices), for Sub-Nodal Officers. */
const ORGANISATIONS: Array<[ministryCode: string, en: string, hi: string, kind: OrganisationRow['kind']]> = [
  ['DOHFW', 'All India Institute of Medical Sciences, New Delhi', 'अखिल भारतीय आयुर्विज्ञान संस्थान, नई दिल्ली', 'AUTONOMOUS'],
  ['DOHFW', 'Directorate General of Health Services', 'स्वास्थ्य सेवा महानिदेशालय', 'ATTACHED'],
  ['MOPNG', 'Oil and Natural Gas Corporation Limited', 'तेल और प्राकृतिक गैस निगम लिमिटेड', 'PSU'],
  ['MOPNG', 'Indian Oil Corporation Limited', 'इंडियन ऑयल कॉर्पोरेशन लिमिटेड', 'PSU'],
  ['POWER', 'NTPC Limited', 'एनटीपीसी लिमिटेड', 'PSU'],
  ['POWER', 'Central Electricity Authority', 'केंद्रीय विद्युत प्राधिकरण', 'ATTACHED'],
  ['MHI', 'Bharat Heavy Electricals Limited', 'भारत हेवी इलेक्ट्रिकल्स लिमिटेड', 'PSU'],
  ['STEEL', 'Steel Authority of India Limited', 'स्टील अथॉरिटी ऑफ इंडिया लिमिटेड', 'PSU'],
  ['DHE', 'University Grants Commission', 'विश्वविद्यालय अनुदान आयोग', 'AUTONOMOUS'],
  ['MHA', 'Bureau of Police Research and Development', 'पुलिस अनुसंधान एवं विकास ब्यूरो', 'ATTACHED'],
  ['DOPT', 'Institute of Secretariat Training and Management', 'सचिवालय प्रशिक्षण तथा प्रबंध संस्थान', 'ATTACHED'],
  ['COMM', 'Directorate General of Foreign Trade', 'विदेश व्यापार महानिदेशालय', 'ATTACHED'],
  ['DOT', 'Bharat Sanchar Nigam Limited', 'भारत संचार निगम लिमिटेड', 'PSU'],
  ['CIVAV', 'Airports Authority of India', 'भारतीय विमानपत्तन प्राधिकरण', 'AUTONOMOUS'],
];

const VIGILANCE_KINDS: VigilanceEventRow['kind'][] = ['COMPLAINT', 'PENALTY_MINOR', 'CHARGE_SHEET', 'AGREED_LIST', 'SUSPENSION'];
const VIGILANCE_WEIGHTS = [0.4, 0.25, 0.2, 0.08, 0.07];

const ministryByCode = new Map(MINISTRIES.map((m) => [m.code, m]));
const ministryById = new Map(MINISTRIES.map((m) => [m.id, m]));
// ---------------------------------------------------------------------------------------------------------

interface Career {
  events: Array<Omit<ServiceEventRow, 'employee_id' | 'ministry_id'>>;
  level: PayLevel;
  rank: number;
  rankDate: CalendarDate;
}

/**
 * Entry, promotions on the given dates, ACP (before 01.09.2008: 12 and 24 years, to the next grade's
 * level) and MACP (from 01.09.2008: the n-th upgradation on 10n years of service or 10 years in one level,
 * whichever earlier, to the next matrix level; at most three, promotions counted), and the non-functional
 * Level 10 of SO/PS after 4 years. Everything up to `asOn`.
 */
export function simulateCareer(grades: Grade[], entryRank: number, entryDate: CalendarDate, promotions: CalendarDate[], asOn: CalendarDate, entryDetails: Record<string, unknown>): Career {
  let rank = entryRank;
  let rankDate = entryDate;
  let level = grades[rank - 1].level;
  let count = 0;
  let lastChange = entryDate;
  let nfsgDone = false;
  let gradeEvent: Career['events'][number] = { kind: 'ENTRY', effective_date: entryDate, end_date: null, grade: grades[rank - 1].code, from_level: null, to_level: level, details: entryDetails };
  const events: Career['events'] = [gradeEvent];
  let pi = 0;
  for (let guard = 0; guard < 20; guard++) {
    type Next = { kind: 'PROMOTION' | 'ACP' | 'MACP' | 'NFSG'; date: CalendarDate };
    const cands: Next[] = [];
    if (pi < promotions.length) cands.push({ kind: 'PROMOTION', date: promotions[pi] });
    if (count < 3) {
      const acp = count === 0 ? addYears(entryDate, 12) : count === 1 ? addYears(entryDate, 24) : undefined;
      if (acp && acp < MACP_START) cands.push({ kind: 'ACP', date: acp });
      else {
        const due = minDate(addYears(entryDate, 10 * (count + 1)), addYears(lastChange, 10));
        cands.push({ kind: 'MACP', date: maxDate(due, MACP_START) });
      }
    }
    const g = grades[rank - 1];
    if (g.nonFunctional && !nfsgDone) cands.push({ kind: 'NFSG', date: maxDate(addYears(rankDate, g.nonFunctional.afterYears), NFSG_START) });
    const order = { PROMOTION: 0, NFSG: 1, ACP: 2, MACP: 3 };
    cands.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order[a.kind] - order[b.kind]));
    const n = cands[0];
    if (!n || n.date > asOn) break;
    if (n.kind === 'PROMOTION') {
      pi++;
      rank++;
      rankDate = n.date;
      nfsgDone = false;
      const ng = grades[rank - 1];
      const from = level;
      if (levelIndex(ng.level) > levelIndex(level)) {
        level = ng.level;
        count++;
        lastChange = n.date;
      }
      gradeEvent = { kind: 'PROMOTION', effective_date: n.date, end_date: null, grade: ng.code, from_level: from, to_level: level, details: { mode: 'SENIORITY', order: 'CS.I/CS.II promotion order (demo)' } };
      if (level === from) gradeEvent.details.payProtected = true;
      events.push(gradeEvent);
    } else if (n.kind === 'NFSG') {
      nfsgDone = true;
      const nf = g.nonFunctional!;
      if (levelIndex(nf.level) > levelIndex(level)) {
        gradeEvent.details = { ...gradeEvent.details, nonFunctional: { level: nf.level, from: n.date, fromLevel: level } };
        level = nf.level;
        lastChange = n.date;
      }
    } else {
      const from = level;
      let to: PayLevel | undefined;
      if (n.kind === 'ACP') {
        const promo = grades[rank];
        to = promo && levelIndex(promo.level) > levelIndex(level) ? promo.level : nextLevel(level);
      } else {
        to = nextLevel(level);
      }
      if (!to) break;
      count++;
      level = to;
      lastChange = n.date;
      events.push({
        kind: n.kind, effective_date: n.date, end_date: null, grade: g.code, from_level: from, to_level: to,
        details: { upgradation: count, scheme: n.kind, order: n.kind === 'ACP' ? 'O.M. 35034/1/97-Estt.(D) of 09.08.1999' : 'O.M. 35034/3/2008-Estt.(D) of 19.05.2009' },
      });
    }
  }
  return { events, level, rank, rankDate };
}

function randomDate(rng: Rng, from: CalendarDate, to: CalendarDate): CalendarDate {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, rng.int(0, span));
}

function yearsDays(rng: Rng, [lo, hi]: [number, number]): number {
  return rng.int(Math.round(lo * 365.25), Math.round(hi * 365.25));
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '');
}

/** Generates the demo data. Pure and deterministic. */
export function generate(opts: SeedOptions): SeedData {
  const seed = opts.seed ?? DEFAULT_SEED;
  const asOn = opts.asOn ?? DEFAULT_AS_ON;
  const n = Math.max(0, Math.floor(opts.employees));
  const rng = new Rng(seed);

  const groupA = MINISTRIES.filter((m) => m.rotationGroup === 'A');
  const groupB = MINISTRIES.filter((m) => m.rotationGroup === 'B');
  const weightOf = (m: MinistryData) => MINISTRY_WEIGHT[m.code] ?? 1;
  const anyMinistry = rng.picker(MINISTRIES, MINISTRIES.map(weightOf));
  const ministryOfGroup = { A: rng.picker(groupA, groupA.map(weightOf)), B: rng.picker(groupB, groupB.map(weightOf)) };
  const cadrePick = rng.picker(CADRE_CODES, CADRE_CODES.map((c) => PLANS[c].share));
  const gradesByCadre = Object.fromEntries(CADRE_CODES.map((c) => [c, gradesOf(c)])) as Record<CadreCode, Grade[]>;
  const presentPick = Object.fromEntries(CADRE_CODES.map((c) => [c, rng.picker(gradesByCadre[c].map((g) => g.rank), PLANS[c].gradeShare)])) as Record<CadreCode, () => number>;

  const organisations: OrganisationRow[] = ORGANISATIONS.map(([code, en, hi, kind], i) => ({ id: i + 1, ministry_id: ministryByCode.get(code)!.id, name_en: en, name_hi: hi, kind }));

  const bundles: EmployeeBundle[] = [];
  for (let i = 0; i < n; i++) bundles.push(employee(i));

  // --- personas -------------------------------------------------------------------------------------------
  const personas: Record<string, string> = {};
  const personaUsers: UserRow[] = [];
  const personaGrants: GrantRow[] = [];
  const taken = new Set<string>();
  const age = (b: EmployeeBundle) => completedYears(b.employee.date_of_birth, asOn);
  const firstOf = (...tests: Array<(b: EmployeeBundle) => boolean>) => {
    for (const t of tests) {
      const b = bundles.find((x) => !taken.has(x.employee.id) && x.vigilance.length === 0 && t(x));
      if (b) return b;
    }
    return undefined;
  };
  const minorChildren = (b: EmployeeBundle) => b.children.some((c) => completedYears(c.date_of_birth, asOn) < 18);
  const claim = (persona: string, b: EmployeeBundle | undefined) => {
    if (!b) return undefined;
    taken.add(b.employee.id);
    b.user.persona = persona;
    personas[persona] = b.user.id;
    return b;
  };
  claim('employee-csss', firstOf(
    (b) => b.employee.cadre === 'CSSS' && b.employee.gender === 'M' && ['WIDOWED', 'DIVORCED'].includes(b.employee.marital_status) && minorChildren(b),
    (b) => b.employee.cadre === 'CSSS',
  ));
  claim('employee-cscs', firstOf((b) => b.employee.cadre === 'CSCS' && age(b) < 45, (b) => b.employee.cadre === 'CSCS'));
  const senior = (b: EmployeeBundle) => ['CSS.US', 'CSS.DS', 'CSS.DIR'].includes(b.employee.grade);
  const orgMinistries = new Set(organisations.map((o) => o.ministry_id));
  const groupOf = (b: EmployeeBundle) => ministryById.get(b.employee.ministry_id)!.rotationGroup;
  const nodal1 = claim('nodal-1', firstOf(
    (b) => senior(b) && groupOf(b) === 'A' && orgMinistries.has(b.employee.ministry_id),
    (b) => senior(b) && groupOf(b) === 'A',
    (b) => b.employee.cadre === 'CSS',
    () => true,
  ));
  // The CSS employee works in nodal-1's Ministry, so the demo (and the e2e test) can go from submission to validation.
  const cssEmployee = (b: EmployeeBundle) => b.employee.cadre === 'CSS' && ['CSS.ASO', 'CSS.SO'].includes(b.employee.grade) && b.employee.gender === 'F' && b.employee.marital_status === 'MARRIED' && minorChildren(b) && age(b) < 50;
  claim('employee-css', firstOf(
    (b) => cssEmployee(b) && b.employee.ministry_id === nodal1?.employee.ministry_id,
    (b) => b.employee.cadre === 'CSS' && b.employee.ministry_id === nodal1?.employee.ministry_id,
    cssEmployee,
    (b) => b.employee.cadre === 'CSS',
  ));
  // The deputation demo (issue 6) needs an officer who may really go on deputation — CSS Under Secretary (so the
  // cadre clearance is CS.I's), 9+ years of service, aged well below 56, regular in the grade for 2+ years, clear
  // from the vigilance angle — in a Ministry whose Nodal Officer is another persona (nobody forwards their own).
  // So nodal-2 is taken, where possible, from a Ministry that has such an officer and no other persona.
  const personaMinistries = new Set([...taken].map((id) => bundles.find((x) => x.employee.id === id)!.employee.ministry_id));
  const deputable = (b: EmployeeBundle) =>
    b.employee.cadre === 'CSS' && b.employee.grade === 'CSS.US' && b.employee.pay_level === '11' && b.employee.entry_date <= addYears(asOn, -10) &&
    b.employee.present_grade_date <= addYears(asOn, -2) && age(b) <= 50;
  const hasDeputable = (b: EmployeeBundle) => bundles.some((x) => x !== b && !taken.has(x.employee.id) && x.vigilance.length === 0 && x.employee.ministry_id === b.employee.ministry_id && deputable(x));
  const otherMinistry = (b: EmployeeBundle) => b.employee.ministry_id !== nodal1?.employee.ministry_id && !personaMinistries.has(b.employee.ministry_id);
  const nodal2 = claim('nodal-2', firstOf(
    (b) => senior(b) && groupOf(b) === 'B' && otherMinistry(b) && hasDeputable(b),
    (b) => senior(b) && otherMinistry(b) && hasDeputable(b),
    (b) => senior(b) && groupOf(b) === 'B' && b.employee.ministry_id !== nodal1?.employee.ministry_id,
    (b) => senior(b) && b.employee.ministry_id !== nodal1?.employee.ministry_id,
    (b) => b.employee.ministry_id !== nodal1?.employee.ministry_id,
  ));
  const deputationOfficer = claim('employee-us', firstOf((b) => deputable(b) && b.employee.ministry_id === nodal2?.employee.ministry_id));
  // An officer due for rotation transfer (rules.md §8): a CSS ASO/SO at least 8 years in the present Ministry (the
  // longest minimum residency of the grade is 7), not near superannuation, in no select list — so that a round the
  // cadre authority initiates today always has a persona in it. Claimed last: the other personas do not change.
  const dueForRotation = (b: EmployeeBundle) =>
    b.employee.cadre === 'CSS' && completedYears(b.employee.ministry_join_date, asOn) >= 8 && b.employee.superannuation_date > addYears(asOn, 3) && b.employee.select_list_year == null;
  claim('employee-rotation', firstOf(
    (b) => dueForRotation(b) && ['CSS.ASO', 'CSS.SO'].includes(b.employee.grade),
    dueForRotation,
  ));
  for (const b of [nodal1, nodal2]) {
    if (b) personaGrants.push({ user_id: b.user.id, role: 'NODAL_OFFICER', ministry_id: b.employee.ministry_id, organisation_id: null, cadres: null });
  }
  const subOrg = organisations.find((o) => o.ministry_id === nodal1?.employee.ministry_id) ?? organisations[0];
  const extra: Array<{ persona: string; en: string; grant: Omit<GrantRow, 'user_id'> }> = [
    { persona: 'sub-nodal', en: `Sub-Nodal Officer, ${subOrg.name_en}`, grant: { role: 'SUB_NODAL_OFFICER', ministry_id: subOrg.ministry_id, organisation_id: subOrg.id, cadres: null } },
    { persona: 'cs1', en: 'Under Secretary, CS.I Division, DoPT', grant: { role: 'CADRE_AUTHORITY', ministry_id: null, organisation_id: null, cadres: ['CSS'] } },
    { persona: 'cs2', en: 'Under Secretary, CS.II Division, DoPT', grant: { role: 'CADRE_AUTHORITY', ministry_id: null, organisation_id: null, cadres: ['CSSS', 'CSCS'] } },
    { persona: 'avd', en: 'Section Officer, AVD, DoPT', grant: { role: 'AVD', ministry_id: null, organisation_id: null, cadres: null } },
    { persona: 'admin', en: 'Portal Administrator', grant: { role: 'ADMIN', ministry_id: null, organisation_id: null, cadres: null } },
  ];
  for (const x of extra) {
    const id = rng.uuid();
    personaUsers.push({ id, login_id: x.persona, email: `${x.persona}@cscms.example`, display_name: x.en, employee_id: null, preferred_lang: 'en', persona: x.persona });
    personaGrants.push({ user_id: id, ...x.grant });
    personas[x.persona] = id;
  }

  // The deputation officer has filed every annual property return online on time (rule 18; vigilance ground 11), the last five years
  const iprReturns: IprReturnRow[] = [];
  if (deputationOfficer) {
    for (let year = yearOf(asOn) - 5; year < yearOf(asOn); year++) {
      const filedOn = `${year + 1}-01-20`;
      if (filedOn > asOn || `${year}-12-31` < deputationOfficer.employee.entry_date) continue;
      iprReturns.push({
        id: rng.uuid(), employee_id: deputationOfficer.employee.id, kind: 'ANNUAL', year, as_on: `${year}-12-31`, status: 'FILED', nil: true, mode: 'ONLINE',
        filed_on: filedOn, filed_at: `${filedOn}T06:00:00Z`, filed_by: deputationOfficer.user.id,
      });
    }
  }
  return { seed, asOn, organisations, bundles, personaUsers, personaGrants, iprReturns, personas };

  // --- one employee ---------------------------------------------------------------------------------------
  function employee(i: number): EmployeeBundle {
    const id = rng.uuid();
    const cadre = cadrePick();
    const plan = PLANS[cadre];
    const grades = gradesByCadre[cadre];
    let present = presentPick[cadre]();

    let entryRank = 1;
    let entryDate = asOn;
    let dob = asOn;
    let promotions: CalendarDate[] = [];
    let presentGradeDate = asOn;
    let entryPlan = plan.entry[0];
    for (let attempt = 0; ; attempt++) {
      if (attempt > 1000) throw new Error(`seed: no career fits employee ${i} as on ${asOn}`);
      if (attempt > 0 && attempt % 25 === 0 && present > 1) present--; // cannot fit a career that long: one grade lower
      const eligible = plan.entry.filter((e) => e.rank <= present);
      entryPlan = rng.weighted(eligible, eligible.map((e) => e.weight));
      entryRank = entryPlan.rank;
      const stay = rng.int(0, Math.round(plan.maxStay[present - 1] * 365.25 * (attempt > 10 ? 0.4 : 1)));
      presentGradeDate = addDays(asOn, -stay);
      promotions = [];
      let d = presentGradeDate;
      for (let r = present - 1; r >= entryRank; r--) {
        promotions.unshift(d);
        d = addDays(d, -yearsDays(rng, plan.residency[r - 1]));
      }
      entryDate = d;
      if (present === entryRank) presentGradeDate = entryDate;
      const ageAtEntry = rng.chance(0.04) ? rng.int(entryPlan.age[1], 35) : rng.int(entryPlan.age[0], entryPlan.age[1]);
      dob = addDays(addYears(entryDate, -ageAtEntry), -rng.int(0, 364));
      const a = completedYears(dob, entryDate);
      if (a >= 18 && a <= 35 && superannuationDate(dob) > addDays(asOn, 30) && entryDate >= '1985-01-01') break;
    }

    const gender: EmployeeRow['gender'] = rng.chance(0.002) ? 'T' : rng.chance(cadre === 'CSSS' ? 0.4 : 0.3) ? 'F' : 'M';
    const female = gender === 'F' || (gender === 'T' && rng.chance(0.5));
    const first: NamePair = rng.pick(female ? FEMALE : MALE);
    const sur: NamePair = rng.pick(SURNAMES);
    const code = `${cadre}${String(i + 1).padStart(6, '0')}`;
    const loginId = `emp${code.toLowerCase()}`;
    const nowAge = completedYears(dob, asOn);
    const pUnmarried = nowAge < 26 ? 0.7 : nowAge < 32 ? 0.3 : 0.07;
    let marital: EmployeeRow['marital_status'] = 'MARRIED';
    if (rng.chance(pUnmarried)) marital = 'UNMARRIED';
    else if (rng.chance(0.06)) marital = rng.chance(nowAge > 45 ? 0.6 : 0.4) ? 'WIDOWED' : 'DIVORCED';

    // postings: present Ministry by establishment size, earlier ones alternating between the groups
    const ministry = anyMinistry();
    const joinBack = rng.chance(0.1) ? rng.int(9 * 365, 14 * 365) : rng.int(0, 9 * 365);
    const joinDate = maxDate(entryDate, addDays(asOn, -joinBack));
    const postings: Array<{ ministry: MinistryData; from: CalendarDate; to: CalendarDate | null }> = [{ ministry, from: joinDate, to: null }];
    let end = joinDate;
    let cur = ministry;
    while (end > entryDate) {
      const start = maxDate(entryDate, addDays(end, -rng.int(3 * 365, 9 * 365)));
      const m = rng.chance(0.75) ? ministryOfGroup[cur.rotationGroup === 'A' ? 'B' : 'A']() : anyMinistry();
      postings.unshift({ ministry: m, from: start, to: addDays(end, -1) });
      end = start;
      cur = m;
    }
    const ministryOn = (d: CalendarDate) => {
      for (let k = postings.length - 1; k >= 0; k--) if (postings[k].from <= d) return postings[k].ministry.id;
      return postings[0].ministry.id;
    };

    const career = simulateCareer(grades, entryRank, entryDate, promotions, asOn, { mode: entryPlan.mode, exam: entryPlan.exam, examYear: yearOf(entryDate) - 1 });
    const events: ServiceEventRow[] = career.events.map((e) => ({ ...e, employee_id: id, ministry_id: ministryOn(e.effective_date) }));
    for (const p of postings) {
      events.push({ employee_id: id, kind: 'POSTING', effective_date: p.from, end_date: p.to, grade: null, from_level: null, to_level: null, ministry_id: p.ministry.id, details: { group: p.ministry.rotationGroup } });
    }
    events.sort((a, b) => (a.effective_date < b.effective_date ? -1 : a.effective_date > b.effective_date ? 1 : 0));

    const grade = grades[career.rank - 1];
    const stayYears = completedYears(career.rankDate, asOn);
    const nextRes = plan.residency[career.rank - 1];
    const selectListYear = nextRes && stayYears >= nextRes[0] && rng.chance(0.15) ? yearOf(asOn) - rng.int(0, 1) : null;
    const probationEnd = daysBetween(entryDate, asOn) < 3 * 365 ? addYears(entryDate, 2) : null;

    const children: ChildRow[] = [];
    if (marital !== 'UNMARRIED') {
      const count = rng.weighted([0, 1, 2, 3], [0.15, 0.35, 0.4, 0.1]);
      let birth = addDays(addYears(dob, rng.int(24, 34)), rng.int(0, 364));
      for (let k = 0; k < count && birth <= asOn; k++) {
        const girl = rng.chance(0.48);
        const cf = rng.pick(girl ? FEMALE : MALE);
        const disability = rng.chance(0.025) ? rng.int(40, 100) : rng.chance(0.01) ? rng.int(20, 39) : 0;
        children.push({ employee_id: id, name: `${cf[0]} ${sur[0]}`, date_of_birth: birth, disability_percent: disability });
        birth = addDays(birth, rng.int(2 * 365, 6 * 365));
      }
    }

    const vigilance: VigilanceEventRow[] = [];
    if (rng.chance(0.02)) {
      const kind = rng.weighted(VIGILANCE_KINDS, VIGILANCE_WEIGHTS);
      const date = randomDate(rng, maxDate(entryDate, addYears(asOn, -6)), addDays(asOn, -7));
      const ref = `C-${rng.int(11000, 15999)}/${rng.int(1, 99)}/${yearOf(date)}-Vig`;
      const details: Record<string, unknown> =
        kind === 'COMPLAINT'
          ? { source: rng.pick(['CVC', 'PUBLIC', 'ANONYMOUS']), status: rng.pick(['UNDER_EXAMINATION', 'CLOSED']), en: 'Complaint received', hi: 'शिकायत प्राप्त' }
          : kind === 'PENALTY_MINOR'
            ? { penalty: rng.pick(['CENSURE', 'WITHHOLDING_OF_INCREMENT']), rule: 'CCS (CCA) Rules 1965, rule 11', currencyFrom: date, currencyTo: addYears(date, 1), en: 'Minor penalty imposed', hi: 'लघु शास्ति अधिरोपित' }
            : kind === 'CHARGE_SHEET'
              ? { rule: rng.chance(0.5) ? 'CCS (CCA) Rules 1965, rule 14' : 'CCS (CCA) Rules 1965, rule 16', major: rng.chance(0.5), status: 'PENDING', en: 'Charge-sheet issued', hi: 'आरोप-पत्र जारी' }
              : kind === 'AGREED_LIST'
                ? { reviewDue: addYears(date, 1), en: 'Placed on the Agreed List', hi: 'सहमत सूची में रखा गया' }
                : { status: rng.chance(0.5) ? 'IN_FORCE' : 'REVOKED', rule: 'CCS (CCA) Rules 1965, rule 10', en: 'Placed under suspension', hi: 'निलंबित' };
      vigilance.push({ employee_id: id, kind, event_date: date, order_ref: ref, details });
    }

    const email = `${slug(first[0])}.${slug(sur[0])}.${code.toLowerCase()}@cscms.example`;
    const emp: EmployeeRow = {
      id,
      employee_code: code,
      login_id: loginId,
      email,
      name_en: `${first[0]} ${sur[0]}`,
      name_hi: `${first[1]} ${sur[1]}`,
      date_of_birth: dob,
      gender,
      marital_status: marital,
      mobile: `9${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      cadre,
      grade: grade.code,
      pay_level: career.level,
      entry_grade: grades[entryRank - 1].code,
      entry_date: entryDate,
      present_grade_date: career.rankDate,
      ministry_id: ministry.id,
      ministry_join_date: joinDate,
      select_list_year: selectListYear,
      probation_end: probationEnd,
      superannuation_date: superannuationDate(dob),
    };
    const user: UserRow = { id: rng.uuid(), login_id: loginId, email, display_name: emp.name_en, employee_id: id, preferred_lang: rng.chance(0.15) ? 'hi' : 'en', persona: null };
    return { employee: emp, events, children, vigilance, user, grants: [{ user_id: user.id, role: 'EMPLOYEE', ministry_id: null, organisation_id: null, cadres: null }] };
  }
}

