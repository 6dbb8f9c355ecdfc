// Eligibility for a rotation round (rules.md §8.1–8.4). Pure: no clock, the round carries its initiation date.
import { type CadreCode, gradeByCode } from '../cadre/cadres.ts';
import type { EffectiveDated, PolicySwitch, Reason } from '../rules/citation.ts';
import { inForce } from '../rules/citation.ts';
import { addDays, addYears, type CalendarDate, completedYears, daysBetween, formatOrderDate } from '../rules/dates.ts';
import {
  ROTATION_TENURE,
  type RotationSwitchValues,
  resolveSwitches,
  rotationCitation,
  SUPERANNUATION_WINDOW_YEARS,
  type TenureRule,
} from './params.ts';

export type MinistryGroup = 'A' | 'B';

export interface RotationMinistry {
  code: string;
  group: MinistryGroup;
  /** some Group A Ministries: minimum residency one year less (§8.2); ignored on a Group B Ministry */
  reducedTenure?: boolean;
  en?: string;
  hi?: string;
}

/** One posting: Ministry and grade from `from` to `to` (both inclusive; `to` absent = continuing). */
export interface PostingRecord {
  ministry: string;
  grade: string;
  from: CalendarDate;
  to?: CalendarDate;
}

export interface RotationOfficer {
  id: string;
  /** present grade code (GRADES), e.g. 'CSS.SO' */
  grade: string;
  dateOfBirth: CalendarDate;
  superannuationDate: CalendarDate;
  postings: readonly PostingRecord[];
  /** in a select list (promotion expected within a year) — §8.4 */
  inSelectList?: boolean;
  /** exemption recorded by the cadre authority (the audit trail is the caller's) */
  exemption?: { reason: string };
  /** position in the seniority list of the grade (smaller = senior); first tie-break of residency */
  seniority: number;
}

export interface RotationRound {
  cadre: CadreCode;
  /** grade codes in the round */
  grades: readonly string[];
  /** residency is counted up to this date (§8.3) */
  initiationDate: CalendarDate;
}

export interface EligibilityDecision {
  officerId: string;
  eligible: boolean;
  /** why in or out: every ground found, in en and hi, each with its citation */
  reasons: Reason[];
  grade: string;
  ministry?: string;
  group?: MinistryGroup;
  /** start of continuous service in the present Ministry */
  residencyFrom?: CalendarDate;
  /** days of residency up to the initiation date */
  residencyDays?: number;
  residencyYears?: number;
  requiredYears?: number;
  /** date on which the minimum residency is completed */
  tenureCompletedOn?: CalendarDate;
  seniority: number;
  dateOfBirth: CalendarDate;
  switches: PolicySwitch<unknown>[];
}

const d = formatOrderDate;

/** The posting held on `on` (latest start wins if records overlap). */
export function presentPosting(postings: readonly PostingRecord[], on: CalendarDate): PostingRecord | undefined {
  let best: PostingRecord | undefined;
  for (const p of postings) {
    if (p.from <= on && (p.to === undefined || p.to >= on) && (!best || p.from > best.from)) best = p;
  }
  return best;
}

/**
 * Start of continuous service in `current`'s Ministry, any grade (§8.2): walk back over postings in the
 * same Ministry each ending no earlier than the day before the next starts (less `gapDays` of break);
 * a posting elsewhere in between, or a longer break, ends the walk.
 */
export function residencyStart(postings: readonly PostingRecord[], current: PostingRecord, gapDays = 0): CalendarDate {
  const earlier = postings
    .filter((p) => p !== current && p.from < current.from)
    .sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
  let start = current.from;
  for (const p of earlier) {
    if (p.from >= start) continue;
    const mustReach = addDays(start, -1 - gapDays);
    if (p.to !== undefined && p.to < mustReach) break;
    if (p.ministry !== current.ministry) break;
    start = p.from;
  }
  return start;
}

function reason(code: string, en: string, hi: string, cadre: CadreCode, para: string, until?: CalendarDate): Reason {
  const r: Reason = { code, en, hi, citation: rotationCitation(cadre, para) };
  if (until) r.until = until;
  return r;
}

export function tenureRule(cadre: CadreCode, on: CalendarDate): EffectiveDated<TenureRule> | undefined {
  if (cadre !== 'CSS' && cadre !== 'CSSS') return undefined;
  return inForce(ROTATION_TENURE[cadre], on);
}

/** Is this officer in the round, and why (all grounds are listed, not only the first). */
export function rotationEligibility(
  officer: RotationOfficer,
  round: RotationRound,
  ministries: readonly RotationMinistry[],
  switchOverrides?: Partial<RotationSwitchValues>,
): EligibilityDecision {
  const { values: sw, switches } = resolveSwitches(switchOverrides);
  const on = round.initiationDate;
  const cadre = round.cadre;
  const out: EligibilityDecision = {
    officerId: officer.id,
    eligible: false,
    reasons: [],
    grade: officer.grade,
    seniority: officer.seniority,
    dateOfBirth: officer.dateOfBirth,
    switches,
  };
  const bad: Reason[] = [];
  const good: Reason[] = [];
  const grade = gradeByCode(officer.grade);
  if (!grade || grade.cadre !== cadre || !round.grades.includes(officer.grade)) {
    bad.push(
      reason(
        'NOT_IN_ROUND_GRADE',
        `The grade ${officer.grade} is not among the grades of this ${cadre} round.`,
        `ग्रेड ${officer.grade} इस ${cadre} दौर के ग्रेडों में शामिल नहीं है।`,
        cadre,
        'para 2 (grades)',
      ),
    );
  }
  const rule = tenureRule(cadre, on);
  const required0 = rule?.value.years[officer.grade];
  if (!rule || required0 === undefined) {
    bad.push(
      reason(
        'NO_TENURE_RULE',
        `No minimum-residency rule for ${officer.grade} is in force on ${d(on)}.`,
        `${d(on)} को ${officer.grade} के लिए न्यूनतम कार्यकाल का कोई नियम लागू नहीं है।`,
        cadre,
        'minimum tenure',
      ),
    );
  }
  const posting = presentPosting(officer.postings, on);
  const ministry = posting ? ministries.find((m) => m.code === posting.ministry) : undefined;
  if (!posting) {
    bad.push(
      reason(
        'NO_PRESENT_POSTING',
        `No posting is recorded on the initiation date ${d(on)}.`,
        `आरंभ तिथि ${d(on)} को कोई तैनाती दर्ज नहीं है।`,
        cadre,
        'residency',
      ),
    );
  } else if (!ministry) {
    bad.push(
      reason(
        'UNKNOWN_MINISTRY',
        `The present Ministry ${posting.ministry} is not in Group A or Group B of this round.`,
        `वर्तमान मंत्रालय ${posting.ministry} इस दौर के समूह A या समूह B में नहीं है।`,
        cadre,
        'para 1 (groups)',
      ),
    );
  }
  if (posting && ministry) {
    const from = residencyStart(officer.postings, posting, sw.continuityGapDays);
    out.ministry = ministry.code;
    out.group = ministry.group;
    out.residencyFrom = from;
    out.residencyDays = daysBetween(from, on);
    out.residencyYears = completedYears(from, on);
    if (rule && required0 !== undefined) {
      // §8.2: "some Group A Ministries" — the flag counts only on a Group A Ministry
      const reduced = ministry.reducedTenure === true && ministry.group === 'A' && (cadre === 'CSS' || sw.reducedTenureForCsss);
      const required = reduced ? required0 - rule.value.reducedBy : required0;
      const due = addYears(from, required);
      out.requiredYears = required;
      out.tenureCompletedOn = due;
      const red = reduced ? ` (${rule.value.reducedBy} year less in ${ministry.code})` : '';
      const redHi = reduced ? ` (${ministry.code} में ${rule.value.reducedBy} वर्ष कम)` : '';
      const cit = { ...rule.citation, para: reduced ? 'minimum tenure; reduced tenure Ministries' : rule.citation.para };
      if (due <= on) {
        good.push({
          code: 'TENURE_COMPLETE',
          en: `Residency in ${ministry.code} (Group ${ministry.group}) from ${d(from)}: ${out.residencyYears} completed years on ${d(on)}, at least the ${required} years required${red} (completed on ${d(due)}).`,
          hi: `${ministry.code} (समूह ${ministry.group}) में ${d(from)} से निवास: ${d(on)} को ${out.residencyYears} पूर्ण वर्ष, अपेक्षित ${required} वर्ष${redHi} से कम नहीं (${d(due)} को पूर्ण)।`,
          citation: cit,
        });
      } else {
        bad.push({
          code: 'TENURE_INCOMPLETE',
          en: `Residency in ${ministry.code} from ${d(from)} completes the ${required} years required${red} only on ${d(due)}, after the initiation date ${d(on)}.`,
          hi: `${ministry.code} में ${d(from)} से निवास अपेक्षित ${required} वर्ष${redHi} ${d(due)} को पूरे करेगा, जो आरंभ तिथि ${d(on)} के बाद है।`,
          citation: cit,
          until: due,
        });
      }
    }
  }
  const windowEnd = addYears(on, SUPERANNUATION_WINDOW_YEARS);
  if (officer.superannuationDate < windowEnd) {
    bad.push(
      reason(
        'NEAR_SUPERANNUATION',
        `Superannuation on ${d(officer.superannuationDate)} is within ${SUPERANNUATION_WINDOW_YEARS} years of the initiation date ${d(on)}.`,
        `अधिवर्षिता ${d(officer.superannuationDate)} को है, जो आरंभ तिथि ${d(on)} से ${SUPERANNUATION_WINDOW_YEARS} वर्ष के भीतर है।`,
        cadre,
        'exclusions (rules.md §8.4)',
      ),
    );
  }
  if (officer.inSelectList) {
    bad.push(
      reason(
        'IN_SELECT_LIST',
        'In a select list (promotion expected within a year).',
        'प्रवर सूची में शामिल (एक वर्ष के भीतर पदोन्नति अपेक्षित)।',
        cadre,
        'exclusions (rules.md §8.4)',
      ),
    );
  }
  if (officer.exemption) {
    bad.push({
      code: 'EXEMPTED',
      en: `Exempted by the cadre authority: ${officer.exemption.reason}`,
      hi: `संवर्ग प्राधिकारी द्वारा छूट: ${officer.exemption.reason}`,
      citation: rotationCitation(cadre, 'exemption recorded by the cadre authority'),
    });
  }
  out.eligible = bad.length === 0;
  out.reasons = out.eligible ? good : [...bad, ...good];
  return out;
}

/** Eligibility of every officer, in the input order. */
export function roundEligibility(
  officers: readonly RotationOfficer[],
  round: RotationRound,
  ministries: readonly RotationMinistry[],
  switchOverrides?: Partial<RotationSwitchValues>,
): EligibilityDecision[] {
  return officers.map((o) => rotationEligibility(o, round, ministries, switchOverrides));
}
