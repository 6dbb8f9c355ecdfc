// Dearness allowance (rules.md §9).
export * from './da.ts';
