import { Module } from '@nestjs/common';
import { GpusModule } from '../gpus/gpus.module';
import { CpusController } from './cpus.controller';
import { CpusService } from './cpus.service';

@Module({ imports: [GpusModule], controllers: [CpusController], providers: [CpusService], exports: [CpusService] })
export class CpusModule {}
