import { Module } from '@nestjs/common';
import { CpusModule } from '../cpus/cpus.module';
import { GpusModule } from '../gpus/gpus.module';
import { OffersController } from './offers.controller';
import { OffersService } from './offers.service';

@Module({
  imports: [GpusModule, CpusModule],
  controllers: [OffersController],
  providers: [OffersService],
  exports: [OffersService],
})
export class OffersModule {}
