/** The plan in sentences: why this GPU, count and sharding; what the time, cost and checkpoints rest on. */
import type { ModelProfile } from '../../../models/model-profile';
import { type TrainingModel } from './trained-model';
import type { TrainingOptions } from './types';
import type { GpuView as _G } from '../../../gpus/gpu-catalog';
import { TERM, type Evaluation } from './evaluate';
import type { Resolved } from './defaults';
import type { TrainingPlan } from './plan-types';

/** The request field of the one price shape that gives each pricing mode's price. */
const PRICE_FIELD = { 'on-demand': 'onDemandHourly', spot: 'spotHourly', purchase: 'purchase' } as const;

export function explain(
  plan: TrainingPlan,
  profile: ModelProfile,
  model: TrainingModel,
  best: Evaluation,
  input: Resolved,
  opts: TrainingOptions,
): string[] {
  const m = plan.memory;
  const a = m.activations;
  const f2 = (x: number) => x.toFixed(2);
  const M = (x: number) => `${(x / 1e6).toFixed(1)} M`;
  const lines: string[] = [];
  lines.push(
    input.method === 'full'
      ? `Full fine-tune of ${model.trained.name} (${M(m.trainableParameters)} trainable${model.trained.lookupParameters ? ', embeddings and heads included' : ''}); ` +
          `${M(model.frozenParameters)} in ${model.frozenStages.map((s) => s.name).join(', ') || 'no other stage'} stay frozen on the GPU.`
      : `LoRA r = ${input.loraRank} on ${input.loraTargets.join(', ')} of ${model.trained.name}: ${M(m.trainableParameters)} adapter parameters ` +
          `carry gradients and optimizer state; the ${M(model.trained.parameters)} base weights and ${M(model.frozenParameters)} of other stages stay frozen at ` +
          `${input.precision === 'fp32' ? 4 : 2} B.`,
  );
  if (model.trained.shapeBasis === 'estimated') {
    lines.push(
      `The profile states no layer config for ${model.trained.name}: activations use an equivalent Llama-shaped stack of ` +
        `${model.trained.shape.layers} × ${model.trained.shape.hidden} (ChatTTS's width/depth aspect) — treat them as ±50 %.`,
    );
  }
  lines.push(
    `Memory per GPU ${f2(m.totalPerGpuGb)} GB (band ${f2(m.band.lowGb)}–${f2(m.band.highGb)}) = weights ${f2(m.weightsGb)} ` +
      `(${f2(m.frozenWeightsGb)} frozen) + gradients ${f2(m.gradientsGb)} + optimizer ${f2(m.optimizerGb)} + activations ${f2(m.activationsGb)} ` +
      `(= ${f2(m.torchAllocatedGb)} GB allocated by PyTorch) + CUDA context ${f2(m.cudaContextGb)} + allocator slack ${f2(m.allocatorSlackGb)}; ${m.layout}.`,
  );
  lines.push(
    `Activations: ${a.positionsPerGpuStep} positions (batch ${input.batchSize} × ${input.sequenceTokens}) × ${a.layers} layers × ` +
      `${(a.savedBytesPerPositionPerLayer / 1000).toFixed(1)} KB saved per position per layer` +
      (input.gradientCheckpointing
        ? ' (checkpointed: each layer keeps its input; one layer is rebuilt at a time)'
        : '') +
      ` + ${f2(a.logitsGb)} GB logits${a.lossStagesGb ? ` + ${f2(a.lossStagesGb)} GB frozen ${model.lossStages.map((s) => s.name).join(', ')} in the loss` : ''}. ` +
      `Without checkpointing ${f2(a.withoutCheckpointingGb)} GB, with it ${f2(a.withCheckpointingGb)} GB at the cost of one more forward pass (~+33 % compute). ` +
      'SDPA/flash attention assumed (no s × s scores kept).',
  );
  if (input.decoderLoss && !model.lossStages.length) {
    lines.push(`decoderLoss: ${profile.id} has no frozen decoder after ${model.trained.name} in its loss; ignored.`);
  }
  const zero = best.zeroStage > 0 ? ` with ZeRO stage ${best.zeroStage} sharding over ${best.count}` : '';
  lines.push(
    best.fits
      ? `Fits on ${best.count} × ${best.gpu.name}${zero}: ${f2(m.totalPerGpuGb)} of ${best.gpu.vramGb} GB.`
      : `Does not fit on ${best.count} × ${best.gpu.name}${zero}: ${f2(m.totalPerGpuGb)} GB needed of ${best.gpu.vramGb} GB. ` +
          (input.gradientCheckpointing
            ? 'Lower the batch or sequence, use LoRA, or a larger GPU.'
            : 'Enable gradient checkpointing, lower the batch, or use LoRA.'),
  );
  lines.push(best.dp.note);
  lines.push(
    `Time: ${plan.estimate.positions.toExponential(3)} positions (${input.datasetHours} h × 3600 × ` +
      `${model.trained.positionsPerAudioSecond.toFixed(2)} positions per audio second × ${input.epochs} epochs) at ` +
      `${(best.flops.executed / 1e9).toFixed(2)} GFLOP per position executed (6N rule ${(plan.throughput.flopsPerPosition / 1e9).toFixed(2)}) on ` +
      `${best.peakTflops} TFLOPS × MFU ${opts.mfu.central} → ${f2(best.computeHours)} h of compute on ${best.count} GPU(s); band at MFU ` +
      `${opts.mfu.high}–${opts.mfu.low}. Assumes length-bucketed batches (no padding waste).`,
  );
  if (input.batchSize * input.sequenceTokens < 4096) {
    lines.push(
      `Only ${input.batchSize * input.sequenceTokens} positions per step: kernels this small rarely reach the stated MFU; expect the slow end of the band.`,
    );
  }
  const e = plan.estimate;
  const cur = plan.currency;
  const unit = best.prices[TERM[input.pricing]]?.amount;
  lines.push(
    e.cost === null
      ? e.completes
        ? `No ${input.pricing} price in ${cur} for ${best.gpu.id}: pass priceOverrides [{ "gpuId": "${best.gpu.id}", "${PRICE_FIELD[input.pricing]}": …, "currency": "${cur}" }] to get a cost.`
        : 'On spot at this pre-emption rate the job never finishes: interruptions come faster than a checkpoint interval plus a restart.'
      : input.pricing === 'purchase'
        ? `Purchase: ${best.count} × ${unit} ${cur} = ${e.cost} ${cur}` +
          (e.costs.onDemand
            ? ` (this job on demand would cost ${e.costs.onDemand} ${cur}: buying pays off after ~${(e.cost / e.costs.onDemand).toFixed(0)} such jobs, power and hosting aside).`
            : '.')
        : `${input.pricing}: ${e.hours} h × ${best.count} GPU × ${unit} ${cur}/h = ${e.cost} ${cur} (band ${e.band.costLow}–${e.band.costHigh} ${cur}).`,
  );
  const s = plan.spot;
  lines.push(
    s.completes
      ? `Spot at ${input.spot.interruptionsPerHour} pre-emptions per GPU-hour (${s.jobInterruptionsPerHour}/h for the job): checkpoint every ${s.intervalMinutes} min (Young/Daly) → +${s.overheadPct} % time vs ` +
          `+${s.articleIntervalOverheadPct ?? '∞'} % with the article's every-5-min; ~${s.expectedPreemptions} pre-emptions cost ` +
          `${s.lostWorkHours} h of redone work and ${s.restartHours} h of restarts, checkpoint writes ${s.checkpointWriteHours} h; ` +
          `${s.spotHours} h instead of ${s.onDemandHours} h` +
          (s.savingPct !== null
            ? `, ${s.savingPct} % cheaper than on-demand${s.spotEstimated ? ' (spot price estimated from the provider-class discount)' : ''}.`
            : '.')
      : `Spot at ${input.spot.interruptionsPerHour} pre-emptions per GPU-hour cannot finish: each costs ${plan.checkpoint.restartMinutes} min of restart plus half an interval.`,
  );
  lines.push(
    `Checkpoint ${plan.checkpoint.sizeGb} GB (trainable × 12 B: fp32 weights + AdamW m, v) written in ${plan.checkpoint.writeSeconds} s at ` +
      `${input.diskWriteGBs} GB/s; ${plan.checkpoint.basis}.`,
  );
  lines.push(...plan.host.basis);
  const af = plan.articleFormula;
  lines.push(
    `Article: ${af.formula} = ${af.parametersB} × 18 + ${af.activationMb / 1000} × 2 × ${af.sequenceLength} = ${af.totalGb} GB ` +
      `(it wrote ${af.articleStatedGb}); ours ${f2(m.totalPerGpuGb)} GB per GPU. ${af.unitsNote}`,
  );
  if (!profile.licence.commercialUse) {
    lines.push(
      `Licence: ${profile.name} weights are ${profile.licence.weights}; a fine-tune inherits it — no commercial use without another licence.`,
    );
  }
  return lines;
}
