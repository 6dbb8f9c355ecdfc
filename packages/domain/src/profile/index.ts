export * from './schema.ts';
export * from './checks.ts';
export * from './diff.ts';
export * from './lifecycle.ts';
