import { ApiProperty } from '@nestjs/swagger';
import { enumOf } from '../../common/openapi/fields';
import type { Expect, SameKeys } from '../../common/openapi/same-keys';
import type { CpuRecord, InstanceHost, OtherScore, SingleThreadScore } from '../cpu.types';

const CPU_VENDORS = enumOf<CpuRecord['vendor']>()(['Intel', 'AMD', 'Apple']);

export class SingleThreadScoreDto implements SingleThreadScore {
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

export class OtherScoreDto implements OtherScore {
  benchmark!: string;
  score!: number;
  source!: string;
  readAt!: string;
}

export class CpuDto implements CpuRecord {
  @ApiProperty({ example: 'xeon-platinum-8259cl' })
  id!: string;
  name!: string;
  @ApiProperty({ enum: CPU_VENDORS })
  vendor!: CpuRecord['vendor'];
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

export class InstanceHostDto implements InstanceHost {
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

// `implements` does not see an optional field the DTO lacks, nor a field the DTO documents that is never sent: these do.
export type _Keys = [
  Expect<SameKeys<SingleThreadScoreDto, SingleThreadScore>>,
  Expect<SameKeys<OtherScoreDto, OtherScore>>,
  Expect<SameKeys<CpuDto, CpuRecord>>,
  Expect<SameKeys<InstanceHostDto, InstanceHost>>,
];
