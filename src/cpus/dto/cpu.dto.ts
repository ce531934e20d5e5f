import { ApiProperty } from '@nestjs/swagger';

export class SingleThreadScoreDto {
  /** Published score; null where none was found for this SKU (never estimated). */
  score!: number | null;
  /** The catalog's one benchmark, the same for every CPU. */
  @ApiProperty({ example: 'Geekbench 6 single-core' })
  benchmark!: string;
  source!: string | null;
  /** Date (YYYY-MM-DD) the score was read. */
  readAt!: string;
  /** The benchmark's name for the part, or why the score is null. */
  note!: string | null;
}

export class OtherScoreDto {
  benchmark!: string;
  score!: number;
  source!: string;
  readAt!: string;
}

export class CpuDto {
  @ApiProperty({ example: 'xeon-platinum-8259cl' })
  id!: string;
  name!: string;
  /** Intel, AMD or Apple. */
  vendor!: string;
  /** Physical cores per socket; null where the cloud masks the model. */
  cores!: number | null;
  threads!: number | null;
  baseClockGhz!: number | null;
  boostClockGhz!: number | null;
  singleThread!: SingleThreadScoreDto;
  /** Scores in other benchmarks (reference only; never mixed with singleThread). */
  otherScores!: OtherScoreDto[];
  /** Where the CPU is found: `aws:g4dn`, `gcp:a3`, `azure:NCasT4_v3`, `desktop`, `server`, `colab`… */
  foundIn!: string[];
  /** True when cores, threads and clocks were read on a cited page. */
  specsVerified!: boolean;
  sources!: string[];
  notes!: string;
}

export class CpuListDto {
  /** Content hash of the CPU catalog data. */
  catalogVersion!: string;
  /** The single-thread benchmark of every `singleThread.score`. */
  benchmark!: string;
  items!: CpuDto[];
}

export class InstanceHostDto {
  @ApiProperty({ example: 'aws' })
  provider!: string;
  @ApiProperty({ example: 'g4dn' })
  instanceFamily!: string;
  gpuId!: string;
  /** A CPU of this catalog; null where the provider does not state the SKU. */
  cpuId!: string | null;
  /** high, medium, low or unknown (with a platform/SKU split where they differ). */
  confidence!: string;
  source!: string;
}

export class InstanceHostListDto {
  catalogVersion!: string;
  items!: InstanceHostDto[];
}
