/**
 * Other open TTS models worth sizing next to ChatTTS (docs/DOMAIN.md, "Other open TTS models"). Transformer stages carry their published
 * config and their parameters are computed from it; other stages are computed from layer shapes where the config
 * is published (CosyVoice 2 flow/HiFT, F5-TTS DiT, Vocos, XTTS HiFi-GAN) or taken from the model card with
 * `parametersSource` saying so. gflopsPerAudioSecond is "derived" = 2 × MACs per frame × frame rate, dense layers
 * only (attention score terms, which grow with sequence length, are not included).
 */
import type { ModelProfileSpec } from '../model-profile.types';
import { cosyVoice2 } from './cosyvoice2';
import { f5Tts } from './f5-tts';
import { xttsV2 } from './xtts-v2';
import { openAudioS1Mini } from './openaudio-s1-mini';
import { orpheus3b } from './orpheus-3b';
import { kokoro82m } from './kokoro-82m';

export { COSYVOICE2_LM, cosyVoice2LmParameters } from './cosyvoice2';
export { ORPHEUS_LM } from './orpheus-3b';
export { XTTS_GPT, XTTS_HIFIGAN, xttsConditioningParameters, xttsGptParameters } from './xtts-v2';

/** One file per model; this list is the order GET /v1/models shows them in. */
export function otherModelProfiles(): ModelProfileSpec[] {
  return [cosyVoice2(), f5Tts(), xttsV2(), openAudioS1Mini(), orpheus3b(), kokoro82m()];
}
