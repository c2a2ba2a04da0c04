import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: everything in plain Node, and the renderer in jsdom. E2E lives in test/e2e (Playwright).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['{contract,main,preload,devices,sync,platform,scripts,build}/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/src/test/setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
