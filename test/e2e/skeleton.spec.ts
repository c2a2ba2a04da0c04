/**
 * The walking skeleton, as a resident and a technician meet it: the home screen in Chinese, data
 * from the service host, pushed status, elder mode with measured sizes, and the WebSocket secret.
 */
import { expect, test } from '@playwright/test';
import { contrastRatio, keepScreenshot, rendersAsGlyph, tap } from './support.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('home screen shows the hall from system.info, in Chinese that renders as glyphs', async ({ page }) => {
  await expect(page.getByText('六安市金安区政务服务中心')).toBeVisible();
  await expect(page.getByText('1号自助终端')).toBeVisible();
  await expect(page.getByRole('button', { name: /办事指南/ })).toBeVisible();
  expect(await rendersAsGlyph(page, '办', '.home')).toBe(true);
  expect(await rendersAsGlyph(page, '政', '.status-bar')).toBe(true);
  // Journeys not built yet are visibly disabled, not fake screens; built ones open.
  await expect(page.getByRole('button', { name: /办事指南/ })).toBeEnabled();
  const evaluate = page.getByRole('button', { name: /好差评/ });
  await expect(evaluate).toBeDisabled();
  await expect(evaluate).toContainText('即将开放');
  await keepScreenshot(page, 'home-standard');
});

test('the status event arrives: the network indicator leaves "unknown" and the host clock is shown', async ({ page }) => {
  const indicator = page.locator('[data-network]');
  // Only a pushed system.status moves the indicator off "unknown"; its words match its state.
  await expect(indicator).not.toHaveAttribute('data-network', 'unknown', { timeout: 5_000 });
  const state = await indicator.getAttribute('data-network');
  await expect(indicator).toContainText(state === 'online' ? '在线' : '离线');
  const time = page.locator('time.status-bar__time');
  const first = await time.getAttribute('datetime');
  await expect.poll(async () => time.getAttribute('datetime'), { timeout: 5_000 }).not.toBe(first);
  await expect(time).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
});

test('one tap on 长辈版 enlarges text to >= 32 px, targets to >= 60x60 px, with contrast >= 7:1', async ({ page }) => {
  const bodySize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(await bodySize()).toBeGreaterThanOrEqual(22);

  await tap(page.getByRole('button', { name: '切换长辈版大字模式' }));
  await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
  expect(await bodySize()).toBeGreaterThanOrEqual(32);

  const targets = await page.locator('button, a[href], [role="button"]').evaluateAll((elements) =>
    elements
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { name: (e.textContent ?? '').trim().slice(0, 12), width: r.width, height: r.height };
      }),
  );
  expect(targets.length).toBeGreaterThan(5);
  for (const target of targets) {
    expect(target.width, `${target.name} width`).toBeGreaterThanOrEqual(60);
    expect(target.height, `${target.name} height`).toBeGreaterThanOrEqual(60);
  }
  for (const locator of [page.locator('.home__welcome'), page.locator('.status-bar__hall'), page.locator('[data-tile] >> nth=0')]) {
    expect(await contrastRatio(locator)).toBeGreaterThanOrEqual(7);
  }
  await keepScreenshot(page, 'home-elder');

  // The switch is on every screen and the mode survives navigation.
  await tap(page.getByRole('button', { name: '技术员入口' }));
  await expect(page.getByRole('heading', { name: '技术员登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
  await expect(page.getByRole('button', { name: '切换回标准版' })).toBeVisible();
  await keepScreenshot(page, 'tech-sign-in-elder');
});

test('technician signs in with the keypad and sees system information; a wrong PIN is refused in Chinese', async ({ page }) => {
  await tap(page.getByRole('button', { name: '技术员入口' }));
  for (const digit of '9999') await tap(page.getByRole('button', { name: `数字 ${digit}` }));
  await tap(page.getByRole('button', { name: '确定' }));
  await expect(page.getByRole('alert')).toContainText(/密码/);
  for (const digit of '2580') await tap(page.getByRole('button', { name: `数字 ${digit}` }));
  await tap(page.getByRole('button', { name: '确定' }));
  await expect(page.getByRole('heading', { name: '设备与系统诊断' })).toBeVisible();
  await expect(page.getByText('LA-JA-0001').first()).toBeVisible();
  await keepScreenshot(page, 'tech-diagnostics');
});

test('the WebSocket refuses a wrong secret and accepts the page secret', async ({ page }) => {
  const outcome = await page.evaluate(async () => {
    const attempt = (secret: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/kiosk-ws`, ['kiosk.v1', `secret.${secret}`]);
        ws.onopen = () => {
          ws.close();
          resolve('open');
        };
        ws.onerror = () => resolve('refused');
      });
    const pageSecret = document.querySelector<HTMLMetaElement>('meta[name="kiosk-ws-secret"]')?.content ?? '';
    return { wrong: await attempt('0'.repeat(64)), right: await attempt(pageSecret) };
  });
  expect(outcome).toEqual({ wrong: 'refused', right: 'open' });
});
