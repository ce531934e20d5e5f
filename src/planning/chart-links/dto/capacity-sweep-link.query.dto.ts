import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ONE, WorkloadLinkQueryDto } from './workload-link.query.dto';

/**
 * GET /v1/charts/capacity-sweep: the request of POST /v1/capacity-plans/sweeps in a query string, so a link
 * re-renders the chart. Lists are comma-separated; the values are then checked by CreateCapacitySweepDto's own
 * rules (same bounds, same messages). customModel and cpuHost need the POST form.
 */
export class CapacitySweepLinkQueryDto extends WorkloadLinkQueryDto {
  /** GPU ids, comma-separated (absent → every servable GPU). */
  @ApiPropertyOptional({ example: 'l4,t4,rtx-4090', maxLength: 4200 })
  @IsOptional()
  @IsString({ message: `gpuIds ${ONE}` })
  @MaxLength(4200)
  gpuIds?: string;

  /** Runtimes, comma-separated: eager, compile, tensorrt, vllm (default all four). */
  @ApiPropertyOptional({ example: 'eager,vllm', maxLength: 100 })
  @IsOptional()
  @IsString({ message: `runtimes ${ONE}` })
  @MaxLength(100)
  runtimes?: string;

  /** One runtime (shorthand for runtimes; not with runtimes). No example: Swagger UI would send both. */
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString({ message: `runtime ${ONE}` })
  @MaxLength(100)
  runtime?: string;

  /** Precisions, comma-separated: fp32, fp16, bf16, int8 (default fp16). */
  @ApiPropertyOptional({ example: 'fp16', maxLength: 100 })
  @IsOptional()
  @IsString({ message: `precisions ${ONE}` })
  @MaxLength(100)
  precisions?: string;

  /** One precision (shorthand for precisions; not with precisions). No example: Swagger UI would send both. */
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString({ message: `precision ${ONE}` })
  @MaxLength(100)
  precision?: string;

  /** Batch sizes, comma-separated, 1–4096 (default 1,2,4,…,128). */
  @ApiPropertyOptional({ example: '1,2,4,8,16,32,64', maxLength: 400 })
  @IsOptional()
  @IsString({ message: `batchSizes ${ONE}` })
  @MaxLength(400)
  batchSizes?: string;

  @ApiPropertyOptional({ description: 'Flow-matching NFE steps (1–128)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `nfeSteps ${ONE}` })
  @MaxLength(32)
  nfeSteps?: string;
}
