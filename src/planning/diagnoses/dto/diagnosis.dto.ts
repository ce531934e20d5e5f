import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type Diagnosis,
  DIAGNOSIS_RULES_VERSION,
  type EvidenceValue,
  type Finding,
  FINDING_CODES,
  type FindingCode,
  type Prediction,
  type Severity,
  SEVERITIES,
  type StepBinding,
} from '../../engine/diagnosis';
import { enumOf } from '../../../common/openapi/fields';
import type { Expect, SameKeys } from '../../../common/openapi/same-keys';

const STEP_BINDINGS = enumOf<StepBinding>()(['step-overhead', 'memory-bandwidth', 'compute']);

/** The engine's nested answer type, named so that RtfBandDto can implement it. */
type RtfBand = NonNullable<Prediction['rtfBand']>;

export class FindingDto implements Finding {
  /** Stable identifier of the rule; integrations key on it. */
  @ApiProperty({ enum: FINDING_CODES, example: 'cpu-starved' })
  code!: FindingCode;

  @ApiProperty({ enum: SEVERITIES, example: 'warning' })
  severity!: Severity;

  /** One sentence: what the telemetry shows. */
  @ApiProperty({
    example: 'RTF 0.8 with the GPU 35 % busy: the GPU idles between decoding steps (per-step host overhead).',
  })
  summary!: string;

  /** The values the rule used, and its thresholds. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] },
    example: { rtf: 0.8, gpuUtilPct: 35, rtfThreshold: 0.7, gpuUtilThresholdPct: 40 },
  })
  evidence!: Record<string, EvidenceValue>;

  /** What to change. */
  @ApiProperty({
    example: 'ChatTTS inference has no DataLoader or num_workers…; Load with compile=True (~1.8× faster steps)…',
  })
  action!: string;
}

export class RtfBandDto implements RtfBand {
  @ApiProperty({ example: 0.2 })
  low!: number;

  @ApiProperty({ example: 0.45 })
  high!: number;
}

/** What the capacity model predicted for the stated model / GPU / runtime / precision / batch. */
export class DiagnosisPredictionDto implements Prediction {
  @ApiProperty({ example: 0.31 })
  perStreamRtf!: number;

  @ApiProperty({ enum: STEP_BINDINGS, example: 'step-overhead' })
  stepBinding!: StepBinding;

  @ApiProperty({ example: 151 })
  decodeStepsPerSecond!: number;

  @ApiPropertyOptional({ type: RtfBandDto })
  rtfBand?: RtfBandDto;
}

export class DiagnosisDto implements Diagnosis {
  /** Version of the diagnosis rules (codes, thresholds, actions). */
  @ApiProperty({ example: DIAGNOSIS_RULES_VERSION })
  rulesVersion!: string;

  /** Catalog version the prediction used; present when a prediction was made. */
  @ApiPropertyOptional({ example: 'gpus-0123456789abcdef' })
  catalogVersion?: string;

  /** Engine version the prediction used; present when a prediction was made. */
  @ApiPropertyOptional({ example: 'engine-0123456789abcdef' })
  engineVersion?: string;

  /** The capacity model's prediction, when modelId and gpuId were given and the setup could be planned; else null. */
  @ApiProperty({ type: DiagnosisPredictionDto, nullable: true })
  prediction!: DiagnosisPredictionDto | null;

  /** Most severe first; a single `ok` when nothing is wrong. */
  @ApiProperty({ type: [FindingDto] })
  findings!: FindingDto[];
}

// `implements` does not see an optional field the DTO lacks, nor a field the DTO documents that is never sent: these do.
export type _Keys = [
  Expect<SameKeys<FindingDto, Finding>>,
  Expect<SameKeys<RtfBandDto, RtfBand>>,
  Expect<SameKeys<DiagnosisPredictionDto, Prediction>>,
  Expect<
    SameKeys<
      DiagnosisDto,
      Diagnosis & {
        rulesVersion: string;
        catalogVersion?: string;
        engineVersion?: string;
        prediction: Prediction | null;
      }
    >
  >,
];
