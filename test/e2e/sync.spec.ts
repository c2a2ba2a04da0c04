/**
 * Sync as a resident and an administrator meet it, against a real platform process: a service
 * published centrally appears in 办事指南 without a reload; an application made with the ID card is
 * delivered once and its 受理编号 and state come back to 进度查询; with the platform down a new
 * application queues, the light turns amber then red, and it is delivered exactly once when the
 * platform returns.
 *
 * This spec starts its own platform (`platform/main.ts`) and its own browser host pointed at it
 * (KIOSK_PLATFORM_URL + an enrolment code from the admin API), so it can stop and restart the
 * platform; the embedded-default kiosk of playwright.config.ts is left alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateCatalog } from '../../platform/seed/catalog.ts';
import type { ServiceItem } from '../../sync/protocol/serviceItem.ts';
import { E2E_PORT } from './ports.ts';
import { keepScreenshot, tap } from './support.ts';

const KIOSK_PORT = E2E_PORT + 11;
const PLATFORM_PORT = E2E_PORT + 12;
const KIOSK_URL = `http://127.0.0.1:${KIOSK_PORT}/`;
const PLATFORM_URL = `http://127.0.0.1:${PLATFORM_PORT}`;
const ADMIN_TOKEN = randomBytes(18).toString('hex');
const DATA = path.resolve('test-results/e2e-data/sync');
const TSX = path.resolve('node_modules/.bin/tsx');
const PHONE = '13955641234';

// ---- the two processes ----

function startProcess(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(TSX, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(`${args[0] ?? ''} exited ${code}:\n${log}\n`);
  });
  return child;
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function startPlatform(): Promise<ChildProcess> {
  const child = startProcess(['platform/main.ts'], { PORT: String(PLATFORM_PORT), PLATFORM_DATA_DIR: path.join(DATA, 'platform'), PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN });
  await waitForHttp(`${PLATFORM_URL}/health`);
  return child;
}

async function admin<T>(route: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${PLATFORM_URL}/admin${route}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`admin ${route}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

type AdminSubmission = { id: string; serviceCode: string | null; acceptanceNumber: string | null; state: string; personal: { idNumber?: string; phone?: string } | null };

let platform: ChildProcess | undefined;
let kiosk: ChildProcess | undefined;
let enrolledAt = 0;

/**
 * The host's poke stream checks every 5 s whether the kiosk is enrolled yet
 * (main/host/platform/pokeStream.ts), so a publication in the first seconds after enrolment is
 * only picked up by the next 30 s poll. Waiting it out keeps this test about pokes.
 */
async function pokeStreamConnected(): Promise<void> {
  const wait = enrolledAt + 6_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

test.beforeAll(async () => {
  test.setTimeout(60_000);
  rmSync(DATA, { recursive: true, force: true });
  platform = await startPlatform();
  const { code } = await admin<{ code: string }>('/enrolment-codes', { body: { label: 'E2E 同步终端', hallName: '六安市金安区政务服务中心' } });
  kiosk = startProcess(['main/web/index.ts'], {
    KIOSK_WEB_PORT: String(KIOSK_PORT),
    KIOSK_DATA_DIR: path.join(DATA, 'kiosk'),
    KIOSK_CONFIG: path.join(DATA, 'no-such-config.json'),
    KIOSK_PLATFORM_URL: PLATFORM_URL,
    KIOSK_PLATFORM_ENROLMENT_CODE: code,
  });
  await waitForHttp(KIOSK_URL);
  await expect.poll(async () => (await admin<{ kiosks: unknown[] }>('/kiosks')).kiosks.length, { timeout: 15_000 }).toBe(1);
  enrolledAt = Date.now();
});

test.afterAll(async () => {
  await stopProcess(kiosk);
  await stopProcess(platform);
});

// ---- helpers ----

/** A service the seed does not have (a county copy), terminal-capable, with a name to find. */
function newService(): ServiceItem {
  const base = generateCatalog(158)[157];
  if (base === undefined) throw new Error('seed generator gave nothing');
  return { ...base, name: 'E2E 老年人优待证申领', terminalCapable: true, updatedAt: new Date().toISOString() };
}

async function signInTechnician(page: Page): Promise<void> {
  await page.goto(KIOSK_URL);
  await tap(page.getByRole('button', { name: '技术员入口' }));
  for (const digit of '2580') await tap(page.getByRole('button', { name: `数字 ${digit}` }));
  await tap(page.getByRole('button', { name: '确定' }));
  await expect(page.getByRole('heading', { name: '设备与系统诊断' })).toBeVisible();
}

/** Resident: from a service's guide page through card, phone and submit to the done screen. Returns the receipt code. */
async function applyFor(resident: Page, tech: Page, serviceName: string, card: RegExp, maskedName: string): Promise<string> {
  await resident.goto(`${KIOSK_URL}#/guide`);
  await tap(resident.getByRole('button', { name: new RegExp(serviceName) }));
  await tap(resident.getByRole('button', { name: '在本机申请' }));
  await expect(resident.getByRole('heading', { name: '请放置身份证' })).toBeVisible();

  const reader = tech.getByRole('article', { name: '身份证阅读器' });
  await tap(reader.getByRole('button', { name: '移开卡片' }));
  await tap(reader.getByRole('button', { name: card }));
  await expect(resident.locator('[data-card="read"]')).toContainText(maskedName, { timeout: 10_000 });
  await tap(resident.getByRole('button', { name: '下一步' }));

  for (const digit of PHONE) await tap(resident.getByRole('button', { name: `数字 ${digit}` }));
  await tap(resident.getByRole('button', { name: '确定' }));
  await expect(resident.getByText('139****1234')).toBeVisible();
  // The platform refuses an application whose required materials are not declared: tick them all.
  const open = resident.locator('.material-tick[aria-pressed="false"]');
  while ((await open.count()) > 0) await tap(open.first());
  await tap(resident.getByRole('button', { name: '提交申请' }));
  await expect(resident.getByRole('heading', { name: '申请已提交' })).toBeVisible({ timeout: 10_000 });
  return (await resident.locator('[data-receipt-code]').getAttribute('data-receipt-code')) ?? '';
}

// ---- the journey ----

test('publish → guide; apply → delivered once → 受理编号, 已受理; platform down → queued, amber, red → delivered once', async ({ page: resident, browser }) => {
  test.setTimeout(120_000);
  // The resident page's clock runs naturally but can be moved on, so the light's 2- and 30-minute thresholds are reachable.
  await resident.clock.install();
  await resident.goto(KIOSK_URL);
  const light = resident.locator('[data-sync-level]');
  await expect(light).toHaveAttribute('data-sync-level', 'green', { timeout: 15_000 });
  await expect(light).toContainText('已同步');

  const service = newService();
  await test.step('(a) a service published on the platform appears in 办事指南 without a reload', async () => {
    await tap(resident.getByRole('button', { name: /办事指南/ }));
    // The first snapshot is swapped in whole (staging + digest), so any count is the complete seed.
    const count = resident.locator('.guide__count');
    await expect(count).toHaveAttribute('data-total', /^[1-9]\d*$/, { timeout: 15_000 });
    const before = Number(await count.getAttribute('data-total'));
    await pokeStreamConnected();
    await admin(`/feeds/catalog/items/${encodeURIComponent(service.code)}`, { method: 'PUT', body: service });
    await expect(count).toHaveAttribute('data-total', String(before + 1), { timeout: 10_000 });
    await expect(count).toContainText(`共 ${before + 1} 项`);
    await resident.getByRole('searchbox').fill('优待证');
    await expect(resident.getByRole('button', { name: new RegExp(service.name) })).toContainText('可自助办理');
    await keepScreenshot(resident, 'sync-guide-list');
  });

  const techContext = await browser.newContext({ hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1080, height: 1280 } });
  const tech = await techContext.newPage();
  await signInTechnician(tech);

  let first: AdminSubmission | undefined;
  await test.step('(b) an application made with the ID card is delivered once; its 受理编号 and state come back', async () => {
    const code = await applyFor(resident, tech, service.name, /^放置 居民身份证 陈\*明/, '陈*明');
    expect(code).toMatch(/^[0-9A-F]{8}$/);
    await expect(resident.locator('[data-print]')).toHaveAttribute('data-print', 'printed', { timeout: 10_000 });
    await expect(resident.locator('.apply__done')).not.toContainText('341502198503120414');
    await keepScreenshot(resident, 'sync-apply-done');

    await expect.poll(async () => (await admin<{ submissions: AdminSubmission[] }>('/submissions?kind=application')).submissions.length, { timeout: 15_000 }).toBe(1);
    first = (await admin<{ submissions: AdminSubmission[] }>('/submissions?kind=application')).submissions[0];
    expect(first?.serviceCode).toBe(service.code);
    expect(first?.personal).toMatchObject({ idNumber: '341502198503120414', phone: PHONE });

    await tap(resident.getByRole('button', { name: /完成，返回首页/ }));
    await tap(resident.getByRole('button', { name: /进度查询/ }));
    const row = resident.locator(`[data-submission="${first?.id ?? ''}"]`);
    await expect(row.locator('[data-fact="acceptance"] dd')).toHaveText(first?.acceptanceNumber ?? 'missing', { timeout: 15_000 });
    await admin(`/applications/${first?.id ?? ''}/transition`, { body: { to: 'accepted' } });
    await expect(row).toHaveAttribute('data-state', 'accepted', { timeout: 10_000 });
    await expect(row).toContainText('已受理');
    await expect(row).toContainText('陈*明');
    await keepScreenshot(resident, 'sync-progress-accepted');
  });

  await test.step('(c) with the platform down a new application queues and the light turns amber, then red', async () => {
    await stopProcess(platform);
    await expect(resident.locator('[data-network]')).toHaveAttribute('data-network', 'offline', { timeout: 15_000 });
    await applyFor(resident, tech, service.name, /^放置 居民身份证 王\*兰/, '王*兰');
    await tap(resident.getByRole('button', { name: /完成，返回首页/ }));
    await tap(resident.getByRole('button', { name: /进度查询/ }));
    await expect(resident.locator('[data-state="queued"]')).toContainText('待上传');
    await expect(light).toHaveAttribute('data-sync-level', 'green');
    await expect(light).toContainText('正在上传');

    await resident.clock.fastForward('03:00');
    await expect(light).toHaveAttribute('data-sync-level', 'amber', { timeout: 15_000 });
    await expect(light).toContainText('待上传 1 件');
    await keepScreenshot(resident, 'sync-indicator-amber');
    await resident.clock.fastForward('30:00');
    await expect(light).toHaveAttribute('data-sync-level', 'red', { timeout: 15_000 });
    await expect(light).toContainText('上传滞后');
    await keepScreenshot(resident, 'sync-indicator-red');
    // Half an hour without a touch: the kiosk has ended the session and is back home (IdleGuard).
    await expect(resident.getByRole('button', { name: /办事指南/ })).toBeVisible();
  });

  await test.step('(d) the platform returns: the queued application is delivered exactly once and its state shows', async () => {
    platform = await startPlatform();
    await expect(light).toHaveAttribute('data-sync-level', 'green', { timeout: 20_000 });
    await expect(light).toContainText('已同步');
    const { submissions } = await admin<{ submissions: AdminSubmission[] }>('/submissions?kind=application');
    expect(submissions).toHaveLength(2);
    const second = submissions.find((s) => s.id !== first?.id);
    expect(second?.personal).toMatchObject({ idNumber: '341503195811020020' });
    await tap(resident.getByRole('button', { name: /进度查询/ }));
    const row = resident.locator(`[data-submission="${second?.id ?? ''}"]`);
    await expect(row.locator('[data-fact="acceptance"] dd')).toHaveText(second?.acceptanceNumber ?? 'missing', { timeout: 15_000 });
    // The 受理编号 came back in the push answer itself; no status pull needed. (A later transition
    // reaches the kiosk by poke or the 30 s poll; (b) shows that path. Right after an outage the
    // host's poke stream is still backing off, so it would be the poll here.)
    await expect(row).toHaveAttribute('data-state', 'submitted');
    await expect(row).toContainText('已提交');
    await expect(row).toContainText('王*兰');
    await keepScreenshot(resident, 'sync-progress-delivered-after-outage');
    // Nothing personal in clear anywhere on the resident's screen.
    const text = await resident.evaluate(() => document.body.innerText);
    for (const secret of ['341502198503120414', '341503195811020020', PHONE, '陈志明', '王秀兰']) expect(text).not.toContain(secret);
  });

  await test.step('the technician sees the sync details: level, queue, feeds, and the live link', async () => {
    const details = tech.getByRole('region', { name: '数据同步' });
    await details.scrollIntoViewIfNeeded();
    await expect(details.locator('[data-fact="online"] dd')).toHaveText('在线', { timeout: 15_000 });
    await expect(details.locator('[data-fact="pending"] dd')).toHaveText('0');
    await expect(details.locator('[data-feed="catalog"] td').first()).not.toHaveText('0');
    await keepScreenshot(tech, 'sync-tech-details');
  });

  await techContext.close();
});
