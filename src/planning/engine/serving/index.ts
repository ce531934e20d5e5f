export * from './article';
export * from './capacity-plan';
export * from './capacity';
export * from './host';
export * from './memory';
export * from './step-time';
export * from './sweep';
