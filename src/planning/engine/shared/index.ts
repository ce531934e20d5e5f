/**
 * The engine's shared vocabulary: precisions, runtimes and devices, the engine's view of a model profile, the
 * fitted-constants type, rounding, and the engine version. Imports nothing from the other engine folders.
 */
export * from './calibration';
export * from './device';
export * from './engine-model';
export * from './host-cpu';
export * from './round';
export * from './types';
export * from './version';
