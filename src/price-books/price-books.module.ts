import { Module } from '@nestjs/common';
import { GpusModule } from '../gpus/gpus.module';
import { OffersModule } from '../offers/offers.module';
import { PriceBooksController } from './price-books.controller';
import { PriceBooksService } from './price-books.service';

@Module({
  imports: [GpusModule, OffersModule],
  controllers: [PriceBooksController],
  providers: [PriceBooksService],
  exports: [PriceBooksService],
})
export class PriceBooksModule {}
