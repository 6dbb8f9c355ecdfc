// MACP engine (rules.md §2): financial upgradations granted, due and prospective from a service history.
// Pure: the "as on" date is an input. Every step carries reasons citing the order and paragraph.
//
// Readings taken where the orders leave room (each is stated in the step's reasons):
// - ACP/MACP upgradations recorded in the history are facts: computed dues start after the last recorded one
//   (a recorded grant later than the computed due says so, or shifts later ones when a deferment covers it).
// - An upgradation that fell due under ACP but is pushed to 01.09.2008 or later (probation, deferment, refusal)
//   is taken under MACP (immediately next level).
// - A refused promotion bars upgradations falling due after it until the employee agrees to be considered
//   again (`agreedOn`); a later regular promotion ends the bar.
// - Pay is projected from a known pay (anchor) with one increment a year on 1 January or 1 July (Rule 10);
//   the Rule 13 option of fixation from the date of next increment is not modelled.
// - The non-functional Level 10 of SO/PS after 4 years in the grade (6th CPC, not before 01.01.2006) is neither a
//   promotion nor a financial upgradation: it does not count toward the three, but the level held changes (pay
//   fixed as on promotion), later upgradations go to the level after it, and — policy switch
//   MACP_NFSG_RESTARTS_LEVEL_CLOCK, default on — the 10-years-in-the-same-level clock restarts at it.
// - A known pay (anchor) is checked against the level actually held on its date (recorded promotions, upgradations
//   and non-functional grade), not a level reached by upgradations due but not granted; after such an anchor the pay
//   of later steps is not projected (it depends on the fixation of the pending upgradation) and the reasons say so.
//   An anchor in the level the schedule reaches is still taken (a grant missing from the record, shown by the pay).
import { levelIndex, PAY_LEVELS, type PayLevel } from '../cadre/cadres.ts';
import { cellOf, fixPayOnPromotion, formatRupees, isPayLevel, PAY_MATRIX, type PayFixation } from '../cadre/pay-matrix.ts';
import { type EffectiveDated, inForce, type PolicySwitch, type Reason } from '../rules/citation.ts';
import { addDays, addYears, type CalendarDate, daysBetween, formatOrderDate, isCalendarDate, maxDate, minDate } from '../rules/dates.ts';
import {
  ACP_OM,
  CAREER_SCHEMES,
  cite,
  MACP_BENCHMARK,
  MACP_CLARIFICATIONS_2010,
  MACP_NFSG_RESTARTS_LEVEL_CLOCK,
  MACP_OM,
  NFSG_RP_RULES_2008,
  type SchemeParams,
} from './citations.ts';
import { HistoryError } from './errors.ts';

export interface EntryGrade {
  /** date of joining the entry grade on a regular basis (clarification 4) */
  date: CalendarDate;
  level: PayLevel;
  grade?: string;
}

/** Service before the entry grade: counts only if regular (or deputation before absorption) in the same level, without a break. */
export interface EarlierService {
  from: CalendarDate;
  to: CalendarDate;
  level: PayLevel;
  kind: 'REGULAR' | 'DEPUTATION' | 'ADHOC' | 'CONTRACT';
  note?: string;
}

export interface Promotion {
  date: CalendarDate;
  level: PayLevel;
  grade?: string;
}

/**
 * The non-functional grade of SO (CSS) / PS (CSSS): Level 10 after 4 years in the grade (6th CPC; not before
 * 01.01.2006). Not a promotion, not a financial upgradation: it does not count toward the three, but the level changes.
 */
export interface NonFunctionalUpgrade {
  /** date from which the non-functional level is held */
  date: CalendarDate;
  level: PayLevel;
  grade?: string;
}

export interface GrantedUpgradation {
  scheme: 'ACP' | 'MACP';
  /** date from which it was granted */
  date: CalendarDate;
  level: PayLevel;
}

/** An upgradation withheld for [from, to] (found unfit, departmental proceedings…); `to` absent: still withheld. */
export interface Deferment {
  from: CalendarDate;
  to?: CalendarDate;
  cause: 'UNFIT' | 'PROCEEDINGS' | 'OTHER';
  note?: string;
}

/** A regular promotion offered and refused; `agreedOn`: the date the employee agreed to be considered again. */
export interface Refusal {
  date: CalendarDate;
  level?: PayLevel;
  agreedOn?: CalendarDate;
}

/** A known basic pay (a cell of `level`) on a date, from which pay is projected. */
export interface PayAnchor {
  on: CalendarDate;
  level: PayLevel;
  amount: number;
  /** month of the annual increment (Rule 10: 1 January or 1 July); default 7 */
  incrementMonth?: 1 | 7;
}

export interface ServiceHistory {
  entry: EntryGrade;
  earlierService?: readonly EarlierService[];
  /** date of satisfactory completion of probation in the entry post */
  probationEnd?: CalendarDate;
  promotions?: readonly Promotion[];
  granted?: readonly GrantedUpgradation[];
  /** non-functional level changes (SO/PS Level 10 after 4 years): not counted toward the three */
  nonFunctionalUpgrades?: readonly NonFunctionalUpgrade[];
  deferments?: readonly Deferment[];
  refusals?: readonly Refusal[];
  /** member of an Organised Group 'A' Service: no MACP (clarification 2) */
  organisedGroupA?: boolean;
  /** levels of the promotional hierarchy, used for upgradations under the old ACP scheme */
  promotionalHierarchy?: readonly PayLevel[];
  pay?: PayAnchor;
}

export type StepKind = 'PROMOTION' | 'ACP' | 'MACP';
/** GRANTED: in the history; DUE: fell due on or before the as-on date, not yet recorded; PROSPECTIVE: later;
 *  BLOCKED: would fall due but is barred (refused promotion); DEFERRED: withheld by a deferment still running. */
export type StepStatus = 'GRANTED' | 'DUE' | 'PROSPECTIVE' | 'BLOCKED' | 'DEFERRED';

export interface CareerStep {
  kind: StepKind;
  /** which of the three financial upgradations (promotions included) this is; absent if it does not count */
  number?: number;
  status: StepStatus;
  /** date the years of service are completed (after deferment shifts) */
  completionDate: CalendarDate;
  /** date from which it takes effect */
  date: CalendarDate;
  fromLevel: PayLevel;
  toLevel: PayLevel;
  pay?: PayFixation;
  reasons: Reason[];
}

/** A non-functional level change as the engine applied it (not a step: it is neither promotion nor upgradation). */
export interface NonFunctionalChange {
  date: CalendarDate;
  fromLevel: PayLevel;
  toLevel: PayLevel;
  /** false: it did not raise the level held (already at or above it) and changed nothing */
  applied: boolean;
  pay?: PayFixation;
  reasons: Reason[];
}

export interface MacpSchedule {
  asOn: CalendarDate;
  eligible: boolean;
  /** start of counted regular service */
  serviceStart: CalendarDate;
  /** every step in date order: promotions (counted or ignored) and financial upgradations */
  steps: CareerStep[];
  /** the ACP/MACP upgradations only */
  upgradations: CareerStep[];
  /** upgradations due and not yet granted as on the date */
  due: CareerStep[];
  /** the next prospective upgradation, if any */
  next?: CareerStep;
  /** upgradations (promotions included) counted up to the as-on date */
  countedAsOn: number;
  /** the non-functional level changes of the history, in date order */
  nonFunctional: NonFunctionalChange[];
  /** policy switches that bore on the schedule (the NFSG clock reading, when the history has a non-functional grade) */
  switches: PolicySwitch<boolean>[];
  reasons: Reason[];
}

export interface MacpOptions {
  schemes?: readonly EffectiveDated<SchemeParams>[];
  /** policy switch MACP_NFSG_RESTARTS_LEVEL_CLOCK (default true) */
  nonFunctionalRestartsLevelClock?: boolean;
}

const MACP_START: CalendarDate = '2008-09-01';
/** the 6th CPC non-functional grade of SO/PS: not before 01.01.2006 */
const NFSG_START: CalendarDate = '2006-01-01';
const d = formatOrderDate;

function r(code: string, en: string, hi: string, citation: Reason['citation']): Reason {
  return { code, en, hi, citation };
}

function checkDate(v: unknown, item: string): void {
  if (!isCalendarDate(v)) throw new HistoryError('INVALID_DATE', item, `not a calendar date: ${String(v)}`);
}
function checkLevel(v: unknown, item: string): void {
  if (typeof v !== 'string' || !isPayLevel(v)) throw new HistoryError('UNKNOWN_LEVEL', item, `unknown pay level ${String(v)}`);
}

interface Ev {
  /** P: promotion; N: non-functional level; G: granted ACP/MACP */
  kind: 'P' | 'N' | 'G';
  date: CalendarDate;
  level: PayLevel;
  scheme?: 'ACP' | 'MACP';
  item: string;
}

function validate(h: ServiceHistory, asOn: CalendarDate): void {
  checkDate(asOn, 'asOn');
  if (!h?.entry) throw new HistoryError('INVALID_DATE', 'entry', 'no entry grade');
  checkDate(h.entry.date, 'entry');
  checkLevel(h.entry.level, 'entry');
  const entry = h.entry.date;
  if (entry > asOn) throw new HistoryError('AFTER_AS_ON', 'entry', `entry ${entry} is after the as-on date ${asOn}`);
  (h.earlierService ?? []).forEach((s, i) => {
    const item = `earlierService[${i}]`;
    checkDate(s.from, item);
    checkDate(s.to, item);
    checkLevel(s.level, item);
    if (s.to < s.from) throw new HistoryError('INVALID_PERIOD', item, `ends ${s.to} before it starts ${s.from}`);
    if (s.to >= entry) throw new HistoryError('INVALID_PERIOD', item, `runs into the entry grade (${entry})`);
  });
  if (h.probationEnd !== undefined) {
    checkDate(h.probationEnd, 'probationEnd');
    if (h.probationEnd < entry) throw new HistoryError('BEFORE_ENTRY', 'probationEnd', `probation ends ${h.probationEnd} before entry ${entry}`);
  }
  (h.promotions ?? []).forEach((p, i) => {
    const item = `promotions[${i}]`;
    checkDate(p.date, item);
    checkLevel(p.level, item);
    if (p.date < entry) throw new HistoryError('BEFORE_ENTRY', item, `promotion ${p.date} before entry ${entry}`);
    if (p.date > asOn) throw new HistoryError('AFTER_AS_ON', item, `promotion ${p.date} after the as-on date ${asOn}`);
  });
  (h.granted ?? []).forEach((g, i) => {
    const item = `granted[${i}]`;
    checkDate(g.date, item);
    checkLevel(g.level, item);
    if (g.date < entry) throw new HistoryError('BEFORE_ENTRY', item, `upgradation ${g.date} before entry ${entry}`);
    if (g.date > asOn) throw new HistoryError('AFTER_AS_ON', item, `upgradation ${g.date} after the as-on date ${asOn}`);
    if (g.scheme === 'MACP' && g.date < MACP_START) throw new HistoryError('SCHEME_DATE', item, `MACP cannot take effect before 01.09.2008 (${g.date})`);
    if (g.scheme === 'ACP' && g.date >= MACP_START) throw new HistoryError('SCHEME_DATE', item, `ACP cannot take effect from 01.09.2008 (${g.date})`);
    if (g.scheme !== 'ACP' && g.scheme !== 'MACP') throw new HistoryError('SCHEME_DATE', item, `unknown scheme ${String(g.scheme)}`);
  });
  (h.nonFunctionalUpgrades ?? []).forEach((n, i) => {
    const item = `nonFunctionalUpgrades[${i}]`;
    checkDate(n.date, item);
    checkLevel(n.level, item);
    if (n.date < entry) throw new HistoryError('BEFORE_ENTRY', item, `non-functional level ${n.date} before entry ${entry}`);
    if (n.date > asOn) throw new HistoryError('AFTER_AS_ON', item, `non-functional level ${n.date} after the as-on date ${asOn}`);
    if (n.date < NFSG_START) throw new HistoryError('NON_FUNCTIONAL_DATE', item, `the non-functional grade (6th CPC) cannot take effect before 01.01.2006 (${n.date})`);
  });
  const defs = (h.deferments ?? []).map((x, i) => ({ x, i }));
  for (const { x, i } of defs) {
    const item = `deferments[${i}]`;
    checkDate(x.from, item);
    if (x.to !== undefined) checkDate(x.to, item);
    if (x.to !== undefined && x.to < x.from) throw new HistoryError('INVALID_PERIOD', item, `ends ${x.to} before it starts ${x.from}`);
    if (x.from < entry) throw new HistoryError('BEFORE_ENTRY', item, `deferment ${x.from} before entry ${entry}`);
    if (x.from > asOn || (x.to !== undefined && x.to > asOn)) throw new HistoryError('AFTER_AS_ON', item, `deferment runs after the as-on date ${asOn}`);
  }
  defs.sort((a, b) => (a.x.from < b.x.from ? -1 : a.x.from > b.x.from ? 1 : a.i - b.i));
  for (let k = 1; k < defs.length; k++) {
    const prev = defs[k - 1].x;
    if (prev.to === undefined || defs[k].x.from <= prev.to) {
      throw new HistoryError('OVERLAPPING_DEFERMENTS', `deferments[${defs[k].i}]`, `overlaps deferments[${defs[k - 1].i}]`);
    }
  }
  (h.refusals ?? []).forEach((x, i) => {
    const item = `refusals[${i}]`;
    checkDate(x.date, item);
    if (x.level !== undefined) checkLevel(x.level, item);
    if (x.date < entry) throw new HistoryError('BEFORE_ENTRY', item, `refusal ${x.date} before entry ${entry}`);
    if (x.date > asOn) throw new HistoryError('AFTER_AS_ON', item, `refusal ${x.date} after the as-on date ${asOn}`);
    if (x.agreedOn !== undefined) {
      checkDate(x.agreedOn, item);
      if (x.agreedOn < x.date) throw new HistoryError('INVALID_PERIOD', item, `agreed ${x.agreedOn} before refusing ${x.date}`);
      if (x.agreedOn > asOn) throw new HistoryError('AFTER_AS_ON', item, `agreed ${x.agreedOn} after the as-on date ${asOn}`);
    }
  });
  (h.promotionalHierarchy ?? []).forEach((l, i) => {
    checkLevel(l, `promotionalHierarchy[${i}]`);
  });
  if (h.pay) {
    checkDate(h.pay.on, 'pay');
    checkLevel(h.pay.level, 'pay');
    if (h.pay.on > asOn) throw new HistoryError('AFTER_AS_ON', 'pay', `pay date ${h.pay.on} after the as-on date ${asOn}`);
    if (h.pay.on < entry) throw new HistoryError('BEFORE_ENTRY', 'pay', `pay date ${h.pay.on} before entry ${entry}`);
    if (cellOf(h.pay.level, h.pay.amount) === undefined) throw new HistoryError('PAY_NOT_A_CELL', 'pay', `₹${h.pay.amount} is not a cell of Level ${h.pay.level}`);
  }
}

/** Pay tracked along the career from a known anchor: annual increments (Rule 10) and Rule 13 fixation. */
class PayTrack {
  private readonly anchor: PayAnchor | undefined;
  private readonly heldLevelAt: (date: CalendarDate) => PayLevel;
  private started = false;
  /** the anchor is in the level held, below the schedule's level (upgradations due, not granted): no projection */
  behind: { on: CalendarDate; held: PayLevel; schedule: PayLevel } | undefined;
  level: PayLevel = '';
  amount = 0;
  private nextInc: CalendarDate = '';
  private month: 1 | 7 = 7;
  constructor(anchor: PayAnchor | undefined, heldLevelAt: (date: CalendarDate) => PayLevel) {
    this.anchor = anchor;
    this.heldLevelAt = heldLevelAt;
  }
  private firstAfter(date: CalendarDate, month: 1 | 7): CalendarDate {
    const y = +date.slice(0, 4);
    const mm = month === 1 ? '01' : '07';
    const same = `${y}-${mm}-01`;
    return same > date ? same : `${y + 1}-${mm}-01`;
  }
  /** Bring pay up to `date` (increments falling on or before it), starting at the anchor; false before the anchor. */
  private advance(date: CalendarDate, levelNow: PayLevel): boolean {
    const a = this.anchor;
    if (!a) return false;
    if (!this.started) {
      if (a.on > date) return false;
      if (a.level !== levelNow) {
        // The level actually held on the date (recorded events only), not one reached by upgradations due and not granted.
        const held = this.heldLevelAt(a.on);
        if (a.level !== held) {
          throw new HistoryError('PAY_LEVEL_MISMATCH', 'pay', `pay is in Level ${a.level} but the level held on ${a.on} is ${held}${held !== levelNow ? ` (${levelNow} with the upgradations due)` : ''}`);
        }
        this.behind = { on: a.on, held, schedule: levelNow };
      }
      this.started = true;
      this.level = a.level;
      this.amount = a.amount;
      this.month = a.incrementMonth ?? 7;
      this.nextInc = this.firstAfter(a.on, this.month);
    }
    if (this.nextInc <= date) {
      // one increment (the next cell) on each 1 January / 1 July anniversary up to `date`; none beyond the last cell
      const y0 = +this.nextInc.slice(0, 4);
      const k = +date.slice(0, 4) - y0 + (date.slice(4) >= this.nextInc.slice(4) ? 1 : 0);
      const row = PAY_MATRIX[this.level];
      const idx = Math.min(row.indexOf(this.amount) + k, row.length - 1);
      this.amount = row[idx];
      this.nextInc = `${y0 + k}${this.nextInc.slice(4)}`;
    }
    if (this.nextInc <= date) this.nextInc = this.firstAfter(date, this.month);
    return true;
  }
  fix(date: CalendarDate, fromLevel: PayLevel, toLevel: PayLevel): PayFixation | undefined {
    const a = this.anchor;
    if (a && !this.started && a.on === date && a.level === toLevel && a.level !== fromLevel) {
      // the known pay is the pay fixed on this very step: take it as given
      this.advance(date, toLevel);
      return undefined;
    }
    if (!this.advance(date, fromLevel)) return undefined;
    // Pay below the schedule's level (an upgradation due, not granted): the fixation depends on that grant.
    if (this.behind) return undefined;
    if (levelIndex(toLevel) <= levelIndex(this.level)) return undefined;
    const f = fixPayOnPromotion(this.level, this.amount, toLevel);
    this.level = toLevel;
    this.amount = f.toPay;
    // Rule 10: promoted/upgraded 2 Jan–1 Jul → increment on 1 January; 2 Jul–1 Jan → 1 July.
    const md = date.slice(5);
    this.month = md >= '01-02' && md <= '07-01' ? 1 : 7;
    this.nextInc = this.firstAfter(date, this.month);
    return f;
  }
}

function nextLevelOf(level: PayLevel): PayLevel | undefined {
  return PAY_LEVELS[levelIndex(level) + 1];
}

interface Candidate {
  kind: 'ACP' | 'MACP';
  number: number;
  completion: CalendarDate;
  date: CalendarDate;
  toLevel: PayLevel;
  status: StepStatus;
  shiftAdded: number;
  /** the date before any deferment moved it */
  undeferred: CalendarDate;
  reasons: Reason[];
}

/**
 * The MACP schedule of a service history as on a date: upgradations granted (from the history), due
 * (fallen due, not recorded), blocked or deferred, and the prospective ones assuming no further promotion.
 * Throws HistoryError for an impossible history.
 */
export function macpSchedule(history: ServiceHistory, asOn: CalendarDate, options: MacpOptions = {}): MacpSchedule {
  validate(history, asOn);
  const schemes = [...(options.schemes ?? CAREER_SCHEMES)].sort((a, b) => (a.from < b.from ? -1 : 1));
  const entry = history.entry;
  const reasons: Reason[] = [];

  // Start of counted regular service: earlier regular/deputation service in the same level without a break.
  let serviceStart = entry.date;
  let earlierCounts = false;
  const earlier = [...(history.earlierService ?? [])].sort((a, b) => (a.from < b.from ? 1 : -1));
  for (const s of earlier) {
    const contiguous = addDays(s.to, 1) === serviceStart;
    const countable = (s.kind === 'REGULAR' || s.kind === 'DEPUTATION') && s.level === entry.level;
    if (contiguous && countable) {
      serviceStart = s.from;
      earlierCounts = true;
      reasons.push(
        r(
          'MACP_EARLIER_SERVICE_COUNTS',
          `${s.kind === 'DEPUTATION' ? 'Deputation' : 'Earlier regular'} service in Level ${s.level} from ${d(s.from)} to ${d(s.to)}, without a break, counts as regular service.`,
          `लेवल ${s.level} में ${d(s.from)} से ${d(s.to)} तक की ${s.kind === 'DEPUTATION' ? 'प्रतिनियुक्ति' : 'पूर्व नियमित'} सेवा, बिना व्यवधान, नियमित सेवा में गिनी जाती है।`,
          s.kind === 'DEPUTATION' ? cite(MACP_CLARIFICATIONS_2010, 'clarification 5') : cite(MACP_OM, 'Annexure-I para 9'),
        ),
      );
    } else {
      const why = !contiguous ? 'there is a break before the next service' : s.kind === 'ADHOC' || s.kind === 'CONTRACT' ? 'ad-hoc or contract service does not count' : `it was in Level ${s.level}, not Level ${entry.level}`;
      const whyHi = !contiguous ? 'अगली सेवा से पहले व्यवधान है' : s.kind === 'ADHOC' || s.kind === 'CONTRACT' ? 'तदर्थ या संविदा सेवा नहीं गिनी जाती' : `यह लेवल ${s.level} में थी, लेवल ${entry.level} में नहीं`;
      reasons.push(
        r(
          'MACP_EARLIER_SERVICE_NOT_COUNTED',
          `Service from ${d(s.from)} to ${d(s.to)} does not count: ${why}.`,
          `${d(s.from)} से ${d(s.to)} तक की सेवा नहीं गिनी जाती: ${whyHi}।`,
          cite(MACP_CLARIFICATIONS_2010, 'clarification 4'),
        ),
      );
    }
  }
  reasons.push(
    r(
      'MACP_SERVICE_START',
      `Regular service counts from ${d(serviceStart)} (joining the entry grade, Level ${entry.level}, on a regular basis${earlierCounts ? ', with earlier service' : ''}).`,
      `नियमित सेवा ${d(serviceStart)} से गिनी जाती है (प्रवेश ग्रेड, लेवल ${entry.level}, में नियमित आधार पर कार्यग्रहण${earlierCounts ? ', पूर्व सेवा सहित' : ''})।`,
      cite(MACP_CLARIFICATIONS_2010, 'clarification 4'),
    ),
  );

  const eligible = !history.organisedGroupA;
  if (!eligible) {
    reasons.push(
      r(
        'MACP_NOT_ORGANISED_GROUP_A',
        "MACP does not apply to officers of an Organised Group 'A' Service.",
        "संगठित समूह 'क' सेवा के अधिकारियों पर एमएसीपी लागू नहीं है।",
        cite(MACP_CLARIFICATIONS_2010, 'clarification 2'),
      ),
    );
  }

  // Same date: promotion, then the non-functional level, then a granted upgradation.
  const EV_ORDER = { P: 0, N: 1, G: 2 } as const;
  const events: Ev[] = [
    ...(history.promotions ?? []).map((p, i): Ev => ({ kind: 'P', date: p.date, level: p.level, item: `promotions[${i}]` })),
    ...(history.nonFunctionalUpgrades ?? []).map((n, i): Ev => ({ kind: 'N', date: n.date, level: n.level, item: `nonFunctionalUpgrades[${i}]` })),
    ...(history.granted ?? []).map((g, i): Ev => ({ kind: 'G', date: g.date, level: g.level, scheme: g.scheme, item: `granted[${i}]` })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : EV_ORDER[a.kind] - EV_ORDER[b.kind]));
  let lastGrantedIdx = -1;
  for (let i = 0; i < events.length; i++) if (events[i].kind === 'G') lastGrantedIdx = i;

  const deferments = [...(history.deferments ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1));
  const refusals = [...(history.refusals ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1));
  const hierarchy = history.promotionalHierarchy ?? [];
  /** The level actually held on a date: the entry level raised by the recorded events on or before it (nothing computed). */
  const heldLevelAt = (on: CalendarDate): PayLevel => {
    let held = entry.level;
    for (const ev of events) {
      if (ev.date > on) break;
      if (levelIndex(ev.level) > levelIndex(held)) held = ev.level;
    }
    return held;
  };
  const pay = new PayTrack(history.pay, heldLevelAt);
  const restartClock = options.nonFunctionalRestartsLevelClock ?? MACP_NFSG_RESTARTS_LEVEL_CLOCK.default;
  const nonFunctional: NonFunctionalChange[] = [];

  let level = entry.level;
  let levelSince = serviceStart;
  let count = 0;
  let shift = 0;
  let lastPromotion: CalendarDate = '0000-01-01';
  let stopped = false;
  let topNoted = false;
  const milestoneCache = new Map<number, CalendarDate>();
  let inLevelKey = '';
  let inLevelValue: CalendarDate = '';
  /** `years` after the date the present level was reached (memoised: the candidate is asked for often). */
  const yearsAfterLevelSince = (years: number): CalendarDate => {
    const key = `${levelSince}|${years}`;
    if (key !== inLevelKey) {
      inLevelKey = key;
      inLevelValue = addYears(levelSince, years);
    }
    return inLevelValue;
  };
  const steps: CareerStep[] = [];

  /** The next upgradation by the rules from the current state; reasons only when `withReasons` (they cost most of the time). */
  const candidate = (withReasons: boolean): Candidate | undefined => {
    if (!eligible || stopped) return undefined;
    const number = count + 1;
    for (let s = 0; s < schemes.length; s++) {
      const row = schemes[s];
      const p = row.value;
      if (count >= p.max || number > p.milestones.length) continue;
      const until = schemes[s + 1]?.from;
      const years = p.milestones[number - 1];
      // Cheap test first: a milestone falling in a later calendar year than the next scheme's start cannot belong to this scheme
      // (a deferment only moves it later; the years-in-level clock is at least as late for the ACP rows that lack it).
      if (until !== undefined && !p.yearsInLevel && +serviceStart.slice(0, 4) + years > +until.slice(0, 4)) continue;
      let base = milestoneCache.get(years);
      if (base === undefined) milestoneCache.set(years, (base = addYears(serviceStart, years)));
      const byService = shift ? addDays(base, shift) : base;
      const completion = p.yearsInLevel ? minDate(byService, yearsAfterLevelSince(p.yearsInLevel)) : byService;
      if (until !== undefined && completion >= until) continue;
      const cr: Reason[] = [];
      const kind = p.scheme;
      if (kind === 'ACP') {
        if (withReasons) cr.push(
          r(
            'ACP_DUE',
            `Upgradation ${number} fell due on ${d(completion)} on completing ${p.milestones[number - 1]} years, before 01.09.2008: it is given under the ACP Scheme and counts towards the three.`,
            `उन्नयन ${number} ${p.milestones[number - 1]} वर्ष पूरे होने पर ${d(completion)} को देय हुआ, 01.09.2008 से पहले: यह एसीपी योजना के अंतर्गत दिया जाता है और तीन में गिना जाता है।`,
            cite(MACP_CLARIFICATIONS_2010, 'clarification 3'),
          ),
        );
      } else {
        const byLevel = p.yearsInLevel ? yearsAfterLevelSince(p.yearsInLevel) : undefined;
        const inLevel = byLevel !== undefined && byLevel < byService;
        if (withReasons) cr.push(
          inLevel
            ? r(
                'MACP_TEN_YEARS_IN_LEVEL',
                `Upgradation ${number}: 10 years continuously in Level ${level} (since ${d(levelSince)}) completed on ${d(completion)}, earlier than ${p.milestones[number - 1]} years of service (${d(byService)}).`,
                `उन्नयन ${number}: लेवल ${level} में लगातार 10 वर्ष (${d(levelSince)} से) ${d(completion)} को पूरे, ${p.milestones[number - 1]} वर्ष की सेवा (${d(byService)}) से पहले।`,
                cite(MACP_OM, 'Annexure-I para 1'),
              )
            : r(
                'MACP_YEARS_OF_SERVICE',
                `Upgradation ${number}: ${p.milestones[number - 1]} years of continuous regular service completed on ${d(completion)}${shift ? ` (shifted ${shift} days by earlier deferment)` : ''}.`,
                `उन्नयन ${number}: ${p.milestones[number - 1]} वर्ष की निरंतर नियमित सेवा ${d(completion)} को पूरी${shift ? ` (पूर्व आस्थगन के कारण ${shift} दिन आगे)` : ''}।`,
                cite(MACP_OM, 'Annexure-I para 1'),
              ),
        );
      }
      let date = maxDate(completion, row.from);
      if (date !== completion) {
        if (withReasons) cr.push(
          kind === 'MACP'
            ? r(
                'MACP_FROM_01_09_2008',
                `MACP takes effect from 01.09.2008, the later of that date and ${d(completion)}.`,
                `एमएसीपी 01.09.2008 से प्रभावी, उस तिथि और ${d(completion)} में से जो बाद में हो।`,
                cite(MACP_CLARIFICATIONS_2010, 'clarification 3'),
              )
            : r(
                'ACP_FROM_09_08_1999',
                `The ACP Scheme came into force on ${d(row.from)}; the upgradation takes effect from then.`,
                `एसीपी योजना ${d(row.from)} को लागू हुई; उन्नयन तब से प्रभावी।`,
                row.citation,
              ),
        );
      }
      // Target level.
      let toLevel: PayLevel | undefined;
      if (p.target === 'HIERARCHY') {
        toLevel = hierarchy.find((l) => levelIndex(l) > levelIndex(level));
        if (toLevel) {
          if (withReasons) cr.push(
            r(
              'ACP_NEXT_IN_HIERARCHY',
              `Under ACP the upgradation is to the next grade in the promotional hierarchy: Level ${level} → Level ${toLevel}.`,
              `एसीपी में उन्नयन पदोन्नति पदानुक्रम के अगले ग्रेड में: लेवल ${level} → लेवल ${toLevel}।`,
              cite(ACP_OM, 'Annexure-I'),
            ),
          );
        }
      }
      if (!toLevel) {
        toLevel = nextLevelOf(level);
        if (toLevel) {
          if (withReasons) cr.push(
            r(
              'MACP_NEXT_LEVEL',
              `To the immediately next level of the pay matrix: Level ${level} → Level ${toLevel} (not the level of the next promotion post).`,
              `वेतन मैट्रिक्स के ठीक अगले लेवल में: लेवल ${level} → लेवल ${toLevel} (अगले पदोन्नति पद का लेवल नहीं)।`,
              kind === 'MACP' ? cite(MACP_CLARIFICATIONS_2010, 'clarification 1') : cite(MACP_CLARIFICATIONS_2010, 'clarification 3, illustration (A)'),
            ),
          );
        }
      }
      if (!toLevel) {
        if (!topNoted) reasons.push(r('MACP_TOP_LEVEL', `Level ${level} is the highest level; no upgradation.`, `लेवल ${level} उच्चतम लेवल है; कोई उन्नयन नहीं।`, cite(MACP_CLARIFICATIONS_2010, 'clarification 1')));
        topNoted = true;
        return undefined;
      }
      let status: StepStatus = 'PROSPECTIVE';
      // Probation (earlier service counted): benefit waits for satisfactory completion.
      if (history.probationEnd && history.probationEnd > date) {
        if (withReasons) cr.push(
          r(
            'MACP_AWAITS_PROBATION',
            `The benefit waits for satisfactory completion of probation (${d(history.probationEnd)}).`,
            `लाभ परिवीक्षा के संतोषजनक समापन (${d(history.probationEnd)}) तक प्रतीक्षित है।`,
            cite(MACP_OM, 'Annexure-I para 9'),
          ),
        );
        date = history.probationEnd;
      }
      // Deferments: an upgradation falling due inside a deferment moves past it; the delay shifts later ones.
      let shiftAdded = 0;
      const undeferred = date;
      for (const df of deferments) {
        if (df.from <= date && (df.to === undefined || date <= df.to)) {
          const bench = inForce(MACP_BENCHMARK, date);
          const cause = df.cause === 'UNFIT' ? `found unfit (benchmark ${bench?.value.en ?? '—'})` : df.cause === 'PROCEEDINGS' ? 'departmental proceedings' : (df.note ?? 'deferment');
          const causeHi = df.cause === 'UNFIT' ? `अनुपयुक्त पाए गए (बेंचमार्क ${bench?.value.hi ?? '—'})` : df.cause === 'PROCEEDINGS' ? 'विभागीय कार्यवाही' : (df.note ?? 'आस्थगन');
          if (df.to === undefined) {
            status = 'DEFERRED';
            if (withReasons) cr.push(
              r(
                'MACP_DEFERRED_ONGOING',
                `Withheld from ${d(df.from)}: ${cause}; still deferred.`,
                `${d(df.from)} से रोका गया: ${causeHi}; अभी भी आस्थगित।`,
                cite(MACP_OM, 'Annexure-I para 18'),
              ),
            );
            break;
          }
          const moved = addDays(df.to, 1);
          const delay = daysBetween(date, moved);
          shiftAdded += delay;
          if (withReasons) cr.push(
            r(
              'MACP_DEFERRED',
              `Deferred ${d(df.from)}–${d(df.to)} (${cause}): takes effect from ${d(moved)}; later upgradations move by ${delay} days.`,
              `${d(df.from)}–${d(df.to)} आस्थगित (${causeHi}): ${d(moved)} से प्रभावी; बाद के उन्नयन ${delay} दिन आगे।`,
              cite(MACP_CLARIFICATIONS_2010, 'clarification 7'),
            ),
          );
          date = moved;
        }
      }
      // Refused promotion before the entitlement (and no promotion since): no upgradation until agreed.
      if (status === 'PROSPECTIVE') {
        let refusal: Refusal | undefined;
        for (const rf of refusals) if (rf.date < date && rf.date >= lastPromotion) refusal = rf;
        if (refusal) {
          if (refusal.agreedOn === undefined) {
            status = 'BLOCKED';
            if (withReasons) cr.push(
              r(
                'MACP_PROMOTION_REFUSED',
                `Regular promotion offered and refused on ${d(refusal.date)}, before the entitlement: no upgradation (not stagnated for lack of opportunity) until the employee agrees to be considered for promotion.`,
                `हकदारी से पहले ${d(refusal.date)} को नियमित पदोन्नति का प्रस्ताव अस्वीकार: पदोन्नति हेतु विचार किए जाने की सहमति तक कोई उन्नयन नहीं।`,
                cite(MACP_OM, 'Annexure-I para 25'),
              ),
            );
          } else if (refusal.agreedOn > date) {
            if (withReasons) cr.push(
              r(
                'MACP_AFTER_REFUSAL_AGREED',
                `Promotion refused on ${d(refusal.date)}; the employee agreed to be considered again on ${d(refusal.agreedOn)}: the upgradation takes effect from then.`,
                `${d(refusal.date)} को पदोन्नति अस्वीकार; ${d(refusal.agreedOn)} को पुनः विचार हेतु सहमति: उन्नयन तब से प्रभावी।`,
                cite(MACP_OM, 'Annexure-I para 25'),
              ),
            );
            date = refusal.agreedOn;
          }
        }
      }
      // An ACP-era upgradation pushed to 01.09.2008 or later (probation, deferment, refusal) falls under the next scheme.
      if (until !== undefined && date >= until && status === 'PROSPECTIVE') continue;
      if (status === 'PROSPECTIVE' && date <= asOn) status = 'DUE';
      return { kind, number, completion, date, toLevel, status, shiftAdded, undeferred, reasons: cr };
    }
    return undefined;
  };

  let ei = 0;
  for (;;) {
    const ev = events[ei];
    // While recorded upgradations remain, a promotion is applied as it comes: no candidate is needed.
    // With no event left the candidate will be taken: build its reasons at once.
    const cand = ev && ev.kind !== 'G' && ei <= lastGrantedIdx ? undefined : candidate(!ev);
    if (ev && (ei <= lastGrantedIdx || !cand || ev.date <= cand.date)) {
      ei++;
      const raises = levelIndex(ev.level) > levelIndex(level);
      if (ev.kind === 'N') {
        const nr: Reason[] = [];
        if (!raises) {
          nr.push(
            r(
              'MACP_NON_FUNCTIONAL_NO_CHANGE',
              `Non-functional Level ${ev.level} from ${d(ev.date)}: the level held is already ${level}; nothing changes.`,
              `${d(ev.date)} से अकार्यात्मक लेवल ${ev.level}: धारित लेवल पहले से ${level} है; कोई परिवर्तन नहीं।`,
              NFSG_RP_RULES_2008,
            ),
          );
          nonFunctional.push({ date: ev.date, fromLevel: level, toLevel: level, applied: false, reasons: nr });
          reasons.push(...nr);
          continue;
        }
        const pf = pay.fix(ev.date, level, ev.level);
        nr.push(
          r(
            'MACP_NON_FUNCTIONAL_GRADE',
            `Non-functional Level ${ev.level} from ${d(ev.date)} (Level ${level} → ${ev.level}, after 4 years in the grade): neither a promotion nor a financial upgradation, so it does not count toward the three (${count} so far); the level held is now ${ev.level} and the next upgradation is to the level after it.`,
            `${d(ev.date)} से अकार्यात्मक लेवल ${ev.level} (लेवल ${level} → ${ev.level}, ग्रेड में 4 वर्ष के बाद): न पदोन्नति न वित्तीय उन्नयन, अतः तीन में नहीं गिना जाता (अब तक ${count}); धारित लेवल अब ${ev.level} है और अगला उन्नयन उसके बाद के लेवल में होगा।`,
            cite(MACP_CLARIFICATIONS_2010, 'clarifications 1 and 8'),
          ),
          restartClock
            ? r(
                'MACP_NON_FUNCTIONAL_CLOCK_RESTARTS',
                `The 10 years continuously in the same level are counted in Level ${ev.level} from ${d(ev.date)} (policy switch ${MACP_NFSG_RESTARTS_LEVEL_CLOCK.key} = true: the MACPS counts 10 years in the same grade pay, and from this date the grade pay held is that of Level ${ev.level}).`,
                `एक ही लेवल में लगातार 10 वर्ष ${d(ev.date)} से लेवल ${ev.level} में गिने जाते हैं (नीति विकल्प ${MACP_NFSG_RESTARTS_LEVEL_CLOCK.key} = true: एमएसीपीएस एक ही ग्रेड वेतन में 10 वर्ष गिनता है, और इस तिथि से धारित ग्रेड वेतन लेवल ${ev.level} का है)।`,
                cite(MACP_OM, 'Annexure-I para 1'),
              )
            : r(
                'MACP_NON_FUNCTIONAL_CLOCK_RUNS_ON',
                `The 10 years continuously in the same level run on from ${d(levelSince)}, when the grade was reached (policy switch ${MACP_NFSG_RESTARTS_LEVEL_CLOCK.key} = false).`,
                `एक ही लेवल में लगातार 10 वर्ष ${d(levelSince)} से, जब ग्रेड प्राप्त हुआ, गिने जाते रहते हैं (नीति विकल्प ${MACP_NFSG_RESTARTS_LEVEL_CLOCK.key} = false)।`,
                cite(MACP_OM, 'Annexure-I para 1'),
              ),
        );
        nonFunctional.push({ date: ev.date, fromLevel: level, toLevel: ev.level, applied: true, ...(pf ? { pay: pf } : {}), reasons: nr });
        reasons.push(...nr);
        level = ev.level;
        if (restartClock) levelSince = ev.date;
        continue;
      }
      if (ev.kind === 'P') {
        lastPromotion = ev.date;
        stopped = false;
        if (!raises) {
          steps.push({
            kind: 'PROMOTION',
            status: 'GRANTED',
            completionDate: ev.date,
            date: ev.date,
            fromLevel: level,
            toLevel: level,
            reasons: [
              r(
                'MACP_PROMOTION_SAME_LEVEL_IGNORED',
                `Promotion on ${d(ev.date)} to a grade in Level ${ev.level} does not raise the level (now ${level}): ignored for MACP.`,
                `${d(ev.date)} को लेवल ${ev.level} के ग्रेड में पदोन्नति से लेवल (अभी ${level}) नहीं बढ़ता: एमएसीपी हेतु अनदेखी।`,
                cite(MACP_OM, 'Annexure-I para 5'),
              ),
            ],
          });
          continue;
        }
        count++;
        const pf = pay.fix(ev.date, level, ev.level);
        steps.push({
          kind: 'PROMOTION',
          number: count <= 3 ? count : undefined,
          status: 'GRANTED',
          completionDate: ev.date,
          date: ev.date,
          fromLevel: level,
          toLevel: ev.level,
          pay: pf,
          reasons: [
            count <= 3
              ? r(
                  'MACP_PROMOTION_COUNTS',
                  `Regular promotion on ${d(ev.date)} (Level ${level} → ${ev.level}) counts as upgradation ${count} of three.`,
                  `${d(ev.date)} को नियमित पदोन्नति (लेवल ${level} → ${ev.level}) तीन में से उन्नयन ${count} के रूप में गिनी जाती है।`,
                  cite(MACP_CLARIFICATIONS_2010, 'clarification 8'),
                )
              : r(
                  'MACP_PROMOTION_AFTER_THREE',
                  `Regular promotion on ${d(ev.date)} (Level ${level} → ${ev.level}).`,
                  `${d(ev.date)} को नियमित पदोन्नति (लेवल ${level} → ${ev.level})।`,
                  cite(MACP_CLARIFICATIONS_2010, 'clarification 8'),
                ),
          ],
        });
        level = ev.level;
        levelSince = ev.date;
        continue;
      }
      // Granted ACP/MACP from the history.
      if (!raises) throw new HistoryError('NOT_AN_UPGRADATION', ev.item, `Level ${ev.level} is not above Level ${level}`);
      if (ev.scheme === 'MACP' && ev.level !== nextLevelOf(level)) {
        throw new HistoryError('MACP_NOT_NEXT_LEVEL', ev.item, `MACP from Level ${level} goes to Level ${nextLevelOf(level)}, not ${ev.level}`);
      }
      count++;
      if (count > 3) throw new HistoryError('MORE_THAN_THREE', ev.item, 'a fourth financial upgradation');
      const gr: Reason[] = [
        r(
          ev.scheme === 'ACP' ? 'ACP_GRANTED' : 'MACP_GRANTED',
          `${ev.scheme} upgradation granted from ${d(ev.date)} (Level ${level} → ${ev.level}): upgradation ${count} of three.`,
          `${ev.scheme} उन्नयन ${d(ev.date)} से प्रदत्त (लेवल ${level} → ${ev.level}): तीन में से उन्नयन ${count}।`,
          ev.scheme === 'ACP' ? cite(MACP_CLARIFICATIONS_2010, 'clarification 3') : cite(MACP_OM, 'Annexure-I para 1'),
        ),
      ];
      if (cand && cand.undeferred < ev.date) {
        const covering = deferments.find((df) => df.to !== undefined && df.from <= cand.undeferred && cand.undeferred <= df.to);
        if (covering) {
          const delay = daysBetween(cand.undeferred, ev.date);
          shift += delay;
          gr.push(
            r(
              'MACP_DEFERRED',
              `Fell due ${d(cand.undeferred)}, deferred ${d(covering.from)}–${d(covering.to ?? covering.from)}: later upgradations move by ${delay} days.`,
              `${d(cand.undeferred)} को देय, ${d(covering.from)}–${d(covering.to ?? covering.from)} आस्थगित: बाद के उन्नयन ${delay} दिन आगे।`,
              cite(MACP_CLARIFICATIONS_2010, 'clarification 7'),
            ),
          );
        } else {
          gr.push(
            r(
              'MACP_GRANTED_LATER_THAN_DUE',
              `By this history it fell due on ${d(cand.undeferred)}, earlier than the date granted.`,
              `इस इतिहास के अनुसार यह ${d(cand.undeferred)} को देय था, प्रदत्त तिथि से पहले।`,
              cite(MACP_OM, 'Annexure-I para 1'),
            ),
          );
        }
      }
      steps.push({
        kind: ev.scheme ?? 'MACP',
        number: count,
        status: 'GRANTED',
        completionDate: ev.date,
        date: ev.date,
        fromLevel: level,
        toLevel: ev.level,
        pay: pay.fix(ev.date, level, ev.level),
        reasons: gr,
      });
      level = ev.level;
      levelSince = ev.date;
      continue;
    }
    if (!cand) break;
    const full = ev ? (candidate(true) ?? cand) : cand;
    const barred = cand.status === 'BLOCKED' || cand.status === 'DEFERRED';
    if (!barred) {
      count++;
      shift += cand.shiftAdded;
    }
    const pf = barred ? undefined : pay.fix(cand.date, level, cand.toLevel);
    if (pf) {
      full.reasons.push(
        r(
          'MACP_PAY_FIXED',
          `Pay fixed at ${formatRupees(pf.toPay)} in Level ${cand.toLevel} (one increment, then the equal or next higher cell; 3% at every stage).`,
          `लेवल ${cand.toLevel} में वेतन ${formatRupees(pf.toPay)} निर्धारित (एक वेतनवृद्धि, फिर समान या अगला उच्च सेल; प्रत्येक चरण पर 3%)।`,
          cite(MACP_CLARIFICATIONS_2010, 'clarification 11'),
        ),
      );
    }
    steps.push({
      kind: cand.kind,
      number: cand.number,
      status: cand.status,
      completionDate: cand.completion,
      date: cand.date,
      fromLevel: level,
      toLevel: cand.toLevel,
      pay: pf,
      reasons: full.reasons,
    });
    if (barred) {
      stopped = true;
      continue; // later promotions (if any) are still listed
    }
    level = cand.toLevel;
    levelSince = cand.date;
  }

  if (eligible && count >= 3) {
    const promos = steps.filter((s) => s.kind === 'PROMOTION' && s.number !== undefined).length;
    reasons.push(
      r(
        'MACP_THREE_REACHED',
        `Three upgradations${promos ? ` (${promos} by regular promotion)` : ''}: no further upgradation under MACP.`,
        `तीन उन्नयन${promos ? ` (${promos} नियमित पदोन्नति द्वारा)` : ''}: एमएसीपी में आगे कोई उन्नयन नहीं।`,
        cite(MACP_CLARIFICATIONS_2010, 'clarification 8'),
      ),
    );
  }
  if (pay.behind) {
    const b = pay.behind;
    reasons.push(
      r(
        'MACP_PAY_NOT_PROJECTED',
        `The pay on record on ${d(b.on)} is in Level ${b.held}, the level held; an upgradation due to Level ${b.schedule} is not yet granted, and the pay after it depends on its fixation: pay is not projected until it is granted and its pay recorded.`,
        `${d(b.on)} का अभिलेखित वेतन लेवल ${b.held} में है, जो धारित लेवल है; लेवल ${b.schedule} का देय उन्नयन अभी प्रदत्त नहीं है, और उसके बाद का वेतन उसके निर्धारण पर निर्भर है: प्रदान होने और वेतन अभिलेखित होने तक वेतन का अनुमान नहीं।`,
        cite(MACP_CLARIFICATIONS_2010, 'clarification 11'),
      ),
    );
  }
  const upgradations = steps.filter((s) => s.kind !== 'PROMOTION');
  const nfsgUsed = nonFunctional.some((n) => n.applied);
  return {
    asOn,
    eligible,
    serviceStart,
    steps,
    upgradations,
    due: upgradations.filter((s) => s.status === 'DUE'),
    next: upgradations.find((s) => s.status === 'PROSPECTIVE'),
    countedAsOn: steps.filter((s) => s.number !== undefined && s.date <= asOn && (s.status === 'GRANTED' || s.status === 'DUE')).length,
    nonFunctional,
    switches: nfsgUsed ? [{ ...MACP_NFSG_RESTARTS_LEVEL_CLOCK, value: restartClock }] : [],
    reasons,
  };
}
