/**
 * Fault scenario: the kiosk's clock and the platform's disagree by hours (a kiosk whose RTC battery
 * died, or a platform in another time source). Tokens, cursors and pushes must not depend on the
 * kiosk's wall clock; the host measures the skew and shows it to the technician.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type PlatformHandle } from '../../../platform/startPlatform.ts';
import { uuidv7 } from '../../../platform/testing/testClient.ts';
import { createMemoryLogger } from '../logger.ts';
import { enrolmentCode, startKioskHost, type TestKioskHost } from './testing.ts';

const TWO_HOURS = 2 * 3600_000;

describe('clock skew between kiosk and platform', () => {
  let platform: PlatformHandle;
  let kiosk: TestKioskHost | undefined;
  beforeAll(async () => {
    // The platform lives two hours in the future (or the kiosk two hours in the past).
    platform = await startPlatform({ port: 0, adminToken: 'admin-secret-for-skew-tests', logger: createMemoryLogger(), expirySweepMs: 0, now: () => new Date(Date.now() + TWO_HOURS) });
  });
  afterAll(async () => {
    await kiosk?.dispose();
    await platform.close();
  });

  it('still enrols, pulls and pushes, and reports the skew', async () => {
    kiosk = await startKioskHost({ baseUrl: platform.url, enrolmentCode: await enrolmentCode(platform) });
    const page = await kiosk.conn.call('sync.pull', { feed: 'catalog', cursor: null });
    expect(page).toMatchObject({ ok: true, value: { feed: 'catalog', mode: 'snapshot' } });
    const item = page.ok ? page.value.changes.find((c) => c.op === 'upsert') : undefined;
    const serviceCode = item?.op === 'upsert' ? (item.doc as { code?: unknown }).code : undefined;
    if (typeof serviceCode !== 'string') throw new Error('no catalogue item');

    // A second page with the cursor the platform signed in "its" time: accepted.
    if (!page.ok) throw new Error('pull failed');
    expect(await kiosk.conn.call('sync.pull', { feed: 'catalog', cursor: page.value.cursor })).toMatchObject({ ok: true });

    const pushed = await kiosk.conn.call('sync.push', {
      streamId: crypto.randomUUID(),
      commands: [
        {
          id: uuidv7(), // minted on the kiosk's (slow) clock
          kioskSeq: 1,
          type: 'evaluation.submit',
          schemaVersion: 1,
          createdAtClient: new Date().toISOString(),
          payload: { evaluationId: crypto.randomUUID(), serviceCode, level: 5, tags: [] },
        },
      ],
    });
    expect(pushed).toMatchObject({ ok: true, value: { results: [{ status: 'applied' }] } });

    const state = await kiosk.conn.call('sync.state', {});
    expect(state.ok).toBe(true);
    if (state.ok) {
      expect(state.value.online).toBe(true);
      expect(state.value.clockSkewMs).not.toBeNull();
      expect(Math.abs((state.value.clockSkewMs ?? 0) - TWO_HOURS)).toBeLessThan(5_000);
      // The token's expiry is computed from its lifetime, not from the platform's clock.
      const expiresIn = Date.parse(state.value.tokenExpiresAt ?? '') - Date.now();
      expect(expiresIn).toBeGreaterThan(0);
      expect(expiresIn).toBeLessThan(TWO_HOURS);
    }
  });
});
