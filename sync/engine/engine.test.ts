// Real IndexedDB semantics in Node: must load before Dexie.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { err, type Result } from '../../contract/result.ts';
import { createMemoryLogger } from '../../main/host/logger.ts';
import { startPlatform, type PlatformHandle } from '../../platform/startPlatform.ts';
import { luanCatalog } from '../../platform/seed/catalog.ts';
import { openDatabase, type HallKioskDB } from '../../renderer/src/db/database.ts';
import { findServices } from '../../renderer/src/screens/guide/catalogQuery.ts';
import { computeFeedDigest } from '../protocol/digest.ts';
import type { PushRequest } from '../protocol/commands.ts';
import type { FeedName } from '../protocol/feeds.ts';
import type { ServiceItem } from '../protocol/serviceItem.ts';
import { ManualClock } from './clock.ts';
import { SyncEngine, type SyncEngineOptions } from './engine.ts';
import { liveDigest } from './feedStore.ts';
import type { SubmitInput } from './submit.ts';
import { SYNC_LEVEL_THRESHOLDS } from './syncState.ts';
import { DirectTransport } from './testing/directTransport.ts';
import type { SyncTransport } from './transport.ts';

const ADMIN = 'admin-token-for-engine-tests';
const applicant = { name: '张三丰', idNumber: '341502199001011234', phone: '13812345678', address: '六安市金安区梅山南路88号' };
const catalog = luanCatalog();
const terminalItem = catalog.find((i) => i.terminalCapable && i.materials.length > 0) as ServiceItem;

function application(item: ServiceItem = terminalItem, serviceCode = item.code): SubmitInput {
  return {
    type: 'application.submit',
    serviceCode,
    serviceName: item.name,
    materials: item.materials.map((m) => ({ name: m.name, provided: true })),
    form: { 申领类型: '首次申领' },
    applicant,
  };
}

let platform: PlatformHandle;
let dbCounter = 0;
const openedDbs: HallKioskDB[] = [];
const engines: SyncEngine[] = [];

async function freshDb(name = `engine-test-${Date.now()}-${++dbCounter}`): Promise<HallKioskDB> {
  const db = await openDatabase(name);
  openedDbs.push(db);
  return db;
}

function engineFor(db: HallKioskDB, transport: SyncTransport, extra: Partial<SyncEngineOptions> = {}): SyncEngine {
  const engine = new SyncEngine({ db, transport, clock: new ManualClock(), random: () => 0.5, storage: null, ...extra });
  engines.push(engine);
  return engine;
}

async function admin<T = Record<string, unknown>>(url: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}/admin${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${ADMIN}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function platformSubmissions(url: string, commandId: string): Promise<{ id: string; commandId: string; acceptanceNumber: string | null }[]> {
  const list = await admin<{ submissions: { id: string; commandId: string; acceptanceNumber: string | null }[] }>(url, '/submissions?limit=500');
  return list.body.submissions.filter((s) => s.commandId === commandId);
}

async function platformDigest(p: PlatformHandle, feed: FeedName): Promise<{ count: number; sha256: string }> {
  const rows = await p.db.query<{ id: string; version: number }>(`SELECT id, version FROM feed_entries WHERE feed = $1 AND scope = '' AND NOT deleted`, [feed]);
  return computeFeedDigest(rows.map((r) => ({ id: r.id, v: r.version })));
}

/** A transport that lets the test interfere with a real one. */
class Interfering implements SyncTransport {
  pulls: { feed: FeedName; cursor: string | null }[] = [];
  pushes: PushRequest[] = [];
  onPull: ((feed: FeedName, answer: Result<unknown>) => Promise<Result<unknown>>) | null = null;
  onPush: ((answer: Result<unknown>) => Promise<Result<unknown>>) | null = null;
  constructor(readonly inner: DirectTransport) {}
  async pull(feed: FeedName, cursor: string | null): Promise<Result<unknown>> {
    this.pulls.push({ feed, cursor });
    const answer = await this.inner.pull(feed, cursor);
    return this.onPull === null ? answer : this.onPull(feed, answer);
  }
  async push(request: PushRequest): Promise<Result<unknown>> {
    this.pushes.push(request);
    const answer = await this.inner.push(request);
    return this.onPush === null ? answer : this.onPush(answer);
  }
  platformKey(): ReturnType<SyncTransport['platformKey']> {
    return this.inner.platformKey();
  }
  report(queue: Parameters<SyncTransport['report']>[0]): Promise<Result<unknown>> {
    return this.inner.report(queue);
  }
}

beforeAll(async () => {
  platform = await startPlatform({ port: 0, adminToken: ADMIN, expirySweepMs: 0, logger: createMemoryLogger() });
});
afterAll(async () => {
  await platform?.close();
});
afterEach(async () => {
  for (const engine of engines.splice(0)) {
    engine.stop();
    await engine.idle();
  }
  for (const db of openedDbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('pull', () => {
  it('takes the initial snapshot of every feed, matching the platform digest', async () => {
    const db = await freshDb();
    const engine = engineFor(db, await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN, pageLimit: 40 }));
    const outcomes = await engine.pullAll();
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await db.catalog.count()).toBeGreaterThanOrEqual(150);
    for (const feed of ['catalog', 'notices', 'faq', 'consultations'] as const) {
      expect(await liveDigest(db, feed)).toEqual(await platformDigest(platform, feed));
    }
    // Catalogue rows are searchable as the guide screen searches them.
    const word = Array.from(terminalItem.name).slice(0, 2).join('');
    expect((await findServices(db, { text: word, department: null }, 500)).rows.map((r) => r.id)).toContain(terminalItem.code);
    expect(await db.feedStaging.count()).toBe(0);
    const state = await engine.refreshState();
    expect(state.feeds.find((f) => f.feed === 'catalog')).toMatchObject({ digestOk: true, lastError: null, resetting: false });
    expect(state.feeds.find((f) => f.feed === 'catalog')?.version).toBeGreaterThan(0);
  });

  it('brings a publish incrementally and removes an unpublished item by its tombstone', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN }));
    const engine = engineFor(db, transport);
    await engine.pullFeed('catalog');
    const before = await db.catalog.count();
    const changed = { ...catalog[3], name: `${catalog[3]?.name ?? ''}（新版）` } as ServiceItem;
    expect((await admin(platform.url, `/feeds/catalog/items/${changed.code}`, { method: 'PUT', body: changed })).status).toBe(200);
    transport.pulls = [];
    await engine.pullFeed('catalog');
    expect(transport.pulls[0]?.cursor).not.toBeNull();
    expect((await db.catalog.get(changed.code))?.name).toBe(changed.name);
    expect(await db.catalog.count()).toBe(before);

    const gone = catalog[5] as ServiceItem;
    expect((await admin(platform.url, `/feeds/catalog/items/${gone.code}`, { method: 'DELETE' })).status).toBe(200);
    const outcome = await engine.pullFeed('catalog');
    expect(outcome).toMatchObject({ ok: true, reset: false, digestOk: true });
    expect(await db.catalog.get(gone.code)).toBeUndefined();
    expect(await db.catalog.count()).toBe(before - 1);
    expect(await liveDigest(db, 'catalog')).toEqual(await platformDigest(platform, 'catalog'));
    // put it back for the other tests
    await admin(platform.url, `/feeds/catalog/items/${gone.code}`, { method: 'PUT', body: gone });
  });

  it('on a cursor reset stages the snapshot and swaps it in: readers never see an empty or partial catalogue', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN, pageLimit: 25 }));
    const engine = engineFor(db, transport);
    await engine.pullFeed('catalog');
    const oldCount = await db.catalog.count();
    // Unpublish one item and forget its tombstone: our cursor is now beyond the horizon.
    const victim = catalog[7] as ServiceItem;
    await admin(platform.url, `/feeds/catalog/items/${victim.code}`, { method: 'DELETE' });
    expect((await admin(platform.url, '/maintenance/purge-tombstones', { body: { olderThanSeconds: 0 } })).status).toBe(200);

    const seen: number[] = [];
    let stagedWhileLiveFull = false;
    transport.onPull = async (_feed, answer) => {
      const staged = await db.feedStaging.count();
      if (staged > 0 && (await db.catalog.count()) === oldCount) stagedWhileLiveFull = true;
      return answer;
    };
    let done = false;
    const readers = (async () => {
      while (!done) {
        seen.push(await db.catalog.count());
        await new Promise((r) => setTimeout(r, 0));
      }
    })();
    const outcome = await engine.pullFeed('catalog');
    done = true;
    await readers;
    expect(outcome).toMatchObject({ ok: true, reset: true, digestOk: true });
    expect(transport.pulls.length).toBeGreaterThan(3);
    expect(stagedWhileLiveFull).toBe(true);
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen)).toEqual(new Set(seen.filter((n) => n === oldCount || n === oldCount - 1)));
    expect(seen).not.toContain(0);
    expect(await db.catalog.get(victim.code)).toBeUndefined();
    expect(await db.feedStaging.count()).toBe(0);
    expect(await liveDigest(db, 'catalog')).toEqual(await platformDigest(platform, 'catalog'));
    await admin(platform.url, `/feeds/catalog/items/${victim.code}`, { method: 'PUT', body: victim });
  });

  it('a first snapshot goes straight into the empty live table, and resumes from its cursor after an interruption', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN, pageLimit: 30 }));
    let served = 0;
    transport.onPull = async (_feed, answer) => (++served > 2 ? err('PLATFORM_UNREACHABLE', 'cable pulled') : answer);
    const engine = engineFor(db, transport);
    expect(await engine.pullFeed('catalog')).toMatchObject({ ok: false, error: { code: 'PLATFORM_UNREACHABLE' } });
    // Nothing was on screen to protect: the first 60 rows are live already, nothing was staged.
    expect(await db.catalog.count()).toBe(60);
    expect(await db.feedStaging.count()).toBe(0);
    expect((await engine.refreshState()).feeds.find((f) => f.feed === 'catalog')).toMatchObject({ resetting: true, lastError: { code: 'PLATFORM_UNREACHABLE' } });
    transport.onPull = null;
    transport.pulls = [];
    expect(await engine.pullFeed('catalog')).toMatchObject({ ok: true, reset: true, digestOk: true });
    expect(transport.pulls[0]?.cursor).not.toBeNull();
    expect(transport.pulls.length).toBe(Math.ceil((await db.catalog.count()) / 30) - 2);
    expect(await liveDigest(db, 'catalog')).toEqual(await platformDigest(platform, 'catalog'));
    expect((await engine.refreshState()).feeds.find((f) => f.feed === 'catalog')).toMatchObject({ resetting: false, digestOk: true, lastError: null });
  });

  it('a first snapshot that fails its digest is emptied again and taken afresh by the next pull', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN, pageLimit: 40 }));
    // The platform's pages skip one row: the digest on the last page cannot match.
    let dropped = false;
    transport.onPull = async (_feed, answer) => {
      if (!answer.ok || dropped) return answer;
      dropped = true;
      const page = answer.value as { changes: unknown[] };
      return { ok: true, value: { ...page, changes: page.changes.slice(1) } };
    };
    const engine = engineFor(db, transport);
    expect(await engine.pullFeed('catalog')).toMatchObject({ ok: false, error: { code: 'DIGEST_MISMATCH' } });
    expect(await db.catalog.count()).toBe(0);
    expect((await engine.refreshState()).feeds.find((f) => f.feed === 'catalog')).toMatchObject({ digestOk: false, resetting: false });
    transport.pulls = [];
    expect(await engine.pullFeed('catalog')).toMatchObject({ ok: true, reset: true, digestOk: true });
    expect(transport.pulls[0]?.cursor).toBeNull();
    expect(await liveDigest(db, 'catalog')).toEqual(await platformDigest(platform, 'catalog'));
  });

  it('a reset interrupted mid-way resumes from its staging cursor; the live catalogue stays whole meanwhile', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN, pageLimit: 30 }));
    const engine = engineFor(db, transport);
    await engine.pullFeed('catalog');
    const before = await liveDigest(db, 'catalog');
    // The platform forgets every kiosk's cursor (as after a rebuild): the next pull is a reset.
    await db.feedState.update('catalog', { cursor: 'not-a-cursor-the-platform-signed' });
    let served = 0;
    transport.onPull = async (_feed, answer) => (++served > 2 ? err('PLATFORM_UNREACHABLE', 'cable pulled') : answer);
    expect(await engine.pullFeed('catalog')).toMatchObject({ ok: false, error: { code: 'PLATFORM_UNREACHABLE' } });
    expect(await db.feedStaging.count()).toBe(60);
    expect(await liveDigest(db, 'catalog')).toEqual(before);
    expect((await engine.refreshState()).feeds.find((f) => f.feed === 'catalog')).toMatchObject({ resetting: true });
    transport.onPull = null;
    transport.pulls = [];
    expect(await engine.pullFeed('catalog')).toMatchObject({ ok: true, reset: true });
    expect(transport.pulls[0]?.cursor).not.toBeNull();
    expect(await db.feedStaging.count()).toBe(0);
    expect(await liveDigest(db, 'catalog')).toEqual(await platformDigest(platform, 'catalog'));
  });

  it('a malformed page fails that feed only; the other feeds sync and nothing crashes', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN }));
    transport.onPull = async (feed, answer) => {
      if (feed !== 'faq' || !answer.ok) return answer;
      const page = answer.value as { changes: { doc?: Record<string, unknown> }[] };
      return { ok: true, value: { ...page, changes: page.changes.map((c) => ({ ...c, doc: { ...c.doc, answer: 42, evil: '<script>' } })) } };
    };
    const engine = engineFor(db, transport);
    const outcomes = await engine.pullAll();
    expect(outcomes.find((o) => o.feed === 'faq')).toMatchObject({ ok: false, error: { code: 'MALFORMED_PAGE' } });
    expect(await db.faq.count()).toBe(0);
    expect(await db.catalog.count()).toBeGreaterThanOrEqual(150);
    expect(await db.notices.count()).toBeGreaterThan(0);
    const state = await engine.refreshState();
    expect(state.feeds.find((f) => f.feed === 'faq')?.lastError?.code).toBe('MALFORMED_PAGE');
    expect(state.feeds.find((f) => f.feed === 'catalog')?.lastError).toBeNull();
    // Garbage that is not even an object.
    transport.onPull = async () => ({ ok: true, value: 'not a page' });
    expect(await engine.pullFeed('notices')).toMatchObject({ ok: false, error: { code: 'MALFORMED_PAGE' } });
    expect(await db.notices.count()).toBeGreaterThan(0);
  });

  it('after a digest mismatch the next pull re-snapshots', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN }));
    const engine = engineFor(db, transport);
    await engine.pullFeed('faq');
    const some = await db.faq.toCollection().first();
    await db.faq.delete(some?.id ?? ''); // local damage
    expect(await engine.pullFeed('faq')).toMatchObject({ ok: false, error: { code: 'DIGEST_MISMATCH' } });
    transport.pulls = [];
    expect(await engine.pullFeed('faq')).toMatchObject({ ok: true, reset: true });
    expect(transport.pulls[0]?.cursor).toBeNull();
    expect(await liveDigest(db, 'faq')).toEqual(await platformDigest(platform, 'faq'));
  });
});

describe('push', () => {
  it('never stores plaintext personal data; refuses to submit before the platform key is known', async () => {
    const db = await freshDb();
    const dead = await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN });
    const offline: SyncTransport = { ...bind(dead), platformKey: async () => err('PLATFORM_UNREACHABLE', 'offline') };
    const never = engineFor(db, offline);
    const refused = await never.submit(application());
    expect(refused).toMatchObject({ ok: false, error: { code: 'PLATFORM_UNREACHABLE' } });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.submissions.count()).toBe(0);

    const engine = engineFor(db, dead);
    const receipt = await engine.submit(application());
    expect(receipt.ok).toBe(true);
    await engine.idle();
    const stored = JSON.stringify({ outbox: await db.outbox.toArray(), submissions: await db.submissions.toArray(), settings: await db.settings.toArray() });
    for (const secret of [applicant.idNumber, applicant.phone, applicant.name, '梅山南路88号']) expect(stored).not.toContain(secret);
    const submission = await db.submissions.toCollection().first();
    expect(submission?.display).toMatchObject({ applicantName: '张*丰', idNumber: '341502********1234', phone: '138****5678' });
  });

  it('a rejected command is reported, turns the light red until acknowledged, and does not block later ones', async () => {
    const db = await freshDb();
    const transport = await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN });
    const engine = engineFor(db, transport);
    const bad = await engine.submit(application(terminalItem, 'NO-SUCH-SERVICE'));
    const good = await engine.submit(application());
    await engine.drain(true);
    await engine.idle();
    if (!bad.ok || !good.ok) throw new Error('submit failed');
    expect(await db.outbox.get(bad.value.commandId)).toMatchObject({ state: 'rejected', answer: { status: 'rejected', code: 'SERVICE_NOT_AVAILABLE' } });
    expect(await db.submissions.get(bad.value.submissionId)).toMatchObject({ state: 'rejected', rejection: { code: 'SERVICE_NOT_AVAILABLE' } });
    expect(await db.outbox.get(good.value.commandId)).toMatchObject({ state: 'delivered' });
    expect((await db.submissions.get(good.value.submissionId))?.acceptanceNumber).toMatch(/\S/);
    let state = await engine.refreshState();
    expect(state).toMatchObject({ pending: 0, rejected: 1, level: 'red' });
    expect(await engine.acknowledgeRejected(bad.value.commandId)).toBe(true);
    state = await engine.refreshState();
    expect(state).toMatchObject({ rejected: 0, level: 'green' });
    await engine.report();
    expect(transport.reports.at(-1)).toMatchObject({ pendingCommands: 0, rejectedCommands: 0 });
  });

  it('a response lost after the platform committed is retried, answered duplicate, and applied once', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN }));
    let dropped = 0;
    transport.onPush = async (answer) => (dropped++ === 0 ? err('TIMEOUT', 'answer lost on the way back') : answer);
    const clock = new ManualClock();
    const engine = engineFor(db, transport, { clock });
    const receipt = await engine.submit(application());
    await engine.idle();
    if (!receipt.ok) throw new Error('submit failed');
    expect(await db.outbox.get(receipt.value.commandId)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(await platformSubmissions(platform.url, receipt.value.commandId)).toHaveLength(1);
    await engine.drain(true);
    expect(transport.pushes).toHaveLength(2);
    expect(await db.outbox.get(receipt.value.commandId)).toMatchObject({ state: 'delivered', answer: { status: 'applied' } });
    const onPlatform = await platformSubmissions(platform.url, receipt.value.commandId);
    expect(onPlatform).toHaveLength(1);
    expect((await db.submissions.get(receipt.value.submissionId))?.acceptanceNumber).toBe(onPlatform[0]?.acceptanceNumber);
  });

  it('a restart mid-push (database closed before the answer was written) loses nothing and doubles nothing', async () => {
    const name = `engine-restart-${Date.now()}`;
    const db1 = await freshDb(name);
    const inner = await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN });
    const crashing = new Interfering(inner);
    crashing.onPush = async (answer) => {
      db1.close(); // the app dies between the platform's commit and our transaction
      return answer;
    };
    const first = engineFor(db1, crashing);
    const receipt = await first.submit(application());
    await first.idle();
    if (!receipt.ok) throw new Error('submit failed');
    expect(await platformSubmissions(platform.url, receipt.value.commandId)).toHaveLength(1);

    const db2 = await freshDb(name);
    expect(await db2.outbox.get(receipt.value.commandId)).toMatchObject({ state: 'pending' });
    const second = engineFor(db2, inner);
    await second.drain(true);
    const again = await second.submit(application());
    await second.idle();
    if (!again.ok) throw new Error('submit failed');
    expect(again.value.seq).toBe(2);
    // In seq order: two engines may mint UUIDv7s in the same millisecond (the manual clock stands still).
    expect(await db2.outbox.orderBy('seq').toArray()).toEqual([
      expect.objectContaining({ id: receipt.value.commandId, state: 'delivered' }),
      expect.objectContaining({ id: again.value.commandId, state: 'delivered' }),
    ]);
    expect(await db2.submissions.count()).toBe(2);
    expect(await platformSubmissions(platform.url, receipt.value.commandId)).toHaveLength(1);
    expect(await platformSubmissions(platform.url, again.value.commandId)).toHaveLength(1);
  });

  it('backs off with full jitter, honours Retry-After, and stops on KIOSK_REVOKED keeping the queue', async () => {
    const db = await freshDb();
    const transport = new Interfering(await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN }));
    const clock = new ManualClock();
    const platformSays: { retryAfterMs?: number } = {};
    transport.onPush = async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'busy', ...platformSays } });
    const engine = engineFor(db, transport, { clock, random: () => 0.5, backoff: { baseMs: 1_000, capMs: 8_000 } });
    const receipt = await engine.submit(application());
    await engine.idle();
    if (!receipt.ok) throw new Error('submit failed');
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = clock.now();
      await engine.drain(true);
      delays.push(((await db.outbox.get(receipt.value.commandId))?.nextAttemptAt ?? 0) - before);
    }
    // attempt 0,1,2 … : 0.5 × min(8 s, 1 s·2^n) (the submit's own attempt was attempt 0)
    expect(delays).toEqual([1_000, 2_000, 4_000, 4_000, 4_000]);
    // Not before nextAttemptAt unless forced: an unforced drain does not call the platform.
    const pushes = transport.pushes.length;
    await engine.drain();
    expect(transport.pushes.length).toBe(pushes);
    platformSays.retryAfterMs = 60_000;
    const before = clock.now();
    await engine.drain(true);
    expect(((await db.outbox.get(receipt.value.commandId))?.nextAttemptAt ?? 0) - before).toBe(60_000);

    // Revoked: the platform says so; pushing stops, the queue stays.
    const kiosks = await admin<{ kiosks: { id: string }[] }>(platform.url, '/kiosks');
    expect(kiosks.body.kiosks.some((k) => k.id === transport.inner.kioskId)).toBe(true);
    await admin(platform.url, `/kiosks/${transport.inner.kioskId}/revoke`, { body: {} });
    transport.onPush = null;
    await engine.drain(true);
    const state = await engine.refreshState();
    expect(state).toMatchObject({ revoked: true, level: 'red', pending: 1 });
    const count = transport.pushes.length;
    await engine.drain(true);
    expect(transport.pushes.length).toBe(count);
  });
});

describe('offline, then back', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-platform-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('queues while the platform is down (amber, then red by age), delivers exactly once when it is back, and brings the status back', async () => {
    let p = await startPlatform({ port: 0, adminToken: ADMIN, expirySweepMs: 0, dataDir: dir, logger: createMemoryLogger() });
    const port = p.port;
    const db = await freshDb();
    const transport = await DirectTransport.enrol({ url: p.url, adminToken: ADMIN });
    const clock = new ManualClock();
    const engine = engineFor(db, transport, { clock });
    expect(await engine.ensurePlatformKey()).toBe(true);
    await p.close();

    const receipt = await engine.submit(application());
    await engine.idle();
    if (!receipt.ok) throw new Error(receipt.error.message);
    let state = await engine.refreshState();
    expect(state).toMatchObject({ pending: 1, level: 'green', lastError: { code: 'PLATFORM_UNREACHABLE' } });
    clock.advance(SYNC_LEVEL_THRESHOLDS.amberAfterMs + 1_000);
    await engine.idle();
    state = await engine.refreshState();
    expect(state.level).toBe('amber');
    expect(state.oldestPendingAgeMs).toBeGreaterThanOrEqual(SYNC_LEVEL_THRESHOLDS.amberAfterMs);
    clock.advance(SYNC_LEVEL_THRESHOLDS.redAfterMs);
    await engine.idle();
    expect((await engine.refreshState()).level).toBe('red');

    p = await startPlatform({ port, adminToken: ADMIN, expirySweepMs: 0, dataDir: dir, logger: createMemoryLogger() });
    try {
      state = await engine.syncNow();
      expect(state).toMatchObject({ pending: 0, level: 'green', lastError: null });
      const onPlatform = await platformSubmissions(p.url, receipt.value.commandId);
      expect(onPlatform).toHaveLength(1);
      const local = await db.submissions.get(receipt.value.submissionId);
      expect(local).toMatchObject({ state: 'submitted', acceptanceNumber: onPlatform[0]?.acceptanceNumber });

      expect((await admin(p.url, `/applications/${receipt.value.submissionId}/transition`, { body: { to: 'accepted', message: '材料齐全，予以受理' } })).status).toBe(200);
      await engine.pullFeed('status');
      expect(await db.submissions.get(receipt.value.submissionId)).toMatchObject({ state: 'accepted', stateLabel: '已受理', statusMessage: '材料齐全，予以受理', statusVersion: 2 });
      expect(await db.statuses.get(receipt.value.submissionId)).toMatchObject({ commandId: receipt.value.commandId });
      expect(await platformSubmissions(p.url, receipt.value.commandId)).toHaveLength(1);
    } finally {
      await p.close();
    }
  });
});

describe('triggers', () => {
  it('polls with jitter, debounces pokes, reports every minute', async () => {
    const db = await freshDb();
    const inner = await DirectTransport.enrol({ url: platform.url, adminToken: ADMIN });
    const transport = new Interfering(inner);
    const clock = new ManualClock();
    const engine = engineFor(db, transport, { clock, random: () => 1 });
    engine.start();
    await engine.idle();
    expect(new Set(transport.pulls.map((p) => p.feed))).toEqual(new Set(['status', 'notices', 'consultations', 'faq', 'catalog']));
    transport.pulls = [];
    engine.poke('notices');
    engine.poke('notices');
    engine.poke('notices');
    clock.advance(1_000);
    await engine.idle();
    expect(transport.pulls.map((p) => p.feed)).toEqual(['notices']);
    transport.pulls = [];
    clock.advance(30_000 * 1.2 - 1_000 - 1); // random 1 → +20 %
    await engine.idle();
    expect(transport.pulls).toEqual([]);
    clock.advance(1);
    await engine.idle();
    expect(transport.pulls.length).toBe(5);
    clock.advance(60_000);
    await engine.idle();
    expect(inner.reports.length).toBeGreaterThanOrEqual(1);
    expect(inner.reports.at(-1)).toMatchObject({ pendingCommands: 0, oldestPendingAgeSeconds: null });
    engine.stop();
    expect(clock.pendingTimers()).toEqual([]);
  });
});

function bind(t: SyncTransport): SyncTransport {
  return { pull: (f, c) => t.pull(f, c), push: (r) => t.push(r), platformKey: () => t.platformKey(), report: (q) => t.report(q) };
}
