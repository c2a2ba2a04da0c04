/**
 * A ByteLink that stays the same object for the driver while the connection under it comes and
 * goes. A supervisor opens a NEW underlying link for every attempt (a serialport object reused
 * after an unplug delivers writes queued while it was closed — research/devices.md §2.6), retries
 * with exponential back-off and full jitter, and declares the connection lost on any of: the
 * link's own close (unplug, I/O error, end of stream) or K missed heartbeats from the driver's
 * cheap status command.
 *
 * While no connection is up, `write` is refused with LinkClosedError; nothing is buffered. On
 * every loss `onClose` fires with the reason, so a FramedChannel fails its pending command and
 * drops its half-read bytes; data from an old connection is never passed on after a new one opens.
 * Runtime: plain Node.
 */
import type { DeviceClock } from './deviceClock.ts';
import { realDeviceClock } from './deviceClock.ts';
import { LinkClosedError, type ByteLink } from './link.ts';
import { Listeners } from './listeners.ts';

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** [0, 1), injectable so tests see exact delays. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000, random: Math.random };

/** "Full jitter": uniform in [0, min(cap, base·2^attempt)]; attempt counts from 0. */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(policy.random() * ceiling);
}

/** The driver's cheap status command, called by the supervisor while connected. */
export interface Heartbeat {
  intervalMs: number;
  /** Consecutive failed probes tolerated; one more and the connection is declared lost. Default 1. */
  missesAllowed?: number;
  /** Resolves when the device answered; rejects (or times out inside) when it did not. */
  probe(): Promise<void>;
}

export class HeartbeatLostError extends Error {
  constructor(linkName: string, misses: number, cause: unknown) {
    super(`${linkName}: device stopped answering (${misses} status checks failed: ${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'HeartbeatLostError';
  }
}

export type SupervisorState = 'stopped' | 'connecting' | 'connected' | 'waiting';

export interface ReconnectingLinkOptions {
  clock?: DeviceClock;
  backoff?: Partial<BackoffPolicy>;
  heartbeat?: Heartbeat;
  /** A connection that lived at least this long resets the back-off; a flapping one does not. */
  stableMs?: number;
}

export interface AttemptFailure {
  error: Error;
  /** Consecutive failures so far (1 for the first). */
  failures: number;
  retryInMs: number;
}

export class ReconnectingLink implements ByteLink {
  readonly #clock: DeviceClock;
  readonly #backoff: BackoffPolicy;
  readonly #stableMs: number;
  #heartbeat: Heartbeat | undefined;
  #state: SupervisorState = 'stopped';
  #current: ByteLink | undefined;
  #detach: (() => void)[] = [];
  /** Bumped on every new connection and on stop; callbacks from older generations are ignored. */
  #generation = 0;
  #failures = 0;
  #connections = 0;
  #connectedAt = 0;
  #cancelTimer: (() => void) | undefined;
  #misses = 0;
  #firstAttempt: { resolve: () => void; reject: (e: Error) => void } | undefined;
  readonly #dataListeners = new Listeners<Uint8Array>();
  readonly #closeListeners = new Listeners<Error | undefined>();
  readonly #openListeners = new Listeners<number>();
  readonly #failureListeners = new Listeners<AttemptFailure>();

  constructor(
    readonly name: string,
    /** Makes a fresh, unopened link for each attempt. */
    private readonly createLink: () => ByteLink,
    options: ReconnectingLinkOptions = {},
  ) {
    this.#clock = options.clock ?? realDeviceClock;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#stableMs = options.stableMs ?? 10_000;
    this.#heartbeat = options.heartbeat;
  }

  get isOpen(): boolean {
    return this.#state === 'connected' && this.#current?.isOpen === true;
  }

  get state(): SupervisorState {
    return this.#state;
  }

  /** Successful connections so far (1 after the first open; each reconnect adds one). */
  get connections(): number {
    return this.#connections;
  }

  /** The link of the current connection, if any (diagnostics and tests). */
  get current(): ByteLink | undefined {
    return this.#current;
  }

  /**
   * Starts supervising. Resolves when the first attempt connects; rejects with the first attempt's
   * error, in which case the supervisor keeps retrying in the background until `close()`.
   */
  open(): Promise<void> {
    if (this.#state !== 'stopped') return this.isOpen ? Promise.resolve() : Promise.reject(new LinkClosedError(this.name));
    return new Promise<void>((resolve, reject) => {
      this.#firstAttempt = { resolve, reject };
      this.#connect();
    });
  }

  /** Starts supervising without waiting for the first attempt. */
  start(): void {
    this.open().catch(() => undefined);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const link = this.#current;
    if (this.#state !== 'connected' || link === undefined || !link.isOpen) throw new LinkClosedError(this.name);
    await link.write(bytes);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.#dataListeners.add(listener);
  }

  /** Fires once per lost connection (with the reason) and once on `close()` (undefined) if connected. */
  onClose(listener: (reason: Error | undefined) => void): () => void {
    return this.#closeListeners.add(listener);
  }

  /** Fires when a connection comes up; `connection` is 1 for the first, 2+ for reconnects. */
  onOpen(listener: (connection: number) => void): () => void {
    return this.#openListeners.add(listener);
  }

  onAttemptFailed(listener: (failure: AttemptFailure) => void): () => void {
    return this.#failureListeners.add(listener);
  }

  setHeartbeat(heartbeat: Heartbeat | undefined): void {
    this.#heartbeat = heartbeat;
    if (this.#state === 'connected') this.#scheduleHeartbeat(this.#generation);
  }

  /** Declares the current connection lost (e.g. the technician presses "reconnect"). */
  drop(reason: Error): void {
    if (this.#state === 'connected') this.#lose(this.#generation, reason);
  }

  /** Stops supervising and closes the current connection. Safe to call twice. */
  async close(): Promise<void> {
    const wasConnected = this.#state === 'connected';
    const link = this.#current;
    this.#state = 'stopped';
    this.#generation++;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#teardown();
    this.#firstAttempt?.reject(new LinkClosedError(this.name));
    this.#firstAttempt = undefined;
    if (wasConnected) this.#closeListeners.emit(undefined);
    await link?.close().catch(() => undefined);
  }

  #connect(): void {
    const generation = ++this.#generation;
    this.#state = 'connecting';
    let link: ByteLink;
    try {
      link = this.createLink();
    } catch (error) {
      this.#attemptFailed(generation, asError(error));
      return;
    }
    this.#current = link;
    // Listen before opening so no early byte or early hang-up is missed.
    this.#detach = [
      link.onData((chunk) => {
        if (generation !== this.#generation || this.#state !== 'connected') return;
        this.#dataListeners.emit(chunk);
      }),
      link.onClose((reason) => {
        if (generation !== this.#generation) return;
        if (this.#state === 'connected') this.#lose(generation, reason ?? new Error(`${this.name}: connection closed`));
      }),
    ];
    link.open().then(
      () => {
        if (generation !== this.#generation) {
          void link.close().catch(() => undefined); // stopped or superseded while opening
          return;
        }
        if (!link.isOpen) {
          this.#attemptFailed(generation, new Error(`${this.name}: closed while opening`));
          return;
        }
        this.#state = 'connected';
        this.#connections++;
        this.#connectedAt = this.#clock.now();
        this.#misses = 0;
        this.#firstAttempt?.resolve();
        this.#firstAttempt = undefined;
        this.#openListeners.emit(this.#connections);
        this.#scheduleHeartbeat(generation);
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.#attemptFailed(generation, asError(error));
      },
    );
  }

  #attemptFailed(generation: number, error: Error): void {
    if (generation !== this.#generation || this.#state === 'stopped') return;
    const link = this.#current;
    this.#teardown();
    void link?.close().catch(() => undefined);
    this.#firstAttempt?.reject(error);
    this.#firstAttempt = undefined;
    const retryInMs = backoffDelay(this.#failures, this.#backoff);
    this.#failures++;
    this.#failureListeners.emit({ error, failures: this.#failures, retryInMs });
    this.#retryIn(retryInMs);
  }

  #lose(generation: number, reason: Error): void {
    if (generation !== this.#generation || this.#state !== 'connected') return;
    const link = this.#current;
    this.#generation++; // silences the old link's late events
    this.#teardown();
    void link?.close().catch(() => undefined);
    if (this.#clock.now() - this.#connectedAt >= this.#stableMs) this.#failures = 0;
    this.#state = 'waiting';
    this.#closeListeners.emit(reason);
    if (this.#state !== 'waiting') return; // a listener closed us
    const retryInMs = backoffDelay(this.#failures, this.#backoff);
    this.#failures++;
    this.#retryIn(retryInMs);
  }

  #retryIn(ms: number): void {
    this.#state = 'waiting';
    this.#cancelTimer?.();
    this.#cancelTimer = this.#clock.setTimeout(() => {
      this.#cancelTimer = undefined;
      if (this.#state === 'waiting') this.#connect();
    }, ms);
  }

  #scheduleHeartbeat(generation: number): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const heartbeat = this.#heartbeat;
    if (heartbeat === undefined) return;
    this.#cancelTimer = this.#clock.setTimeout(() => {
      this.#cancelTimer = undefined;
      if (generation !== this.#generation || this.#state !== 'connected') return;
      heartbeat.probe().then(
        () => {
          if (generation !== this.#generation) return;
          this.#misses = 0;
          this.#scheduleHeartbeat(generation);
        },
        (error: unknown) => {
          if (generation !== this.#generation) return;
          this.#misses++;
          if (this.#misses > (heartbeat.missesAllowed ?? 1)) this.#lose(generation, new HeartbeatLostError(this.name, this.#misses, error));
          else this.#scheduleHeartbeat(generation);
        },
      );
    }, heartbeat.intervalMs);
  }

  #teardown(): void {
    for (const off of this.#detach) off();
    this.#detach = [];
    this.#current = undefined;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
