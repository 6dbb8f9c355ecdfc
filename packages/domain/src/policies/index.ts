import { foundationPolicies } from './foundation.ts';
import { jobPolicies } from './jobs.ts';
import { profilePolicies, registrationPolicies, strengthPolicies } from './profile.ts';
import { rulesPolicies } from './rules.ts';
import { servicePolicies } from './services.ts';
import { deputationPolicies } from './deputation.ts';
import { interestPolicies, rotationPolicies } from './rotation.ts';
import type { Actor, Decision, PolicyRule, ResourceScope, Role } from './types.ts';

export * from './types.ts';
export * from './scopes.ts';

/**
 * Every action of the portal and the rule that decides it. A feature adds its own file and spreads
 * it here; the server refuses to register a route whose action is not in this registry.
 */
export const POLICIES = {
  ...foundationPolicies,
  ...jobPolicies,
  ...profilePolicies,
  ...strengthPolicies,
  ...registrationPolicies,
  ...rulesPolicies,
  ...servicePolicies,
  ...deputationPolicies,
  ...rotationPolicies,
  ...interestPolicies,
} satisfies Record<string, PolicyRule>;

export type Action = keyof typeof POLICIES;

export function isAction(a: string): a is Action {
  return Object.hasOwn(POLICIES, a);
}

const DENY = {
  FORBIDDEN: { en: 'Your role does not allow this.', hi: 'आपकी भूमिका इसकी अनुमति नहीं देती।' },
  OUT_OF_SCOPE: { en: 'This record is outside your Ministry, organisation or cadre.', hi: 'यह अभिलेख आपके मंत्रालय, संगठन या संवर्ग के बाहर है।' },
  SELF_APPROVAL: { en: 'Nobody may decide their own request.', hi: 'कोई भी अपने स्वयं के अनुरोध पर निर्णय नहीं ले सकता।' },
} as const;

/** Could the actor ever do this action (on some resource)? Used before a resource is loaded. */
export function mayAttempt(actor: Actor, action: Action): boolean {
  const rule: PolicyRule = POLICIES[action];
  return actor.grants.some((g) => rule.roles.includes(g.role));
}

/** The one decision function: actor, action, resource → allow (with the grant used) or deny with a reason. */
export function decide(actor: Actor, action: Action, resource: ResourceScope = {}): Decision {
  const rule: PolicyRule = POLICIES[action];
  const candidates = actor.grants.filter((g) => rule.roles.includes(g.role));
  if (candidates.length === 0) return { allow: false, code: 'FORBIDDEN', ...DENY.FORBIDDEN };
  if (rule.noSelf) {
    const self =
      (resource.ownerEmployeeId != null && resource.ownerEmployeeId === actor.employeeId) ||
      (resource.ownerUserId != null && resource.ownerUserId === actor.userId);
    if (self) return { allow: false, code: 'SELF_APPROVAL', ...DENY.SELF_APPROVAL };
  }
  for (const g of candidates) if (!rule.scope || rule.scope(actor, g, resource)) return { allow: true, role: g.role, grant: g };
  return { allow: false, code: 'OUT_OF_SCOPE', ...DENY.OUT_OF_SCOPE };
}

/** The actions (from a list) the actor may take on this resource: sent with every resource so the UI shows only what works. */
export function abilities<A extends Action>(actor: Actor, actions: readonly A[], resource: ResourceScope): A[] {
  return actions.filter((a) => decide(actor, a, resource).allow);
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}
