export * from './return.ts';
export * from './compliance.ts';
