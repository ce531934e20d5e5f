import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiParam } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CATALOG_LIST_TYPES, catalogList } from '../catalog-http/catalog-list';
import { CpusService } from './cpus.service';
import { CpuDto, CpuListDto, InstanceHostListDto } from './dto/cpu.dto';
import { ListCpusQueryDto } from './dto/list-cpus.query.dto';

@ApiTags('catalog')
@Controller('v1/cpus')
export class CpusController {
  constructor(private readonly cpus: CpusService) {}

  @Get()
  @ApiOperation({ summary: 'List host CPUs with their single-thread score (filter; JSON or CSV; ETag)' })
  @ApiProduces(...CATALOG_LIST_TYPES)
  @ApiOkResponse({ type: CpuListDto, description: 'JSON, or one CSV row per CPU with Accept: text/csv' })
  list(
    @Query() query: ListCpusQueryDto,
    @Headers('accept') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): CpuListDto | string | undefined {
    return catalogList(
      { query, accept, ifNoneMatch, reply },
      {
        version: this.cpus.version,
        filename: 'cpus.csv',
        items: () => this.cpus.list(query),
        csv: (items) => this.cpus.toCsv(items),
        json: (items) => ({ catalogVersion: this.cpus.version, benchmark: this.cpus.benchmark, items }),
      },
    ) as CpuListDto | string | undefined;
  }

  @Get('instance-hosts')
  @ApiOperation({ summary: 'Which host CPU each cloud instance family runs (with confidence and source)' })
  @ApiOkResponse({ type: InstanceHostListDto })
  instanceHosts(): InstanceHostListDto {
    return { catalogVersion: this.cpus.version, items: this.cpus.instanceHosts() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One host CPU with its score, where it is found and sources' })
  @ApiOkResponse({ type: CpuDto })
  @ApiNotFoundResponse({ description: 'Unknown id (problem+json)' })
  @ApiParam({ name: 'id', description: 'A CPU id from GET /v1/cpus', example: 'xeon-platinum-8259cl' })
  get(@Param('id') id: string): CpuDto {
    return this.cpus.get(id);
  }
}
