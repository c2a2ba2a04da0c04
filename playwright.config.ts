import { defineConfig, devices } from '@playwright/test';

// E2E against the browser host (the same service host as in Electron, over a loopback WebSocket),
// in Debian's Chromium: this machine cannot download Playwright's own browsers.
import { BAD_CONFIG_PORT, E2E_PORT as PORT } from './test/e2e/ports.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env['CI'] === 'true' ? 1 : 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    ...devices['Desktop Chrome'],
    viewport: { width: 1080, height: 1920 / 1.5 },
    hasTouch: true,
    isMobile: false,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      // The embedded default: simulated hall devices, embedded platform.
      command: 'tsx main/web/index.ts',
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        KIOSK_WEB_PORT: String(PORT),
        KIOSK_DATA_DIR: 'test-results/e2e-data/kiosk',
        KIOSK_CONFIG: 'test-results/e2e-data/no-such-config.json',
      },
      stdout: 'pipe',
    },
    {
      // A kiosk whose config file is wrong: it must come up out of service, not crash.
      command: 'tsx main/web/index.ts',
      url: `http://127.0.0.1:${BAD_CONFIG_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        KIOSK_WEB_PORT: String(BAD_CONFIG_PORT),
        KIOSK_DATA_DIR: 'test-results/e2e-data/bad-config-kiosk',
        KIOSK_CONFIG: 'test/e2e/fixtures/bad-config.json',
      },
    },
  ],
});
