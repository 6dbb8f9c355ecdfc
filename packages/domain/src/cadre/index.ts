export * from './cadres.ts';
