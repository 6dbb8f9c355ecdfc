import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reason } from '../src/rules/citation.ts';
import { allowedActions, defineMachine, describeMachine, isTerminal, transition } from '../src/workflow/index.ts';

type S = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
type A = 'submit' | 'approve' | 'reject' | 'withdraw';
interface Rec {
  state: S;
  amount: number;
}
interface Ctx {
  by?: string;
  reasons?: string;
}

const noReasons: Reason = { code: 'NO_REASONS', en: 'Give reasons.', hi: 'कारण दें।', citation: { order: 'test', para: '1' } };

const m = defineMachine<S, A, Rec, Ctx>({
  name: 'test',
  states: ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'],
  initial: 'DRAFT',
  terminal: ['APPROVED', 'REJECTED', 'WITHDRAWN'],
  stateOf: (r) => r.state,
  transitions: [
    { from: 'DRAFT', to: 'SUBMITTED', action: 'submit', by: ['EMPLOYEE'] },
    { from: 'SUBMITTED', to: 'APPROVED', action: 'approve', by: ['OFFICER'], guard: (r) => r.amount > 0 || { ...noReasons, code: 'ZERO' } },
    { from: 'SUBMITTED', to: 'REJECTED', action: 'reject', by: ['OFFICER'], guard: (_r, c) => (c.reasons ? true : noReasons) },
    { from: ['DRAFT', 'SUBMITTED'], to: 'WITHDRAWN', action: 'withdraw', by: ['EMPLOYEE'] },
  ],
});

describe('workflow helper', () => {
  it('moves along a permitted transition and returns the new state without mutating', () => {
    const r: Rec = { state: 'DRAFT', amount: 1 };
    const res = transition(m, r, 'submit', { by: 'EMPLOYEE' });
    expect(res).toEqual({ ok: true, from: 'DRAFT', to: 'SUBMITTED', action: 'submit' });
    expect(r.state).toBe('DRAFT');
  });

  it('refuses an action not defined from the state', () => {
    const res = transition(m, { state: 'DRAFT', amount: 1 }, 'approve', { by: 'OFFICER' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('refuses the wrong actor and a missing actor', () => {
    const a = transition(m, { state: 'SUBMITTED', amount: 1 }, 'approve', { by: 'EMPLOYEE' });
    const b = transition(m, { state: 'SUBMITTED', amount: 1 }, 'approve', {});
    for (const res of [a, b]) {
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('ACTOR_NOT_ALLOWED');
    }
  });

  it('returns the guard reasons when the guard fails', () => {
    const res = transition(m, { state: 'SUBMITTED', amount: 1 }, 'reject', { by: 'OFFICER' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('GUARD_FAILED');
      expect(res.error.reasons.map((x) => x.code)).toEqual(['NO_REASONS']);
      expect(res.error.hi).toBeTruthy();
    }
  });

  it('nothing leaves a terminal state', () => {
    expect(isTerminal(m, 'APPROVED')).toBe(true);
    const res = transition(m, { state: 'APPROVED', amount: 1 }, 'withdraw', { by: 'EMPLOYEE' });
    expect(!res.ok && res.error.code).toBe('TERMINAL_STATE');
    expect(allowedActions(m, { state: 'APPROVED', amount: 1 })).toEqual([]);
  });

  it('lists allowed actions, filtered by actor and guards when a context is given', () => {
    const r: Rec = { state: 'SUBMITTED', amount: 0 };
    expect(allowedActions(m, r)).toEqual(['approve', 'reject', 'withdraw']);
    expect(allowedActions(m, r, { by: 'EMPLOYEE' })).toEqual(['withdraw']);
    expect(allowedActions(m, r, { by: 'OFFICER', reasons: 'x' })).toEqual(['reject']);
  });

  it('refuses a definition that leaves a terminal state or names an unknown state', () => {
    expect(() =>
      defineMachine<'A' | 'B', 'go', { s: 'A' | 'B' }>({
        name: 'bad',
        states: ['A', 'B'],
        initial: 'A',
        terminal: ['B'],
        stateOf: (r) => r.s,
        transitions: [{ from: 'B', to: 'A', action: 'go' }],
      }),
    ).toThrow(/terminal/);
    expect(() =>
      defineMachine<'A' | 'B', 'go', { s: 'A' | 'B' }>({
        name: 'bad',
        states: ['A'] as any,
        initial: 'A',
        terminal: [],
        stateOf: (r) => r.s,
        transitions: [{ from: 'A', to: 'B', action: 'go' }],
      }),
    ).toThrow(/unknown state B/);
  });

  it('describes every edge', () => {
    expect(describeMachine(m)).toContainEqual({ from: 'SUBMITTED', action: 'withdraw', to: 'WITHDRAWN', by: ['EMPLOYEE'] });
  });

  it('property: a successful transition always goes to a declared state, and allowedActions agree with transition()', () => {
    const states: S[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'];
    const actions: A[] = ['submit', 'approve', 'reject', 'withdraw'];
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.integer({ min: -2, max: 2 }),
        fc.constantFrom('EMPLOYEE', 'OFFICER', undefined),
        fc.option(fc.string()),
        (state, amount, by, reasons) => {
          const r = { state, amount };
          const ctx = { by, reasons: reasons ?? undefined };
          const allowed = allowedActions(m, r, ctx);
          for (const a of actions) {
            const res = transition(m, r, a, ctx);
            expect(res.ok).toBe(allowed.includes(a));
            if (res.ok) expect(states).toContain(res.to);
          }
        },
      ),
    );
  });
});
