import { Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { validationExceptionFactory } from '../problem/validation-problem';

/** The application's body validation (app.setup.ts): whitelist, forbid unknown fields, transform, no implicit conversion. */
export const BODY_PIPE_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  stopAtFirstError: true, // one message per field, and no work spent on a field already known to be wrong
  exceptionFactory: validationExceptionFactory,
};

const BODY_PIPE = new ValidationPipe(BODY_PIPE_OPTIONS);

/** `body` validated and transformed into `dto` exactly as the global pipe does for a request body. */
export async function transformBody<T>(dto: Type<T>, body: unknown): Promise<T> {
  return (await BODY_PIPE.transform(body, { type: 'body', metatype: dto })) as T;
}
