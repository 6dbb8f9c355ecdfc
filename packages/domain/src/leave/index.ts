// Leave rules: Child Care Leave (rules.md §3).
export * from './ccl.ts';
