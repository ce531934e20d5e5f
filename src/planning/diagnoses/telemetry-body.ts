import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationExceptionFactory, ValidationProblem } from '../../common/problem/validation-problem';
import { parsePrometheusTelemetry, PrometheusParseError } from '../engine/diagnosis';
import { CreateDiagnosisDto } from './dto/create-diagnosis.dto';

/**
 * The body of POST /v1/diagnoses as validated telemetry: a JSON object, or Prometheus text (a string, from the
 * text/plain parser) read by the exporter's metric names. Both pass the same class-validator rules as any JSON body
 * (bounds, no unknown fields); anything else is a 400 naming the field, or `body` when the text does not parse.
 */
export async function readTelemetryBody(body: unknown, gpuIndex?: number): Promise<CreateDiagnosisDto> {
  let plain = body;
  if (typeof body === 'string') {
    try {
      plain = parsePrometheusTelemetry(body, { gpuIndex });
    } catch (err) {
      if (!(err instanceof PrometheusParseError)) throw err;
      throw new ValidationProblem(
        [{ field: 'body', message: err.message }],
        `Malformed Prometheus text: ${err.message}`,
      );
    }
  }
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new ValidationProblem(
      [{ field: 'body', message: 'send a JSON object (application/json) or Prometheus text (text/plain)' }],
      'The request body is not telemetry.',
    );
  }
  const dto = plainToInstance(CreateDiagnosisDto, plain);
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length) throw validationExceptionFactory(errors);
  return dto;
}
