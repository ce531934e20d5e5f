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
        spot: { interruptionsPerHour: 0.5, recoveryMinutes: 5 },
        loraRank: 16,
        loraTargets: ['q_proj', 'o_proj'],
        zeroStage: 2,
        gpuCount: 4,
        priceOverrides: [{ gpuId: 'l4', spotHourly: 0.3, currency: 'USD' }],
        priceBook: 'example-negotiated',
      }),
    ).toEqual([]);
  });

  it('rejects numbers outside their documented bounds', () => {
    expect(invalidFields({ batchSize: 0 })).toEqual(['batchSize']);
    expect(invalidFields({ batchSize: 4097 })).toEqual(['batchSize']);
    expect(invalidFields({ sequenceTokens: 15 })).toEqual(['sequenceTokens']);
    expect(invalidFields({ datasetHours: 100001 })).toEqual(['datasetHours']);
    expect(invalidFields({ epochs: 10001 })).toEqual(['epochs']);
    expect(invalidFields({ spot: { interruptionsPerHour: 11 } })).toEqual(['spot']);
    expect(invalidFields({ spot: { recoveryMinutes: -1 } })).toEqual(['spot']);
    expect(invalidFields({ zeroStage: 4 })).toEqual(['zeroStage']);
    expect(invalidFields({ gpuCount: 65 })).toEqual(['gpuCount']);
  });

  it('rejects duplicate or unknown LoRA targets and malformed price overrides', () => {
    expect(invalidFields({ loraTargets: ['q_proj', 'q_proj'] })).toEqual(['loraTargets']);
    expect(invalidFields({ loraTargets: ['qkv'] })).toEqual(['loraTargets']);
    expect(invalidFields({ priceOverrides: { l4: { onDemandHourly: 1 } } })).toEqual(['priceOverrides']);
    expect(invalidFields({ priceOverrides: [{ gpuId: 'l4', currency: 'USD' }] })).toEqual(['priceOverrides']);
    expect(invalidFields({ priceOverrides: [{ gpuId: 'l4', onDemandHourly: -1, currency: 'USD' }] })).toEqual([
      'priceOverrides',
    ]);
    expect(invalidFields({ priceOverrides: [] })).toEqual([]);
    expect(invalidFields({ priceBook: 'Acme Book' })).toEqual(['priceBook']);
  });

  it('answers the old spellings with the field that replaces each', () => {
    const messages = (body: Record<string, unknown>) =>
      validateSync(plainToInstance(CreateTrainingPlanDto, { modelId: 'chattts', ...body })).flatMap((e) =>
        Object.values(e.constraints ?? {}),
      );
    expect(messages({ preemptionsPerHour: 0.1 })).toEqual([
      'preemptionsPerHour was renamed: use spot.interruptionsPerHour (pre-emptions per GPU-hour, as on /v1/recommendations)',
    ]);
    expect(messages({ restartMinutes: 5 })).toEqual(['restartMinutes was renamed: use spot.recoveryMinutes']);
  });
});
