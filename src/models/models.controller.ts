import { Param } from '@nestjs/common';
import { CatalogController, CatalogGetEndpoint, CatalogListEndpoint } from '../catalog-http/catalog-endpoints';
import { ModelListDto, ModelProfileDto } from './dto/model-profile.dto';
import { ModelsService } from './models.service';

const MODEL_ID = { description: 'A model id from GET /v1/models', example: 'chattts' };

@CatalogController('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @CatalogListEndpoint(
    ModelListDto,
    "List TTS model profiles (ChatTTS, the article's hypothetical tiers, other open models)",
  )
  list(): ModelListDto {
    return { items: this.models.list() };
  }

  @CatalogGetEndpoint(
    ModelProfileDto,
    'One model profile: stages, parameters, weights per precision, KV cache, sources',
    MODEL_ID,
  )
  get(@Param('id') id: string): ModelProfileDto {
    return this.models.get(id);
  }
}
