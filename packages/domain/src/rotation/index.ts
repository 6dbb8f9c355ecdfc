// Rotation transfer (rules.md §8; CSCMS O.M. of 15.11.2022 para 3.7): eligibility and allocation, pure.
export * from './params.ts';
export * from './eligibility.ts';
export * from './prepare.ts';
export * from './allocation.ts';
export { solveMaxSatisfaction } from './maxsat.ts';
