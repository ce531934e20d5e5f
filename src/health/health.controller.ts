import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { CacheService } from '../common/cache/cache.service';
import { DrainState } from './drain-state';

@ApiTags('operational')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly cache: CacheService,
    private readonly drain: DrainState,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while the process runs' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: 503 naming the dependency when a configured Redis is unreachable' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.drainIndicator(), () => this.cacheIndicator()]);
  }

  private drainIndicator() {
    const indicator = this.indicators.check('process');
    return this.drain.draining ? indicator.down({ reason: 'shutting down' }) : indicator.up();
  }

  private async cacheIndicator() {
    const indicator = this.indicators.check('cache');
    if (this.cache.mode === 'in-process') return indicator.up({ mode: 'in-process', note: 'REDIS_URL unset' });
    return (await this.cache.ping())
      ? indicator.up({ mode: 'redis' })
      : indicator.down({ mode: 'redis', reason: 'redis unreachable' });
  }
}
