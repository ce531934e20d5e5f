import { Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { stableStringify } from '../common/cache/stable-json';
import { ModelProfile, resolveProfile } from './model-profile';
import { ALL_PROFILES } from './profiles';

/** The model profiles we ship, resolved (parameters computed from their configs) once at start-up. */
@Injectable()
export class ModelsService {
  private readonly profiles: ModelProfile[] = ALL_PROFILES.map(resolveProfile);
  private readonly byId = new Map(this.profiles.map((p) => [p.id, p]));
  /** Content hash of the profiles: part of every cache key through catalogVersion. */
  readonly version = createHash('sha256').update(stableStringify(this.profiles)).digest('hex').slice(0, 16);

  list(): ModelProfile[] {
    return this.profiles;
  }

  find(id: string): ModelProfile | undefined {
    return this.byId.get(id);
  }

  get(id: string): ModelProfile {
    const profile = this.find(id);
    if (!profile) throw new NotFoundException(`No model profile with id "${id}" (GET /v1/models lists them).`);
    return profile;
  }
}
