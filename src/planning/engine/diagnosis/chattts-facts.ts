/**
 * The ChatTTS facts the diagnosis rules quote, read from the shipped ChatTTS profile (src/models/profiles/chattts.ts,
 * itself from the ChatTTS code): never a second copy here.
 */
import { mainArStage, resolveProfile } from '../../../models/model-profile';
import { chatttsProfile, CHATTTS_MIN_FREE_VRAM_MB } from '../../../models/profiles';

const profile = resolveProfile(chatttsProfile());
const code = mainArStage(profile.stages);
const refine = profile.stages.find((s) => s.kind === 'autoregressive-lm' && s.invocation === 'optional');
if (!code?.stepsPerAudioSecond || !code.maxStepsPerSegment || !code.streamChunkSteps || !code.firstAudioSteps)
  throw new Error('the ChatTTS profile lacks its code stage facts');
if (!refine?.maxStepsPerSegment || !profile.kvCacheBytesPerToken) throw new Error('the ChatTTS profile lacks facts');

export const CHATTTS = {
  /** GPT steps per second of audio: 4 codebook tokens = 512 samples at 24 kHz per step (46.875). */
  stepsPerAudioSecond: code.stepsPerAudioSecond,
  /** One segment is capped at this many steps (InferCodeParams.max_new_token, 2048 ≈ 43.7 s). */
  maxStepsPerSegment: code.maxStepsPerSegment,
  /** KV cache per token per stream in fp32, KiB (2 × 20 layers × 768 × 4 B = 120). */
  kvKibPerTokenFp32: profile.kvCacheBytesPerToken.fp32 / 1024,
  /** Most steps of the optional refine-text pass (RefineTextParams.max_new_token, 384). */
  refineMaxSteps: refine.maxStepsPerSegment,
  /** Steps per streamed chunk (stream_batch, 24). */
  streamChunkSteps: code.streamChunkSteps,
  /** Steps before the first audio leaves (3 chunks, 72). */
  firstAudioSteps: code.firstAudioSteps,
  /** Output audio per stream, MB/s: float32 samples at the sample rate (24 000 × 4 B = 0.096). */
  audioMBsPerStream: (profile.sampleRateHz * 4) / 1e6,
  /** The loader's free-memory gate, MiB. */
  minFreeVramMb: CHATTTS_MIN_FREE_VRAM_MB,
} as const;
