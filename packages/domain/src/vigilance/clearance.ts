// Vigilance clearance on a date for a purpose (rules.md §6, grounds 1–11). Withheld only on those
// grounds; each ground says when it lapses or must be reviewed (`until`, the last day it holds).
import type { IprStatus } from '../ipr/compliance.ts';
import type { Citation, PolicySwitch, Reason } from '../rules/citation.ts';
import { addMonths, addYears, type CalendarDate, formatOrderDate as d, minDate } from '../rules/dates.ts';
import { effectiveEvents, type FactEvent, type VigilanceEvent } from './events.ts';

export const VIGILANCE_ORDER =
  'DoPT O.M. 11012/11/2007-Estt.(A) dated 14.12.2007 as amended 27.09.2011 and 21.06.2013; O.M. 104/33/2024-AVD-IA dated 09.10.2024';
const OM_2007 = 'DoPT O.M. 11012/11/2007-Estt.(A) dated 14.12.2007';
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix'];
/**
 * The paragraph of the guidelines of 14.12.2007 (as amended; carried into the O.M. of 09.10.2024)
 * on which each ground (rules.md §6 numbering) rests: 1–9 para 2(c) as substituted on 21.06.2013,
 * 10 para 7, 11 para 2(f) inserted on 27.09.2011.
 */
export function citeGround(n: number): Citation {
  if (n >= 1 && n <= 9) return { order: `${OM_2007}, para 2(c) as substituted by O.M. of 21.06.2013`, para: `para 2(c)(${ROMAN[n - 1]})` };
  if (n === 10) return { order: OM_2007, para: 'para 7' };
  if (n === 11) return { order: `${OM_2007}, para 2(f) as inserted by O.M. of 27.09.2011`, para: 'para 2(f)' };
  return { order: VIGILANCE_ORDER, para: `rules.md §6` };
}
const CITE_COMPLAINT: Citation = { order: OM_2007, para: 'para 2(a)' };
const CITE_PI: Citation = { order: OM_2007, para: 'para 2(b)' };
/** Sealed-cover procedure for promotion: suspension, charge-sheet pending, criminal prosecution pending. */
export const DPC_ORDER: Citation = { order: 'DoPT O.M. 22011/4/91-Estt.(A) dated 14.09.1992', para: 'para 2', orderId: 'DPC-VIGILANCE-1992' };

export const VIGILANCE_PURPOSES = [
  'EMPANELMENT',
  'DEPUTATION',
  'DEPUTATION_EXTENSION',
  'SENSITIVE_POST',
  'TRAINING',
  'FOREIGN_VISIT',
  'PASSPORT',
  'OTHER',
  'DPC',
] as const;
export type VigilancePurpose = (typeof VIGILANCE_PURPOSES)[number];

export type GroundCode =
  | 'SUSPENDED'
  | 'AGREED_LIST'
  | 'CHARGE_SHEET_PENDING'
  | 'PROCEEDINGS_ORDERED'
  | 'CRIMINAL_CHARGE_SHEET_PENDING'
  | 'CRIMINAL_CASE_ORDERED'
  | 'SANCTION_GRANTED'
  | 'FIR_REGISTERED'
  | 'TRAP_RAID_CASE'
  | 'PENALTY_MINOR'
  | 'PENALTY_MAJOR'
  | 'IPR_NOT_FILED'
  | 'PRELIMINARY_INQUIRY';

const GROUND_ORDER: readonly GroundCode[] = [
  'SUSPENDED',
  'AGREED_LIST',
  'CHARGE_SHEET_PENDING',
  'PROCEEDINGS_ORDERED',
  'CRIMINAL_CHARGE_SHEET_PENDING',
  'CRIMINAL_CASE_ORDERED',
  'SANCTION_GRANTED',
  'FIR_REGISTERED',
  'TRAP_RAID_CASE',
  'PENALTY_MINOR',
  'PENALTY_MAJOR',
  'IPR_NOT_FILED',
  'PRELIMINARY_INQUIRY',
];

/** Grounds that count for promotion (DPC): suspension, pending charge-sheet, pending criminal prosecution. */
export const DPC_GROUNDS: readonly GroundCode[] = ['SUSPENDED', 'CHARGE_SHEET_PENDING', 'CRIMINAL_CHARGE_SHEET_PENDING'];

export interface VigilanceSwitches {
  /** years after the currency of a major penalty during which clearance is withheld (rules.md §6.10: policy switch) */
  majorPenaltyYearsAfterCurrency: number;
  /** whether a preliminary inquiry not older than 3 months withholds clearance (rules.md §6: only one older than 3 months is expressly no ground) */
  recentPreliminaryInquiryWithholds: boolean;
}

export const VIGILANCE_SWITCH_DEFAULTS: VigilanceSwitches = { majorPenaltyYearsAfterCurrency: 3, recentPreliminaryInquiryWithholds: true };

const SWITCH_TEXT: Record<keyof VigilanceSwitches, string> = {
  majorPenaltyYearsAfterCurrency:
    'Years after the currency of a major penalty during which clearance is withheld; default 3, the same as a minor penalty (a major penalty is never treated more leniently).',
  recentPreliminaryInquiryWithholds: 'A preliminary inquiry not older than 3 months withholds clearance (default: yes; one older than 3 months never does).',
};

export interface IprComplianceInput {
  year: number;
  status: IprStatus;
  /** the due date of that year's return as configured (ipr filingWindow().closes); default 31 January of the next year */
  dueOn?: CalendarDate;
}

export interface VigilanceClearanceOptions {
  purpose: VigilancePurpose;
  on: CalendarDate;
  /** compliance of the last IPR already due (ipr's iprComplianceForVigilance); ground 11 is not judged without it */
  iprCompliance?: IprComplianceInput;
  switches?: Partial<VigilanceSwitches>;
}

export interface VigilanceClearance {
  on: CalendarDate;
  purpose: VigilancePurpose;
  status: 'CLEAR' | 'WITHHELD';
  /** the grounds on which clearance is withheld, each with `until` where it lapses or is to be reviewed */
  grounds: Reason[];
  /** facts that are no ground on this date (a complaint alone, a lapsed 3-month window, a ground not counted for a DPC …) */
  notes: Reason[];
  /** the earliest date on which a ground lapses or falls for review: ask again then */
  reviewOn?: CalendarDate;
  switches: PolicySwitch<unknown>[];
}

type Ground = Reason & { code: GroundCode };

function sameMatter(a: FactEvent, b: FactEvent): boolean {
  return (a.matter ?? '') === (b.matter ?? '');
}

/** Is there, in the same matter, an event of one of `types` dated from `e.date` to `on`? */
function laterIn(evs: readonly FactEvent[], e: FactEvent, types: readonly FactEvent['type'][]): FactEvent | undefined {
  return evs.find((x) => x !== e && sameMatter(x, e) && types.includes(x.type) && x.date >= e.date);
}

/** Last of a pair of toggling events (suspension/revocation, inclusion/removal) on or before `on`. */
function lastOf(evs: readonly FactEvent[], types: readonly FactEvent['type'][]): FactEvent | undefined {
  let best: FactEvent | undefined;
  for (const e of evs) if (types.includes(e.type) && (!best || e.date >= best.date)) best = e;
  return best;
}

export function vigilanceClearance(events: readonly VigilanceEvent[], opts: VigilanceClearanceOptions): VigilanceClearance {
  const { on, purpose } = opts;
  const sw: VigilanceSwitches = { ...VIGILANCE_SWITCH_DEFAULTS, ...opts.switches };
  const evs = effectiveEvents(events)
    .filter((e) => e.date <= on)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const grounds: Ground[] = [];
  const notes: Reason[] = [];
  const ground = (code: GroundCode, n: number, en: string, hi: string, until?: CalendarDate) =>
    grounds.push({ code, en, hi, citation: citeGround(n), ...(until ? { until } : {}) });
  const note = (code: string, en: string, hi: string, citation: Citation) => notes.push({ code, en, hi, citation });
  const DISC_END: FactEvent['type'][] = ['PROCEEDINGS_CONCLUDED', 'CLOSURE'];
  const CRIM_END: FactEvent['type'][] = ['CRIMINAL_CASE_CONCLUDED', 'CLOSURE'];

  // 1. suspension
  const susp = lastOf(evs, ['SUSPENSION', 'SUSPENSION_REVOKED']);
  if (susp?.type === 'SUSPENSION')
    ground('SUSPENDED', 1, `Under suspension since ${d(susp.date)}.`, `${d(susp.date)} से निलंबित।`);

  // 2. agreed list (reviewed one year after inclusion)
  const al = lastOf(evs, ['AGREED_LIST_INCLUDED', 'AGREED_LIST_REMOVED']);
  if (al?.type === 'AGREED_LIST_INCLUDED') {
    const review = addYears(al.date, 1);
    const overdue = on > review;
    ground(
      'AGREED_LIST',
      2,
      `On the Agreed List since ${d(al.date)}; review ${overdue ? 'was' : 'is'} due on ${d(review)}${overdue ? ' and is overdue' : ''}.`,
      `${d(al.date)} से सहमत सूची में; समीक्षा ${d(review)} को देय${overdue ? ' थी और लंबित है' : ' है'}।`,
      review,
    );
  }

  for (const e of evs) {
    switch (e.type) {
      case 'CHARGE_SHEET_SERVED': // 3
        if (!laterIn(evs, e, DISC_END))
          ground('CHARGE_SHEET_PENDING', 3, `Charge-sheet served on ${d(e.date)}; the proceeding is pending.`, `${d(e.date)} को आरोप-पत्र तामील; कार्यवाही लंबित है।`);
        break;
      case 'PROCEEDINGS_ORDERED': {
        // 4: withheld for 3 months after the order while a charge-sheet may still be served
        if (laterIn(evs, e, ['CHARGE_SHEET_SERVED', ...DISC_END])) break;
        const until = addMonths(e.date, 3);
        if (on <= until)
          ground(
            'PROCEEDINGS_ORDERED',
            4,
            `Disciplinary proceedings ordered on ${d(e.date)}; no charge-sheet yet. This ground lapses if none is served by ${d(until)}.`,
            `${d(e.date)} को अनुशासनिक कार्यवाही का आदेश; अभी आरोप-पत्र नहीं। ${d(until)} तक आरोप-पत्र तामील न होने पर यह आधार समाप्त।`,
            until,
          );
        else
          note(
            'PROCEEDINGS_ORDERED_LAPSED',
            `Proceedings ordered on ${d(e.date)} but no charge-sheet within 3 months (by ${d(until)}): no ground.`,
            `${d(e.date)} को कार्यवाही का आदेश, पर 3 माह में (${d(until)} तक) आरोप-पत्र नहीं: कोई आधार नहीं।`,
            citeGround(4),
          );
        break;
      }
      case 'CRIMINAL_CHARGE_SHEET_FILED': // 5
        if (!laterIn(evs, e, CRIM_END))
          ground(
            'CRIMINAL_CHARGE_SHEET_PENDING',
            5,
            `Criminal charge-sheet filed in court on ${d(e.date)}; the case is pending.`,
            `${d(e.date)} को न्यायालय में आपराधिक आरोप-पत्र दायर; मामला लंबित है।`,
          );
        break;
      case 'CRIMINAL_CASE_ORDERED':
      case 'FIR': {
        // 6 and 8: withheld for 3 months while a charge-sheet may be filed
        if (laterIn(evs, e, ['CRIMINAL_CHARGE_SHEET_FILED', ...CRIM_END])) break;
        const until = addMonths(e.date, 3);
        const fir = e.type === 'FIR';
        const [n, code] = fir ? ([8, 'FIR_REGISTERED'] as const) : ([6, 'CRIMINAL_CASE_ORDERED'] as const);
        const whatEn = fir ? `FIR registered on ${d(e.date)}` : `Criminal case ordered on ${d(e.date)}`;
        const whatHi = fir ? `${d(e.date)} को प्राथमिकी दर्ज` : `${d(e.date)} को आपराधिक मामले का आदेश`;
        if (on <= until)
          ground(
            code,
            n,
            `${whatEn}; no charge-sheet yet. This ground lapses if none is filed by ${d(until)}.`,
            `${whatHi}; अभी आरोप-पत्र नहीं। ${d(until)} तक आरोप-पत्र न होने पर यह आधार समाप्त।`,
            until,
          );
        else
          note(
            `${code}_LAPSED`,
            `${whatEn} but no charge-sheet within 3 months (by ${d(until)}): no ground.`,
            `${whatHi}, पर 3 माह में (${d(until)} तक) आरोप-पत्र नहीं: कोई आधार नहीं।`,
            citeGround(n),
          );
        break;
      }
      case 'SANCTION_GRANTED': // 7
        if (!laterIn(evs, e, CRIM_END)) {
          const what = e.sanction === 'PROSECUTION' ? ['prosecution', 'अभियोजन'] : ['investigation', 'अन्वेषण'];
          ground('SANCTION_GRANTED', 7, `Sanction for ${what[0]} granted on ${d(e.date)}.`, `${d(e.date)} को ${what[1]} की स्वीकृति दी गई।`);
        }
        break;
      case 'TRAP_RAID_CASE': // 9
        if (!laterIn(evs, e, ['CRIMINAL_CHARGE_SHEET_FILED', ...CRIM_END]))
          ground('TRAP_RAID_CASE', 9, `Trap/raid case of ${d(e.date)} on corruption charges under investigation.`, `${d(e.date)} का भ्रष्टाचार संबंधी ट्रैप/छापा मामला अन्वेषणाधीन।`);
        break;
      case 'PENALTY': {
        // 10: during the currency and 3 years after it (major penalty: policy switch)
        const currencyTo = e.currencyTo ?? e.date;
        const major = e.severity === 'MAJOR';
        const years = major ? sw.majorPenaltyYearsAfterCurrency : 3;
        const until = addYears(currencyTo, years);
        const kind = major ? ['major', 'दीर्घ'] : ['minor', 'लघु'];
        if (on <= until)
          ground(
            major ? 'PENALTY_MAJOR' : 'PENALTY_MINOR',
            10,
            `${kind[0] === 'major' ? 'Major' : 'Minor'} penalty (${e.penalty}) of ${d(e.date)}, currency up to ${d(currencyTo)}: clearance withheld up to ${d(until)}, ${years} years after the currency${major ? ' (policy switch vigilance.majorPenaltyYearsAfterCurrency)' : ''}.`,
            `${d(e.date)} की ${kind[1]} शास्ति (${e.penalty}), प्रभाव ${d(currencyTo)} तक: प्रभाव के ${years} वर्ष बाद, ${d(until)} तक अनापत्ति रोकी गई${major ? ' (नीति विकल्प vigilance.majorPenaltyYearsAfterCurrency)' : ''}।`,
            until,
          );
        else
          note(
            'PENALTY_SPENT',
            `Penalty (${e.penalty}) of ${d(e.date)}: more than ${years} years since its currency ended on ${d(currencyTo)}; no ground.`,
            `${d(e.date)} की शास्ति (${e.penalty}): प्रभाव ${d(currencyTo)} को समाप्त हुए ${years} वर्ष से अधिक; कोई आधार नहीं।`,
            citeGround(10),
          );
        break;
      }
      case 'COMPLAINT':
        if (!laterIn(evs, e, ['CLOSURE']))
          note('COMPLAINT_ONLY', `Complaint of ${d(e.date)}: a complaint alone is no ground.`, `${d(e.date)} की शिकायत: केवल शिकायत कोई आधार नहीं है।`, CITE_COMPLAINT);
        break;
      case 'PRELIMINARY_INQUIRY': {
        if (laterIn(evs, e, ['CLOSURE', 'PROCEEDINGS_ORDERED', 'CRIMINAL_CASE_ORDERED', 'FIR'])) break;
        const until = addMonths(e.date, 3);
        if (on <= until && sw.recentPreliminaryInquiryWithholds)
          grounds.push({
            code: 'PRELIMINARY_INQUIRY',
            en: `Preliminary inquiry started on ${d(e.date)}, not older than 3 months; it ceases to be a ground after ${d(until)} (policy switch vigilance.recentPreliminaryInquiryWithholds).`,
            hi: `${d(e.date)} को प्रारंभिक जाँच आरंभ, 3 माह से पुरानी नहीं; ${d(until)} के बाद यह आधार नहीं रहेगी (नीति विकल्प vigilance.recentPreliminaryInquiryWithholds)।`,
            citation: CITE_PI,
            until,
          });
        else
          note(
            'PRELIMINARY_INQUIRY_NO_GROUND',
            on > until
              ? `Preliminary inquiry of ${d(e.date)} is older than 3 months: no ground.`
              : `Preliminary inquiry of ${d(e.date)}: not a ground under the configured policy switch.`,
            on > until ? `${d(e.date)} की प्रारंभिक जाँच 3 माह से पुरानी है: कोई आधार नहीं।` : `${d(e.date)} की प्रारंभिक जाँच: निर्धारित नीति विकल्प के अनुसार कोई आधार नहीं।`,
            CITE_PI,
          );
        break;
      }
      default:
        break;
    }
  }

  // 11. previous year's IPR
  if (opts.iprCompliance) {
    const { year, status } = opts.iprCompliance;
    const due = d(opts.iprCompliance.dueOn ?? `${year + 1}-01-31`);
    if (status === 'NOT_FILED' || status === 'LATE')
      ground(
        'IPR_NOT_FILED',
        11,
        `Immovable property return for ${year} not filed online by ${due}${status === 'LATE' ? ' (filed late)' : ''}.`,
        `${year} की अचल संपत्ति विवरणी ${due} तक ऑनलाइन नहीं दी गई${status === 'LATE' ? ' (विलंब से दी गई)' : ''}।`,
      );
  } else if (purpose !== 'DPC')
    note('IPR_NOT_CHECKED', 'IPR compliance was not supplied: ground 11 not judged.', 'अचल संपत्ति विवरणी अनुपालन नहीं दिया गया: आधार 11 का निर्णय नहीं हुआ।', citeGround(11));

  // in the order of the guidelines (ground 1 first), then by date of the event
  const rank = (g: Ground) => GROUND_ORDER.indexOf(g.code);
  grounds.sort((a, b) => rank(a) - rank(b));
  let counted: Reason[] = grounds;
  if (purpose === 'DPC') {
    counted = grounds.filter((g) => DPC_GROUNDS.includes(g.code));
    for (const g of grounds)
      if (!DPC_GROUNDS.includes(g.code))
        notes.push({
          ...g,
          code: `DPC_NOT_COUNTED_${g.code}`,
          en: `Not counted for promotion (DPC): ${g.en}`,
          hi: `पदोन्नति (डीपीसी) हेतु गणना नहीं: ${g.hi}`,
          citation: DPC_ORDER,
        });
  }
  const untils = counted.flatMap((g) => (g.until ? [g.until] : []));
  const switches: PolicySwitch<unknown>[] = (Object.keys(VIGILANCE_SWITCH_DEFAULTS) as (keyof VigilanceSwitches)[]).map((k) => ({
    key: `vigilance.${k}`,
    value: sw[k],
    default: VIGILANCE_SWITCH_DEFAULTS[k],
    description: SWITCH_TEXT[k],
  }));
  return {
    on,
    purpose,
    status: counted.length > 0 ? 'WITHHELD' : 'CLEAR',
    grounds: counted,
    notes,
    ...(untils.length ? { reviewOn: minDate(...untils) } : {}),
    switches,
  };
}

/** The employee's own view, in plain words. */
export function vigilanceStatusInPlainWords(c: VigilanceClearance): { en: string; hi: string } {
  const on = d(c.on);
  if (c.status === 'CLEAR')
    return {
      en: `As on ${on} there is nothing against you from the vigilance angle: clearance can be given.`,
      hi: `${on} को सतर्कता की दृष्टि से आपके विरुद्ध कुछ नहीं है: अनापत्ति दी जा सकती है।`,
    };
  const review = c.reviewOn ? ` It will be looked at again on ${d(c.reviewOn)}.` : '';
  const reviewHi = c.reviewOn ? ` ${d(c.reviewOn)} को इस पर फिर विचार होगा।` : '';
  return {
    en: `As on ${on} vigilance clearance is withheld, because: ${c.grounds.map((g) => g.en).join(' ')}${review}`,
    hi: `${on} को सतर्कता अनापत्ति रोकी गई है, क्योंकि: ${c.grounds.map((g) => g.hi).join(' ')}${reviewHi}`,
  };
}
