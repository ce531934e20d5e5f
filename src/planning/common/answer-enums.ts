/**
 * Enums of answer fields whose engine types are string unions (the engine exports the union, not a list): each list
 * is checked against its union both ways by enumOf, so the document's enum follows the engine.
 */
import { enumOf } from '../../common/openapi/fields';
import type { LimitedBy, ScoreBasis } from '../engine/shared';
import type { Batching, Provenance, StepTerm } from '../engine/serving';

export const LIMITED_BY = enumOf<LimitedBy>()([
  'step-overhead',
  'memory-bandwidth',
  'compute',
  'vram',
  'target-unreachable',
  'batch-cap',
]);

export const BATCHING = enumOf<Batching>()(['static', 'continuous']);

export const PROVENANCE_BASIS = enumOf<Provenance['basis']>()(['measured', 'calibrated', 'roofline']);

export const EVIDENCE = enumOf<'measured' | 'extrapolated'>()(['measured', 'extrapolated']);

export const SCORE_BASIS = enumOf<ScoreBasis>()([
  'published',
  'request',
  'retail-counterpart',
  'server-median-assumed',
]);

export const STEP_TERMS = enumOf<StepTerm>()(['step-overhead', 'memory-bandwidth', 'compute']);
