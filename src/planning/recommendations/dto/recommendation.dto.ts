import { ApiProperty } from '@nestjs/swagger';

export class OptionGpuDto {
  gpuId!: string;
  name!: string;
  count!: number;
  runtime!: string;
  precision!: string;
  /** maxStreams of one GPU from the capacity engine for the same inputs. */
  streamsPerGpu!: number;
  @ApiProperty({ enum: ['on-demand', 'spot', 'purchase'] })
  pricing!: string;
  unitHourlyUsd!: number;
  unitUpfrontUsd!: number;
  priceSource!: string;
  priceAsOf!: string | null;
  limitedBy!: string;
}

export class OptionHostDto {
  gpuId!: string;
  nodes!: number;
  gpusPerNode!: number;
  /** Per node. */
  cpuCores!: number;
  ramGb!: number;
  storageGb!: number;
  shmGb!: number;
}

export class KubernetesResourcesDto {
  requests!: Record<string, string | number>;
  limits!: Record<string, string | number>;
}

export class KubernetesDeploymentDto {
  name!: string;
  replicas!: number;
  nodeSelector!: Record<string, string>;
  resources!: KubernetesResourcesDto;
}

export class KubernetesDto {
  deployments!: KubernetesDeploymentDto[];
  /** Deployment manifests (YAML, one document per GPU type). */
  manifest!: string;
}

export class DeploymentDto {
  /** `docker run` lines: one container per GPU with --gpus, --shm-size, --memory and --cpus. */
  dockerRun!: string;
  kubernetes!: KubernetesDto;
}

export class RecommendationOptionDto {
  label!: string;
  gpus!: OptionGpuDto[];
  streamsCapacity!: number;
  /** Streams served on average once spot pre-emptions are discounted (= streamsCapacity without spot). */
  effectiveStreams!: number;
  /** GPU rental per hour (purchase: the amortised price). Host machines are not included. */
  hourlyUsd!: number;
  monthlyUsd!: number;
  upfrontUsd!: number;
  /** Power at TDP × PUE 1.3 × electricityUsdPerKwh, per hour (not in hourlyUsd). */
  energyHourlyUsd!: number;
  headroomPct!: number;
  host!: OptionHostDto[];
  deployment!: DeploymentDto;
  rationale!: string[];
}

export class InfeasibleDto {
  reason!: string;
}

export class ExcludedGpuDto {
  gpuId!: string;
  reason!: string;
}

export class ArticleChoiceDto {
  articleGpu!: string;
  articleCount!: number;
  articleStreamsPerCard!: number;
  articleUpfrontUsd!: number | null;
  ourStreamsPerCard!: number;
  servesStreams!: number;
  note!: string;
}

export class RecommendationDto {
  catalogVersion!: string;
  engineVersion!: string;
  modelId!: string;
  streams!: number;
  /** Cheapest first; the first is the exact optimum. Empty when infeasible. */
  options!: RecommendationOptionDto[];
  infeasible!: InfeasibleDto | null;
  /** Spot over-provisioning: 1 + interruptionsPerHour × recoveryMinutes / 60. */
  spotOverProvisionFactor!: number;
  candidatesConsidered!: number;
  excluded!: ExcludedGpuDto[];
  articleComparison!: ArticleChoiceDto | null;
}
