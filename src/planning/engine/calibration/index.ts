export * from './base';
export * from './fitted';
export * from './memory-fit';
export * from './model-fit';
export * from './nelder-mead';
export * from './observations';
export * from './report-table';
export * from './run';
export { default as CHATTTS_MEASUREMENTS } from './chattts-measurements.json';
