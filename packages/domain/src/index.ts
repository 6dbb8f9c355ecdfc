export * from './rules/index.ts';
export * from './cadre/index.ts';
export * from './policies/index.ts';
