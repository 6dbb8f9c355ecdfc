export * from './events.ts';
export * from './clearance.ts';
