import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CreateDiagnosisDto, DiagnosisQueryDto } from './dto/create-diagnosis.dto';
import { DiagnosesService } from './diagnoses.service';
import { DiagnosisDto } from './dto/diagnosis.dto';
import { readTelemetryBody } from './telemetry-body';

@ApiTags('planning')
@Controller('v1/diagnoses')
export class DiagnosesController {
  constructor(private readonly diagnoses: DiagnosesService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Diagnose serving telemetry (JSON, or Prometheus text from this project's exporter, dcgm-exporter or node_exporter): findings with code, severity, evidence and action",
  })
  @ApiConsumes('application/json', 'text/plain')
  @ApiExtraModels(CreateDiagnosisDto)
  @ApiBody({
    description:
      "Telemetry as JSON, or as Prometheus text as this project's exporter, NVIDIA dcgm-exporter or node_exporter serve it " +
      'at /metrics (several concatenated; the same series twice is a window of two scrapes: counters such as ' +
      'node_cpu_seconds_total are read as their increase). Mapping: README "Diagnoses from dcgm-exporter and node_exporter".',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CreateDiagnosisDto) },
        {
          type: 'string',
          example: 'tts_gpu_utilization_percent{gpu="0",uuid="GPU-5b2c…",name="NVIDIA A10"} 35\ntts_rtf 0.8\n',
        },
      ],
    },
  })
  @ApiOkResponse({ type: DiagnosisDto })
  @ApiBadRequestResponse({
    description:
      'Malformed telemetry: a field out of bounds, an unknown field, or Prometheus text that does not parse (problem+json)',
  })
  @ApiNotFoundResponse({ description: 'Unknown modelId or gpuId when a prediction is asked for (problem+json)' })
  async create(@Body() body: unknown, @Query() query: DiagnosisQueryDto): Promise<DiagnosisDto> {
    return this.diagnoses.diagnose(await readTelemetryBody(body, query.gpuIndex));
  }
}
