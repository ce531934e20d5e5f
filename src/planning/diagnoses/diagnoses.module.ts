import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { DiagnosesController } from './diagnoses.controller';
import { DiagnosesService } from './diagnoses.service';
import { DIAGNOSIS_PREDICTOR, DiagnosisPredictor } from './diagnosis-predictor';

/**
 * POST /v1/diagnoses. Imported as it is, findings come from the telemetry alone; `withPredictor` adds the capacity
 * model's expectation (a class implementing DiagnosisPredictor, and the modules it needs).
 */
@Module({ controllers: [DiagnosesController], providers: [DiagnosesService], exports: [DiagnosesService] })
export class DiagnosesModule {
  static withPredictor(predictor: Type<DiagnosisPredictor>, imports: ModuleMetadata['imports'] = []): DynamicModule {
    return { module: DiagnosesModule, imports, providers: [{ provide: DIAGNOSIS_PREDICTOR, useClass: predictor }] };
  }
}
