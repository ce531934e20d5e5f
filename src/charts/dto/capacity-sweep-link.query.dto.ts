import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

const ONE = 'takes one value; separate list items with commas';

/**
 * GET /v1/charts/capacity-sweep: the request of POST /v1/capacity-plans/sweeps in a query string, so a link
 * re-renders the chart. Lists are comma-separated; the values are then checked by CreateCapacitySweepDto's own
 * rules (same bounds, same messages). customModel and cpuHost need the POST form.
 */
export class CapacitySweepLinkQueryDto {
  @ApiProperty({ example: 'chattts', maxLength: 64 })
  @IsString({ message: `modelId ${ONE}` }) @MaxLength(64)
  modelId!: string;

  /** GPU ids, comma-separated (absent → every servable GPU). */
  @ApiPropertyOptional({ example: 'l4,t4,rtx-4090', maxLength: 4200 })
  @IsOptional() @IsString({ message: `gpuIds ${ONE}` }) @MaxLength(4200)
  gpuIds?: string;

  /** Runtimes, comma-separated: eager, compile, tensorrt, vllm (default all four). */
  @ApiPropertyOptional({ example: 'eager,vllm', maxLength: 100 })
  @IsOptional() @IsString({ message: `runtimes ${ONE}` }) @MaxLength(100)
  runtimes?: string;

  /** One runtime (shorthand for runtimes). */
  @ApiPropertyOptional({ example: 'eager', maxLength: 100 })
  @IsOptional() @IsString({ message: `runtime ${ONE}` }) @MaxLength(100)
  runtime?: string;

  /** Precisions, comma-separated: fp32, fp16, bf16, int8 (default fp16). */
  @ApiPropertyOptional({ example: 'fp16', maxLength: 100 })
  @IsOptional() @IsString({ message: `precisions ${ONE}` }) @MaxLength(100)
  precisions?: string;

  /** One precision (shorthand for precisions). */
  @ApiPropertyOptional({ example: 'fp16', maxLength: 100 })
  @IsOptional() @IsString({ message: `precision ${ONE}` }) @MaxLength(100)
  precision?: string;

  /** Batch sizes, comma-separated, 1–4096 (default 1,2,4,…,128). */
  @ApiPropertyOptional({ example: '1,2,4,8,16,32,64', maxLength: 400 })
  @IsOptional() @IsString({ message: `batchSizes ${ONE}` }) @MaxLength(400)
  batchSizes?: string;

  @ApiPropertyOptional({ description: 'Per-stream RTF each stream must meet (0.01–100, default 1)', example: '1', maxLength: 32 })
  @IsOptional() @IsString({ message: `targetRtf ${ONE}` }) @MaxLength(32)
  targetRtf?: string;

  @ApiPropertyOptional({ description: 'Time to first audio each stream must meet, ms (1–600000)', maxLength: 32 })
  @IsOptional() @IsString({ message: `targetTtfaMs ${ONE}` }) @MaxLength(32)
  targetTtfaMs?: string;

  @ApiPropertyOptional({ description: 'Seconds of audio per request (0.1–3600, default 10)', maxLength: 32 })
  @IsOptional() @IsString({ message: `audioSeconds ${ONE}` }) @MaxLength(32)
  audioSeconds?: string;

  @ApiPropertyOptional({ description: 'Input characters per request (1–100000)', maxLength: 32 })
  @IsOptional() @IsString({ message: `textChars ${ONE}` }) @MaxLength(32)
  textChars?: string;

  @ApiPropertyOptional({ description: 'Run the refine-text pass (true/false, default true)', maxLength: 5 })
  @IsOptional() @IsString({ message: `refineText ${ONE}` }) @MaxLength(5)
  refineText?: string;

  @ApiPropertyOptional({ description: 'Stream audio in chunks (true/false, default false)', maxLength: 5 })
  @IsOptional() @IsString({ message: `streaming ${ONE}` }) @MaxLength(5)
  streaming?: string;

  @ApiPropertyOptional({ description: 'vLLM memory fraction (0.1–0.99, default 0.9)', maxLength: 32 })
  @IsOptional() @IsString({ message: `gpuMemoryUtilization ${ONE}` }) @MaxLength(32)
  gpuMemoryUtilization?: string;

  @ApiPropertyOptional({ description: 'Flow-matching NFE steps (1–128)', maxLength: 32 })
  @IsOptional() @IsString({ message: `nfeSteps ${ONE}` }) @MaxLength(32)
  nfeSteps?: string;
}
