/**
 * The technician's device diagnostics, as a technician on site uses it with a finger: sign in, see
 * both simulated devices come up, read a simulated card (masked, never the full number), print a
 * test page onto the virtual paper, take the paper away and see the printer refuse in Chinese.
 */
import { expect, test, type Page } from '@playwright/test';
import { keepScreenshot, tap } from './support.ts';

const CARD_ID_NUMBER = '341502198503120414'; // 陈志明, the first Lu'an resident among the simulated cards
const CARD_NAME = '陈志明';

async function signIn(page: Page): Promise<void> {
  await tap(page.getByRole('button', { name: '技术员入口' }));
  for (const digit of '2580') await tap(page.getByRole('button', { name: `数字 ${digit}` }));
  await tap(page.getByRole('button', { name: '确定' }));
  await expect(page.getByRole('heading', { name: '设备与系统诊断' })).toBeVisible();
}

async function expectNoFullPersonalData(page: Page): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  for (const secret of [CARD_ID_NUMBER, CARD_NAME, '341503195811020020', '王秀兰']) expect(text).not.toContain(secret);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('technician reads a simulated card and prints a test page; paper out is refused in Chinese', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  const reader = page.getByRole('article', { name: '身份证阅读器' });
  const printer = page.getByRole('article', { name: '凭条打印机' });

  // Both simulated devices come up idle, marked as simulated.
  await expect(reader).toHaveAttribute('data-state', 'idle', { timeout: 10_000 });
  await expect(printer).toHaveAttribute('data-state', 'idle', { timeout: 10_000 });
  await expect(reader.getByLabel('状态：空闲')).toBeVisible();
  await expect(printer.getByLabel('状态：空闲')).toBeVisible();
  await expect(reader.getByText('模拟设备')).toBeVisible();

  // Place the first Lu'an resident's card: the presence loop reports it, masked.
  await tap(reader.getByRole('button', { name: /^放置 居民身份证 陈\*明/ }));
  await expect(reader.getByRole('status').filter({ hasText: '已放置' })).toBeVisible();
  const events = reader.getByRole('region', { name: '读卡事件' });
  const readEvent = events.locator('[data-card-event="read"]').first();
  await expect(readEvent).toContainText('陈*明', { timeout: 10_000 });
  await expect(readEvent).toContainText(/341502\*{8}0414/);
  await expect(readEvent).toContainText('居民身份证');

  await expectNoFullPersonalData(page);
  await expect.poll(async () => Number(await reader.locator('[data-counter="reads"] dd').textContent()), { timeout: 10_000 }).toBeGreaterThan(0);
  await keepScreenshot(page, 'diagnostics-card-read');

  // A test page lands on the virtual paper with its Chinese line and its QR payload.
  const paper = printer.getByRole('region', { name: '虚拟纸张' });
  const receipts = paper.locator('.virtual-paper__receipts');
  const before = Number(await receipts.getAttribute('data-receipt-count'));
  await tap(printer.getByRole('button', { name: '打印测试页' }));
  await expect(printer.locator('[data-outcome="testPage"]')).toContainText('已打印', { timeout: 10_000 });
  await expect(receipts).toHaveAttribute('data-receipt-count', String(before + 1));
  const newest = paper.locator('.receipt').first();
  await expect(newest).toContainText('中文打印测试');
  await expect(newest).toContainText(/二维码：KIOSK-TEST:\S+/);

  // Paper out: the printer refuses with 缺纸, nothing new is printed.
  await tap(printer.getByRole('button', { name: /^缺纸：/ }));
  await expect(printer.getByRole('button', { name: '缺纸：开' })).toHaveAttribute('aria-pressed', 'true');
  await tap(printer.getByRole('button', { name: '打印测试页' }));
  const refusal = printer.locator('[data-outcome="testPage"]').getByRole('alert');
  await expect(refusal).toContainText('缺纸', { timeout: 10_000 });
  await expect(refusal).toContainText('打印测试页失败');
  await page.waitForTimeout(500); // the paper is re-read after every print attempt
  await expect(receipts).toHaveAttribute('data-receipt-count', String(before + 1));
  await expect(printer.getByRole('button', { name: '查询打印机状态' })).toBeVisible();
  await tap(printer.getByRole('button', { name: '查询打印机状态' }));
  await expect(printer.locator('[data-outcome="printerStatus"]')).toContainText('缺纸');
  await refusal.scrollIntoViewIfNeeded();
  await keepScreenshot(page, 'diagnostics-paper-out');

  // The same screen in elder mode: bigger, still complete.
  await tap(page.getByRole('button', { name: '切换长辈版大字模式' }));
  await expect(page.locator('html')).toHaveAttribute('data-mode', 'elder');
  await expect(refusal).toContainText('缺纸');
  await expect(readEvent).toContainText('陈*明');
  const stateSize = await printer.locator('.device-state').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(stateSize).toBeGreaterThanOrEqual(32);
  await keepScreenshot(page, 'diagnostics-elder');

  // Restore paper: printing works again. Lift the card so later tests start clean.
  await tap(printer.getByRole('button', { name: /^缺纸：/ }));
  await expect(printer.getByRole('button', { name: '缺纸：关' })).toHaveAttribute('aria-pressed', 'false');
  await tap(printer.getByRole('button', { name: '打印测试页' }));
  await expect(printer.locator('[data-outcome="testPage"]')).toContainText('已打印', { timeout: 10_000 });
  await expect(receipts).toHaveAttribute('data-receipt-count', String(before + 2));
  await tap(reader.getByRole('button', { name: '移开卡片' }));
  await expect(events.locator('[data-card-event]').first()).toHaveAttribute('data-card-event', 'removed', { timeout: 10_000 });
  await expectNoFullPersonalData(page);

  // 读取身份证 waits for the technician to place a card, then shows it masked.
  await tap(reader.getByRole('button', { name: '读取身份证' }));
  await tap(reader.getByRole('button', { name: /^放置 居民身份证 王\*/ }));
  await expect(reader.locator('[data-outcome="readCard"]')).toContainText('王*兰', { timeout: 10_000 });
  await expect(reader.locator('[data-outcome="readCard"]')).toContainText('********');
  await expectNoFullPersonalData(page);
});

test('health checks answer with pass or fail text, and the live log shows the reader talking', async ({ page }) => {
  await signIn(page);
  const reader = page.getByRole('article', { name: '身份证阅读器' });
  await expect(reader).toHaveAttribute('data-state', 'idle', { timeout: 10_000 });
  await tap(reader.getByRole('button', { name: '内部自检' }));
  const result = reader.locator('[data-health="internal"] .health-result');
  await expect(result).toContainText(/通过|未通过/, { timeout: 10_000 });
  await expect(result).toHaveClass(/health-result--ok/);
  const log = reader.getByRole('region', { name: '实时日志' });
  await expect(log.locator('.log-row').first()).toBeVisible();
  await expect.poll(async () => log.locator('.log-row[data-dir="tx"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: '串口列表' })).toBeVisible();
});
