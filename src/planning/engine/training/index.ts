export * from './article';
export * from './host';
export * from './memory';
export * from './resilience';
export * from './throughput';
export * from './trained-model';
export * from './training';
export * from './types';
