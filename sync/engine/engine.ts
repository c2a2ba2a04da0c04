/**
 * The kiosk's sync engine: pulls the platform's feeds into Dexie, drains the outbox, and keeps the
 * state the staff panel and the resident's indicator show. One pull per feed and one push at a time;
 * all timers come from the injected clock, all chance from the injected random.
 *
 * Triggers: start(), a poll every pollIntervalMs ± 20 %, a debounced `poke(feed)` (the host's
 * sync.poke event), `syncNow()` (staff), and a new submission (drains at once). Runtime: pure.
 */
import type { Result } from '../../contract/result.ts';
import { err } from '../../contract/result.ts';
import type { HallKioskDB } from '../../renderer/src/db/database.ts';
import type { SyncErrorRecord } from '../../renderer/src/db/records.ts';
import { FEEDS, type FeedName } from '../protocol/feeds.ts';
import { EcPublicJwk } from '../protocol/sealed.ts';
import { jittered, systemClock, type EngineClock, type TimerHandle } from './clock.ts';
import { pullFeed, type PullOutcome } from './puller.ts';
import { DEFAULT_BACKOFF, drainOnce, type BackoffPolicy } from './pusher.ts';
import { submit, type SubmitInput, type SubmitReceipt } from './submit.ts';
import { queueReportOf, readSyncState, type StorageState, type SyncState } from './syncState.ts';
import type { SyncTransport } from './transport.ts';
import { createUuidV7 } from './uuidv7.ts';

/** The part of navigator.storage the engine uses (absent outside a browser). */
export type StorageLike = {
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
};

export type SyncEngineOptions = Readonly<{
  db: HallKioskDB;
  transport: SyncTransport;
  clock?: EngineClock;
  /** [0, 1): backoff jitter, poll jitter. */
  random?: () => number;
  /** Default 30 s, ±pollJitter. */
  pollIntervalMs?: number;
  /** Default 0.2 (±20 %). */
  pollJitter?: number;
  /** Pokes for one feed within this window collapse into one pull. Default 1 s. */
  pokeDebounceMs?: number;
  /** Queue report to the host (heartbeat). Default 60 s. */
  reportIntervalMs?: number;
  /** Recompute the state (ages move even when nothing happens). Default 10 s. */
  stateRefreshMs?: number;
  /** Default base 1 s, cap 5 min. */
  backoff?: BackoffPolicy;
  /** Default globalThis.navigator.storage when present. */
  storage?: StorageLike | null;
  /** A key shipped with the kiosk's configuration, used only when none was fetched yet. */
  bundledPlatformKey?: EcPublicJwk;
  feeds?: readonly FeedName[];
}>;

export const PLATFORM_KEY_SETTING = 'sync.platformKey';

function defaultStorage(): StorageLike | null {
  const nav = (globalThis as { navigator?: { storage?: StorageLike } }).navigator;
  return nav?.storage ?? null;
}

export class SyncEngine {
  readonly #db: HallKioskDB;
  readonly #transport: SyncTransport;
  readonly #clock: EngineClock;
  readonly #random: () => number;
  readonly #opts: Required<Pick<SyncEngineOptions, 'pollIntervalMs' | 'pollJitter' | 'pokeDebounceMs' | 'reportIntervalMs' | 'stateRefreshMs' | 'backoff'>>;
  readonly #storage: StorageLike | null;
  readonly #bundledKey: EcPublicJwk | null;
  readonly #feeds: readonly FeedName[];
  readonly #newId: () => string;

  #started = false;
  #timers = new Map<string, TimerHandle>();
  #pulling = new Map<FeedName, Promise<PullOutcome>>();
  #pullAgain = new Set<FeedName>();
  #draining: Promise<void> | null = null;
  #drainAgain = false;
  #forceDrain = false;
  #revoked = false;
  #lastError: SyncErrorRecord | null = null;
  #storageState: StorageState = { usage: null, quota: null, persisted: null };
  #persistAsked = false;
  #state: SyncState | null = null;
  #listeners = new Set<(state: SyncState) => void>();
  #background = new Set<Promise<unknown>>();

  constructor(options: SyncEngineOptions) {
    this.#db = options.db;
    this.#transport = options.transport;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#opts = {
      pollIntervalMs: options.pollIntervalMs ?? 30_000,
      pollJitter: options.pollJitter ?? 0.2,
      pokeDebounceMs: options.pokeDebounceMs ?? 1_000,
      reportIntervalMs: options.reportIntervalMs ?? 60_000,
      stateRefreshMs: options.stateRefreshMs ?? 10_000,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
    };
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#bundledKey = options.bundledPlatformKey ?? null;
    this.#feeds = options.feeds ?? FEEDS;
    this.#newId = createUuidV7(() => this.#clock.now());
  }

  // ---- lifecycle ----

  /** Starts the triggers: an immediate sync, the poll, the report and the state refresh. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#track(this.#askPersistence());
    this.#track(this.ensurePlatformKey());
    this.#track(this.#syncAll(false));
    this.#schedulePoll();
    this.#scheduleEvery('report', this.#opts.reportIntervalMs, () => this.report());
    this.#scheduleEvery('state', this.#opts.stateRefreshMs, () => this.refreshState());
  }

  /** Stops every timer; work already running finishes (await idle() to wait for it). */
  stop(): void {
    this.#started = false;
    for (const timer of this.#timers.values()) timer.cancel();
    this.#timers.clear();
  }

  /** Resolves when nothing the engine started is still running. */
  async idle(): Promise<void> {
    while (this.#background.size > 0 || this.#pulling.size > 0 || this.#draining !== null) {
      await Promise.allSettled([...this.#background, ...this.#pulling.values(), this.#draining]);
    }
  }

  // ---- triggers ----

  /** Staff "sync now": every feed, then the outbox, ignoring backoff. */
  async syncNow(): Promise<SyncState> {
    this.#revoked = false;
    await this.#syncAll(true);
    return this.refreshState();
  }

  /** The platform published in `feed` (host event sync.poke): pull it soon, once per burst. */
  poke(feed: FeedName): void {
    if (!this.#started || this.#revoked) return;
    const name = `poke:${feed}`;
    if (this.#timers.has(name)) return;
    this.#timers.set(
      name,
      this.#clock.schedule(this.#opts.pokeDebounceMs, () => {
        this.#timers.delete(name);
        this.#track(this.pullFeed(feed).then(() => this.refreshState()));
      }),
    );
  }

  /** The host's link state changed (event sync.link). Coming back online pulls and drains at once. */
  linkChanged(link: Readonly<{ online: boolean; revoked: boolean }>): void {
    const wasRevoked = this.#revoked;
    this.#revoked = link.revoked;
    if (wasRevoked !== link.revoked) this.#track(this.refreshState());
    if (link.online && !link.revoked && this.#started) this.#track(this.#syncAll(true));
  }

  // ---- pull ----

  /** Every feed, one after the other in priority order (status first): the platform limits requests in flight per kiosk. */
  async pullAll(): Promise<PullOutcome[]> {
    const outcomes: PullOutcome[] = [];
    for (const feed of this.#feeds) {
      if (this.#revoked) break;
      outcomes.push(await this.pullFeed(feed));
    }
    return outcomes;
  }

  /** One feed up to date; a call while it runs makes it run once more afterwards. */
  pullFeed(feed: FeedName): Promise<PullOutcome> {
    const running = this.#pulling.get(feed);
    if (running !== undefined) {
      this.#pullAgain.add(feed);
      return running;
    }
    const run = (async (): Promise<PullOutcome> => {
      let outcome: PullOutcome;
      do {
        this.#pullAgain.delete(feed);
        try {
          outcome = await pullFeed(this.#db, this.#transport, feed, () => this.#clock.now());
        } catch (error) {
          // IndexedDB trouble (closed, quota): report it as this feed's error, never crash the loop.
          const at = new Date(this.#clock.now()).toISOString();
          outcome = { ok: false, feed, error: { code: 'LOCAL_STORE', message: error instanceof Error ? `${error.name}: ${error.message}` : 'error', at }, transport: null };
        }
        if (!outcome.ok && outcome.transport?.code === 'KIOSK_REVOKED') this.#revoked = true;
      } while (this.#pullAgain.has(feed) && !this.#revoked);
      return outcome;
    })();
    this.#pulling.set(feed, run);
    void run.finally(() => this.#pulling.delete(feed));
    return run;
  }

  // ---- push ----

  /** Drains the outbox (one request in flight at most); `force` ignores the backoff wait. */
  drain(force = false): Promise<void> {
    if (force) this.#forceDrain = true;
    if (this.#draining !== null) {
      this.#drainAgain = true;
      return this.#draining;
    }
    const run = this.#drainLoop().finally(() => {
      this.#draining = null;
    });
    this.#draining = run;
    return run;
  }

  async #drainLoop(): Promise<void> {
    do {
      this.#drainAgain = false;
      if (this.#revoked) break;
      const force = this.#forceDrain;
      this.#forceDrain = false;
      try {
        const step = await drainOnce({ db: this.#db, transport: this.#transport, now: () => this.#clock.now(), random: this.#random, backoff: this.#opts.backoff }, force);
        if (step.kind === 'progress') {
          this.#lastError = null;
          if (step.sealedKeyRejected) await this.#forgetPlatformKey();
          this.#drainAgain = true;
        } else if (step.kind === 'retry') {
          this.#lastError = step.error;
          this.#scheduleDrainAt(step.untilMs);
        } else if (step.kind === 'waiting') {
          this.#scheduleDrainAt(step.untilMs);
        } else if (step.kind === 'revoked') {
          this.#lastError = step.error;
          this.#revoked = true;
        }
      } catch (error) {
        this.#lastError = { code: 'LOCAL_STORE', message: error instanceof Error ? `${error.name}: ${error.message}` : 'error', at: new Date(this.#clock.now()).toISOString() };
        break;
      }
    } while (this.#drainAgain);
    await this.refreshState();
  }

  #scheduleDrainAt(untilMs: number): void {
    if (!this.#started) return;
    this.#timers.get('drain')?.cancel();
    this.#timers.set(
      'drain',
      this.#clock.schedule(untilMs - this.#clock.now(), () => {
        this.#timers.delete('drain');
        this.#track(this.drain());
      }),
    );
  }

  // ---- submissions ----

  /** Seals personal fields, writes submission + command in one transaction, then starts delivery. */
  async submit(input: SubmitInput): Promise<Result<SubmitReceipt>> {
    let receipt: Result<SubmitReceipt>;
    try {
      receipt = await submit(input, { db: this.#db, newId: this.#newId, now: () => this.#clock.now(), platformKey: () => this.#platformKey() });
    } catch (error) {
      receipt = err('INTERNAL', `submission failed: ${error instanceof Error ? error.name : 'error'}`);
    }
    if (receipt.ok) this.#track(this.drain());
    await this.refreshState();
    return receipt;
  }

  /** Staff saw a rejected command (and dealt with the resident): it stops holding the light red. */
  async acknowledgeRejected(commandId: string): Promise<boolean> {
    const at = new Date(this.#clock.now()).toISOString();
    const changed = await this.#db.transaction('rw', this.#db.outbox, async () => {
      const record = await this.#db.outbox.get(commandId);
      if (record?.state !== 'rejected' || record.acknowledgedAt !== null) return false;
      await this.#db.outbox.put({ ...record, acknowledgedAt: at });
      return true;
    });
    await this.refreshState();
    return changed;
  }

  /** Fetches and caches the platform key if it is not cached yet; true when one is known. */
  async ensurePlatformKey(): Promise<boolean> {
    return (await this.#platformKey()) !== null;
  }

  async #platformKey(): Promise<EcPublicJwk | null> {
    const cached = EcPublicJwk.safeParse((await this.#db.settings.get(PLATFORM_KEY_SETTING))?.value);
    if (cached.success) return cached.data;
    const fetched = await this.#transport.platformKey();
    if (fetched.ok) {
      const parsed = EcPublicJwk.safeParse(fetched.value);
      if (parsed.success) {
        await this.#db.settings.put({ key: PLATFORM_KEY_SETTING, value: parsed.data });
        return parsed.data;
      }
    }
    return this.#bundledKey;
  }

  /** The platform could not open an envelope: its key changed. Fetch it again for the next submission. */
  async #forgetPlatformKey(): Promise<void> {
    await this.#db.settings.delete(PLATFORM_KEY_SETTING);
  }

  // ---- state ----

  get state(): SyncState | null {
    return this.#state;
  }

  subscribe(listener: (state: SyncState) => void): () => void {
    this.#listeners.add(listener);
    if (this.#state !== null) listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  async refreshState(): Promise<SyncState> {
    const state = await readSyncState(this.#db, this.#clock.now(), { revoked: this.#revoked, lastError: this.#lastError, storage: this.#storageState });
    const changed = this.#state === null || JSON.stringify(this.#state) !== JSON.stringify(state);
    this.#state = state;
    if (changed) for (const listener of this.#listeners) listener(state);
    return state;
  }

  /** Sends the queue summary to the host for the heartbeat (failures ignored: it is telemetry). */
  async report(): Promise<void> {
    await this.#readStorage();
    const state = await this.refreshState();
    await this.#transport.report(queueReportOf(state));
  }

  // ---- internals ----

  async #syncAll(force: boolean): Promise<void> {
    await this.pullAll();
    await this.drain(force);
    await this.refreshState();
  }

  #schedulePoll(): void {
    if (!this.#started) return;
    this.#timers.set(
      'poll',
      this.#clock.schedule(jittered(this.#opts.pollIntervalMs, this.#opts.pollJitter, this.#random), () => {
        this.#timers.delete('poll');
        if (!this.#revoked) this.#track(this.#syncAll(false));
        this.#schedulePoll();
      }),
    );
  }

  #scheduleEvery(name: string, ms: number, work: () => Promise<unknown>): void {
    if (!this.#started) return;
    this.#timers.set(
      name,
      this.#clock.schedule(ms, () => {
        this.#timers.delete(name);
        this.#track(work());
        this.#scheduleEvery(name, ms, work);
      }),
    );
  }

  async #askPersistence(): Promise<void> {
    if (!this.#persistAsked && this.#storage?.persist !== undefined) {
      this.#persistAsked = true;
      await this.#storage.persist().catch(() => false);
    }
    await this.#readStorage();
  }

  async #readStorage(): Promise<void> {
    const storage = this.#storage;
    if (storage === null) return;
    const estimate = await storage.estimate?.().catch(() => undefined);
    const persisted = await storage.persisted?.().catch(() => null);
    this.#storageState = { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted: persisted ?? null };
  }

  /** Background work: errors are recorded, never unhandled. */
  #track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => {
      this.#lastError = { code: 'INTERNAL', message: error instanceof Error ? error.message : 'error', at: new Date(this.#clock.now()).toISOString() };
    });
    this.#background.add(tracked);
    void tracked.finally(() => this.#background.delete(tracked));
  }
}
