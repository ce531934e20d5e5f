import { ApiProperty } from '@nestjs/swagger';
import { enumOf } from '../../common/openapi/fields';
import type { Expect, SameKeys } from '../../common/openapi/same-keys';
import type { GpuView } from '../gpu-catalog';
import type { Confidence, GpuPricing, GpuSegment, GpuVendor, ProviderClass } from '../gpu.types';
import { GPU_SEGMENTS } from './list-gpus.query.dto';

const PROVIDER_CLASSES = enumOf<ProviderClass>()(['hyperscaler', 'gpu-cloud', 'marketplace']);
const LIST_PRICE_KINDS = enumOf<NonNullable<GpuPricing['listPriceKind']>>()(['launch-msrp', 'street', 'board-share']);
const VENDORS = enumOf<GpuVendor>()(['NVIDIA', 'AMD', 'Intel', 'Apple']);
const CONFIDENCES = enumOf<Confidence>()(['high', 'medium', 'low']);

/** The API view of a GPU's prices (the spot model applied), named so that GpuPricingDto can implement it. */
type GpuPricingView = GpuView['pricing'];

export class GpuPricingDto implements GpuPricingView {
  /** Purchase price of one card (USD); null where none is public. */
  listPriceUsd!: number | null;
  /** launch-msrp, street, or board-share (an 8-GPU board price / 8). */
  @ApiProperty({ enum: LIST_PRICE_KINDS, nullable: true })
  listPriceKind!: GpuPricing['listPriceKind'];
  /** On-demand rental price of ONE GPU per hour (USD). */
  onDemandHourlyUsd!: number | null;
  /** The instance the on-demand price was read from. */
  onDemandInstance!: string | null;
  /** hyperscaler, gpu-cloud or marketplace. */
  @ApiProperty({ enum: PROVIDER_CLASSES, nullable: true })
  providerClass!: ProviderClass | null;
  /** Spot / interruptible price of one GPU per hour (USD): published, or estimated (see spotEstimated). */
  spotHourlyUsd!: number | null;
  /** True when spotHourlyUsd comes from the provider-class discount model, not a published price. */
  spotEstimated!: boolean;
  /** Where the spot price comes from, or the estimate's formula. */
  spotBasis!: string | null;
  spotSource!: string | null;
  /** Date (YYYY-MM-DD) the prices were read. */
  @ApiProperty({ type: 'string', format: 'date', nullable: true, example: '2026-11-20' })
  asOf!: string | null;
  /** Where the prices come from. */
  source!: string | null;
  /** ISO 4217 currency of the prices above (always USD: the catalog's reference prices). */
  @ApiProperty({ enum: ['USD'], example: 'USD' })
  currency!: 'USD';
}

export class GpuDto implements GpuView {
  /** Lowercase kebab-case id (`rtx-4090`, `l4`, `h100-sxm`). */
  @ApiProperty({ example: 'l4' })
  id!: string;
  name!: string;
  @ApiProperty({ enum: VENDORS })
  vendor!: GpuVendor;
  architecture!: string;
  /** CUDA compute capability (e.g. 8.9; NVIDIA's CUDA GPUs page); null for AMD, Intel and Apple devices. */
  @ApiProperty({ type: 'number', nullable: true, example: 8.9 })
  computeCapability!: number | null;
  /** consumer, workstation, datacenter or soc. */
  @ApiProperty({ enum: GPU_SEGMENTS })
  segment!: GpuSegment;
  /** Memory in decimal GB. */
  vramGb!: number;
  memoryType!: string | null;
  memoryBandwidthGBs!: number;
  fp32Tflops!: number | null;
  /** Dense FP16 tensor TFLOPS with FP32 accumulate (GeForce: half the marketing FP16-accumulate figure). */
  fp16TensorTflops!: number | null;
  /** Dense BF16 tensor TFLOPS with FP32 accumulate. */
  bf16TensorTflops!: number | null;
  /** Dense FP8 tensor TFLOPS; null without FP8 tensor cores. */
  fp8TensorTflops!: number | null;
  /** Dense INT8 tensor TOPS; null without INT8 tensor cores. */
  int8TensorTops!: number | null;
  tdpW!: number | null;
  formFactor!: string;
  pcieGen!: number | null;
  /** Scale-up link bandwidth per GPU (GB/s, bidirectional); null when none. */
  nvlinkGBs!: number | null;
  year!: number;
  pricing!: GpuPricingDto;
  /** high, medium or low: how well the figures are verified. */
  @ApiProperty({ enum: CONFIDENCES })
  confidence!: Confidence;
  notes!: string;
  sources!: string[];
}

export class GpuListDto {
  /** Content hash of the catalog data. */
  catalogVersion!: string;
  items!: GpuDto[];
}

// `implements` does not see an optional field the DTO lacks, nor a field the DTO documents that is never sent: these do.
export type _Keys = [
  Expect<SameKeys<GpuPricingDto, GpuPricingView>>,
  Expect<SameKeys<GpuDto, GpuView>>,
  Expect<SameKeys<GpuListDto, { catalogVersion: string; items: GpuView[] }>>,
];
