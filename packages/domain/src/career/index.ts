// Career progression: MACP (and the ACP era before 01.09.2008). rules.md §2.
export * from './errors.ts';
export { ACP_OM, CAREER_SCHEMES, MACP_7CPC_OM, MACP_BENCHMARK, MACP_CLARIFICATIONS_2010, MACP_NFSG_RESTARTS_LEVEL_CLOCK, MACP_OM, NFSG_RP_RULES_2008, type SchemeParams } from './citations.ts';
export * from './macp.ts';
