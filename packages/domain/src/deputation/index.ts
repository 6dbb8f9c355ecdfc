export * from './advertisement.ts';
export * from './eligibility.ts';
export * from './application.ts';
export * from './tenure.ts';
