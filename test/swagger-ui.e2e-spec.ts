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
    app = await startApp();
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

  it('runs "Try it out" on the capacity endpoint and renders the 200 answer, with no CSP errors', async () => {
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
    expect((await status.innerText()).trim()).toBe('200');
    const body = await op.locator('.live-responses-table .response-col_description pre').first().innerText();
    expect(body).toContain('"maxStreams"');
    expect(body).toContain('"limitedBy"');
    expect(cspErrors).toEqual([]);
    await page.screenshot({
      path: join(tmpdir(), 'swagger-ui-capacity.png'),
      fullPage: false,
    });
  }, 60_000);
});
