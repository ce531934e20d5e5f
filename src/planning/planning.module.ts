import { Module } from '@nestjs/common';
import { CpusModule } from '../cpus/cpus.module';
import { GpusModule } from '../gpus/gpus.module';
import { ModelsModule } from '../models/models.module';
import { OffersModule } from '../offers/offers.module';
import { PriceBooksModule } from '../price-books/price-books.module';
import { Representations } from '../common/http/representations';
import { MarketService } from './market.service';
import { PlanningContext } from './planning-context.service';
import { PlanningVersions } from './planning-versions';

/** Shared by the planning endpoints: id resolution, engine error mapping, answer versions, representations. */
@Module({
  imports: [GpusModule, ModelsModule, OffersModule, PriceBooksModule, CpusModule],
  providers: [PlanningContext, PlanningVersions, Representations, MarketService],
  exports: [PlanningContext, PlanningVersions, Representations, MarketService, GpusModule, ModelsModule, CpusModule],
})
export class PlanningModule {}
