/**
 * A kiosk with a broken config file comes up out of service: residents are sent to a staffed
 * window in plain Chinese, and the technician can see which field is wrong.
 */
import { expect, test } from '@playwright/test';
import { BAD_CONFIG_PORT } from './ports.ts';
import { keepScreenshot, tap } from './support.ts';

const BAD_KIOSK = `http://127.0.0.1:${BAD_CONFIG_PORT}/`;

test('a bad config file gives an out-of-service screen, and the technician sees the field', async ({ page }) => {
  await page.goto(BAD_KIOSK);
  await expect(page.getByRole('heading', { name: '暂停服务' })).toBeVisible();
  await expect(page.getByText('12345')).toBeVisible();
  // No journey tiles while out of service, and no English validator text for residents.
  await expect(page.getByRole('button', { name: /办事指南/ })).toHaveCount(0);
  expect(await page.locator('body').innerText()).not.toMatch(/expected|invalid/i);
  await keepScreenshot(page, 'out-of-service');

  await tap(page.getByRole('button', { name: '技术员入口' }));
  for (const digit of '2580') await tap(page.getByRole('button', { name: `数字 ${digit}` }));
  await tap(page.getByRole('button', { name: '确定' }));
  await expect(page.getByText('ui.kioskWindow')).toBeVisible();
});
