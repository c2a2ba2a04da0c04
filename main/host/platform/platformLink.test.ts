/**
 * The service host's sync methods against the REAL reference platform (in-memory PGlite, port 0),
 * called through the dispatcher as the renderer's engine would: enrolment, pulls, pushes with
 * sealed personal data, token refresh, revocation, pokes, heartbeat, and a platform that goes away.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformLinkState } from '../../../contract/sync.ts';
import { luanCatalog } from '../../../platform/seed/catalog.ts';
import { startPlatform, type PlatformHandle } from '../../../platform/startPlatform.ts';
import { uuidv7 } from '../../../platform/testing/testClient.ts';
import type { Command } from '../../../sync/protocol/commands.ts';
import { seal, type EcPublicJwk } from '../../../sync/protocol/sealed.ts';
import { createMemoryLogger } from '../logger.ts';
import { CREDENTIAL_FILE } from './credentialStore.ts';
import { deviceHealth } from './heartbeat.ts';
import { adminCall, enrolmentCode, startKioskHost, waitFor, type TestKioskHost } from './testing.ts';

const applicant = { name: '张三丰', idNumber: '341502199001011234', phone: '13812345678' };
const terminalItem = luanCatalog().find((i) => i.terminalCapable && i.name === '社会保障卡申领');

async function applicationCommand(jwk: EcPublicJwk, seq: number): Promise<Command> {
  if (terminalItem === undefined) throw new Error('seed catalogue changed: no 社会保障卡申领');
  return {
    id: uuidv7(),
    kioskSeq: seq,
    type: 'application.submit',
    schemaVersion: 1,
    createdAtClient: new Date().toISOString(),
    payload: {
      applicationId: crypto.randomUUID(),
      serviceCode: terminalItem.code,
      materials: terminalItem.materials.map((m) => ({ name: m.name, provided: true })),
      form: { 申领类型: '首次申领' },
      personal: await seal(jwk, applicant),
    },
  };
}

describe('platform link through the service host (real platform)', () => {
  let platform: PlatformHandle;
  const hosts: TestKioskHost[] = [];
  const kiosk = async (options: Parameters<typeof startKioskHost>[0]): Promise<TestKioskHost> => {
    const started = await startKioskHost(options);
    hosts.push(started);
    return started;
  };

  beforeAll(async () => {
    platform = await startPlatform({ port: 0, adminToken: 'admin-secret-for-link-tests', logger: createMemoryLogger(), expirySweepMs: 0 });
  });
  afterAll(async () => {
    for (const h of hosts) await h.dispose();
    await platform?.close();
  });

  it('enrols once with the configured code, keeps the credential in a 0600 file, and pulls feeds page by page', async () => {
    const code = await enrolmentCode(platform);
    const k = await kiosk({ baseUrl: platform.url, enrolmentCode: code });
    const state = await k.conn.call('sync.state', {});
    expect(state).toMatchObject({ ok: true, value: { enrolled: true, revoked: false, online: true, embedded: false } });
    const kioskId = (state as { value: PlatformLinkState }).value.kioskId;
    expect(kioskId).toMatch(/^K-/);
    const file = path.join(k.dataDir, CREDENTIAL_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ kioskId, platform: platform.url });

    const first = await k.conn.call('sync.pull', { feed: 'catalog', cursor: null });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value).toMatchObject({ feed: 'catalog', mode: 'snapshot', hasMore: false, digest: { count: first.value.changes.length } });
    expect(first.value.changes.length).toBe(luanCatalog().length);
    // Caught up: the next page after the cursor is empty changes.
    const second = await k.conn.call('sync.pull', { feed: 'catalog', cursor: first.value.cursor });
    expect(second).toMatchObject({ ok: true, value: { mode: 'changes', changes: [], reset: null } });
    // One token for both pulls; clock skew learnt from serverTime (same machine: small).
    expect(k.fetch.requests.filter((p) => p === '/v1/token')).toHaveLength(1);
    const after = k.link.state();
    expect(Math.abs(after.clockSkewMs ?? 1e9)).toBeLessThan(1_000);
    expect(after.tokenExpiresAt).not.toBeNull();

    // A restart with the same config does not enrol again.
    await k.dispose();
    const again = await kiosk({ baseUrl: platform.url, dataDir: k.dataDir, enrolmentCode: code });
    expect(again.link.state()).toMatchObject({ enrolled: true, kioskId });
    expect(again.fetch.requests).not.toContain('/v1/enrol');
  });

  it('pushes a sealed application: applied, and the same command again is a duplicate', async () => {
    const k = await kiosk({ baseUrl: platform.url, enrolmentCode: await enrolmentCode(platform) });
    const key = await k.conn.call('sync.platformKey', {});
    if (!key.ok) throw new Error(key.error.message);
    expect(key.value.jwk).toEqual(platform.sealPublicJwk);
    const command = await applicationCommand(key.value.jwk, 1);
    const streamId = crypto.randomUUID();
    const pushed = await k.conn.call('sync.push', { streamId, commands: [command] });
    expect(pushed).toMatchObject({ ok: true, value: { ackSeq: 1, results: [{ id: command.id, status: 'applied' }] } });
    const again = await k.conn.call('sync.push', { streamId, commands: [command] });
    expect(again).toMatchObject({ ok: true, value: { results: [{ id: command.id, status: 'duplicate', original: { status: 'applied' } }] } });
    // The status feed of this kiosk now shows the application.
    const status = await k.conn.call('sync.pull', { feed: 'status', cursor: null });
    expect(status.ok && status.value.changes).toEqual([expect.objectContaining({ op: 'upsert' })]);
  });

  it('never shows the secret or an access token in a log line, an event or a result', async () => {
    const k = await kiosk({ baseUrl: platform.url, enrolmentCode: await enrolmentCode(platform) });
    const results = [
      await k.conn.call('sync.state', {}),
      await k.conn.call('sync.pull', { feed: 'faq', cursor: null }),
      await k.conn.call('sync.platformKey', {}),
      await k.conn.call('sync.report', { pendingCommands: 0, rejectedCommands: 0, oldestPendingAgeSeconds: null, feedVersions: {}, storageUsedBytes: null, storagePersisted: null }),
    ];
    const { secret } = JSON.parse(await readFile(path.join(k.dataDir, CREDENTIAL_FILE), 'utf8')) as { secret: string };
    expect(k.fetch.tokens.size).toBeGreaterThan(0);
    const everything = JSON.stringify({ results, events: k.events, lines: k.logger.lines });
    expect(k.logger.lines.some((l) => l.includes('enrolled with the platform'))).toBe(true);
    expect(everything).not.toContain(secret);
    for (const token of k.fetch.tokens) expect(everything).not.toContain(token);
  });

  it('answers NOT_ENROLLED with what to configure when there is no credential and no code', async () => {
    const k = await kiosk({ baseUrl: platform.url });
    const pulled = await k.conn.call('sync.pull', { feed: 'faq', cursor: null });
    expect(pulled).toMatchObject({ ok: false, error: { code: 'NOT_ENROLLED' } });
    expect(!pulled.ok && pulled.error.message).toContain('platform.enrolmentCode');
    expect(k.link.state()).toMatchObject({ enrolled: false, kioskId: null });
    // A code the platform refuses is reported with the platform's reason, and not retried.
    const refused = await kiosk({ baseUrl: platform.url, enrolmentCode: 'ABCD-EFGH-JKMN' });
    const answer = await refused.conn.call('sync.pull', { feed: 'faq', cursor: null });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_ENROLLED' } });
    expect(!answer.ok && answer.error.message).toContain('ENROLMENT_CODE_INVALID');
    await refused.conn.call('sync.pull', { feed: 'faq', cursor: null });
    expect(refused.fetch.requests.filter((p) => p === '/v1/enrol')).toHaveLength(1);
  });

  it('stops syncing once revoked (KIOSK_REVOKED, no more requests), also after a restart, until a new code is configured', async () => {
    const code = await enrolmentCode(platform);
    const k = await kiosk({ baseUrl: platform.url, enrolmentCode: code });
    expect((await k.conn.call('sync.pull', { feed: 'notices', cursor: null })).ok).toBe(true);
    const kioskId = k.link.state().kioskId ?? '';
    expect((await adminCall(platform, `/kiosks/${kioskId}/revoke`, {})).status).toBe(200);

    const refused = await k.conn.call('sync.pull', { feed: 'notices', cursor: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'KIOSK_REVOKED' } });
    expect(k.link.state()).toMatchObject({ revoked: true, enrolled: true });
    expect(k.events.some((e) => e.name === 'sync.link' && (e.payload as PlatformLinkState).revoked)).toBe(true);
    const requests = k.fetch.requests.length;
    expect(await k.conn.call('sync.push', { streamId: crypto.randomUUID(), commands: [await applicationCommand(platform.sealPublicJwk, 1)] })).toMatchObject({
      ok: false,
      error: { code: 'KIOSK_REVOKED' },
    });
    expect(await k.conn.call('sync.pull', { feed: 'faq', cursor: null })).toMatchObject({ ok: false, error: { code: 'KIOSK_REVOKED' } });
    expect(k.fetch.requests.slice(requests).filter((p) => p.startsWith('/v1/'))).toEqual([]);
    await k.dispose();

    const restarted = await kiosk({ baseUrl: platform.url, dataDir: k.dataDir, enrolmentCode: code });
    expect(restarted.link.state()).toMatchObject({ revoked: true });
    expect(await restarted.conn.call('sync.pull', { feed: 'faq', cursor: null })).toMatchObject({ ok: false, error: { code: 'KIOSK_REVOKED' } });
    await restarted.dispose();

    const reEnrolled = await kiosk({ baseUrl: platform.url, dataDir: k.dataDir, enrolmentCode: await enrolmentCode(platform) });
    expect(reEnrolled.link.state()).toMatchObject({ revoked: false, enrolled: true });
    expect(reEnrolled.link.state().kioskId).not.toBe(kioskId);
    expect((await reEnrolled.conn.call('sync.pull', { feed: 'faq', cursor: null })).ok).toBe(true);
  });

  it('relays pokes from the event stream as sync.poke after an administrator publishes', async () => {
    const k = await kiosk({ baseUrl: platform.url, enrolmentCode: await enrolmentCode(platform), events: { idleTimeoutMs: 30_000, backoffBaseMs: 50, backoffCapMs: 500 } });
    await waitFor(() => k.fetch.requests.includes('/v1/events'));
    await new Promise((r) => setTimeout(r, 100)); // the stream is subscribed once its headers are out
    const notice = { id: 'notice-link-test', title: '测试通知', body: '正文', category: '通知', publishedAt: new Date().toISOString(), validUntil: null, pinned: false };
    expect((await adminCall(platform, '/feeds/notices/items/notice-link-test', notice, 'PUT')).status).toBe(200);
    // The catch-up pokes of the first connect say version 0 for notices; the publication's poke says more.
    const poke = await waitFor(() => k.events.find((e) => e.name === 'sync.poke' && (e.payload as { feed: string; version: number }).version > 0));
    expect(poke.payload).toMatchObject({ feed: 'notices', version: expect.any(Number) });
  });

  it('sends a heartbeat with the engine report and device states, no personal data', async () => {
    const k = await kiosk({
      baseUrl: platform.url,
      enrolmentCode: await enrolmentCode(platform),
      deviceStates: () =>
        deviceHealth([
          { id: 'idCardReader', state: 'offline', enabled: true },
          { id: 'receiptPrinter', state: 'idle', enabled: true },
        ]),
    });
    await k.conn.call('sync.report', { pendingCommands: 3, rejectedCommands: 1, oldestPendingAgeSeconds: 42.7, feedVersions: { catalog: 7, bogus: 1 }, storageUsedBytes: 1000, storagePersisted: true });
    expect(await k.link.sendHeartbeat()).toMatchObject({ ok: true });
    const kiosks = await adminCall<{ kiosks: { id: string; lastHeartbeat: Record<string, unknown> | null }[] }>(platform, '/kiosks');
    const mine = kiosks.body.kiosks.find((row) => row.id === k.link.state().kioskId);
    expect(mine?.lastHeartbeat).toMatchObject({
      appVersion: '0.1.0-test',
      queueLength: 3,
      needsAttention: 1,
      oldestPendingAgeSeconds: 42,
      devices: { idCardReader: 'offline', receiptPrinter: 'ok' },
      feeds: { catalog: 7 },
    });
  });
});

describe('platform link over time: token lifetime, outage and restart (real platform on disk)', () => {
  let dataDir: string;
  let platform: PlatformHandle;
  const start = (port = 0): Promise<PlatformHandle> =>
    startPlatform({ dataDir, port, adminToken: 'admin-restart', logger: createMemoryLogger(), expirySweepMs: 0, tokenSeconds: 1 });
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'platform-restart-'));
    platform = await start();
  });
  afterAll(async () => platform?.close());

  it('refreshes the token at 80 % of its lifetime, and once after a 401 for a token the platform found expired', async () => {
    const k = await startKioskHost({ baseUrl: platform.url, enrolmentCode: await enrolmentCode(platform) });
    let frozen: number | undefined;
    // A frozen monotonic clock: the second kiosk believes its token is fresh; the platform knows better.
    const stale = await startKioskHost({ baseUrl: platform.url, enrolmentCode: await enrolmentCode(platform), monotonicNow: () => (frozen ??= performance.now()) });
    try {
      expect((await k.conn.call('sync.pull', { feed: 'faq', cursor: null })).ok).toBe(true);
      expect((await stale.conn.call('sync.pull', { feed: 'faq', cursor: null })).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 850));
      expect((await k.conn.call('sync.pull', { feed: 'faq', cursor: null })).ok).toBe(true);
      // Ahead of expiry: a new token, and no request was refused on the way.
      expect(k.fetch.requests.filter((p) => p === '/v1/token')).toHaveLength(2);
      expect(k.fetch.requests.filter((p) => p === '/v1/feeds/faq')).toHaveLength(2);

      await new Promise((r) => setTimeout(r, 250));
      expect(await stale.conn.call('sync.pull', { feed: 'faq', cursor: null })).toMatchObject({ ok: true });
      expect(stale.fetch.requests.filter((p) => p === '/v1/token')).toHaveLength(2);
      expect(stale.fetch.requests.filter((p) => p === '/v1/feeds/faq')).toHaveLength(3);
    } finally {
      await k.dispose();
      await stale.dispose();
    }
  });

  it('answers PLATFORM_UNREACHABLE at once and goes offline, then online again after a restart on the same data', async () => {
    const k = await startKioskHost({ baseUrl: platform.url, enrolmentCode: await enrolmentCode(platform) });
    try {
      expect((await k.conn.call('sync.pull', { feed: 'faq', cursor: null })).ok).toBe(true);
      expect(await k.conn.call('system.status', {})).toMatchObject({ ok: true, value: { online: true } });

      const port = platform.port;
      await platform.close();
      const started = Date.now();
      const down = await k.conn.call('sync.pull', { feed: 'faq', cursor: null });
      expect(down).toMatchObject({ ok: false, error: { code: 'PLATFORM_UNREACHABLE' } });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(k.link.state()).toMatchObject({ online: false, lastError: { code: 'PLATFORM_UNREACHABLE' } });
      expect(await k.conn.call('system.status', {})).toMatchObject({ ok: true, value: { online: false } });
      expect(k.events.some((e) => e.name === 'system.status' && (e.payload as { online: boolean }).online === false)).toBe(true);

      platform = await start(port);
      // The health probe notices without any sync call; the same credential still works.
      await waitFor(() => k.link.state().online, 5_000);
      expect((await k.conn.call('sync.pull', { feed: 'faq', cursor: null })).ok).toBe(true);
    } finally {
      await k.dispose();
    }
  });
});
