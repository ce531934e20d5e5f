import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { CacheService } from '../common/cache/cache.service';
import { WorkerPool } from '../common/workers/worker-pool.service';
import { DrainState } from './drain-state';

/**
 * Liveness and readiness. Readiness is about what this replica cannot serve without — not draining, planning workers
 * started. Redis is reported (`cache.status: degraded`) but never makes a replica unready: the cache fails open, and
 * a shared Redis outage must not take every replica out of the Service at once.
 */
@ApiTags('operational')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly cache: CacheService,
    private readonly drain: DrainState,
    private readonly pool: WorkerPool,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while the process runs' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: 503 while draining or while the planning workers cannot take work; Redis is reported only',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.drainIndicator(), () => this.workersIndicator(), () => this.cacheIndicator()]);
  }

  private drainIndicator() {
    const indicator = this.indicators.check('process');
    return this.drain.draining ? indicator.down({ reason: 'shutting down' }) : indicator.up();
  }

  private workersIndicator() {
    const indicator = this.indicators.check('workers');
    const { ready, reason, ...state } = this.pool.state;
    return ready ? indicator.up(state) : indicator.down({ ...state, reason });
  }

  private async cacheIndicator() {
    const indicator = this.indicators.check('cache');
    if (this.cache.mode === 'in-process') return indicator.up({ mode: 'in-process', note: 'REDIS_URL unset' });
    return (await this.cache.ping(250))
      ? indicator.up({ mode: 'redis', redis: 'up', degraded: false })
      : indicator.up({ mode: 'redis', redis: 'down', degraded: true, note: 'answering without the shared cache' });
  }
}
