import { Injectable } from '@nestjs/common';

/**
 * Set when the process got SIGTERM: readiness turns 503 so the load balancer stops sending, while requests that
 * still arrive during the grace period are served; then the server closes and waits for in-flight requests.
 */
@Injectable()
export class DrainState {
  private drainingSince: number | null = null;

  start(now = Date.now()): void {
    this.drainingSince ??= now;
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }
}
