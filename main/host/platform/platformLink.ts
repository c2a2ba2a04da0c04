/**
 * The service host's link to the central platform: identity (enrolment, credential, access
 * tokens), the proxied sync calls, and what the kiosk knows about the platform (PlatformLinkState):
 * online from the last request or health probe, revocation, token expiry, clock skew, last error.
 * It also runs the background parts: health probing while nothing else talks to the platform, the
 * poke stream and the heartbeat. Handlers in services/sync.ts call it; nothing here reaches the
 * renderer except contract-shaped results and states, and never the secret or a token.
 * Runtime: plain Node.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { err, ok, type KioskError, type Result } from '../../../contract/result.ts';
import type { PlatformLinkState, QueueReport } from '../../../contract/sync.ts';
import { EnrolRequest, type KioskDevice, type TokenResponse } from '../../../sync/protocol/auth.ts';
import type { PushRequest, PushResponse } from '../../../sync/protocol/commands.ts';
import { FEEDS, type FeedName, type FeedPage } from '../../../sync/protocol/feeds.ts';
import type { HeartbeatResponse, PokeMessage } from '../../../sync/protocol/kioskHealth.ts';
import type { EcPublicJwk } from '../../../sync/protocol/sealed.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { Connectivity } from '../connectivity.ts';
import type { Logger } from '../logger.ts';
import { AccessTokens } from './accessTokens.ts';
import {
  CREDENTIAL_FILE,
  enrolmentCodeHash,
  loadCredential,
  loadPlatformKey,
  PLATFORM_KEY_FILE,
  saveCredential,
  savePlatformKey,
  type StoredCredential,
} from './credentialStore.ts';
import { heartbeatRequest, type DeviceHealth } from './heartbeat.ts';
import { PlatformClient, type Exchange, type PlatformFailure, type PlatformResult, type PlatformTimeouts } from './platformClient.ts';
import { startPokeStream, type PokeStream } from './pokeStream.ts';
import { Listeners } from '../../../devices/core/listeners.ts';

export interface PlatformLinkOptions {
  readonly baseUrl: string;
  /** The reference platform started in-process with the kiosk. */
  readonly embedded: boolean;
  /** Holds platform-credential.json and platform-key.json. */
  readonly dataDir: string;
  /** From the config (platform.enrolmentCode) or KIOSK_PLATFORM_ENROLMENT_CODE. */
  readonly enrolmentCode?: string;
  /** Embedded platform only: mints a code through its admin API when the kiosk has no credential. */
  readonly mintEnrolmentCode?: () => Promise<string>;
  readonly device: KioskDevice;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly monotonicNow?: () => number;
  readonly random?: () => number;
  readonly fetchImpl?: typeof fetch;
  readonly timeouts?: Partial<PlatformTimeouts>;
  readonly maxAnswerBytes?: number;
  /** Probe /health this often (± 20 %) while no request succeeded within the interval. */
  readonly healthIntervalMs?: number;
  /** Heartbeat every interval (± 10 %); 0 = never (tests send it by hand). */
  readonly heartbeatIntervalMs?: number;
  readonly deviceStates?: () => Record<string, DeviceHealth>;
  /**
   * Poke stream tuning; `false` = no stream. catchUpMinIntervalMs: catch-up pokes after a
   * (re)connect at most this often (default 10 s), so a flapping stream degrades to polling.
   */
  readonly events?: false | { idleTimeoutMs?: number; backoffBaseMs?: number; backoffCapMs?: number; catchUpMinIntervalMs?: number };
}

const ENROL_RETRY_MS = 5_000;

export class PlatformLink {
  readonly #o: PlatformLinkOptions;
  readonly #clock: Clock;
  readonly #mono: () => number;
  readonly #random: () => number;
  readonly #log: Logger;
  readonly #client: PlatformClient;
  readonly #tokens: AccessTokens;
  readonly #credentialFile: string;
  readonly #keyFile: string;
  readonly #identity: string;
  readonly #stateListeners = new Listeners<PlatformLinkState>();
  readonly #pokeListeners = new Listeners<PokeMessage>();
  readonly #onlineListeners = new Listeners<boolean>();

  #credential: StoredCredential | undefined;
  /** The platform said it does not know this credential (INVALID_CREDENTIAL). */
  #credentialRefused = false;
  /** Hash of a configured code the platform refused: not tried again until the config changes. */
  #refusedCodeHash: string | undefined;
  #enrolling: Promise<void> | undefined;
  #lastEnrolAttempt = Number.NEGATIVE_INFINITY;
  #enrolProblem: string | undefined;
  #online = false;
  #lastSuccessMono = Number.NEGATIVE_INFINITY;
  #lastContactAt: Date | null = null;
  #clockSkewMs: number | null = null;
  #lastError: PlatformLinkState['lastError'] = null;
  #key: EcPublicJwk | undefined;
  #report: QueueReport | undefined;
  #published = '';
  #started = false;
  #disposed = false;
  #stopHealth: () => void = () => undefined;
  #stopHeartbeat: () => void = () => undefined;
  #pokes: PokeStream | undefined;
  /** Newest version per feed heard in a poke: what a catch-up poke says when the engine reported nothing newer. */
  readonly #pokedVersions = new Map<FeedName, number>();
  #lastCatchUpMono = Number.NEGATIVE_INFINITY;
  #ready: Promise<void> = Promise.resolve();

  constructor(options: PlatformLinkOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#mono = options.monotonicNow ?? (() => performance.now());
    this.#random = options.random ?? Math.random;
    this.#log = options.logger;
    this.#identity = options.embedded ? 'embedded' : options.baseUrl;
    this.#credentialFile = path.join(options.dataDir, CREDENTIAL_FILE);
    this.#keyFile = path.join(options.dataDir, PLATFORM_KEY_FILE);
    this.#client = new PlatformClient({
      baseUrl: options.baseUrl,
      now: () => this.#clock.now().getTime(),
      onExchange: (exchange) => this.#learn(exchange),
      ...(options.fetchImpl === undefined ? {} : { fetchImpl: options.fetchImpl }),
      ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
      ...(options.maxAnswerBytes === undefined ? {} : { maxAnswerBytes: options.maxAnswerBytes }),
    });
    this.#tokens = new AccessTokens(() => this.#fetchToken(), this.#mono, () => this.#clock.now());
  }

  /** Reads the stored credential, then enrols (in the background) and starts probing, pokes, heartbeat. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const loaded = await loadCredential(this.#credentialFile);
    if (loaded.state === 'invalid') this.#log.error('stored platform credential unusable; the kiosk must enrol again', { file: this.#credentialFile, reason: loaded.reason });
    if (loaded.state === 'ok') {
      if (loaded.repairedMode) this.#log.warn('platform credential file was readable by others; mode set to 0600', { file: this.#credentialFile });
      if (loaded.credential.platform === this.#identity) this.#credential = loaded.credential;
      else this.#log.warn('stored credential belongs to another platform; ignoring it', { stored: loaded.credential.platform, configured: this.#identity });
    }
    this.#ready = this.#ensureEnrolled();
    this.#scheduleHealth(0);
    const every = this.#o.heartbeatIntervalMs ?? 60_000;
    if (every > 0) this.#scheduleHeartbeat(Math.min(every, 5_000) * this.#random());
    if (this.#o.events !== false) {
      const { catchUpMinIntervalMs = 10_000, ...tuning } = this.#o.events ?? {};
      this.#pokes = startPokeStream({
        open: (signal) => this.#authed((token) => this.#client.openEvents(token, signal)),
        onPoke: (poke) => {
          this.#pokedVersions.set(poke.feed, Math.max(poke.version, this.#pokedVersions.get(poke.feed) ?? 0));
          this.#pokeListeners.emit(poke);
        },
        onConnected: () => this.#catchUp(catchUpMinIntervalMs),
        onAlive: () => this.#alive(),
        onProblem: (message) => this.#log.debug('poke stream', { message }),
        shouldRun: () => !this.#disposed && this.#usableNow(),
        random: this.#random,
        ...tuning,
      });
    }
    this.#changed();
  }

  /** Asks /health now; true when the platform answered. */
  async probe(): Promise<boolean> {
    return (await this.#client.health()).ok;
  }

  /** Settles when the enrolment attempted at start has finished (successfully or not). */
  ready(): Promise<void> {
    return this.#ready;
  }

  state(): PlatformLinkState {
    return {
      online: this.#online,
      enrolled: this.#credential !== undefined && !this.#credentialRefused,
      revoked: this.#credential !== undefined && this.#credential.revokedAt !== null,
      kioskId: this.#credential?.kioskId ?? null,
      platformUrl: this.#o.baseUrl,
      embedded: this.#o.embedded,
      tokenExpiresAt: this.#tokens.expiresAt?.toISOString() ?? null,
      clockSkewMs: this.#clockSkewMs,
      lastError: this.#lastError,
      lastContactAt: this.#lastContactAt?.toISOString() ?? null,
    };
  }

  onState(listener: (state: PlatformLinkState) => void): () => void {
    return this.#stateListeners.add(listener);
  }

  onPoke(listener: (poke: PokeMessage) => void): () => void {
    return this.#pokeListeners.add(listener);
  }

  /** The coarse online bit for system.status. */
  readonly connectivity: Connectivity = {
    online: () => this.#online,
    onChange: (listener) => {
      return this.#onlineListeners.add(listener);
    },
    dispose: () => undefined,
  };

  pull<F extends FeedName>(feed: F, cursor: string | null): Promise<Result<FeedPage<F>>> {
    return this.#authed((token) => this.#client.pull(feed, cursor, token));
  }

  push(request: PushRequest): Promise<Result<PushResponse>> {
    return this.#authed((token) => this.#client.push(request, token));
  }

  /** The sealing key: cached in memory, fetched once, remembered on disk for a kiosk that starts offline. */
  async platformKey(): Promise<Result<{ jwk: EcPublicJwk }>> {
    if (this.#key !== undefined) return ok({ jwk: this.#key });
    const answer = await this.#client.platformKey();
    if (answer.ok) {
      this.#key = answer.value.jwk;
      await savePlatformKey(this.#keyFile, this.#identity, answer.value.jwk, this.#clock.now()).catch((error: unknown) =>
        this.#log.warn('cannot remember the platform key', { error: String(error) }),
      );
      return ok({ jwk: answer.value.jwk });
    }
    const remembered = await loadPlatformKey(this.#keyFile, this.#identity);
    return remembered === undefined ? plain(answer) : ok({ jwk: remembered });
  }

  report(report: QueueReport): void {
    this.#report = report;
  }

  /** One heartbeat now (the timer calls this too). */
  async sendHeartbeat(): Promise<Result<HeartbeatResponse>> {
    const request = heartbeatRequest({
      appVersion: this.#o.device.appVersion,
      report: this.#report,
      devices: this.#o.deviceStates?.() ?? {},
      now: this.#clock.now(),
    });
    return this.#authed((token) => this.#client.heartbeat(request, token));
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#stopHealth();
    this.#stopHeartbeat();
    await this.#pokes?.stop();
    this.#stateListeners.clear();
    this.#pokeListeners.clear();
    this.#onlineListeners.clear();
  }

  // ---- identity ----

  #usableNow(): boolean {
    return this.#credential !== undefined && !this.#credentialRefused && this.#credential.revokedAt === null;
  }

  async #usable(): Promise<Result<StoredCredential>> {
    if (this.#disposed) return err('UNAVAILABLE', 'the platform link is shut down');
    await this.#ensureEnrolled();
    const credential = this.#credential;
    if (credential !== undefined && credential.revokedAt !== null) {
      return err('KIOSK_REVOKED', `the platform revoked this kiosk (${credential.kioskId}) at ${credential.revokedAt}; syncing stopped, queued submissions are kept. Ask the platform administrator for a new enrolment code.`);
    }
    if (credential === undefined || this.#credentialRefused) return err('NOT_ENROLLED', this.#notEnrolledMessage());
    return ok(credential);
  }

  #notEnrolledMessage(): string {
    const howTo = 'Ask the platform administrator for an enrolment code and set platform.enrolmentCode in kiosk.config.json (or the KIOSK_PLATFORM_ENROLMENT_CODE environment variable), then restart the kiosk.';
    if (this.#credentialRefused) return `The platform no longer recognises this kiosk's credential. ${howTo}`;
    if (this.#enrolProblem !== undefined) return `This kiosk is not enrolled with the platform: ${this.#enrolProblem}. ${howTo}`;
    return `This kiosk is not enrolled with the platform. ${howTo}`;
  }

  /** Enrols when there is a code to use and nothing to use it for yet; at most every few seconds. */
  #ensureEnrolled(): Promise<void> {
    if (this.#enrolling !== undefined) return this.#enrolling;
    const code = this.#o.enrolmentCode;
    const codeHash = code === undefined ? undefined : enrolmentCodeHash(code);
    const wantsConfigured = code !== undefined && codeHash !== this.#credential?.enrolmentCodeHash && codeHash !== this.#refusedCodeHash;
    const wantsEmbedded = this.#o.mintEnrolmentCode !== undefined && (this.#credential === undefined || this.#credentialRefused);
    if (!wantsConfigured && !wantsEmbedded) return Promise.resolve();
    if (this.#mono() - this.#lastEnrolAttempt < ENROL_RETRY_MS) return Promise.resolve();
    this.#lastEnrolAttempt = this.#mono();
    this.#enrolling = (async () => {
      if (wantsConfigured && code !== undefined && codeHash !== undefined) await this.#enrol(code, codeHash);
      else if (this.#o.mintEnrolmentCode !== undefined) {
        let minted: string;
        try {
          minted = await this.#o.mintEnrolmentCode();
        } catch (error) {
          this.#enrolProblem = `the embedded platform gave no enrolment code (${error instanceof Error ? error.message : String(error)})`;
          return;
        }
        await this.#enrol(minted, null);
      }
    })()
      .catch((error: unknown) => {
        this.#enrolProblem = `enrolment failed unexpectedly (${error instanceof Error ? error.message : String(error)})`;
        this.#log.error('enrolment failed unexpectedly', { error: String(error) });
      })
      .finally(() => {
        this.#enrolling = undefined;
        this.#changed();
      });
    return this.#enrolling;
  }

  async #enrol(code: string, codeHash: string | null): Promise<void> {
    const request = EnrolRequest.safeParse({ enrolmentCode: code, device: this.#o.device });
    if (!request.success) {
      this.#refusedCodeHash = codeHash ?? undefined;
      this.#enrolProblem = `the configured enrolment code is malformed (${request.error.issues[0]?.message ?? 'invalid'})`;
      this.#log.error('enrolment code malformed', { field: 'platform.enrolmentCode', message: request.error.issues[0]?.message });
      return;
    }
    const answer = await this.#client.enrol(request.data);
    if (!answer.ok) {
      if (answer.error.code === 'PLATFORM_REJECTED') this.#refusedCodeHash = codeHash ?? undefined;
      this.#enrolProblem = `enrolment failed: ${answer.error.code}: ${answer.error.message}`;
      this.#log.warn('enrolment failed', { code: answer.error.code, message: answer.error.message });
      return;
    }
    const credential: StoredCredential = {
      version: 1,
      platform: this.#identity,
      kioskId: answer.value.kioskId,
      secret: answer.value.secret,
      hallName: answer.value.hallName,
      label: answer.value.label,
      enrolledAt: answer.value.enrolledAt,
      enrolmentCodeHash: codeHash,
      revokedAt: null,
    };
    await saveCredential(this.#credentialFile, credential);
    this.#credential = credential;
    this.#credentialRefused = false;
    this.#enrolProblem = undefined;
    this.#tokens.clear();
    // The stream waits for a credential: connect now, not at its next check.
    this.#pokes?.kick();
    this.#log.info('enrolled with the platform', { kioskId: credential.kioskId, hallName: credential.hallName, label: credential.label, embedded: this.#o.embedded });
  }

  async #fetchToken(): Promise<PlatformResult<TokenResponse>> {
    const credential = this.#credential;
    if (credential === undefined) return { ok: false, error: { code: 'NOT_ENROLLED', message: this.#notEnrolledMessage() } };
    const answer = await this.#client.token({ kioskId: credential.kioskId, secret: credential.secret });
    if (!answer.ok && answer.platformCode === 'INVALID_CREDENTIAL' && credential === this.#credential) {
      this.#credentialRefused = true;
      this.#log.error('the platform refused this kiosk credential', { kioskId: credential.kioskId });
    }
    if (!answer.ok && answer.error.code === 'KIOSK_REVOKED') await this.#markRevoked();
    this.#changed();
    return answer;
  }

  async #markRevoked(): Promise<void> {
    const credential = this.#credential;
    if (credential === undefined || credential.revokedAt !== null) return;
    const revoked = { ...credential, revokedAt: this.#clock.now().toISOString() };
    this.#credential = revoked;
    this.#tokens.clear();
    this.#log.warn('the platform revoked this kiosk: syncing stopped until it is enrolled again', { kioskId: credential.kioskId });
    await saveCredential(this.#credentialFile, revoked).catch((error: unknown) => this.#log.error('cannot record the revocation', { error: String(error) }));
    this.#changed();
  }

  /** Runs one authenticated request: a 401 refreshes the token once and retries; 403 revoked stops everything. */
  async #authed<T>(request: (token: string) => Promise<PlatformResult<T>>): Promise<Result<T>> {
    const usable = await this.#usable();
    if (!usable.ok) return usable;
    let token = await this.#tokens.get();
    if (!token.ok) return plain(token);
    let answer = await request(token.value);
    if (!answer.ok && answer.status === 401) {
      this.#tokens.invalidate(token.value);
      token = await this.#tokens.get();
      if (!token.ok) return plain(token);
      answer = await request(token.value);
    }
    if (!answer.ok && answer.error.code === 'KIOSK_REVOKED') await this.#markRevoked();
    this.#changed();
    return plain(answer);
  }

  // ---- what we know about the platform ----

  #learn(exchange: Exchange): void {
    if (exchange.healthy) {
      this.#alive(new Date(exchange.receivedAt));
    } else {
      this.#setOnline(false);
    }
    if (exchange.serverTime !== undefined) {
      const server = Date.parse(exchange.serverTime);
      // The server stamped its time somewhere in the round trip: compare with the midpoint.
      if (Number.isFinite(server)) this.#clockSkewMs = Math.round(server - (exchange.sentAt + exchange.receivedAt) / 2);
    }
    if (exchange.error !== undefined) this.#recordError(exchange.error);
    this.#changed();
  }

  #alive(at: Date = this.#clock.now()): void {
    this.#lastSuccessMono = this.#mono();
    this.#lastContactAt = at;
    this.#setOnline(true);
  }

  #setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    this.#log.info(online ? 'platform reachable' : 'platform not reachable', { platform: this.#o.baseUrl });
    this.#onlineListeners.emit(online);
    this.#changed();
    // Back online without a credential: the enrolment that failed for lack of a network can go now.
    if (online && !this.#disposed) void this.#ensureEnrolled();
    // Back online: the stream reconnects now instead of after the backoff the outage grew.
    if (online) this.#pokes?.kick();
  }

  #recordError(error: KioskError): void {
    this.#lastError = { code: error.code, message: error.message, at: this.#clock.now().toISOString() };
  }

  /** Publishes the state when something a person would notice changed (not every contact time). */
  #changed(): void {
    if (!this.#started) return;
    const state = this.state();
    const key = JSON.stringify({ ...state, lastContactAt: null, clockSkewMs: state.clockSkewMs === null ? null : Math.round(state.clockSkewMs / 1000) });
    if (key === this.#published) return;
    this.#published = key;
    this.#stateListeners.emit(state);
  }

  // ---- background work ----

  /**
   * The stream just (re)connected: whatever was published while it was down never arrives as a
   * poke, so poke every feed once and the engine pulls them (cheap when nothing changed). The
   * version is the newest this kiosk knows of: a hint like any poke, the engine pulls regardless.
   */
  #catchUp(minIntervalMs: number): void {
    if (this.#disposed || this.#mono() - this.#lastCatchUpMono < minIntervalMs) return;
    this.#lastCatchUpMono = this.#mono();
    const reported = this.#report?.feedVersions ?? {};
    for (const feed of FEEDS) {
      this.#pokeListeners.emit({ feed, version: Math.max(reported[feed] ?? 0, this.#pokedVersions.get(feed) ?? 0) });
    }
  }

  #scheduleHealth(delayMs: number): void {
    if (this.#disposed) return;
    this.#stopHealth = this.#clock.setTimeout(() => void this.#healthTick(), delayMs);
  }

  async #healthTick(): Promise<void> {
    const every = this.#o.healthIntervalMs ?? 5_000;
    // Only when nothing else proved the platform alive lately: a busy kiosk needs no probe.
    if (this.#mono() - this.#lastSuccessMono >= every) await this.#client.health();
    this.#scheduleHealth(every * (0.8 + 0.4 * this.#random()));
  }

  #scheduleHeartbeat(delayMs: number): void {
    if (this.#disposed) return;
    this.#stopHeartbeat = this.#clock.setTimeout(() => void this.#heartbeatTick(), delayMs);
  }

  async #heartbeatTick(): Promise<void> {
    if (this.#usableNow()) {
      const sent = await this.sendHeartbeat();
      if (!sent.ok) this.#log.debug('heartbeat not delivered', { code: sent.error.code });
    }
    this.#scheduleHeartbeat((this.#o.heartbeatIntervalMs ?? 60_000) * (0.9 + 0.2 * this.#random()));
  }
}

/** Strips the transport details (status, platform code) so only the contract's error shape leaves. */
function plain<T>(result: PlatformResult<T> | Result<T>): Result<T> {
  if (result.ok) return result;
  const failure = result as PlatformFailure;
  return { ok: false, error: failure.error };
}
