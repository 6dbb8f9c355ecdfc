export * from './rules/index.ts';
export * from './cadre/index.ts';
export * from './policies/index.ts';
export * from './career/index.ts';
export * from './leave/index.ts';
export * from './da/index.ts';
