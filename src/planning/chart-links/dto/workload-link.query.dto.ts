import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export const ONE = 'takes one value; separate list items with commas';

/**
 * The query-string form of WorkloadRequestDto (the model, the targets, the utterance) shared by the chart links; each
 * value is a single string here and is checked by the POST DTO's own rules after parsing.
 */
export class WorkloadLinkQueryDto {
  @ApiProperty({ example: 'chattts', maxLength: 64 })
  @IsString({ message: `modelId ${ONE}` })
  @MaxLength(64)
  modelId!: string;

  @ApiPropertyOptional({
    description: 'Per-stream RTF each stream must meet (0.01–100, default 1)',
    example: '1',
    maxLength: 32,
  })
  @IsOptional()
  @IsString({ message: `targetRtf ${ONE}` })
  @MaxLength(32)
  targetRtf?: string;

  @ApiPropertyOptional({ description: 'Time to first audio each stream must meet, ms (1–600000)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `targetTtfaMs ${ONE}` })
  @MaxLength(32)
  targetTtfaMs?: string;

  @ApiPropertyOptional({
    description: 'utterance.audioSeconds: seconds of audio per request (0.1–3600, default 10)',
    maxLength: 32,
  })
  @IsOptional()
  @IsString({ message: `audioSeconds ${ONE}` })
  @MaxLength(32)
  audioSeconds?: string;

  @ApiPropertyOptional({ description: 'utterance.textChars: input characters per request (1–100000)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `textChars ${ONE}` })
  @MaxLength(32)
  textChars?: string;

  @ApiPropertyOptional({
    description: 'utterance.refineText: run the refine-text pass (true/false, default true)',
    maxLength: 5,
  })
  @IsOptional()
  @IsString({ message: `refineText ${ONE}` })
  @MaxLength(5)
  refineText?: string;

  @ApiPropertyOptional({ description: 'Stream audio in chunks (true/false, default false)', maxLength: 5 })
  @IsOptional()
  @IsString({ message: `streaming ${ONE}` })
  @MaxLength(5)
  streaming?: string;

  @ApiPropertyOptional({ description: 'vLLM memory fraction (0.1–0.99, default 0.9)', maxLength: 32 })
  @IsOptional()
  @IsString({ message: `gpuMemoryUtilization ${ONE}` })
  @MaxLength(32)
  gpuMemoryUtilization?: string;
}
