// Rotation transfer parameters (rules.md §8): effective-dated tenure tables, citations and policy switches.
import type { CadreCode } from '../cadre/cadres.ts';
import type { Citation, EffectiveDated, PolicySwitch } from '../rules/citation.ts';

export const CSS_ROTATION_OM: Citation = {
  order: 'O.M. 21/19/2022-CS.I(P) dated 02.11.2022 as modified on 14.06.2023',
  orderId: 'CS.I-21/19/2022-CS.I(P)-2022-11-02',
};
export const CSSS_ROTATION_POLICY: Citation = {
  order: 'CS.II rotational transfer policy for CSSS dated 22.07.2015',
  orderId: 'CS.II-CSSS-ROTATION-2015-07-22',
};
/** The CSCMS O.M. of 15.11.2022 (para 3.7): preferences for rotation are given on the portal. */
export const CSCMS_OM_3_7: Citation = { order: 'DoPT O.M. dated 15.11.2022 (CSCMS)', para: 'para 3.7', orderId: 'CSCMS-REVAMP-2022' };

export function rotationCitation(cadre: CadreCode, para?: string): Citation {
  const base = cadre === 'CSSS' ? CSSS_ROTATION_POLICY : CSS_ROTATION_OM;
  return para ? { ...base, para } : base;
}

/** Minimum residency (years) per grade, and the years less in Ministries marked "reduced tenure". */
export interface TenureRule {
  years: Readonly<Record<string, number>>;
  /** years less in a Ministry flagged `reducedTenure` (some Group A Ministries) */
  reducedBy: number;
}

/**
 * Effective-dated tenure tables per cadre (rules.md §8.2). Before the first row no rule is in force and
 * eligibility is refused with NO_TENURE_RULE rather than guessed.
 */
export const ROTATION_TENURE: Readonly<Record<'CSS' | 'CSSS', readonly EffectiveDated<TenureRule>[]>> = {
  CSS: [
    {
      from: '2022-11-02',
      value: { years: { 'CSS.ASO': 7, 'CSS.SO': 7, 'CSS.US': 6, 'CSS.DS': 5, 'CSS.DIR': 5, 'CSS.JS': 5 }, reducedBy: 1 },
      citation: { ...CSS_ROTATION_OM, para: 'minimum tenure (rules.md §8.2)' },
    },
  ],
  CSSS: [
    {
      from: '2015-07-22',
      value: { years: { 'CSSS.PA': 8, 'CSSS.PS': 8, 'CSSS.PPS': 6, 'CSSS.SPPS': 6, 'CSSS.PSO': 6 }, reducedBy: 1 },
      citation: { ...CSSS_ROTATION_POLICY, para: 'minimum tenure (rules.md §8.2)' },
    },
  ],
};

/** Years before superannuation within which an officer is left out of the round (rules.md §8.4). */
export const SUPERANNUATION_WINDOW_YEARS = 2;

export type BalanceRule = 'equal-numbers' | 'off';
export type GuaranteeRule = 'sd-outcome' | 'residency-worst-case';

export interface RotationSwitchValues {
  /** days of break allowed between two postings in the same Ministry that still count as continuous */
  continuityGapDays: number;
  /** whether the one-year reduction of "reduced tenure" Ministries also applies to CSSS (§8.2 states it for CSS) */
  reducedTenureForCsss: boolean;
  /** §8.5 "equal numbers from each group" reading */
  balance: BalanceRule;
  /** method (b): what "the residency order guarantees" an officer */
  guarantee: GuaranteeRule;
}

export const DEFAULT_SWITCHES: RotationSwitchValues = {
  continuityGapDays: 0,
  reducedTenureForCsss: false,
  balance: 'equal-numbers',
  guarantee: 'residency-worst-case',
};

const DESCRIPTIONS: Record<keyof RotationSwitchValues, string> = {
  continuityGapDays:
    'Residency includes continuous service in the same Ministry (§8.2). Default 0: a posting continues the previous one only if it starts on or before the day after the previous one ends.',
  reducedTenureForCsss:
    '§8.2 states the one-year reduction of some Group A Ministries for CSS only. Default false: CSSS tenures are never reduced.',
  balance:
    "§8.5 'where the numbers due in the two groups differ, equal numbers are taken from each, longest-serving first'. Read per grade: n = min(due from Group A, due from Group B) officers are taken from each group, in residency order; the others stay for a later round. 'off' takes every eligible officer.",
  guarantee:
    "Method (b) never places an officer below 'what the residency order guarantees them'. 'residency-worst-case' (default): the best preference the officer is sure of in residency order whatever the officers with longer residency choose (the smallest k whose first k preferences hold at least as many vacancies as the officer's position); method (a) always meets it, and method (b) places more officers higher within it. 'sd-outcome': no officer below their own method (a) result; serial dictatorship is Pareto-efficient, so under that reading method (b) can only return method (a)'s allocation.",
};

export function resolveSwitches(over?: Partial<RotationSwitchValues>): {
  values: RotationSwitchValues;
  switches: PolicySwitch<unknown>[];
} {
  const values: RotationSwitchValues = { ...DEFAULT_SWITCHES, ...(over ?? {}) };
  const switches = (Object.keys(DEFAULT_SWITCHES) as (keyof RotationSwitchValues)[]).map(
    (k): PolicySwitch<unknown> => ({
      key: `rotation.${k}`,
      value: values[k],
      default: DEFAULT_SWITCHES[k],
      description: DESCRIPTIONS[k],
    }),
  );
  return { values, switches };
}
