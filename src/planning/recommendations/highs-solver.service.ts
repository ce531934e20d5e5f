import { Injectable, OnModuleInit } from '@nestjs/common';
import highsLoader from 'highs';
import type { HighsResult, HighsSolve } from '../engine/recommend';

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
    // Presolve off: these covering problems are tiny, and presolve doubles the solve time (measured).
    return this.highs.solve(lp, { presolve: 'off' }) as unknown as HighsResult;
  };
}
