import { ApiProperty } from '@nestjs/swagger';
import type { LoadTargets, UnderLoad } from '../engine/serving';
import { BATCHING } from './answer-enums';
import type { Expect, SameKeys } from '../../common/openapi/same-keys';

/** The engine's nested answer types, named so that the DTOs below can implement them. */
type TtfaPercentiles = UnderLoad['ttfaMs'];
type RtfPercentiles = UnderLoad['rtf'];

export class PercentilesDto implements TtfaPercentiles, RtfPercentiles {
  p50!: number | null;
  p95!: number | null;
}

export class LoadTargetsDto implements LoadTargets {
  ttfaMsP95!: number;
  rtfP95!: number;
}

/** The plan under arrivals: Poisson arrivals on `gpus` GPUs, an M/G/m queueing model (README: where numbers come from). */
export class UnderLoadDto implements UnderLoad {
  requestsPerSecond!: number;
  /** GPUs evaluated: demand.gpus, else gpusNeeded (else the fewest with a steady state). */
  gpus!: number;
  /** Fewest GPUs of this kind that meet the p95 targets; null when no number does. */
  gpusNeeded!: number | null;
  @ApiProperty({ enum: BATCHING })
  batching!: 'static' | 'continuous';
  /** Requests one GPU runs at once: the runtime's limit or what fits in memory. */
  maxBatch!: number;
  /** Arrivals over what the GPUs serve at full batch; ≥ 1: the queue grows without bound. Null when nothing fits. */
  utilization!: number | null;
  /** Mean requests in one GPU's batch; null without a steady state. */
  meanBatch!: number | null;
  /** Time to first audio, queueing included (ms); null without a steady state. */
  ttfaMs!: PercentilesDto;
  /** Wall time over audio seconds of each request once it runs. */
  rtf!: PercentilesDto;
  meetsTargets!: boolean;
  /** Why the targets are missed; null when they are met. */
  reason!: string | null;
  targets!: LoadTargetsDto;
}

// `implements` does not see an optional field the DTO lacks, nor a field the DTO documents that is never sent: these do.
export type _Keys = [
  Expect<SameKeys<PercentilesDto, TtfaPercentiles>>,
  Expect<SameKeys<PercentilesDto, RtfPercentiles>>,
  Expect<SameKeys<LoadTargetsDto, LoadTargets>>,
  Expect<SameKeys<UnderLoadDto, UnderLoad>>,
];
