import { ValidationProblem } from '../common/problem/validation-problem';
import type { CustomModelDto } from './dto/custom-model.dto';
import { ModelProfile, resolveProfile } from './model-profile';
import type { ModelProfileSpec } from './model-profile.types';
import { GENERIC_RUNTIMES } from './profiles/generic-runtimes';

/** Turns a validated inline profile into a resolved one, checking what the schema alone cannot. */
export function resolveCustomModel(dto: CustomModelDto): ModelProfile {
  const errors: Array<{ field: string; message: string }> = [];
  dto.stages.forEach((s, i) => {
    const field = `customModel.stages.${i}`;
    if (s.parameters === undefined && !s.transformer)
      errors.push({ field, message: 'give parameters or a transformer config' });
    if (s.kind === 'autoregressive-lm' && s.stepsPerAudioSecond === undefined)
      errors.push({ field: `${field}.stepsPerAudioSecond`, message: 'autoregressive stages need stepsPerAudioSecond' });
    if (s.transformer && s.transformer.heads % s.transformer.kvHeads !== 0)
      errors.push({ field: `${field}.transformer.kvHeads`, message: 'heads must be a multiple of kvHeads' });
    if (s.transformer && s.transformer.hiddenSize % s.transformer.heads !== 0)
      errors.push({ field: `${field}.transformer.heads`, message: 'hiddenSize must be a multiple of heads' });
  });
  if (!dto.stages.some((s) => s.device === 'gpu' && s.kind !== 'text-frontend'))
    errors.push({ field: 'customModel.stages', message: 'at least one GPU stage is needed' });
  if (dto.stages.filter((s) => s.kind === 'autoregressive-lm').length > 1)
    errors.push({ field: 'customModel.stages', message: 'at most one autoregressive stage' });
  if (errors.length)
    throw new ValidationProblem(errors, `Invalid customModel: ${errors.map((e) => e.message).join('; ')}.`);
  const spec: ModelProfileSpec = {
    id: 'custom',
    name: dto.name,
    hypothetical: false,
    description: `Inline profile "${dto.name}" sent with the request.`,
    licence: {
      code: 'unknown',
      weights: dto.commercialUse ? 'stated commercial-use' : 'stated non-commercial',
      commercialUse: dto.commercialUse,
    },
    stages: dto.stages.map((s) => ({
      name: s.name,
      kind: s.kind,
      device: s.device,
      ...(s.parameters !== undefined ? { parameters: s.parameters } : {}),
      ...(s.transformer ? { transformer: { ...s.transformer } } : {}),
      ...(s.stepsPerAudioSecond !== undefined ? { stepsPerAudioSecond: s.stepsPerAudioSecond } : {}),
      ...(s.maxStepsPerSegment !== undefined ? { maxStepsPerSegment: s.maxStepsPerSegment } : {}),
      ...(s.gflopsPerAudioSecond !== undefined ? { gflopsPerAudioSecond: s.gflopsPerAudioSecond } : {}),
      ...(s.defaultNfeSteps !== undefined ? { defaultNfeSteps: s.defaultNfeSteps } : {}),
    })),
    sampleRateHz: dto.sampleRateHz,
    measurements: [],
    runtimes: [...GENERIC_RUNTIMES],
    sources: ['inline profile in the request'],
  };
  return resolveProfile(spec);
}
