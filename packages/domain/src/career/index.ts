// Career progression: MACP (and the ACP era before 01.09.2008). rules.md §2.
export * from './errors.ts';
export * from './citations.ts';
export * from './macp.ts';
