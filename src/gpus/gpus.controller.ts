import { Controller, Get, Headers, NotAcceptableException, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiParam } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { stableStringify } from '../common/cache/stable-json';
import { negotiate } from '../common/http/negotiate';
import { GpuDto, GpuListDto } from './dto/gpu.dto';
import { ListGpusQueryDto } from './dto/list-gpus.query.dto';
import { GpusService } from './gpus.service';

const LIST_TYPES = ['application/json', 'text/csv'] as const;

@ApiTags('catalog')
@Controller('v1/gpus')
export class GpusController {
  constructor(private readonly gpus: GpusService) {}

  @Get()
  @ApiOperation({ summary: 'List GPUs (filter, sort; JSON or CSV; ETag)' })
  @ApiProduces(...LIST_TYPES)
  @ApiOkResponse({ type: GpuListDto, description: 'JSON, or one CSV row per GPU with Accept: text/csv' })
  list(
    @Query() query: ListGpusQueryDto,
    @Headers('accept') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): GpuListDto | string | undefined {
    const format = negotiate(accept, LIST_TYPES);
    if (!format) throw new NotAcceptableException(`Offered: ${LIST_TYPES.join(', ')}.`);
    const etag = `"${createHash('sha256')
      .update(`${this.gpus.version}|${format}|${stableStringify(query)}`)
      .digest('base64url')
      .slice(0, 27)}"`;
    reply.header('etag', etag).header('vary', 'accept').header('cache-control', 'no-cache');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
      reply.code(304);
      return undefined;
    }
    const items = this.gpus.list(query);
    if (format === 'text/csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'inline; filename="gpus.csv"');
      return this.gpus.toCsv(items);
    }
    return { catalogVersion: this.gpus.version, items };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One GPU with its figures, prices and sources' })
  @ApiOkResponse({ type: GpuDto })
  @ApiNotFoundResponse({ description: 'Unknown id (problem+json)' })
  @ApiParam({ name: 'id', description: 'A GPU id from GET /v1/gpus', example: 'l4' })
  get(@Param('id') id: string): GpuDto {
    return this.gpus.get(id);
  }
}
