import { BooleanField, EnumField, NumberField } from '../../common/openapi/fields';
import { DEFAULT_CPU_HOST, PRECISIONS, RUNTIMES } from '../engine/shared';
import { IdField } from './ids';

/** Seconds of audio per request, as every serving request bounds them. */
export const AUDIO_SECONDS = { min: 0.1, max: 3600 } as const;
export const UTTERANCE_AUDIO_SECONDS = { ...AUDIO_SECONDS, default: 10 } as const;
export const TEXT_CHARS = { min: 1, max: 100000 } as const;

/** One utterance: how much audio each stream produces per request. */
export class UtteranceDto {
  /** Seconds of audio per request (ChatTTS splits past 43.7 s = 2048 steps into segments). */
  @NumberField({ ...UTTERANCE_AUDIO_SECONDS, example: 10 })
  audioSeconds: number = UTTERANCE_AUDIO_SECONDS.default;

  /**
   * 95th percentile of audio seconds per request, when lengths vary: statically batched runtimes (eager, compile,
   * TensorRT port) wait for a batch's longest utterance, which lowers their capacity (log-normal lengths assumed).
   * Absent → every request is audioSeconds long.
   */
  @NumberField({ ...AUDIO_SECONDS, optional: true, example: 25 })
  audioSecondsP95?: number;

  /** Input characters; drives the refine-text pass (~1 step per character, ≤ 384). Absent → estimated from audio. */
  @NumberField({ ...TEXT_CHARS, integer: true, optional: true, example: 60 })
  textChars?: number;

  /** Run ChatTTS's refine-text pass first (its default; skip_refine_text=True turns it off). */
  @BooleanField({ example: true, default: true })
  refineText: boolean = true;
}

/**
 * The host CPU that drives the GPU (its single-thread speed sets the Python decode loop's per-step host time). Give a
 * catalog id (GET /v1/cpus) or a Geekbench 6 single-core score; without it the GPU's usual host is used.
 */
export class HostCpuRequestDto {
  /** A CPU id from GET /v1/cpus. */
  @IdField({
    optional: true,
    example: 'ryzen-9-7950x',
    message: 'host.cpu must be a lowercase CPU id such as ryzen-9-7950x',
  })
  cpu?: string;

  /** Geekbench 6 single-core score of the host (the CPU catalog's benchmark). */
  @NumberField({ min: 100, max: 10000, optional: true })
  singleThreadScore?: number;

  @NumberField({
    min: 1,
    max: 256,
    integer: true,
    optional: true,
    example: 8,
    description:
      "Physical cores this host gives each GPU's worker processes (one decode loop per core). Absent: not bounded by cores; the host plan states the cores needed.",
  })
  coresPerGpu?: number;
}

/** A CPU host to plan on when gpuId is "cpu". */
export class CpuHostDto {
  @NumberField({ min: 1, max: 512, integer: true, example: 32 })
  cores!: number;

  /** All-core clock (GHz). */
  @NumberField({ min: 0.5, max: 6, example: 3.0 })
  clockGhz!: number;

  // Absent: the engine's defaults (DEFAULT_CPU_HOST).
  @NumberField({ min: 1, max: 2000, example: 200, default: DEFAULT_CPU_HOST.memoryBandwidthGBs, optional: true })
  memoryBandwidthGBs?: number;

  @NumberField({ min: 1, max: 8192, example: 128, default: DEFAULT_CPU_HOST.ramGb, optional: true })
  ramGb?: number;
}

export const MEASUREMENT_METRICS = ['decodeStepsPerSecond', 'streamRtf', 'aggregateRtf'] as const;

/** A user's own measurement, shaped like the shared calibration records; refits the model for this answer. */
export class MeasurementDto {
  @EnumField(RUNTIMES, { optional: true, example: 'eager' })
  runtime?: (typeof RUNTIMES)[number];

  @EnumField(PRECISIONS, { optional: true, example: 'fp32' })
  precision?: (typeof PRECISIONS)[number];

  @NumberField({ min: 1, max: 4096, integer: true, example: 1 })
  batch!: number;

  @EnumField(MEASUREMENT_METRICS, { example: 'decodeStepsPerSecond' })
  metric!: (typeof MEASUREMENT_METRICS)[number];

  @NumberField({ min: 0.0001, max: 100000, example: 40 })
  value!: number;

  @NumberField({ ...AUDIO_SECONDS, optional: true, example: 10 })
  audioSecondsPerStream?: number;

  @BooleanField({ optional: true, example: true })
  refineText?: boolean;
}
