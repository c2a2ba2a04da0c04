/**
 * Home screen time to first render in Chromium, side by side with a static HTML page that shows
 * the same hall name and tile titles in the same font (the baseline: what the browser alone costs).
 * Both are timed the same way: First Contentful Paint, with a check that the home tiles ('办事指南')
 * were in the document by then. Also reported: when the kiosk's tiles become tappable (the host has
 * confirmed the kiosk is in service), and the initial JavaScript the renderer loads, gzipped.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { EMBEDDED_DEFAULT } from '../main/host/config.ts';
import { createLogger } from '../main/host/logger.ts';
import { createServiceHost } from '../main/host/serviceHost.ts';
import { startBrowserHost } from '../main/web/browserHost.ts';
import { atMost, median, type Benchmark } from './harness.ts';

const RUNS = 15;
const MARKER_TEXT = '办事指南';

const STATIC_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>static</title>
<style>body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;font-size:22px;margin:0}
.t{display:inline-block;width:300px;height:160px;margin:12px;background:#0b4f9c;color:#fff;font-size:32px}</style></head>
<body><header>${EMBEDDED_DEFAULT.hallName} ${EMBEDDED_DEFAULT.kioskName}</header><main>
${['办事指南', '我要办', '进度查询', '好差评', '投诉建议', '政策征询', '智能问答', '社区上报', '紧急呼叫', '社区门禁', '打印凭证'].map((t) => `<div class="t">${t}</div>`).join('')}
</main></body></html>`;

/**
 * Injected before any page script: records First Contentful Paint, when the marker text entered the
 * document, and when the kiosk's home tiles were confirmed tappable.
 */
const OBSERVER = `(() => {
  const has = () => document.body && document.body.textContent.includes(${JSON.stringify(MARKER_TEXT)});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__fcpMs = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const mo = new MutationObserver(() => {
    if (window.__markerMs === undefined && has()) window.__markerMs = performance.now();
    const home = document.querySelector('.home');
    if (home === null || home.dataset.confirmed === 'true') { if (window.__markerMs !== undefined) { window.__readyMs = performance.now(); mo.disconnect(); } }
  });
  mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
})();`;

export const rendererStartup: Benchmark = {
  name: 'renderer: home screen first render and initial JS size',
  async run() {
    const rendererDir = path.resolve('out/renderer');
    const host = createServiceHost({
      version: 'bench',
      transport: 'websocket',
      loaded: { config: EMBEDDED_DEFAULT, source: 'embedded default', problems: [], service: { state: 'in-service' } },
      logger: createLogger({ module: 'bench', minLevel: 'error' }),
    });
    const web = await startBrowserHost({ host, rendererDir, port: 0, logger: createLogger({ module: 'bench', minLevel: 'error' }) });
    const staticServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(STATIC_PAGE));
    await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
    const staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    async function timeOnce(url: string): Promise<{ fcp: number; ready: number }> {
      const context = await browser.newContext({ viewport: { width: 1080, height: 1280 } });
      await context.addInitScript(OBSERVER);
      const page = await context.newPage();
      await page.goto(url);
      // Function form: the kiosk's CSP forbids string evaluation ('unsafe-eval').
      type Timed = Window & { __fcpMs?: number; __markerMs?: number; __readyMs?: number };
      await page.waitForFunction(() => typeof (window as Timed).__fcpMs === 'number' && typeof (window as Timed).__readyMs === 'number', undefined, { timeout: 15_000 });
      const t = await page.evaluate(() => ({ fcp: (window as Timed).__fcpMs ?? Number.NaN, marker: (window as Timed).__markerMs ?? Number.NaN, ready: (window as Timed).__readyMs ?? Number.NaN }));
      await context.close();
      // What was painted first must have been the home screen, not a blank or loading frame.
      if (!(t.marker <= t.fcp)) throw new Error(`first paint at ${t.fcp} ms came before the home tiles (${t.marker} ms)`);
      return { fcp: t.fcp, ready: t.ready };
    }
    try {
      await timeOnce(web.url); // warm the disk cache and Chromium once for both
      await timeOnce(staticUrl);
      const kiosk: number[] = [];
      const ready: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const k = await timeOnce(web.url);
        kiosk.push(k.fcp);
        ready.push(k.ready);
        baseline.push((await timeOnce(staticUrl)).fcp);
      }
      const jsBytes = await initialJsGzipBytes(rendererDir);
      const kioskMs = median(kiosk);
      const baselineMs = median(baseline);
      return {
        figures: [
          { label: `home screen first render (FCP), median of ${RUNS}`, value: kioskMs, unit: 'ms' },
          { label: `static HTML page, same font (FCP), median of ${RUNS}`, value: baselineMs, unit: 'ms' },
          { label: 'home tiles tappable (host confirmed in service)', value: median(ready), unit: 'ms' },
          { label: 'initial renderer JS, gzipped', value: jsBytes / 1024, unit: 'KB' },
        ],
        ratios: [atMost('first render vs static page', kioskMs / baselineMs, 2.0), atMost('initial JS gzipped KB / 250 KB', jsBytes / 1024 / 250, 1.0)],
      };
    } finally {
      await browser.close();
      staticServer.close();
      await web.close();
      await host.dispose();
    }
  },
};

/** Sum of the gzipped sizes of the scripts index.html loads up front (entry + modulepreloads). */
export async function initialJsGzipBytes(rendererDir: string): Promise<number> {
  const html = await readFile(path.join(rendererDir, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  let total = 0;
  for (const src of new Set(sources)) {
    total += gzipSync(await readFile(path.join(rendererDir, src.replace(/^\.?\//, '')))).length;
  }
  return total;
}
