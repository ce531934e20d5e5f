import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { GPU_SORT_VALUES } from '../gpu-catalog';

export class ListGpusQueryDto {
  /** Vendor, case-insensitive. */
  @ApiPropertyOptional({ example: 'NVIDIA', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  vendor?: string;

  /** consumer (GeForce), workstation, datacenter or soc. */
  @ApiPropertyOptional({ enum: ['consumer', 'workstation', 'datacenter', 'soc'], example: 'datacenter' })
  @IsOptional()
  @IsIn(['consumer', 'workstation', 'datacenter', 'soc'])
  segment?: string;

  /** Only GPUs with at least this much memory (decimal GB). */
  @ApiPropertyOptional({ minimum: 0, maximum: 1024, example: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1024)
  minVramGb?: number;

  /** Substring of the form factor, case-insensitive (`PCIe`, `SXM`, `OAM`, `low-profile`…). */
  @ApiPropertyOptional({ example: 'PCIe', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  formFactor?: string;

  /** Free-text search in id, name, architecture and notes. */
  @ApiPropertyOptional({ example: 'ada', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** Sort field; prefix with `-` for descending. GPUs without the value sort last. */
  @ApiPropertyOptional({ enum: GPU_SORT_VALUES, example: '-vramGb' })
  @IsOptional()
  @IsIn(GPU_SORT_VALUES)
  sort?: string;
}
