import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateTrainingPlanDto } from './create-training-plan.dto';

const invalidFields = (body: Record<string, unknown>) =>
  validateSync(plainToInstance(CreateTrainingPlanDto, { modelId: 'chattts', ...body }), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).map((e) => e.property);

describe('CreateTrainingPlanDto', () => {
  it('accepts the contract body and fills the community defaults', () => {
    const dto = plainToInstance(CreateTrainingPlanDto, { modelId: 'chattts' });
    expect(invalidFields({})).toEqual([]);
    expect(dto).toMatchObject({
      method: 'full',
      precision: 'amp-fp16',
      batchSize: 8,
      sequenceTokens: 1024,
      pricing: 'on-demand',
    });
    expect(
      invalidFields({
        method: 'lora',
        precision: 'amp-bf16',
        batchSize: 4,
        sequenceTokens: 2048,
        gradientCheckpointing: true,
        gpuId: 'l4',
        datasetHours: 5,
        epochs: 3,
        pricing: 'spot',
        preemptionsPerHour: 0.5,
        loraRank: 16,
        loraTargets: ['q_proj', 'o_proj'],
        zeroStage: 2,
        gpuCount: 4,
        priceOverrides: { l4: { spotHourlyUsd: 0.3 } },
      }),
    ).toEqual([]);
  });

  it('rejects numbers outside their documented bounds', () => {
    expect(invalidFields({ batchSize: 0 })).toEqual(['batchSize']);
    expect(invalidFields({ batchSize: 4097 })).toEqual(['batchSize']);
    expect(invalidFields({ sequenceTokens: 15 })).toEqual(['sequenceTokens']);
    expect(invalidFields({ datasetHours: 100001 })).toEqual(['datasetHours']);
    expect(invalidFields({ epochs: 10001 })).toEqual(['epochs']);
    expect(invalidFields({ preemptionsPerHour: 61 })).toEqual(['preemptionsPerHour']);
    expect(invalidFields({ zeroStage: 4 })).toEqual(['zeroStage']);
    expect(invalidFields({ gpuCount: 65 })).toEqual(['gpuCount']);
  });

  it('rejects duplicate or unknown LoRA targets and malformed price overrides', () => {
    expect(invalidFields({ loraTargets: ['q_proj', 'q_proj'] })).toEqual(['loraTargets']);
    expect(invalidFields({ loraTargets: ['qkv'] })).toEqual(['loraTargets']);
    expect(invalidFields({ priceOverrides: { l4: { hourlyUsd: 1 } } })).toEqual(['priceOverrides']);
    expect(invalidFields({ priceOverrides: { l4: {} } })).toEqual(['priceOverrides']);
    expect(invalidFields({ priceOverrides: { l4: { onDemandHourlyUsd: -1 } } })).toEqual(['priceOverrides']);
    expect(invalidFields({ priceOverrides: { 'L4 GPU': { onDemandHourlyUsd: 1 } } })).toEqual(['priceOverrides']);
    expect(invalidFields({ priceOverrides: [] })).toEqual(['priceOverrides']);
  });
});
