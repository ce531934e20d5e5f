import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'utterance.audioSeconds' })
  field!: string;
  @ApiProperty({ example: 'audioSeconds must not be greater than 3600' })
  message!: string;
}

/** RFC 9457 problem details (application/problem+json): every error this service answers. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:tts-capacity-planner:problem:validation-error' })
  type!: string;
  @ApiProperty({ example: 'Invalid request' })
  title!: string;
  @ApiProperty({ example: 400 })
  status!: number;
  @ApiProperty({ example: 'Invalid request: check utterance.audioSeconds.' })
  detail!: string;
  @ApiPropertyOptional({ example: '/v1/capacity-plans' })
  instance?: string;
  @ApiPropertyOptional({ example: '5d2c1c3e-1e0b-4b53-9a55-6f0e1b8a2f10' })
  requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
  /** 410 for a plan: the plan asked for. */
  @ApiPropertyOptional({ example: 'Xq2a0V1mXb1cYbqk4oJ8n0o2wXl6kQ3n9sC7Gm5rT1E' })
  planId?: string;
  /** 410 for a plan: the versions it was computed under. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', nullable: true } })
  requiredVersions?: Record<string, string | null>;
  /** 410 for a plan: the versions this service runs. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', nullable: true } })
  currentVersions?: Record<string, string | null>;
}
