// A deputation application's workflow (O.M. of 15.11.2022 para 3.4; rules.md §5 item 6) and who may
// take each step. Cadre clearance: CS.I for CSS US and above (the Ministry forwards, CS.I clears as
// "approved by DoPT"); the Ministry (cadre unit) for SO/ASO and the other grades, after which the
// application goes straight to the borrowing organisation.
import { gradeByCode } from '../cadre/cadres.ts';
import type { Role } from '../policies/types.ts';
import type { Reason } from '../rules/citation.ts';
import type { CalendarDate } from '../rules/dates.ts';
import { defineMachine, type WorkflowContext } from '../workflow/machine.ts';
import { applicationsOpen, CSI_DEPUTATION_ORDERS, citeDeputation, citeDeputationPortal, type DeputationAdvertisement } from './advertisement.ts';
import type { DeputationEligibility } from './eligibility.ts';

export const DEPUTATION_APPLICATION_STATES = [
  'APPLIED',
  'WITHDRAWN',
  'CADRE_CLEARED',
  'REJECTED_BY_MINISTRY',
  'APPROVED_BY_DOPT',
  'REJECTED_BY_DOPT',
  'SHORTLISTED',
  'NOT_SELECTED',
  'SELECTED',
  'JOINED',
  'REPATRIATED',
] as const;
export type DeputationApplicationState = (typeof DEPUTATION_APPLICATION_STATES)[number];

export const DEPUTATION_APPLICATION_ACTIONS = [
  'forward',
  'rejectByMinistry',
  'approveByDopt',
  'rejectByDopt',
  'shortlist',
  'notSelect',
  'select',
  'join',
  'repatriate',
  'withdraw',
] as const;
export type DeputationApplicationAction = (typeof DEPUTATION_APPLICATION_ACTIONS)[number];

export interface CadreClearanceRoute {
  /** who gives the cadre clearance */
  clearedBy: 'CADRE_AUTHORITY' | 'NODAL_OFFICER';
  /** CS.I (DoPT) must approve after the Ministry forwards */
  doptApprovalNeeded: boolean;
  reason: Reason;
}

/** CS.I for CSS Under Secretary and above; the Ministry (cadre unit) for SO/ASO (and, the order being silent, for CSSS/CSCS). */
export function cadreClearanceRoute(gradeCode: string): CadreClearanceRoute {
  const g = gradeByCode(gradeCode);
  if (!g) throw new RangeError(`unknown grade ${gradeCode}`);
  if (g.cadre === 'CSS' && g.rank >= 3)
    return {
      clearedBy: 'CADRE_AUTHORITY',
      doptApprovalNeeded: true,
      reason: {
        code: 'DEP_CLEARANCE_BY_CSI',
        en: `${g.en}: the Ministry forwards the application; CS.I (DoPT) gives the cadre clearance.`,
        hi: `${g.hi}: मंत्रालय आवेदन अग्रेषित करता है; सीएस.I (कार्मिक एवं प्रशिक्षण विभाग) संवर्ग अनापत्ति देता है।`,
        citation: citeDeputation(6, CSI_DEPUTATION_ORDERS),
      },
    };
  return {
    clearedBy: 'NODAL_OFFICER',
    doptApprovalNeeded: false,
    reason: {
      code: 'DEP_CLEARANCE_BY_MINISTRY',
      en: `${g.en}: the Ministry (cadre unit) gives the cadre clearance and forwards the application.`,
      hi: `${g.hi}: मंत्रालय (संवर्ग इकाई) संवर्ग अनापत्ति देकर आवेदन अग्रेषित करता है।`,
      citation: citeDeputation(6, CSI_DEPUTATION_ORDERS),
    },
  };
}

export interface DeputationApplicationRecord {
  state: DeputationApplicationState;
  /** the applicant's substantive grade code */
  grade: string;
}

/** What goes with a forwarded application (rules.md §5 item 6). */
export interface ForwardingPackage {
  vigilanceClearance: boolean;
  integrityCertificate: boolean;
  penaltiesLast10Years: boolean;
  aparGradingsLast5Years: boolean;
}

export interface DeputationApplicationContext extends WorkflowContext {
  by: Role;
  on: CalendarDate;
  forwarding?: ForwardingPackage;
  /** reasons for a rejection, in writing */
  reasons?: string;
}

const r = (code: string, en: string, hi: string, citation = citeDeputation(6, CSI_DEPUTATION_ORDERS)): Reason => ({ code, en, hi, citation });

const FORWARDING_ITEMS: Array<[keyof ForwardingPackage, string, string]> = [
  ['vigilanceClearance', 'the vigilance clearance', 'सतर्कता अनापत्ति'],
  ['integrityCertificate', 'the integrity certificate', 'सत्यनिष्ठा प्रमाणपत्र'],
  ['penaltiesLast10Years', 'the penalties of the last 10 years', 'पिछले 10 वर्षों की शास्तियाँ'],
  ['aparGradingsLast5Years', 'the APAR gradings of the last 5 years', 'पिछले 5 वर्षों की एपीएआर ग्रेडिंग'],
];

function forwardingComplete(_rec: DeputationApplicationRecord, ctx: DeputationApplicationContext): true | Reason[] {
  const missing = FORWARDING_ITEMS.filter(([k]) => !ctx.forwarding?.[k]);
  if (missing.length === 0) return true;
  return missing.map(([k, en, hi]) => r(`DEP_FORWARDING_MISSING_${k}`, `Forwarding needs ${en}.`, `अग्रेषण हेतु ${hi} आवश्यक है।`));
}

const withReasons = (_rec: DeputationApplicationRecord, ctx: DeputationApplicationContext): true | Reason =>
  (ctx.reasons?.trim().length ?? 0) >= 10 || r('DEP_REJECTION_WITHOUT_REASONS', 'A rejection must give its reasons.', 'अस्वीकृति के कारण दिए जाने चाहिए।', citeDeputationPortal);

const needsDopt = (rec: DeputationApplicationRecord) => cadreClearanceRoute(rec.grade).doptApprovalNeeded;

export const deputationApplicationMachine = defineMachine<
  DeputationApplicationState,
  DeputationApplicationAction,
  DeputationApplicationRecord,
  DeputationApplicationContext
>({
  name: 'deputation-application',
  states: DEPUTATION_APPLICATION_STATES,
  initial: 'APPLIED',
  terminal: ['WITHDRAWN', 'REJECTED_BY_MINISTRY', 'REJECTED_BY_DOPT', 'NOT_SELECTED', 'REPATRIATED'],
  stateOf: (a) => a.state,
  transitions: [
    {
      from: 'APPLIED',
      to: 'CADRE_CLEARED',
      action: 'forward',
      by: ['NODAL_OFFICER'],
      guard: forwardingComplete,
      en: 'Give cadre clearance / forward',
      hi: 'संवर्ग अनापत्ति दें / अग्रेषित करें',
    },
    { from: 'APPLIED', to: 'REJECTED_BY_MINISTRY', action: 'rejectByMinistry', by: ['NODAL_OFFICER'], guard: withReasons, en: 'Reject (Ministry)', hi: 'अस्वीकार करें (मंत्रालय)' },
    {
      from: 'CADRE_CLEARED',
      to: 'APPROVED_BY_DOPT',
      action: 'approveByDopt',
      by: ['CADRE_AUTHORITY'],
      guard: (rec) => needsDopt(rec) || r('DEP_DOPT_NOT_NEEDED', 'The Ministry has already given the cadre clearance for this grade.', 'इस ग्रेड के लिए मंत्रालय संवर्ग अनापत्ति दे चुका है।'),
      en: 'Cadre clearance by CS.I',
      hi: 'सीएस.I द्वारा संवर्ग अनापत्ति',
    },
    {
      from: 'CADRE_CLEARED',
      to: 'REJECTED_BY_DOPT',
      action: 'rejectByDopt',
      by: ['CADRE_AUTHORITY'],
      guard: (rec, ctx) => {
        if (!needsDopt(rec)) return r('DEP_DOPT_NOT_NEEDED', 'The Ministry has already given the cadre clearance for this grade.', 'इस ग्रेड के लिए मंत्रालय संवर्ग अनापत्ति दे चुका है।');
        return withReasons(rec, ctx);
      },
      en: 'Refuse cadre clearance (CS.I)',
      hi: 'संवर्ग अनापत्ति अस्वीकार करें (सीएस.I)',
    },
    {
      from: 'APPROVED_BY_DOPT',
      to: 'SHORTLISTED',
      action: 'shortlist',
      by: ['SUB_NODAL_OFFICER'],
      en: 'Shortlist',
      hi: 'संक्षिप्त सूची में रखें',
    },
    {
      from: 'CADRE_CLEARED',
      to: 'SHORTLISTED',
      action: 'shortlist',
      by: ['SUB_NODAL_OFFICER'],
      guard: (rec) => !needsDopt(rec) || r('DEP_AWAITING_CSI', 'CS.I has not yet given the cadre clearance.', 'सीएस.I ने अभी संवर्ग अनापत्ति नहीं दी है।'),
      en: 'Shortlist',
      hi: 'संक्षिप्त सूची में रखें',
    },
    {
      from: 'CADRE_CLEARED',
      to: 'NOT_SELECTED',
      action: 'notSelect',
      by: ['SUB_NODAL_OFFICER'],
      guard: (rec) => !needsDopt(rec) || r('DEP_AWAITING_CSI', 'CS.I has not yet given the cadre clearance.', 'सीएस.I ने अभी संवर्ग अनापत्ति नहीं दी है।'),
      en: 'Not selected',
      hi: 'चयनित नहीं',
    },
    { from: ['APPROVED_BY_DOPT', 'SHORTLISTED'], to: 'NOT_SELECTED', action: 'notSelect', by: ['SUB_NODAL_OFFICER'], en: 'Not selected', hi: 'चयनित नहीं' },
    { from: 'SHORTLISTED', to: 'SELECTED', action: 'select', by: ['SUB_NODAL_OFFICER'], en: 'Select', hi: 'चयन करें' },
    { from: 'SELECTED', to: 'JOINED', action: 'join', by: ['SUB_NODAL_OFFICER'], en: 'Record joining', hi: 'कार्यग्रहण दर्ज करें' },
    {
      from: 'JOINED',
      to: 'REPATRIATED',
      action: 'repatriate',
      by: ['SUB_NODAL_OFFICER', 'CADRE_AUTHORITY'],
      en: 'Repatriate (on completion or prematurely)',
      hi: 'प्रत्यावर्तन (अवधि पूर्ण होने पर या समय से पूर्व)',
    },
    {
      // Issue 6 / CS.I practice: the applicant may withdraw before the Ministry forwards; after that the
      // application is the Ministry's, and a change of mind goes to the borrowing organisation as a refusal of offer.
      from: ['APPLIED'],
      to: 'WITHDRAWN',
      action: 'withdraw',
      by: ['EMPLOYEE'],
      en: 'Withdraw the application',
      hi: 'आवेदन वापस लें',
    },
  ],
});

/** May this employee apply now? The advertisement must be open and the employee eligible. */
export function mayApplyForDeputation(ad: DeputationAdvertisement, eligibility: DeputationEligibility, on: CalendarDate): true | Reason[] {
  const out: Reason[] = [];
  const open = applicationsOpen(ad, on);
  if (open !== true) out.push(open);
  if (!eligibility.eligible) out.push(...eligibility.reasons);
  return out.length ? out : true;
}
