import { Param, Query } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CatalogController, CatalogGetEndpoint, CatalogListEndpoint } from '../catalog-http/catalog-endpoints';
import { catalogList, CatalogReply } from '../catalog-http/catalog-list';
import { GpuDto, GpuListDto } from './dto/gpu.dto';
import { ListGpusQueryDto } from './dto/list-gpus.query.dto';
import { GpusService } from './gpus.service';

const GPU_ID = { description: 'A GPU id from GET /v1/gpus', example: 'l4' };

@CatalogController('v1/gpus')
export class GpusController {
  constructor(private readonly gpus: GpusService) {}

  @CatalogListEndpoint(GpuListDto, 'List GPUs (filter, sort; JSON or CSV; ETag)', 'GPU')
  list(@Query() query: ListGpusQueryDto, @CatalogReply() reply: FastifyReply): GpuListDto | string | undefined {
    return catalogList(query, reply, this.gpus, 'gpus.csv', (items) => ({ catalogVersion: this.gpus.version, items }));
  }

  @CatalogGetEndpoint(GpuDto, 'One GPU with its figures, prices and sources', GPU_ID)
  get(@Param('id') id: string): GpuDto {
    return this.gpus.get(id);
  }
}
