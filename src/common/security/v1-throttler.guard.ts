import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Rate limiting applies to the API (/v1/*), not to probes, metrics or docs. */
@Injectable()
export class V1ThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ url: string }>();
    return !request.url.startsWith('/v1/') || super.shouldSkip(context);
  }
}
