export * from './application.ts';
export * from './workflow.ts';
