/**
 * The methods each path answers, collected from Fastify's `onRoute` hook, so a known path asked with another method
 * gets 405 with `Allow` (RFC 9110 §15.5.6) instead of 404.
 */
export class RouteTable {
  private readonly routes: Array<{ pattern: RegExp; method: string }> = [];

  add(method: string | string[], url: string): void {
    const source = url
      .split('/')
      .map((part) => (part.startsWith(':') || part === '*' ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const pattern = new RegExp(`^${source.replace(/\{\*splat\}|\\\*/g, '.*')}/?$`);
    for (const m of Array.isArray(method) ? method : [method]) this.routes.push({ pattern, method: m.toUpperCase() });
  }

  /** Methods that answer `path`, sorted; empty when no route matches it. */
  allowed(path: string): string[] {
    const methods = new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
    return [...methods].sort();
  }
}
