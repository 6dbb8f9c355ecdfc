export * from './cadres.ts';
export * from './pay-matrix.ts';
export * from './superannuation.ts';
