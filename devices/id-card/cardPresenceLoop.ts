/**
 * Polls the reader and turns find-card answers into card events, as an explicit state machine:
 *
 *   waiting ──find 9F──▶ reading ──ok──▶ present ──N × no-card──▶ waiting   (card.read … card.removed)
 *                          │ failed (< max attempts) ─▶ waiting (next poll tries again)
 *                          └ failed for good / invalid card ─▶ rejected ──N × no-card──▶ waiting
 *
 * Exactly one card.read per placement: while present, further find successes are ignored. Note the
 * protocol's own rule (research §6.2): after a read the reader stops offering the card until it is
 * lifted, so "removed" means "the reader has not offered a card for N polls".
 * Poll failures (timeout, SAM fault, corrupted reply) are reported once per streak, not per poll.
 * Runtime: plain Node.
 */
import { realDeviceClock, type DeviceClock } from '../core/deviceClock.ts';
import type { CardReading, IdCardReader } from './idCardReader.ts';
import { maskedCard, type MaskedCard } from './maskedCard.ts';
import type { IdCardError, IdCardErrorKind } from './samStatus.ts';

export type PresenceState = 'stopped' | 'waiting' | 'reading' | 'present' | 'rejected';

export type CardErrorPhase = 'poll' | 'read';

export type IdCardEvent =
  | { readonly type: 'card.read'; readonly reading: CardReading; readonly masked: MaskedCard }
  | { readonly type: 'card.removed'; readonly at: number; readonly hadValidRead: boolean }
  | { readonly type: 'card.error'; readonly error: IdCardError; readonly phase: CardErrorPhase; readonly attempt: number }
  | { readonly type: 'reader.recovered'; readonly afterFailedPolls: number }
  | { readonly type: 'state'; readonly state: PresenceState };

export interface CardPresenceOptions {
  clock?: DeviceClock;
  /** Time between find-card polls. Default 300 ms (research: 300–1000). */
  pollIntervalMs?: number;
  /** Consecutive no-card answers before card.removed. Default 2. */
  removalMisses?: number;
  /** Read attempts per placement before giving up until the card is lifted. Default 3. */
  maxReadAttempts?: number;
  /** Use 30 10 (with fingerprints) instead of 30 01. */
  withFingerprint?: boolean;
}

export class CardPresenceLoop {
  readonly #clock: DeviceClock;
  readonly #interval: number;
  readonly #removalMisses: number;
  readonly #maxAttempts: number;
  readonly #withFingerprint: boolean;
  readonly #listeners = new Set<(event: IdCardEvent) => void>();
  #state: PresenceState = 'stopped';
  /** Bumped on every start/stop, so a poll that was in flight during stop() cannot emit. */
  #generation = 0;
  #cancelTimer: (() => void) | undefined;
  #misses = 0;
  #attempts = 0;
  #failedPolls = 0;
  #lastPollErrorKind: IdCardErrorKind | undefined;
  #hadValidRead = false;

  constructor(
    private readonly reader: IdCardReader,
    options: CardPresenceOptions = {},
  ) {
    this.#clock = options.clock ?? realDeviceClock;
    this.#interval = options.pollIntervalMs ?? 300;
    this.#removalMisses = Math.max(1, options.removalMisses ?? 2);
    this.#maxAttempts = Math.max(1, options.maxReadAttempts ?? 3);
    this.#withFingerprint = options.withFingerprint ?? false;
  }

  get state(): PresenceState {
    return this.#state;
  }

  subscribe(listener: (event: IdCardEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#state !== 'stopped') return;
    this.#generation++;
    this.#misses = 0;
    this.#attempts = 0;
    this.#failedPolls = 0;
    this.#lastPollErrorKind = undefined;
    this.#setState('waiting');
    this.#schedule(0);
  }

  stop(): void {
    this.#generation++;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#setState('stopped');
  }

  #schedule(ms: number): void {
    const generation = this.#generation;
    this.#cancelTimer = this.#clock.setTimeout(() => {
      this.#cancelTimer = undefined;
      void this.#poll(generation);
    }, ms);
  }

  async #poll(generation: number): Promise<void> {
    try {
      await this.#step(generation);
    } catch (e) {
      // The reader API returns results instead of throwing; this is the last line of defence.
      this.#emit(generation, {
        type: 'card.error',
        phase: 'poll',
        attempt: 0,
        error: { kind: 'link-closed', zh: '读卡流程内部错误', en: e instanceof Error ? e.message : String(e), retryable: true },
      });
    }
    if (generation === this.#generation) this.#schedule(this.#interval);
  }

  async #step(generation: number): Promise<void> {
    const found = await this.reader.findCard();
    if (generation !== this.#generation) return;
    if (!found.ok && found.error.kind !== 'no-card') {
      this.#pollFailed(generation, found.error);
      return;
    }
    this.#pollSucceeded(generation);
    const cardOffered = found.ok;

    if (this.#state === 'waiting') {
      if (!cardOffered) {
        this.#attempts = 0;
        return;
      }
      await this.#read(generation);
      return;
    }
    // present / rejected: waiting for the card to go away.
    if (cardOffered) {
      this.#misses = 0;
      return;
    }
    this.#misses++;
    if (this.#misses >= this.#removalMisses) {
      const hadValidRead = this.#hadValidRead;
      this.#misses = 0;
      this.#attempts = 0;
      this.#hadValidRead = false;
      this.#setState('waiting');
      this.#emit(generation, { type: 'card.removed', at: this.#clock.now(), hadValidRead });
    }
  }

  async #read(generation: number): Promise<void> {
    this.#setState('reading');
    this.#attempts++;
    const result = await this.reader.selectAndRead(this.#withFingerprint);
    if (generation !== this.#generation) return;
    if (result.ok) {
      this.#misses = 0;
      this.#attempts = 0;
      this.#hadValidRead = true;
      this.#setState('present');
      this.#emit(generation, { type: 'card.read', reading: result.value, masked: maskedCard(result.value.card) });
      return;
    }
    const attempt = this.#attempts;
    // An invalid card stays invalid, and a card the reader refuses repeatedly is not retried forever.
    const giveUp = result.error.kind === 'invalid-card-data' || result.error.kind === 'sam-fault' || attempt >= this.#maxAttempts;
    this.#misses = 0;
    this.#hadValidRead = false;
    this.#setState(giveUp ? 'rejected' : 'waiting');
    this.#emit(generation, { type: 'card.error', phase: 'read', attempt, error: result.error });
  }

  #pollFailed(generation: number, error: IdCardError): void {
    this.#failedPolls++;
    const repeated = this.#lastPollErrorKind === error.kind;
    this.#lastPollErrorKind = error.kind;
    if (!repeated) this.#emit(generation, { type: 'card.error', phase: 'poll', attempt: this.#failedPolls, error });
  }

  #pollSucceeded(generation: number): void {
    if (this.#failedPolls === 0) return;
    const afterFailedPolls = this.#failedPolls;
    this.#failedPolls = 0;
    this.#lastPollErrorKind = undefined;
    this.#emit(generation, { type: 'reader.recovered', afterFailedPolls });
  }

  #setState(state: PresenceState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#notify({ type: 'state', state });
  }

  #emit(generation: number, event: IdCardEvent): void {
    if (generation !== this.#generation) return;
    this.#notify(event);
  }

  #notify(event: IdCardEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch {
        // A broken listener must not stop the reader loop or starve the other listeners.
      }
    }
  }
}
