/**
 * Vocos mel vocoder (gemelo-ai/vocos): Conv1d embed → LayerNorm → N ConvNeXt blocks → LayerNorm → ISTFT head
 * (Linear(dim → n_fft + 2) predicting magnitude and phase, then an inverse STFT). Every layer runs once per mel
 * frame, so cost per audio second = 2 × MACs per frame × sampleRate / hop.
 */
import {
  conv1dMacsPerFrame,
  conv1dParameters,
  convNeXtBlockMacsPerFrame,
  convNeXtBlockParameters,
  layerNormParameters,
  linearParameters,
} from './layer-shapes';

export interface VocosConfig {
  sampleRateHz: number;
  inputChannels: number;
  dim: number;
  intermediateDim: number;
  numLayers: number;
  nFft: number;
  hopLength: number;
}

/** vocos/models.py VocosBackbone: embed = Conv1d(input_channels, dim, kernel_size=7, padding=3). */
const VOCOS_EMBED_KERNEL = 7;
/** vocos/modules.py ConvNeXtBlock: dwconv kernel_size=7. */
const VOCOS_DWCONV_KERNEL = 7;

export function vocosParameters(cfg: VocosConfig): number {
  const embed = conv1dParameters({ inChannels: cfg.inputChannels, outChannels: cfg.dim, kernel: VOCOS_EMBED_KERNEL });
  const norms = 2 * layerNormParameters(cfg.dim); // backbone.norm + backbone.final_layer_norm
  const blocks = cfg.numLayers * convNeXtBlockParameters(cfg.dim, cfg.intermediateDim, VOCOS_DWCONV_KERNEL);
  const head = linearParameters(cfg.dim, cfg.nFft + 2); // vocos/heads.py ISTFTHead: out_dim = n_fft + 2
  return embed + norms + blocks + head;
}

export function vocosMacsPerFrame(cfg: VocosConfig): number {
  return (
    conv1dMacsPerFrame({ inChannels: cfg.inputChannels, outChannels: cfg.dim, kernel: VOCOS_EMBED_KERNEL }) +
    cfg.numLayers * convNeXtBlockMacsPerFrame(cfg.dim, cfg.intermediateDim, VOCOS_DWCONV_KERNEL) +
    cfg.dim * (cfg.nFft + 2)
  );
}

export function vocosFrameRateHz(cfg: VocosConfig): number {
  return cfg.sampleRateHz / cfg.hopLength;
}

/** Dense-layer GFLOP per second of audio; the inverse FFT (~5·n·log2 n per frame, ≈ 5 MFLOP/s here) is left out. */
export function vocosGflopsPerAudioSecond(cfg: VocosConfig): number {
  return (2 * vocosMacsPerFrame(cfg) * vocosFrameRateHz(cfg)) / 1e9;
}

/** charactr/vocos-mel-24khz, the checkpoint F5-TTS loads (gemelo-ai/vocos configs/vocos.yaml has the same shapes). */
export const VOCOS_MEL_24KHZ: VocosConfig = {
  sampleRateHz: 24000, // configs/vocos.yaml feature_extractor.sample_rate
  inputChannels: 100, // configs/vocos.yaml backbone.input_channels (n_mels)
  dim: 512, // configs/vocos.yaml backbone.dim
  intermediateDim: 1536, // configs/vocos.yaml backbone.intermediate_dim
  numLayers: 8, // configs/vocos.yaml backbone.num_layers
  nFft: 1024, // configs/vocos.yaml head.n_fft
  hopLength: 256, // configs/vocos.yaml head.hop_length
};
