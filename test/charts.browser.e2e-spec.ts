import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startApp } from './support/app';

/** Headless Chromium draws every chart: as an image, as a page of its own (under the service's CSP), and inline. */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`charts.browser: skipped — ${CHROMIUM} is absent (apt-get install -y chromium to run it).`);
}

const CHARTS: Array<{ name: string; path: string; body: object; marks: string }> = [
  {
    name: 'capacity sweep',
    path: '/v1/capacity-plans/sweeps',
    marks: 'throughput_lines',
    body: {
      modelId: 'chattts',
      gpuIds: ['l4', 't4', 'rtx-4090'],
      runtimes: ['eager', 'vllm'],
      batchSizes: [1, 4, 16, 64],
      targetRtf: 1,
    },
  },
  {
    name: 'recommendation',
    path: '/v1/recommendations',
    marks: 'cost_plan_lines',
    // At the median: ChatTTS's vLLM path has no record, so its 10th-percentile capacity is 0 streams (nothing to draw).
    body: {
      modelId: 'chattts',
      streams: 100,
      gpuIds: ['a10', 'l4', 't4'],
      runtime: 'vllm',
      precision: 'fp16',
      capacityPercentile: 50,
    },
  },
  {
    name: 'capacity plan',
    path: '/v1/capacity-plans',
    marks: 'memory_bars',
    body: { modelId: 'chattts', gpuId: 'l4', batchSize: 4 },
  },
  {
    name: 'training plan',
    path: '/v1/training-plans',
    marks: 'memory_bars',
    body: { modelId: 'chattts', gpuId: 'a100-80gb-sxm' },
  },
];

(haveChromium ? describe : describe.skip)('charts render in headless Chromium', () => {
  let app: NestFastifyApplication;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await startApp();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const chart = async (path: string, body: object): Promise<string> => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'image/svg+xml' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(path.endsWith('/sweeps') ? 200 : 201); // plans are created (201), sweeps are not
    return res.text();
  };

  it.each(CHARTS)(
    'draws the $name chart as an image and inline, with its marks laid out',
    async ({ path, body, marks }) => {
      const svg = await chart(path, body);
      const page = await browser.newPage();
      try {
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        await page.setContent(
          `<!doctype html><body><img id="img" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">${svg}</body>`,
        );
        // Browser-side code as a string: this project compiles without the DOM library.
        const drawn = (await page.evaluate(`(() => {
        const img = document.getElementById('img');
        const inline = document.querySelector('body > svg');
        const groups = [...inline.querySelectorAll('g.${marks}_marks')];
        const box = groups.reduce((b, g) => { const r = g.getBoundingClientRect(); return { w: Math.max(b.w, r.width), h: Math.max(b.h, r.height) }; }, { w: 0, h: 0 });
        return { complete: img.complete, width: img.naturalWidth, height: img.naturalHeight, groups: groups.length, box,
          scripts: inline.querySelectorAll('script, foreignObject').length };
      })()`)) as {
          complete: boolean;
          width: number;
          height: number;
          groups: number;
          box: { w: number; h: number };
          scripts: number;
        };
        expect(errors).toEqual([]);
        expect(drawn.complete).toBe(true);
        expect(drawn.width).toBeGreaterThan(300);
        expect(drawn.height).toBeGreaterThan(150);
        expect(drawn.groups).toBeGreaterThan(0);
        expect(drawn.box.w).toBeGreaterThan(10);
        expect(drawn.box.h).toBeGreaterThan(1);
        expect(drawn.scripts).toBe(0);
      } finally {
        await page.close();
      }
    },
  );

  it("opens a GET chart link as a page under the service's headers, with no CSP violation", async () => {
    const page = await browser.newPage();
    try {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      const res = await page.goto(
        `${base}/v1/charts/capacity-sweep?modelId=chattts&gpuIds=l4,t4&runtime=vllm&batchSizes=1,8,64`,
      );
      expect(res?.status()).toBe(200);
      expect(res?.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
      expect(res?.headers()['content-security-policy']).toBeTruthy();
      const root = (await page.evaluate(
        '({ tag: document.documentElement.tagName, width: document.documentElement.getBoundingClientRect().width })',
      )) as { tag: string; width: number };
      expect(root.tag).toBe('svg');
      expect(root.width).toBeGreaterThan(300);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
