import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiParam } from '@nestjs/swagger';
import { ModelListDto, ModelProfileDto } from './dto/model-profile.dto';
import { ModelsService } from './models.service';

@ApiTags('catalog')
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @ApiOperation({ summary: "List TTS model profiles (ChatTTS, the article's hypothetical tiers, other open models)" })
  @ApiOkResponse({ type: ModelListDto })
  list(): ModelListDto {
    return { items: this.models.list() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One model profile: stages, parameters, weights per precision, KV cache, sources' })
  @ApiOkResponse({ type: ModelProfileDto })
  @ApiNotFoundResponse({ description: 'Unknown id (problem+json)' })
  @ApiParam({ name: 'id', description: 'A model id from GET /v1/models', example: 'chattts' })
  get(@Param('id') id: string): ModelProfileDto {
    return this.models.get(id);
  }
}
