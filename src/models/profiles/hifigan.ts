/**
 * HiFi-GAN generator (MRF, ResBlock type 1) as in coqui-ai/TTS TTS/tts/layers/xtts/hifigan_decoder.py, plus the
 * H/ASP ResNet speaker encoder shipped next to it in XTTS. Level i runs at inputRate × Π upsample[0..i]; each
 * ResBlock1 is 3 dilations × 2 weight-normed Conv1d(ch, ch, k).
 */
import {
  conv1dMacsPerFrame,
  conv1dParameters,
  convTranspose1dMacsPerFrame,
  convTranspose1dParameters,
  ConvTranspose1dShape,
  linearParameters,
} from './layer-shapes';

export interface HifiganConfig {
  inChannels: number;
  initialChannel: number;
  upsampleRates: readonly number[];
  upsampleKernels: readonly number[];
  resblockKernels: readonly number[];
  dilationsPerResblock: number;
  condChannels: number;
  condInEachUpLayer: boolean;
  convPreWeightNorm: boolean;
  convPostWeightNorm: boolean;
  convPostBias: boolean;
  /** Frame rate of the generator input. */
  inputFrameRateHz: number;
}

/**
 * The upsampling levels of a HiFi-GAN-style generator: level i halves the channels of the one before (from
 * `initialChannel`) with a weight-normed ConvTranspose1d(kernel[i], stride rate[i]) and runs at inputRate × Π rate[0..i].
 */
export function upsampleLevels(
  inputFrameRateHz: number,
  initialChannel: number,
  upsampleRates: readonly number[],
  upsampleKernels: readonly number[],
): { ch: number; rateHz: number; up: ConvTranspose1dShape }[] {
  let rateHz = inputFrameRateHz;
  return upsampleRates.map((u, i) => {
    rateHz *= u;
    const ch = initialChannel >> (i + 1);
    const up = {
      inChannels: initialChannel >> i,
      outChannels: ch,
      kernel: upsampleKernels[i],
      stride: u,
      weightNorm: true,
    };
    return { ch, rateHz, up };
  });
}

function levels(cfg: HifiganConfig) {
  return upsampleLevels(cfg.inputFrameRateHz, cfg.initialChannel, cfg.upsampleRates, cfg.upsampleKernels);
}

function resblockParameters(cfg: HifiganConfig, ch: number): number {
  return cfg.resblockKernels.reduce(
    (sum, k) =>
      sum +
      cfg.dilationsPerResblock * 2 * conv1dParameters({ inChannels: ch, outChannels: ch, kernel: k, weightNorm: true }),
    0,
  );
}

function resblockMacs(cfg: HifiganConfig, ch: number): number {
  return cfg.resblockKernels.reduce((sum, k) => sum + cfg.dilationsPerResblock * 2 * ch * ch * k, 0);
}

export function hifiganParameters(cfg: HifiganConfig): number {
  const convPre = conv1dParameters({
    inChannels: cfg.inChannels,
    outChannels: cfg.initialChannel,
    kernel: 7,
    weightNorm: cfg.convPreWeightNorm,
  });
  const lv = levels(cfg);
  const body = lv.reduce((sum, l) => sum + convTranspose1dParameters(l.up) + resblockParameters(cfg, l.ch), 0);
  const lastCh = lv[lv.length - 1].ch;
  const convPost = conv1dParameters({
    inChannels: lastCh,
    outChannels: 1,
    kernel: 7,
    bias: cfg.convPostBias,
    weightNorm: cfg.convPostWeightNorm,
  });
  const cond =
    cfg.condChannels > 0
      ? conv1dParameters({ inChannels: cfg.condChannels, outChannels: cfg.initialChannel, kernel: 1 }) +
        (cfg.condInEachUpLayer
          ? lv.reduce((s, l) => s + conv1dParameters({ inChannels: cfg.condChannels, outChannels: l.ch, kernel: 1 }), 0)
          : 0)
      : 0;
  return convPre + body + convPost + cond;
}

/** Dense conv GFLOP per second of audio (the 1×1 speaker-conditioning convs act on a constant vector and are left out). */
export function hifiganGflopsPerAudioSecond(cfg: HifiganConfig): number {
  const lv = levels(cfg);
  let macsPerSecond =
    conv1dMacsPerFrame({ inChannels: cfg.inChannels, outChannels: cfg.initialChannel, kernel: 7 }) *
    cfg.inputFrameRateHz;
  for (const l of lv) macsPerSecond += (convTranspose1dMacsPerFrame(l.up) + resblockMacs(cfg, l.ch)) * l.rateHz;
  const last = lv[lv.length - 1];
  macsPerSecond += last.ch * 7 * last.rateHz;
  return (2 * macsPerSecond) / 1e9;
}

/** hifigan_decoder.py ResNetSpeakerEncoder(input_dim=64, proj_dim=512, layers [3,4,6,3], filters [32,64,128,256], ASP). */
export function resnetSpeakerEncoderParameters(opts: {
  inputDim: number;
  projDim: number;
  layers: readonly number[];
  filters: readonly number[];
}): number {
  const conv2d = (i: number, o: number, k: number, bias: boolean) => i * o * k * k + (bias ? o : 0);
  const bn = (c: number) => 2 * c; // affine weight + bias (running stats are buffers)
  let inplanes = opts.filters[0];
  let total = conv2d(1, inplanes, 3, true) + bn(inplanes);
  opts.layers.forEach((blocks, li) => {
    const planes = opts.filters[li];
    for (let b = 0; b < blocks; b++) {
      const stride = li > 0 && b === 0 ? 2 : 1;
      const se = linearParameters(planes, planes / 8) + linearParameters(planes / 8, planes);
      const downsample =
        b === 0 && (stride !== 1 || inplanes !== planes) ? conv2d(inplanes, planes, 1, false) + bn(planes) : 0;
      total +=
        conv2d(inplanes, planes, 3, false) +
        bn(planes) +
        conv2d(planes, planes, 3, false) +
        bn(planes) +
        se +
        downsample;
      inplanes = planes;
    }
  });
  const pooled = opts.filters[opts.filters.length - 1] * (opts.inputDim / 8);
  const attention =
    conv1dParameters({ inChannels: pooled, outChannels: 128, kernel: 1 }) +
    bn(128) +
    conv1dParameters({ inChannels: 128, outChannels: pooled, kernel: 1 });
  return total + attention + linearParameters(2 * pooled, opts.projDim);
}
