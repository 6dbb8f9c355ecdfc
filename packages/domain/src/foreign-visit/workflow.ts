// The foreign-visit application workflow (rules.md §4), on the shared state-machine helper.
import type { Role } from '../policies/types.ts';
import type { Reason } from '../rules/citation.ts';
import type { CalendarDate } from '../rules/dates.ts';
import type { VigilanceClearance } from '../vigilance/clearance.ts';
import { defineMachine, type WorkflowContext } from '../workflow/machine.ts';
import { FOREIGN_VISIT_CSCMS_ORDER, citeForeignVisit, CSI_FOREIGN_VISIT_ORDER, type ForeignVisitRoute, foreignVisitRoute } from './application.ts';

export const FOREIGN_VISIT_STATES = [
  'DRAFT',
  'SUBMITTED',
  'DEFICIENCY_MEMO',
  'UNDER_EXAMINATION',
  'FORWARDED_TO_CADRE_AUTHORITY',
  'APPROVED',
  'REFUSED',
  'WITHDRAWN',
] as const;
export type ForeignVisitState = (typeof FOREIGN_VISIT_STATES)[number];

export const FOREIGN_VISIT_ACTIONS = ['submit', 'raiseDeficiency', 'resubmit', 'markComplete', 'forward', 'approve', 'refuse', 'withdraw'] as const;
export type ForeignVisitAction = (typeof FOREIGN_VISIT_ACTIONS)[number];

/** What the machine reads of the application record. */
export interface ForeignVisitRecord {
  state: ForeignVisitState;
  /** the applicant's grade code (GRADES) */
  grade: string;
  /** the AVD vigilance clearance obtained for this application, if any */
  avdClearance?: VigilanceClearance;
  /** the route fixed when the application was made (configured rules); absent: the default table on the day */
  route?: Pick<ForeignVisitRoute, 'forwardToCadreAuthority' | 'needsAvdClearance'>;
}

export interface ForeignVisitContext extends WorkflowContext {
  by: Role;
  on: CalendarDate;
  /** the deciding officer is at Head of Department level or above (needed to refuse) */
  officerIsHodOrAbove?: boolean;
  /** reasons for a refusal, in writing */
  refusalReasons?: string;
  /** the deficiencies pointed out in a memo */
  deficiencies?: readonly string[];
  /** the vigilance status fetched automatically for the decision (O.M. of 15.11.2022 para 3.5) */
  vigilance?: VigilanceClearance;
}

const r = (code: string, en: string, hi: string, citation = citeForeignVisit(4)): Reason => ({ code, en, hi, citation });

const routeOf = (rec: ForeignVisitRecord, on: CalendarDate) => rec.route ?? foreignVisitRoute(rec.grade, on);
const needsCadreAuthority = (rec: ForeignVisitRecord, on: CalendarDate) => routeOf(rec, on).forwardToCadreAuthority;

function avdCleared(rec: ForeignVisitRecord, ctx: ForeignVisitContext): true | Reason {
  const c = rec.avdClearance ?? ctx.vigilance;
  if (!c)
    return r(
      'FV_AVD_CLEARANCE_MISSING',
      'The AVD vigilance clearance is needed before forwarding to the cadre authority.',
      'संवर्ग प्राधिकारी को अग्रेषित करने से पहले प्रशासनिक सतर्कता प्रभाग (AVD) की सतर्कता अनापत्ति आवश्यक है।',
      citeForeignVisit(4, CSI_FOREIGN_VISIT_ORDER),
    );
  if (c.status !== 'CLEAR')
    return r(
      'FV_AVD_CLEARANCE_WITHHELD',
      `Vigilance clearance is withheld: ${c.grounds.map((g) => g.en).join(' ')}`,
      `सतर्कता अनापत्ति रोकी गई है: ${c.grounds.map((g) => g.hi).join(' ')}`,
      citeForeignVisit(4, CSI_FOREIGN_VISIT_ORDER),
    );
  return true;
}

function vigilanceClear(ctx: ForeignVisitContext, rec: ForeignVisitRecord): true | Reason {
  const c = ctx.vigilance ?? rec.avdClearance;
  if (!c)
    return r(
      'FV_VIGILANCE_NOT_FETCHED',
      'The vigilance status must be fetched before the decision.',
      'निर्णय से पहले सतर्कता स्थिति प्राप्त की जानी चाहिए।',
      { order: FOREIGN_VISIT_CSCMS_ORDER, para: 'para 3.5' },
    );
  if (c.status !== 'CLEAR')
    return r('FV_VIGILANCE_WITHHELD', `Vigilance clearance is withheld: ${c.grounds.map((g) => g.en).join(' ')}`, `सतर्कता अनापत्ति रोकी गई है: ${c.grounds.map((g) => g.hi).join(' ')}`);
  return true;
}

/** Refusal: Head of Department level or above, and reasons in writing (O.M. of 27.07.2015 para 2). */
function refusalGuard(_rec: ForeignVisitRecord, ctx: ForeignVisitContext): true | Reason[] {
  const out: Reason[] = [];
  if (!ctx.officerIsHodOrAbove)
    out.push(r('FV_REFUSAL_BELOW_HOD', 'Only an officer at Head of Department level or above may refuse.', 'केवल विभागाध्यक्ष स्तर या उससे ऊपर का अधिकारी ही अस्वीकार कर सकता है।', citeForeignVisit(3)));
  if (!ctx.refusalReasons || ctx.refusalReasons.trim().length < 10)
    out.push(r('FV_REFUSAL_WITHOUT_REASONS', 'A refusal must give its reasons.', 'अस्वीकृति के कारण दिए जाने चाहिए।', citeForeignVisit(3)));
  return out.length ? out : true;
}

export const foreignVisitMachine = defineMachine<ForeignVisitState, ForeignVisitAction, ForeignVisitRecord, ForeignVisitContext>({
  name: 'foreign-visit',
  states: FOREIGN_VISIT_STATES,
  initial: 'DRAFT',
  terminal: ['APPROVED', 'REFUSED', 'WITHDRAWN'],
  stateOf: (rec) => rec.state,
  transitions: [
    { from: 'DRAFT', to: 'SUBMITTED', action: 'submit', by: ['EMPLOYEE'], en: 'Submit the application', hi: 'आवेदन प्रस्तुत करें' },
    {
      from: 'SUBMITTED',
      to: 'DEFICIENCY_MEMO',
      action: 'raiseDeficiency',
      by: ['NODAL_OFFICER'],
      guard: (_rec, ctx) =>
        ctx.deficiencies?.some((x) => x.trim() !== '')
          ? true
          : r('FV_DEFICIENCIES_MISSING', 'List the deficiencies to be made good.', 'दूर की जाने वाली कमियाँ बताएँ।', citeForeignVisit(2)),
      en: 'Point out deficiencies (stops the clock)',
      hi: 'कमियाँ बताएँ (समय-सीमा रुकती है)',
    },
    { from: 'DEFICIENCY_MEMO', to: 'SUBMITTED', action: 'resubmit', by: ['EMPLOYEE'], en: 'Resubmit with the deficiencies made good', hi: 'कमियाँ दूर कर पुनः प्रस्तुत करें' },
    { from: 'SUBMITTED', to: 'UNDER_EXAMINATION', action: 'markComplete', by: ['NODAL_OFFICER'], en: 'Accept as complete (starts the 21-day clock)', hi: 'पूर्ण के रूप में स्वीकार करें (21 दिन की अवधि आरंभ)' },
    {
      from: 'UNDER_EXAMINATION',
      to: 'FORWARDED_TO_CADRE_AUTHORITY',
      action: 'forward',
      by: ['NODAL_OFFICER'],
      guard: (rec, ctx) =>
        needsCadreAuthority(rec, ctx.on)
          ? routeOf(rec, ctx.on).needsAvdClearance
            ? avdCleared(rec, ctx)
            : true
          : r('FV_NOT_FOR_CADRE_AUTHORITY', 'The Ministry itself decides this application.', 'इस आवेदन पर मंत्रालय स्वयं निर्णय लेता है।', citeForeignVisit(1)),
      en: 'Forward to the cadre authority',
      hi: 'संवर्ग प्राधिकारी को अग्रेषित करें',
    },
    {
      from: 'UNDER_EXAMINATION',
      to: 'APPROVED',
      action: 'approve',
      by: ['NODAL_OFFICER'],
      guard: (rec, ctx) =>
        needsCadreAuthority(rec, ctx.on)
          ? r('FV_CADRE_AUTHORITY_DECIDES', 'The cadre authority decides this application: forward it.', 'इस आवेदन पर संवर्ग प्राधिकारी निर्णय लेता है: इसे अग्रेषित करें।', citeForeignVisit(4, CSI_FOREIGN_VISIT_ORDER))
          : vigilanceClear(ctx, rec),
      en: 'Grant permission',
      hi: 'अनुमति दें',
    },
    {
      from: 'FORWARDED_TO_CADRE_AUTHORITY',
      to: 'APPROVED',
      action: 'approve',
      by: ['CADRE_AUTHORITY'],
      guard: (rec, ctx) => vigilanceClear(ctx, rec),
      en: 'Grant permission',
      hi: 'अनुमति दें',
    },
    // the Ministry refuses while it examines; once forwarded, only the cadre authority decides
    { from: 'UNDER_EXAMINATION', to: 'REFUSED', action: 'refuse', by: ['NODAL_OFFICER'], guard: refusalGuard, en: 'Refuse, with reasons', hi: 'कारण सहित अस्वीकार करें' },
    { from: 'FORWARDED_TO_CADRE_AUTHORITY', to: 'REFUSED', action: 'refuse', by: ['CADRE_AUTHORITY'], guard: refusalGuard, en: 'Refuse, with reasons', hi: 'कारण सहित अस्वीकार करें' },
    {
      from: ['DRAFT', 'SUBMITTED', 'DEFICIENCY_MEMO', 'UNDER_EXAMINATION', 'FORWARDED_TO_CADRE_AUTHORITY'],
      to: 'WITHDRAWN',
      action: 'withdraw',
      by: ['EMPLOYEE'],
      en: 'Withdraw the application',
      hi: 'आवेदन वापस लें',
    },
  ],
});

/** The dates the SLA reads, kept on the application record and moved by each step. */
export interface ForeignVisitClock {
  /** latest receipt: submission or resubmission */
  receivedOn?: CalendarDate;
  deficiencyMemoOn?: CalendarDate;
  /** the receipt of the complete application: the 21-day clock starts here */
  completeOn?: CalendarDate;
  forwardedOn?: CalendarDate;
  decidedOn?: CalendarDate;
}

/**
 * The clock after `action` taken on `on`. Marking complete dates completeness from the receipt of the
 * complete application (not from the day the officer looked at it), so the clock cannot be stretched.
 */
export function foreignVisitClockAfter(action: ForeignVisitAction, clock: ForeignVisitClock, on: CalendarDate): ForeignVisitClock {
  switch (action) {
    case 'submit':
    case 'resubmit':
      return { ...clock, receivedOn: on };
    case 'raiseDeficiency':
      return { ...clock, deficiencyMemoOn: on };
    case 'markComplete':
      return { ...clock, completeOn: clock.receivedOn ?? on };
    case 'forward':
      return { ...clock, forwardedOn: on };
    case 'approve':
    case 'refuse':
    case 'withdraw':
      return { ...clock, decidedOn: on };
    default:
      return clock;
  }
}
