export * from './dates.ts';
export * from './citation.ts';
