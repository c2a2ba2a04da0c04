import { describe, expect, it } from 'vitest';
import { fakeStatus } from '../test/fakeKiosk.ts';
import { correctedNow, networkState, STATUS_STALE_MS, type ReceivedStatus } from './kioskState.tsx';

const received = (online: boolean, receivedAt: number, now = '2026-11-23T11:40:00.000Z'): ReceivedStatus => ({
  status: fakeStatus({ online, now }),
  receivedAt,
});

describe('networkState', () => {
  it('is unknown before the first heartbeat, then follows it', () => {
    expect(networkState(undefined, 0)).toBe('unknown');
    expect(networkState(received(true, 1000), 2000)).toBe('online');
    expect(networkState(received(false, 1000), 2000)).toBe('offline');
  });

  it('shows offline when the heartbeat stops, even if the last one said online', () => {
    expect(networkState(received(true, 1000), 1000 + STATUS_STALE_MS)).toBe('online');
    expect(networkState(received(true, 1000), 1001 + STATUS_STALE_MS)).toBe('offline');
  });
});

describe('correctedNow', () => {
  it('carries the host clock forward with the local one', () => {
    const status = received(true, 50_000);
    expect(correctedNow(status, 110_000).toISOString()).toBe('2026-11-23T11:41:00.000Z');
    expect(correctedNow(status, 40_000).toISOString()).toBe('2026-11-23T11:40:00.000Z');
  });

  it('falls back to the local clock before any heartbeat', () => {
    expect(correctedNow(undefined, 0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });
});
