import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationExceptionFactory, ValidationProblem } from '../../common/problem/validation-problem';
import { Finding, parsePrometheusWindow, PrometheusParseError } from '../engine/diagnosis';
import { CreateDiagnosisDto } from './dto/create-diagnosis.dto';

export interface TelemetryBody {
  telemetry: CreateDiagnosisDto;
  /** What the Prometheus reader could not say or saw beside the fields (an XID, CPU from one scrape). */
  notes: Finding[];
}

/**
 * The body of POST /v1/diagnoses as validated telemetry: a JSON object, or Prometheus text (a string, from the
 * text/plain parser) read by this project's exporter's, dcgm-exporter's or node_exporter's metric names. Both pass
 * the same class-validator rules as any JSON body (bounds, no unknown fields); anything else is a 400 naming the
 * field, or `body` when the text does not parse.
 */
export async function readTelemetryBody(body: unknown, gpuIndex?: number): Promise<TelemetryBody> {
  let plain = body;
  let notes: Finding[] = [];
  if (typeof body === 'string') {
    try {
      ({ telemetry: plain, notes } = parsePrometheusWindow(body, { gpuIndex }));
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
  return { telemetry: dto, notes };
}
