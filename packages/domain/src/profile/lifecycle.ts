import type { Citation } from '../rules/citation.ts';
import { defineMachine, type WorkflowContext } from '../workflow/machine.ts';

/** O.M. No. 21/4/2022-CS.I(P) (DoPT, CS Division) of 15.11.2022 — the CSCMS portal. */
export const PROFILE_OM: Citation = { order: 'DoPT O.M. of 15.11.2022 (CSCMS portal)', para: 'para 3.1', orderId: 'CSCMS-OM-2022' };

/**
 * DRAFT: the employee is editing (first time, after a return, or a change request after validation).
 * SUBMITTED: waiting for the Nodal Officer. RETURNED: sent back with remarks. VALIDATED: a frozen version.
 * DEEMED_FINAL: the window closed while it was submitted and not acted on (para 3.1: "taken as final").
 */
export type ProfileState = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'VALIDATED' | 'DEEMED_FINAL';
export type ProfileAction = 'edit' | 'submit' | 'validate' | 'correct' | 'return' | 'deem_final';

export interface ProfileRecord {
  state: ProfileState;
}

export interface ProfileContext extends WorkflowContext {
  by?: 'EMPLOYEE' | 'NODAL_OFFICER' | 'JOB';
}

export const profileMachine = defineMachine<ProfileState, ProfileAction, ProfileRecord, ProfileContext>({
  name: 'profile',
  states: ['DRAFT', 'SUBMITTED', 'RETURNED', 'VALIDATED', 'DEEMED_FINAL'],
  initial: 'DRAFT',
  terminal: [],
  stateOf: (r) => r.state,
  transitions: [
    { from: ['DRAFT', 'RETURNED', 'VALIDATED', 'DEEMED_FINAL'], to: 'DRAFT', action: 'edit', by: ['EMPLOYEE'], en: 'Edit', hi: 'संपादित करें' },
    { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', action: 'submit', by: ['EMPLOYEE'], en: 'Submit for validation', hi: 'सत्यापन हेतु प्रस्तुत करें' },
    { from: 'SUBMITTED', to: 'VALIDATED', action: 'validate', by: ['NODAL_OFFICER'], en: 'Validate', hi: 'सत्यापित करें' },
    { from: 'SUBMITTED', to: 'VALIDATED', action: 'correct', by: ['NODAL_OFFICER'], en: 'Correct and validate', hi: 'सुधार कर सत्यापित करें' },
    { from: 'SUBMITTED', to: 'RETURNED', action: 'return', by: ['NODAL_OFFICER'], en: 'Return with remarks', hi: 'टिप्पणी सहित लौटाएँ' },
    { from: 'SUBMITTED', to: 'DEEMED_FINAL', action: 'deem_final', by: ['JOB'], en: 'Deemed final at the deadline', hi: 'समय-सीमा पर अंतिम माना गया' },
  ],
});

/** Has the profile reached the state every other service needs (validated, or deemed final)? */
export function profileIsFinal(p: { state: ProfileState; validatedVersion: number | null }): boolean {
  return p.validatedVersion != null || p.state === 'VALIDATED' || p.state === 'DEEMED_FINAL';
}

export type DeadlineOutcome =
  | { kind: 'DEEMED_FINAL'; nodalOfficerDidNotAct: true }
  | { kind: 'NEVER_SUBMITTED' }
  | { kind: 'NONE' };

/**
 * What the deadline of a validation window does to one profile (para 3.1): a submitted profile the Nodal
 * Officer did not act on is taken as final and the omission recorded against the Nodal Officer; a profile
 * never submitted is flagged; anything else is left alone.
 */
export function atDeadline(p: { state: ProfileState; everSubmitted: boolean }): DeadlineOutcome {
  if (p.state === 'SUBMITTED') return { kind: 'DEEMED_FINAL', nodalOfficerDidNotAct: true };
  if (!p.everSubmitted) return { kind: 'NEVER_SUBMITTED' };
  return { kind: 'NONE' };
}
