import { UnderLoadDto } from '../../common/under-load.dto';
import { ApiProperty } from '@nestjs/swagger';
import {
  INFEASIBLE_CODES,
  INFEASIBLE_FIELDS,
  SUGGESTION_SWITCHES,
  type SuggestionSwitch,
  type Infeasibility,
  type InfeasibleAlternative,
  type InfeasibleCode,
  type InfeasibleField,
  type InfeasibleSuggestion,
  type OptionGpu,
  type OptionHost,
  type PlanInstance,
  type PricingMode,
  type DeploymentSpec,
  type KubernetesDeployment,
  type RecommendationAnswer,
  type RecommendationOption,
} from '../../engine/recommend';
import type { Expect, SameKeys } from '../../../common/openapi/same-keys';

/** The engine's nested answer types, named so that the DTOs below can implement them. */
type KubernetesResources = KubernetesDeployment['resources'];
type Kubernetes = DeploymentSpec['kubernetes'];
type ExcludedGpu = RecommendationAnswer['excluded'][number];
type ArticleChoice = NonNullable<RecommendationAnswer['articleComparison']>;
import { PRICING_MODES } from './create-recommendation.dto';
import { type LimitedBy, PRECISIONS, type Precision, RUNTIMES, type Runtime } from '../../engine/shared';
import type { Batching } from '../../engine/serving';
import { BATCHING, LIMITED_BY } from '../../common/answer-enums';
import { EXAMPLE_PLAN_ID, PLAN_ID, type PlanStamp } from '../../../common/plans/plan-params.dto';
import { PricedAnswerDto } from '../../../pricing/priced-answer.dto';

/** What bounds a GPU type's streams: the capacity engine's term, or (demand stated) the batching under load. */
const OPTION_LIMITED_BY = [...LIMITED_BY, ...BATCHING.map((b) => `${b} batching under load` as const)];
type OptionLimitedBy = LimitedBy | `${Batching} batching under load`;

export class OptionGpuDto implements OptionGpu {
  gpuId!: string;
  name!: string;
  count!: number;
  @ApiProperty({ enum: RUNTIMES })
  runtime!: Runtime;
  @ApiProperty({ enum: PRECISIONS })
  precision!: Precision;
  /** maxStreams of one GPU from the capacity engine for the same inputs (all its worker processes). */
  streamsPerGpu!: number;
  /** Worker processes per GPU, each with its own model copy and batch (host-bound decode loops: one core each). */
  @ApiProperty({ type: 'integer', minimum: 1, example: 4 })
  workersPerGpu!: number;
  @ApiProperty({ enum: PRICING_MODES })
  pricing!: PricingMode;
  /** Per GPU: its instances' hourly price (host included) over their GPUs, in the option's currency (a summary: the instances are what is ordered). */
  unitHourly!: number;
  unitUpfront!: number;
  priceSource!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, example: '2026-11-20' })
  priceAsOf!: string | null;
  /** What stops one more stream on one GPU of this type (with demand: the batching under load). */
  @ApiProperty({ enum: OPTION_LIMITED_BY })
  limitedBy!: OptionLimitedBy;
}

export class PlanInstanceDto implements PlanInstance {
  /** An offer of GET /v1/offers; `reference-<gpuId>` (a GPU no offer rents or sells, at the GPU catalog's reference
   * price, estimated); a bought machine is `<card offer>+<host build>[*k]` (k cards and one host). */
  @ApiProperty({ example: 'aws-us-east-1-g6-xlarge' })
  offerId!: string;
  @ApiProperty({ example: 'aws' })
  provider!: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'us-east-1' })
  region!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'g6.xlarge' })
  instanceType!: string | null;
  /** Instances (or machines) to rent or buy. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  count!: number;
  gpuId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  gpusPerInstance!: number;
  @ApiProperty({ type: 'string', nullable: true, example: 'epyc-7r13' })
  hostCpu!: string | null;
  /** The instance's vCPUs (a bought machine: its host's threads); they bound the worker processes per GPU. */
  @ApiProperty({ type: 'integer', nullable: true, example: 4 })
  vcpus!: number | null;
  @ApiProperty({ enum: PRICING_MODES })
  pricing!: PricingMode;
  /** Price of ONE instance per hour (purchase: amortised); Σ count × unitHourly = the option's hourly. */
  unitHourly!: number;
  /** Purchase price of ONE unit (cards and host); 0 for rentals. */
  unitUpfront!: number;
  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$' })
  currency!: string;
  priceSource!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, example: '2026-11-20' })
  priceAsOf!: string | null;
  /** A derived price (a reference price, a spot estimate, a host build's estimate). */
  estimated!: boolean;
  /** A marketplace floor ("from" price, thin supply): chosen only with allowMarketplaceFloors. */
  floor!: boolean;
}

export class OptionHostDto implements OptionHost {
  gpuId!: string;
  nodes!: number;
  gpusPerNode!: number;
  /** Per node. */
  cpuCores!: number;
  ramGb!: number;
  storageGb!: number;
  shmGb!: number;
}

export class KubernetesResourcesDto implements KubernetesResources {
  requests!: Record<string, string | number>;
  limits!: Record<string, string | number>;
}

export class KubernetesDeploymentDto implements KubernetesDeployment {
  name!: string;
  replicas!: number;
  nodeSelector!: Record<string, string>;
  resources!: KubernetesResourcesDto;
}

export class KubernetesDto implements Kubernetes {
  deployments!: KubernetesDeploymentDto[];
  /** Deployment manifests (YAML, one document per GPU type). */
  manifest!: string;
}

export class DeploymentDto implements DeploymentSpec {
  /** `docker run` lines: one container per GPU with --gpus, --shm-size, --memory and --cpus. */
  dockerRun!: string;
  kubernetes!: KubernetesDto;
}

export class RecommendationOptionDto implements RecommendationOption {
  label!: string;
  gpus!: OptionGpuDto[];
  /** What to rent or buy: whole instances of offers. */
  instances!: PlanInstanceDto[];
  /** ISO 4217 currency of every amount of the option (hourly, monthly, upfront, energyHourly, unit prices). */
  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$' })
  currency!: string;
  /** Some price of the option is a marketplace floor. */
  floorPrices!: boolean;
  streamsCapacity!: number;
  /** Streams served on average once spot pre-emptions are discounted (= streamsCapacity without spot). */
  effectiveStreams!: number;
  /** Σ count × unitHourly of the instances: rental per hour, hosts included (purchase: cards and hosts amortised). */
  hourly!: number;
  monthly!: number;
  upfront!: number;
  /** Power at TDP × PUE 1.3 × electricityPerKwh, per hour (not in hourly). */
  energyHourly!: number;
  headroomPct!: number;
  host!: OptionHostDto[];
  deployment!: DeploymentDto;
  rationale!: string[];
  /** The fleet under the request's demand (arrivals); null when the request states streams. */
  @ApiProperty({ type: () => UnderLoadDto, nullable: true })
  underLoad!: UnderLoadDto | null;
}

export class InfeasibleSuggestionDto implements InfeasibleSuggestion {
  /** A binding limit, or a switch (runtime, precision, allowExtrapolated, utterance.refineText) that gives a plan. */
  @ApiProperty({ enum: [...INFEASIBLE_FIELDS, ...SUGGESTION_SWITCHES], example: 'targetTtfaMs' })
  field!: InfeasibleField | SuggestionSwitch;
  /** The loosest value of the field that has a plan (verified by re-solving), or the switch's value. */
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }], example: 7873 })
  value!: number | string | boolean;
}

export class InfeasibleAlternativeDto implements InfeasibleAlternative {
  /** The one request change (a suggestion above) this plan is under. */
  change!: InfeasibleSuggestionDto;
  /** The cheapest plan with that change alone. */
  option!: RecommendationOptionDto;
}

export class InfeasibleDto implements Infeasibility {
  @ApiProperty({ enum: INFEASIBLE_CODES, example: 'targets-out-of-reach' })
  code!: InfeasibleCode;
  /** The request fields whose relaxation alone gives a plan (or, when none alone does, those needed together). */
  @ApiProperty({ enum: INFEASIBLE_FIELDS, isArray: true, example: ['targetTtfaMs'] })
  binding!: InfeasibleField[];
  /** Fewest GPUs that serve the streams at the requested targets, budget ignored (null: no GPU meets them). */
  @ApiProperty({ type: 'integer', nullable: true, example: 4 })
  minGpus!: number | null;
  /** Hourly cost of the cheapest plan at the requested targets, budget ignored (null: none). */
  @ApiProperty({ type: 'number', nullable: true, example: 3.2 })
  minHourly!: number | null;
  /** Best per-stream RTF at one stream among the allowed GPUs, runtimes and precisions. */
  @ApiProperty({ type: 'number', nullable: true, example: 0.614 })
  bestRtf!: number | null;
  /** Best time to first audio at one stream among them (ms). */
  @ApiProperty({ type: 'number', nullable: true, example: 2050.3 })
  bestTtfaMs!: number | null;
  @ApiProperty({ type: [InfeasibleSuggestionDto] })
  suggestions!: InfeasibleSuggestionDto[];
  /** A summary built from the fields above. */
  reason!: string;
  /** The cheapest plan under each suggestion applied alone: a deployment to weigh against the change it needs. */
  @ApiProperty({ type: [InfeasibleAlternativeDto] })
  alternatives!: InfeasibleAlternativeDto[];
}

export class ExcludedGpuDto implements ExcludedGpu {
  gpuId!: string;
  reason!: string;
}

export class ArticleChoiceDto implements ArticleChoice {
  articleGpu!: string;
  articleCount!: number;
  articleStreamsPerCard!: number;
  /** The cards at the GPU catalog's reference price, in articleCurrency. */
  articleUpfront!: number | null;
  /** The GPU catalog's reference price currency (USD), whatever the plan's currency. */
  @ApiProperty({ example: 'USD', pattern: '^[A-Z]{3}$' })
  articleCurrency!: string;
  ourStreamsPerCard!: number;
  servesStreams!: number;
  note!: string;
}

export class RecommendationDto extends PricedAnswerDto implements RecommendationAnswer {
  /** This plan's id: GET /v1/recommendations/{planId} answers it again (the digest of the normalised request and the versions). */
  @ApiProperty({ example: EXAMPLE_PLAN_ID, pattern: PLAN_ID.source })
  planId!: string;
  catalogVersion!: string;
  engineVersion!: string;
  modelId!: string;
  /** The request's concurrent streams; null when it states demand (arrivals) instead. */
  streams!: number | null;
  /** Cheapest first; the first is the exact optimum. Empty when infeasible. */
  options!: RecommendationOptionDto[];
  @ApiProperty({ type: InfeasibleDto, nullable: true })
  infeasible!: InfeasibleDto | null;
  /** Spot over-provisioning: 1 + interruptionsPerHour × recoveryMinutes / 60. */
  spotOverProvisionFactor!: number;
  candidatesConsidered!: number;
  excluded!: ExcludedGpuDto[];
  articleComparison!: ArticleChoiceDto | null;
}

// `implements` does not see a field the DTO documents that the engine never sends: these do.
export type _Keys = [
  Expect<SameKeys<OptionGpuDto, OptionGpu>>,
  Expect<SameKeys<PlanInstanceDto, PlanInstance>>,
  Expect<SameKeys<OptionHostDto, OptionHost>>,
  Expect<SameKeys<KubernetesResourcesDto, KubernetesResources>>,
  Expect<SameKeys<KubernetesDeploymentDto, KubernetesDeployment>>,
  Expect<SameKeys<KubernetesDto, Kubernetes>>,
  Expect<SameKeys<DeploymentDto, DeploymentSpec>>,
  Expect<SameKeys<RecommendationOptionDto, RecommendationOption>>,
  Expect<SameKeys<InfeasibleSuggestionDto, InfeasibleSuggestion>>,
  Expect<SameKeys<InfeasibleAlternativeDto, InfeasibleAlternative>>,
  Expect<SameKeys<InfeasibleDto, Infeasibility>>,
  Expect<SameKeys<ExcludedGpuDto, ExcludedGpu>>,
  Expect<SameKeys<ArticleChoiceDto, ArticleChoice>>,
  Expect<
    SameKeys<
      RecommendationDto,
      RecommendationAnswer &
        PlanStamp & {
          modelId: string;
          streams: number | null;
        }
    >
  >,
];
