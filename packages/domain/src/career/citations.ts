import type { Citation, EffectiveDated, PolicySwitch } from '../rules/citation.ts';

export const MACP_OM: Citation = {
  order: 'DoPT O.M. No. 35034/3/2008-Estt.(D) dated 19.05.2009 (MACPS)',
  orderId: 'DOPT-35034-3-2008-ESTT-D-2009-05-19',
};
export const MACP_CLARIFICATIONS_2010: Citation = {
  order: 'DoPT O.M. No. 35034/3/2008-Estt.(D) dated 09.09.2010 (MACPS clarifications)',
  orderId: 'DOPT-35034-3-2008-ESTT-D-2010-09-09',
};
export const MACP_7CPC_OM: Citation = {
  order: 'DoPT O.M. No. 35034/3/2015-Estt.(D) dated 28.09.2016 (MACPS under the 7th CPC)',
  orderId: 'DOPT-35034-3-2015-ESTT-D-2016-09-28',
};
export const ACP_OM: Citation = {
  order: 'DoPT O.M. No. 35034/1/97-Estt.(D) dated 09.08.1999 (ACP Scheme)',
  orderId: 'DOPT-35034-1-97-ESTT-D-1999-08-09',
};

/** The 6th CPC non-functional grade pay ₹5,400 in PB-3 (now Level 10) of SO (CSS) and PS (CSSS) after 4 years in the grade. */
export const NFSG_RP_RULES_2008: Citation = {
  order: 'CCS (Revised Pay) Rules, 2008 (6th CPC): non-functional Grade Pay ₹5,400 in PB-3 (Level 10) for SO/PS after 4 years in the grade',
  orderId: 'CCS-RP-RULES-2008',
};

export const cite = (c: Citation, para: string): Citation => ({ ...c, para });

/** The career-progression scheme in force for an upgradation falling due on a date. */
export interface SchemeParams {
  scheme: 'ACP' | 'MACP';
  /** service milestones in years from the start of regular service */
  milestones: readonly number[];
  /** MACP: years continuously in one level that also earn an upgradation (whichever is earlier) */
  yearsInLevel?: number;
  /** upgradations (incl. promotions) the scheme allows in a career */
  max: number;
  /** ACP: to the next post in the promotional hierarchy; MACP: the immediately next level */
  target: 'HIERARCHY' | 'NEXT_LEVEL';
}

export const CAREER_SCHEMES: readonly EffectiveDated<SchemeParams>[] = [
  {
    from: '1999-08-09',
    value: { scheme: 'ACP', milestones: [12, 24], max: 2, target: 'HIERARCHY' },
    citation: cite(ACP_OM, 'Annexure-I'),
  },
  {
    from: '2008-09-01',
    value: { scheme: 'MACP', milestones: [10, 20, 30], yearsInLevel: 10, max: 3, target: 'NEXT_LEVEL' },
    citation: cite(MACP_OM, 'Annexure-I para 1'),
  },
];

/** APAR benchmark for MACP ("found fit"), by the date the upgradation falls due. */
export const MACP_BENCHMARK: readonly EffectiveDated<{ en: string; hi: string }>[] = [
  {
    from: '2008-09-01',
    value: { en: '"Good" (upgradations up to Grade Pay ₹6,600); "Very Good" above', hi: '"अच्छा" (ग्रेड वेतन ₹6,600 तक); उससे ऊपर "बहुत अच्छा"' },
    citation: cite(MACP_OM, 'Annexure-I para 17'),
  },
  {
    from: '2016-07-25',
    value: { en: '"Very Good" for all', hi: 'सभी के लिए "बहुत अच्छा"' },
    citation: cite(MACP_7CPC_OM, 'benchmark "Very Good"'),
  },
];

/**
 * Policy switch (rules.md §1, §2.1): after the non-functional Level 10 of SO/PS, does the "10 years continuously
 * in the same level" clock restart at the non-functional level (true, default) or keep running from the date the
 * grade (Level 8) was reached (false)? The MACPS counts 10 years "in the same grade pay" (Annexure-I para 1) and
 * upgrades to the immediately next grade pay above the one held (seed 004, clarification 1): from the non-functional
 * date the employee holds Level 10 and has not spent a day in it yet, so the default restarts the clock there.
 */
export const MACP_NFSG_RESTARTS_LEVEL_CLOCK: PolicySwitch<boolean> = {
  key: 'macp.nonFunctional.restartsLevelClock',
  value: true,
  default: true,
  description: 'The non-functional Level 10 of SO/PS restarts the 10-years-in-the-same-level clock (true) or the clock runs on from the date the grade was reached (false).',
};
