/** Every model profile the service knows: the released ChatTTS, the article's three hypothetical tiers, other open TTS models. */
import { ModelProfileSpec } from '../model-profile.types';
import { chatttsProfile } from './chattts';
import { chatttsTierProfiles } from './chattts-tiers';
import { otherModelProfiles } from './other-models';

export const ALL_PROFILES: ModelProfileSpec[] = [chatttsProfile(), ...chatttsTierProfiles(), ...otherModelProfiles()];

export {
  chatttsProfile,
  chatttsStageParameters,
  chatttsFlops,
  chatttsRates,
  CHATTTS_ARCH,
  CHATTTS_MIN_FREE_VRAM_MB,
  CHATTTS_PUBLISHED_SPLIT,
} from './chattts';
export { chatttsTierProfiles, chooseTierShape, scaledChatttsArch } from './chattts-tiers';
export { otherModelProfiles } from './other-models';
export {
  transformerBlockParameters,
  transformerParameters,
  kvCacheElementsPerToken,
  embeddingParameters,
  headDim,
} from './transformer-params';
