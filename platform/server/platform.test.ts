import { describe, expect, it } from 'vitest';
import { startPlatform } from '../startPlatform.ts';
import { TestAdmin, TestKiosk } from '../testing/testClient.ts';
import { createMemoryLogger } from '../../main/host/logger.ts';
import { definePlatformSuite } from './platformSuite.ts';

// Embedded PGlite in memory: the default backend.
definePlatformSuite('PGlite', { options: async () => ({}), cleanup: async () => undefined });

describe('platform under load', () => {
  it('answers 503 + Retry-After beyond the concurrency limit, and serves again afterwards', async () => {
    const platform = await startPlatform({ port: 0, seed: false, logger: createMemoryLogger(), limits: { maxConcurrentRequests: 1, retryAfterSeconds: 7 } });
    try {
      const admin = new TestAdmin(platform.url, platform.adminToken);
      const kiosk = await TestKiosk.enrol(platform.url, admin);
      // Hold the (single-connection) embedded database so the first pull stays in flight.
      let release = (): void => undefined;
      const held = platform.db.transaction(() => new Promise<void>((resolve) => (release = resolve)));
      const first = kiosk.pull('faq');
      await new Promise((r) => setTimeout(r, 100));
      const answers = await Promise.all(Array.from({ length: 4 }, () => kiosk.pull('faq')));
      release();
      await held;
      expect((await first).status).toBe(200);
      const busy = answers.filter((a) => a.status === 503);
      expect(busy).toHaveLength(4);
      expect(busy[0]?.headers.get('retry-after')).toBe('7');
      expect(busy[0]?.body).toMatchObject({ error: { code: 'OVERLOADED', retryAfterSeconds: 7 } });
      expect((await kiosk.pull('faq')).status).toBe(200);
    } finally {
      await platform.close();
    }
  });
});
