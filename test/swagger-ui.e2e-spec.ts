import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, Browser } from 'playwright-core';
import { startApp } from './support/app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  // .ci/run installs Debian's chromium; elsewhere: apt-get install -y chromium (or set CHROMIUM_PATH).
  console.warn(`Swagger UI browser test skipped: no Chromium at ${CHROMIUM}`);
}
const maybe = haveChromium ? describe : describe.skip;

maybe('Swagger UI in a real browser', () => {
  let app: NestFastifyApplication;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: '0', PRICE_BOOKS_DIR: 'deploy/price-books' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('runs "Try it out" on the capacity endpoint and renders the 201 answer, with no CSP errors', async () => {
    const page = await browser.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
    const op = page.locator('#operations-planning-CapacityController_create');
    await op.locator('.opblock-summary').click();
    await op.locator('button.try-out__btn').click();
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 20_000 });
    expect((await status.innerText()).trim()).toBe('201');
    const body = await op.locator('.live-responses-table .response-col_description pre').first().innerText();
    expect(body).toContain('"maxStreams"');
    expect(body).toContain('"limitedBy"');
    expect(cspErrors).toEqual([]);
    await page.screenshot({
      path: join(tmpdir(), 'swagger-ui-capacity.png'),
      fullPage: false,
    });
  }, 60_000);

  it('answers every operation\'s prefilled example (each named one) 2xx with "Try it out"', async () => {
    type Op = {
      tags?: string[];
      operationId: string;
      requestBody?: { content: Record<string, { examples?: object }> };
    };
    const doc = (await (await fetch(`${base}/docs-json`)).json()) as { paths: Record<string, Record<string, Op>> };
    const page = await browser.newPage();
    await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
    const failures: string[] = [];
    let runs = 0;
    // A plan's GET by id asks for the plan its POST (run just before) created: the document's example id is none.
    const planIds = new Map<string, string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const block = page.locator(`#operations-${op.tags?.[0] ?? 'default'}-${op.operationId}`);
        await block.locator('.opblock-summary').first().click();
        await block.locator('button.try-out__btn').click();
        const planId = planIds.get(path.replace(/\/\{planId\}$/, ''));
        if (path.endsWith('/{planId}') && planId) {
          await block.locator('tr[data-param-name="planId"] input').fill(planId);
        }
        const names = Object.keys(op.requestBody?.content['application/json']?.examples ?? {});
        for (const name of names.length ? names : [undefined]) {
          if (name) await block.locator('.opblock-section-request-body .examples-select select').selectOption(name);
          const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?|$)`);
          const [response] = await Promise.all([
            page.waitForResponse(
              (r) => r.request().method() === method.toUpperCase() && pattern.test(new URL(r.url()).pathname),
              { timeout: 30_000 },
            ),
            block.locator('button.execute').click(),
          ]);
          runs++;
          const location = response.headers()['location'];
          if (location) planIds.set(path, location.slice(location.lastIndexOf('/') + 1));
          if (response.status() >= 300)
            failures.push(`${method.toUpperCase()} ${path} [${name ?? 'prefilled'}]: ${response.status()}`);
          if (await block.locator('button.btn-clear').count()) await block.locator('button.btn-clear').click();
        }
        await block.locator('.opblock-summary').first().click();
      }
    }
    expect(failures).toEqual([]);
    expect(runs).toBeGreaterThanOrEqual(25);
  }, 600_000);
});
