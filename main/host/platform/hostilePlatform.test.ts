/**
 * A fake, hostile "platform" on 127.0.0.1 (node:http): valid enrolment and tokens, then malformed,
 * huge, mistyped, slow and busy answers. Every one must come back as a clear contract error through
 * the dispatcher, and the host must keep answering.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSseParser } from './pokeStream.ts';
import { startKioskHost, waitFor, type TestKioskHost } from './testing.ts';
import { uuidv7 } from '../../../platform/testing/testClient.ts';
import { FEEDS } from '../../../sync/protocol/feeds.ts';

const now = (): string => new Date().toISOString();
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};
const page = (feed: string, changes: unknown[]): unknown => ({ feed, mode: 'snapshot', reset: null, changes, cursor: 'c1', hasMore: false, version: 1, digest: null, serverTime: now() });

function hostile(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const cursor = url.searchParams.get('cursor');
  switch (url.pathname) {
    case '/health':
      return json(res, 200, { ok: true, serverTime: now(), protocol: '1.0' });
    case '/v1/enrol':
      return json(res, 201, { kioskId: 'K-hostile', secret: 's'.repeat(43), hallName: '假大厅', label: '假终端', enrolledAt: now() });
    case '/v1/token':
      return json(res, 200, { accessToken: 'tok', tokenType: 'Bearer', expiresIn: 900, kiosk: { id: 'K-hostile', hallName: '假大厅', label: '假终端' }, serverTime: now() });
    case '/v1/feeds/faq': // a document missing required fields
      return json(res, 200, page('faq', [{ op: 'upsert', id: 'f1', v: 1, doc: { id: 'f1', question: 42 } }]));
    case '/v1/feeds/notices': // 6 MB of notices
      return json(res, 200, page('notices', Array.from({ length: 6_000 }, (_, i) => ({ op: 'delete', id: `n${i}${'x'.repeat(1_000)}`, v: 1 }))));
    case '/v1/feeds/consultations': // a captive portal's login page
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body>请登录 Wi-Fi</body></html>');
    case '/v1/feeds/catalog':
      if (cursor === 'date') return json(res, 503, { error: { code: 'OVERLOADED', message: 'busy' } }, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() });
      if (cursor === 'wrong-feed') return json(res, 200, page('status', []));
      return json(res, 503, { error: { code: 'OVERLOADED', message: 'busy', retryAfterSeconds: 7 } }, { 'retry-after': '7' });
    case '/v1/feeds/status': // never answers
      return;
    case '/v1/events': // headers, one valid poke, then silence: a stream stuck in some proxy
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: poke\ndata: {"feed":"faq","version":9}\n\nevent: poke\ndata: {"feed":"nope"}\n\n');
      return;
    case '/v1/commands': // answers for a command nobody sent
      return json(res, 200, { results: [{ id: uuidv7(), kioskSeq: 1, status: 'rejected', code: 'X', message: 'x' }], ackSeq: 1, serverTime: now() });
    default:
      return json(res, 404, { error: { code: 'NOT_FOUND', message: 'no' } });
  }
}

describe('a hostile or broken platform', () => {
  let server: Server;
  let k: TestKioskHost;

  beforeAll(async () => {
    server = createServer(hostile);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    k = await startKioskHost({ baseUrl: `http://127.0.0.1:${port}`, enrolmentCode: 'ABCD-EFGH-JKMN', timeouts: { pullMs: 300 } });
  });
  afterAll(async () => {
    await k.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const pull = (feed: 'faq' | 'notices' | 'consultations' | 'catalog' | 'status', cursor: string | null = null) => k.conn.call('sync.pull', { feed, cursor });

  it('refuses a page that does not match the protocol, naming where', async () => {
    const answer = await pull('faq');
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(!answer.ok && answer.error.message).toMatch(/does not match the protocol at changes\.0\.doc/);
    expect(await pull('catalog', 'wrong-feed')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/at feed/) } });
  });

  it('refuses a huge page without buffering it, and a non-JSON answer', async () => {
    expect(await pull('notices')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/byte limit/) } });
    expect(await pull('consultations')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/text\/html, not application\/json/) } });
  });

  it('maps 503 + Retry-After (seconds or HTTP date) to UNAVAILABLE with retryAfterMs', async () => {
    expect(await pull('catalog')).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: expect.any(String), retryAfterMs: 7_000 } });
    const dated = await pull('catalog', 'date');
    const wait = !dated.ok ? (dated.error.retryAfterMs ?? 0) : 0;
    expect(wait).toBeGreaterThan(28_000);
    expect(wait).toBeLessThanOrEqual(30_000);
  });

  it('gives up on a silent platform at the deadline with TIMEOUT', async () => {
    const started = Date.now();
    expect(await pull('status')).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(k.link.state()).toMatchObject({ online: false, lastError: { code: 'TIMEOUT' } });
  });

  it('refuses push answers about commands that were never sent', async () => {
    const command = { id: uuidv7(), kioskSeq: 1, type: 'evaluation.submit', schemaVersion: 1, payload: {} };
    const answer = await k.conn.call('sync.push', { streamId: crypto.randomUUID(), commands: [command] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/not sent/) } });
  });

  it('survives a stalled event stream: relays what came, reconnects after the idle deadline, stops at once', async () => {
    const { port } = server.address() as AddressInfo;
    const sse = await startKioskHost({ baseUrl: `http://127.0.0.1:${port}`, enrolmentCode: 'ABCD-EFGH-JKMN', events: { idleTimeoutMs: 150, backoffBaseMs: 10, backoffCapMs: 40 } });
    await waitFor(() => sse.fetch.requests.filter((p) => p === '/v1/events').length >= 3, 3_000);
    // Valid pokes relayed, the malformed one dropped.
    const pokes = sse.events.filter((e) => e.name === 'sync.poke').map((e) => JSON.stringify(e.payload));
    const relayed = pokes.filter((p) => p === '{"feed":"faq","version":9}');
    expect(relayed.length).toBeGreaterThanOrEqual(3);
    // Plus one catch-up poke per feed after the first connect, not after every reconnect of a flapping stream.
    expect(pokes.length - relayed.length).toBe(FEEDS.length);
    expect((await sse.conn.call('sync.pull', { feed: 'catalog', cursor: null })).ok).toBe(false); // still answering calls
    const stopping = Date.now();
    await sse.dispose();
    expect(Date.now() - stopping).toBeLessThan(500);
  });

  it('keeps the host answering afterwards', async () => {
    expect(await k.conn.call('system.status', {})).toMatchObject({ ok: true });
    expect(await k.conn.call('sync.state', {})).toMatchObject({ ok: true, value: { enrolled: true, kioskId: 'K-hostile' } });
  });
});

describe('server-sent event parsing', () => {
  it('handles any line ending, chunk boundaries inside lines, comments and multi-line data', () => {
    const seen: [string, string][] = [];
    const parser = createSseParser((event, data) => seen.push([event, data]));
    for (const chunk of ['retry: 5000\r\n\r', '\n: comment\nevent: po', 'ke\ndata: {"feed":', '"faq","version":3}\r\n\r\n', 'data: a\ndata: b\n\n', 'event: heartbeat\r\rdata: x\n\n']) {
      expect(parser.push(chunk)).toBe(true);
    }
    expect(seen).toEqual([
      ['poke', '{"feed":"faq","version":3}'],
      ['message', 'a\nb'],
      ['message', 'x'],
    ]);
  });

  it('gives up on a line that never ends', () => {
    const parser = createSseParser(() => undefined);
    expect(parser.push('data: ' + 'x'.repeat(70_000))).toBe(false);
  });
});
