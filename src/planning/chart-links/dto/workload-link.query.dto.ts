import { boundsText, StringField } from '../../../common/openapi/fields';
import { GPU_MEMORY_UTILIZATION, TARGET_RTF, TARGET_TTFA_MS } from '../../common/workload-request.dto';
import { TEXT_CHARS, UTTERANCE_AUDIO_SECONDS } from '../../common/workload.dto';

export const ONE = 'takes one value; separate list items with commas';

/**
 * A query parameter of a chart link: one string (a repeated parameter is refused with ONE), parsed afterwards and
 * checked by the POST DTO's own rules. `description` restates the POST field's bounds from the same constants.
 */
export function LinkParam(o: {
  maxLength: number;
  description?: string;
  example?: string;
  required?: boolean;
}): PropertyDecorator {
  return StringField({
    maxLength: o.maxLength,
    description: o.description,
    example: o.example,
    optional: !o.required,
    typeMessage: `$property ${ONE}`,
  });
}

/** A number parameter (at most 32 characters). */
export const NumberParam = (description: string, example?: string): PropertyDecorator =>
  LinkParam({ maxLength: 32, description, example });

/** A boolean parameter: true/false (or 1/0). */
export const BooleanParam = (description: string): PropertyDecorator => LinkParam({ maxLength: 5, description });

/** "a, b or c" */
export const orList = (values: readonly string[]): string =>
  values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : values.join('');

/**
 * The query-string form of WorkloadRequestDto (the model, the targets, the utterance) shared by the chart links; each
 * value is a single string here and is checked by the POST DTO's own rules after parsing.
 */
export class WorkloadLinkQueryDto {
  @LinkParam({ maxLength: 64, example: 'chattts', required: true })
  modelId!: string;

  @NumberParam(`Per-stream RTF each stream must meet (${boundsText(TARGET_RTF)})`, '1')
  targetRtf?: string;

  @NumberParam(`Time to first audio each stream must meet, ms (${boundsText(TARGET_TTFA_MS)})`)
  targetTtfaMs?: string;

  @NumberParam(`utterance.audioSeconds: seconds of audio per request (${boundsText(UTTERANCE_AUDIO_SECONDS)})`)
  audioSeconds?: string;

  @NumberParam(`utterance.textChars: input characters per request (${boundsText(TEXT_CHARS)})`)
  textChars?: string;

  @BooleanParam('utterance.refineText: run the refine-text pass (true/false, default true)')
  refineText?: string;

  @BooleanParam('Stream audio in chunks (true/false, default false)')
  streaming?: string;

  @NumberParam(`vLLM memory fraction (${boundsText(GPU_MEMORY_UTILIZATION)})`)
  gpuMemoryUtilization?: string;
}
