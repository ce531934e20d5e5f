export * from './base';
export * from './fit';
export * from './fitted';
export * from './nelder-mead';
export * from './report-table';
export * from './run';
export { default as CHATTTS_MEASUREMENTS } from './chattts-measurements.json';
