import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CatalogController, CatalogGetEndpoint, CatalogListEndpoint } from '../catalog-http/catalog-endpoints';
import { catalogList, CatalogReply } from '../catalog-http/catalog-list';
import { CpusService } from './cpus.service';
import { CpuDto, CpuListDto, InstanceHostListDto } from './dto/cpu.dto';
import { ListCpusQueryDto } from './dto/list-cpus.query.dto';

const CPU_ID = { description: 'A CPU id from GET /v1/cpus', example: 'xeon-platinum-8259cl' };

@CatalogController('v1/cpus')
export class CpusController {
  constructor(private readonly cpus: CpusService) {}

  @CatalogListEndpoint(CpuListDto, 'List host CPUs with their single-thread score (filter; JSON or CSV; ETag)', 'CPU')
  list(@Query() query: ListCpusQueryDto, @CatalogReply() reply: FastifyReply): CpuListDto | string | undefined {
    const { version, benchmark } = this.cpus;
    return catalogList(query, reply, this.cpus, 'cpus.csv', (items) => ({ catalogVersion: version, benchmark, items }));
  }

  @Get('instance-hosts')
  @ApiOperation({ summary: 'Which host CPU each cloud instance family runs (with confidence and source)' })
  @ApiOkResponse({ type: InstanceHostListDto })
  instanceHosts(): InstanceHostListDto {
    return { catalogVersion: this.cpus.version, items: this.cpus.instanceHosts() };
  }

  @CatalogGetEndpoint(CpuDto, 'One host CPU with its score, where it is found and sources', CPU_ID)
  get(@Param('id') id: string): CpuDto {
    return this.cpus.get(id);
  }
}
