import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Catalog, CatalogService } from '../catalog-http/catalog.service';
import { stableStringify } from '../common/cache/stable-json';
import { ModelProfile, resolveProfile } from './model-profile';
import { ALL_PROFILES } from './profiles';

/** The model profiles we ship, resolved (parameters computed from their configs) once at start-up. */
@Injectable()
export class ModelsService extends CatalogService<ModelProfile> {
  protected readonly catalog: Catalog<ModelProfile> = profileCatalog(ALL_PROFILES.map(resolveProfile));

  /** No filter: every profile. */
  protected query(items: ModelProfile[]): ModelProfile[] {
    return items;
  }

  protected unknownId(id: string): string {
    return `No model profile with id "${id}" (GET /v1/models lists them).`;
  }
}

/** The version is the content hash of the profiles: part of every cache key through catalogVersion. */
function profileCatalog(profiles: ModelProfile[]): Catalog<ModelProfile> {
  return {
    version: createHash('sha256').update(stableStringify(profiles)).digest('hex').slice(0, 16),
    items: profiles,
    byId: new Map(profiles.map((p) => [p.id, p])),
  };
}
