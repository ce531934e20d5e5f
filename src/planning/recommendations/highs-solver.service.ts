import { Injectable, OnModuleInit } from '@nestjs/common';
import highsLoader from 'highs';
import { HIGHS_OPTIONS, type HighsResult, type HighsSolve } from '../engine/recommend';

type Highs = Awaited<ReturnType<typeof highsLoader>>;

/** The HiGHS MILP solver (WebAssembly), loaded once at start-up (~50 ms). */
@Injectable()
export class HighsSolver implements OnModuleInit {
  private highs?: Highs;

  async onModuleInit(): Promise<void> {
    this.highs = await highsLoader();
  }

  readonly solve: HighsSolve = (lp: string): HighsResult => {
    if (!this.highs) throw new Error('HiGHS not loaded');
    return this.highs.solve(lp, HIGHS_OPTIONS) as unknown as HighsResult;
  };
}
