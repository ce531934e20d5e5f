export * from './diagnose';
export * from './metric-names';
export * from './prometheus-telemetry';
export * from './telemetry';
