// The one small typed state machine every workflow uses: states, transitions (from → to by a named
// action, taken by some kinds of actor, under a guard), terminal states, and the actions open from a
// state (sent to the UI as abilities). Pure: it returns the next state and never mutates the record.
import type { Reason } from '../rules/citation.ts';

/** A guard says yes (`true`) or why not (one Reason or several). */
export type GuardResult = true | Reason | readonly Reason[];

/** What every transition context may carry: who is acting (a role or actor kind of the workflow). */
export interface WorkflowContext {
  by?: string;
}

export interface Transition<S extends string, A extends string, R, C extends WorkflowContext> {
  from: S | readonly S[];
  to: S;
  action: A;
  /** the actor kinds that may take this step; absent = anyone the caller lets through */
  by?: readonly string[];
  guard?: (record: R, ctx: C) => GuardResult;
  /** what the step means, for lists of abilities and the audit trail */
  en?: string;
  hi?: string;
}

export interface Machine<S extends string, A extends string, R, C extends WorkflowContext> {
  name: string;
  states: readonly S[];
  initial: S;
  terminal: readonly S[];
  transitions: readonly Transition<S, A, R, C>[];
  /** where the record's state is read from */
  stateOf: (record: R) => S;
}

export type WorkflowErrorCode = 'UNKNOWN_STATE' | 'TERMINAL_STATE' | 'ACTION_NOT_ALLOWED' | 'ACTOR_NOT_ALLOWED' | 'GUARD_FAILED';

export interface WorkflowError<S extends string = string, A extends string = string> {
  code: WorkflowErrorCode;
  machine: string;
  state: S;
  action: A;
  en: string;
  hi: string;
  /** the guard's reasons when code is GUARD_FAILED */
  reasons: Reason[];
}

export type TransitionResult<S extends string, A extends string> =
  | { ok: true; from: S; to: S; action: A }
  | { ok: false; error: WorkflowError<S, A> };

/** Checks the definition once (every state named exists, no way out of a terminal state) and returns it. */
export function defineMachine<S extends string, A extends string, R, C extends WorkflowContext = WorkflowContext>(
  m: Machine<S, A, R, C>,
): Machine<S, A, R, C> {
  const known = new Set<string>(m.states);
  const need = (s: string, where: string) => {
    if (!known.has(s)) throw new Error(`workflow ${m.name}: unknown state ${s} in ${where}`);
  };
  need(m.initial, 'initial');
  for (const t of m.terminal) need(t, 'terminal');
  for (const t of m.transitions) {
    for (const f of fromList(t)) {
      need(f, `transition ${t.action}`);
      if (m.terminal.includes(f)) throw new Error(`workflow ${m.name}: transition ${t.action} leaves terminal state ${f}`);
    }
    need(t.to, `transition ${t.action}`);
  }
  return m;
}

function fromList<S extends string>(t: { from: S | readonly S[] }): readonly S[] {
  return typeof t.from === 'string' ? [t.from as S] : (t.from as readonly S[]);
}

function reasonsOf(g: GuardResult): Reason[] {
  if (g === true) return [];
  return Array.isArray(g) ? [...(g as readonly Reason[])] : [g as Reason];
}

export function isTerminal<S extends string>(m: Machine<S, string, any, any>, state: S): boolean {
  return m.terminal.includes(state);
}

/**
 * Take `action` on `record`. Among the transitions from the record's state with that action (and,
 * when they name actor kinds, `ctx.by` among them) the first whose guard passes wins; otherwise the
 * typed error says why (the guard reasons of the candidates are all returned).
 */
export function transition<S extends string, A extends string, R, C extends WorkflowContext>(
  m: Machine<S, A, R, C>,
  record: R,
  action: A,
  ctx: C,
): TransitionResult<S, A> {
  const state = m.stateOf(record);
  const fail = (code: WorkflowErrorCode, en: string, hi: string, reasons: Reason[] = []): TransitionResult<S, A> => ({
    ok: false,
    error: { code, machine: m.name, state, action, en, hi, reasons },
  });
  if (!m.states.includes(state)) return fail('UNKNOWN_STATE', `Unknown state ${state}.`, `अज्ञात स्थिति ${state}।`);
  if (m.terminal.includes(state))
    return fail('TERMINAL_STATE', `The record is ${state}; nothing more can be done.`, `अभिलेख ${state} स्थिति में है; आगे कोई कार्रवाई नहीं हो सकती।`);
  const byAction = m.transitions.filter((t) => t.action === action && fromList(t).includes(state));
  if (byAction.length === 0)
    return fail('ACTION_NOT_ALLOWED', `"${action}" cannot be done when the record is ${state}.`, `अभिलेख ${state} स्थिति में होने पर "${action}" नहीं किया जा सकता।`);
  const byActor = byAction.filter((t) => !t.by || (ctx.by !== undefined && t.by.includes(ctx.by)));
  if (byActor.length === 0) {
    const who = [...new Set(byAction.flatMap((t) => t.by ?? []))].join(', ');
    return fail('ACTOR_NOT_ALLOWED', `"${action}" may be done only by: ${who}.`, `"${action}" केवल इनके द्वारा किया जा सकता है: ${who}।`);
  }
  const reasons: Reason[] = [];
  for (const t of byActor) {
    const g = t.guard ? t.guard(record, ctx) : true;
    if (g === true) return { ok: true, from: state, to: t.to, action };
    reasons.push(...reasonsOf(g));
  }
  return fail('GUARD_FAILED', `"${action}" is not possible now.`, `"${action}" अभी संभव नहीं है।`, reasons);
}

/**
 * The actions open from the record's state. With a context, only those the actor (`ctx.by`) may
 * take and whose guard passes now — what the UI should offer.
 */
export function allowedActions<S extends string, A extends string, R, C extends WorkflowContext>(
  m: Machine<S, A, R, C>,
  record: R,
  ctx?: C,
): A[] {
  const state = m.stateOf(record);
  if (m.terminal.includes(state)) return [];
  const out: A[] = [];
  for (const t of m.transitions) {
    if (!fromList(t).includes(state) || out.includes(t.action)) continue;
    if (ctx === undefined) {
      out.push(t.action);
      continue;
    }
    if (transition(m, record, t.action, ctx).ok) out.push(t.action);
  }
  return out;
}

/** Every (from, action, to, by) of a machine: documentation and the policy registry read this. */
export function describeMachine<S extends string, A extends string>(
  m: Machine<S, A, any, any>,
): Array<{ from: S; action: A; to: S; by: readonly string[] | undefined }> {
  return m.transitions.flatMap((t) => fromList(t).map((from) => ({ from, action: t.action, to: t.to, by: t.by })));
}
