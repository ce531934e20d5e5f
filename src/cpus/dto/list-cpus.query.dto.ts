import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListCpusQueryDto {
  /** Vendor, case-insensitive. */
  @ApiPropertyOptional({ example: 'AMD', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  vendor?: string;

  /** Substring of where the CPU is found: `aws`, `aws:g4dn`, `azure`, `desktop`, `server`, `colab`. */
  @ApiPropertyOptional({ example: 'aws', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  foundIn?: string;

  /** true: only CPUs with a published single-thread score; false: only those without. */
  @ApiPropertyOptional({ type: Boolean, example: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  scored?: boolean;

  /** Free-text search in id, name and notes. */
  @ApiPropertyOptional({ example: 'epyc', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
