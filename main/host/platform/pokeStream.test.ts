/**
 * How fast a change reaches an online kiosk as a sync.poke, against the REAL reference platform:
 * right after enrolment, and after the platform was down long enough for the stream's backoff to
 * grow. Also: catch-up pokes after a reconnect, and a dispose in the middle of a backoff.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type PlatformHandle } from '../../../platform/startPlatform.ts';
import { FEEDS } from '../../../sync/protocol/feeds.ts';
import type { PokeMessage } from '../../../sync/protocol/kioskHealth.ts';
import { createMemoryLogger } from '../logger.ts';
import { adminCall, enrolmentCode, startKioskHost, waitFor, type TestKioskHost } from './testing.ts';

const pokesOf = (k: TestKioskHost): PokeMessage[] => k.events.filter((e) => e.name === 'sync.poke').map((e) => e.payload as PokeMessage);

async function publishNotice(platform: { url: string; adminToken: string }, id: string): Promise<void> {
  const notice = { id, title: '测试通知', body: '正文', category: '通知', publishedAt: new Date().toISOString(), validUntil: null, pinned: false };
  const answer = await adminCall(platform, `/feeds/notices/items/${id}`, notice, 'PUT');
  if (answer.status !== 200) throw new Error(`publish: HTTP ${answer.status}`);
}

/** How often the kiosk opened the event stream. */
const eventsOpened = (k: TestKioskHost): number => k.fetch.requests.filter((p) => p === '/v1/events').length;

describe('pokes reach an online kiosk within seconds (real platform on disk)', () => {
  let dataDir: string;
  let platform: PlatformHandle;
  const start = (port = 0): Promise<PlatformHandle> => startPlatform({ dataDir, port, adminToken: 'admin-pokes', logger: createMemoryLogger(), expirySweepMs: 0 });
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'platform-pokes-'));
    platform = await start();
  }, 30_000); // a fresh on-disk database is slow to create while other test files run
  afterAll(async () => platform?.close());

  it('relays a publication made right after enrolment within 2 s (the stream does not wait for its next check)', async () => {
    const k = await startKioskHost({ baseUrl: platform.url, enrolmentCode: await enrolmentCode(platform), events: {} });
    try {
      expect(k.link.state().enrolled).toBe(true);
      const published = Date.now();
      await publishNotice(platform, 'notice-after-enrolment');
      await waitFor(() => pokesOf(k).some((p) => p.feed === 'notices'), 2_000);
      const delay = Date.now() - published;
      console.info(`[measured] publish right after enrolment → sync.poke in ${delay} ms`);
      expect(eventsOpened(k)).toBe(1);
    } finally {
      await k.dispose();
    }
  });

  it('reconnects within a second of the platform answering again after an outage, and pokes every feed to catch up', async () => {
    // random ≈ 1: always the longest backoff (2 s, 4 s, 8 s … with these settings), so without
    // the wake-up the reconnect would come seconds after the platform is back.
    const k = await startKioskHost({
      baseUrl: platform.url,
      enrolmentCode: await enrolmentCode(platform),
      random: () => 0.999,
      events: { backoffBaseMs: 1_000, catchUpMinIntervalMs: 0 },
    });
    try {
      await waitFor(() => eventsOpened(k) === 1 && pokesOf(k).length === FEEDS.length, 2_000);
      await publishNotice(platform, 'notice-before-outage');
      const pokedVersion = (await waitFor(() => pokesOf(k).find((p) => p.feed === 'notices' && p.version > 0), 2_000)).version;

      const port = platform.port;
      await platform.close();
      await waitFor(() => !k.link.state().online, 2_000);
      // Down long enough for the stream to fail once at ~2 s and back off until ~6 s.
      await new Promise((r) => setTimeout(r, 2_500));
      const opensDuringOutage = eventsOpened(k);
      const before = pokesOf(k).length;
      platform = await start(port);
      const back = Date.now();
      await waitFor(() => eventsOpened(k) > opensDuringOutage && pokesOf(k).length >= before + FEEDS.length, 3_000);
      const reconnectMs = Date.now() - back;
      console.info(`[measured] platform answering again → stream reconnected and catch-up pokes in ${reconnectMs} ms`);
      expect(reconnectMs).toBeLessThan(1_000);
      expect(k.link.state().online).toBe(true);
      // One catch-up poke per feed; notices carries the newest version this kiosk heard of.
      const catchUp = pokesOf(k).slice(before, before + FEEDS.length);
      expect(catchUp.map((p) => p.feed).sort()).toEqual([...FEEDS].sort());
      expect(catchUp.find((p) => p.feed === 'notices')?.version).toBe(pokedVersion);

      // And the stream is live again: a new publication arrives as a poke.
      const published = Date.now();
      await publishNotice(platform, 'notice-after-outage');
      await waitFor(() => pokesOf(k).some((p) => p.feed === 'notices' && p.version > pokedVersion), 2_000);
      console.info(`[measured] publish after reconnect → sync.poke in ${Date.now() - published} ms`);
    } finally {
      await k.dispose();
    }
  });

  it('keeps backing off (no reconnect storm) against a platform that answers but refuses the stream, and disposes at once mid-backoff', async () => {
    let streamRequests = 0;
    // The real platform for everything, except that /v1/events answers 500.
    const refusing = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === '/v1/events') {
        streamRequests += 1;
        return new Response(JSON.stringify({ error: { code: 'INTERNAL', message: 'stream broken' } }), { status: 500, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    }) as typeof fetch;
    const k = await startKioskHost({
      baseUrl: platform.url,
      enrolmentCode: await enrolmentCode(platform),
      fetchImpl: refusing,
      random: () => 0.999,
      healthIntervalMs: 50,
      events: { backoffBaseMs: 200 },
    });
    // Each refusal marks the link offline and the next health probe online again: those kicks must
    // not cut the backoff short. 200 ms doubling (400, 800, 1600 …): at most 3 attempts in 1.5 s.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(streamRequests).toBeGreaterThanOrEqual(2);
    expect(streamRequests).toBeLessThanOrEqual(3);
    const stopping = Date.now();
    await k.dispose();
    const disposeMs = Date.now() - stopping;
    console.info(`[measured] dispose during stream backoff: ${disposeMs} ms`);
    expect(disposeMs).toBeLessThan(300);
  });
});
