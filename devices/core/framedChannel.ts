/**
 * Request/response over a ByteLink: one command in flight per device, each with a deadline.
 * A command written while the link is closed fails at once (never queued to be delivered late);
 * a command whose link closes while it waits fails with the close reason.
 * Runtime: plain Node.
 */
import type { DeviceClock } from './deviceClock.ts';
import { realDeviceClock } from './deviceClock.ts';
import { Framer, type FrameDecoder } from './framer.ts';
import { LinkClosedError, type ByteLink } from './link.ts';

export class CommandTimeoutError extends Error {
  constructor(label: string, ms: number) {
    super(`${label}: no answer within ${ms} ms`);
    this.name = 'CommandTimeoutError';
  }
}

export interface ChannelObserver<F> {
  /** Every chunk written and every frame received, for the device's raw log. */
  onTx?(bytes: Uint8Array): void;
  onFrame?(frame: F): void;
  onSkipped?(bytes: Uint8Array, reason: string): void;
}

interface Pending<F> {
  accept: (frame: F) => boolean;
  resolve: (frame: F) => void;
  reject: (error: Error) => void;
}

export class FramedChannel<F> {
  readonly #framer: Framer<F>;
  #pending: Pending<F> | undefined;
  /** Serialises commands: each waits for the previous one to settle. */
  #tail: Promise<unknown> = Promise.resolve();
  readonly #unsubscribe: (() => void)[] = [];

  constructor(
    private readonly link: ByteLink,
    decoder: FrameDecoder<F>,
    private readonly observer: ChannelObserver<F> = {},
    private readonly clock: DeviceClock = realDeviceClock,
  ) {
    this.#framer = new Framer(decoder);
    this.#unsubscribe.push(
      link.onData((chunk) => this.#receive(chunk)),
      link.onClose((reason) => {
        this.#framer.reset();
        this.#fail(reason ?? new LinkClosedError(link.name));
      }),
    );
  }

  /**
   * Writes `request` and resolves with the first frame `accept` takes, or rejects on deadline,
   * link close or write failure. `request` may be empty to wait for a frame without sending.
   */
  transact(
    label: string,
    request: Uint8Array,
    options: { timeoutMs: number; accept?: (frame: F) => boolean },
  ): Promise<F> {
    const run = async (): Promise<F> => {
      if (!this.link.isOpen) throw new LinkClosedError(this.link.name);
      return new Promise<F>((resolve, reject) => {
        const cancelTimer = this.clock.setTimeout(() => {
          this.#pending = undefined;
          reject(new CommandTimeoutError(label, options.timeoutMs));
        }, options.timeoutMs);
        this.#pending = {
          accept: options.accept ?? (() => true),
          resolve: (frame) => {
            cancelTimer();
            resolve(frame);
          },
          reject: (error) => {
            cancelTimer();
            reject(error);
          },
        };
        if (request.length > 0) {
          this.observer.onTx?.(request);
          this.link.write(request).catch((error: unknown) => this.#fail(error instanceof Error ? error : new Error(String(error))));
        }
      });
    };
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Fire-and-forget write for protocols without an answer (most ESC/POS commands). Still refused while closed. */
  async send(bytes: Uint8Array): Promise<void> {
    const run = async (): Promise<void> => {
      if (!this.link.isOpen) throw new LinkClosedError(this.link.name);
      this.observer.onTx?.(bytes);
      await this.link.write(bytes);
    };
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off();
    this.#fail(new LinkClosedError(this.link.name));
  }

  #receive(chunk: Uint8Array): void {
    const { frames, skipped } = this.#framer.push(chunk);
    for (const s of skipped) this.observer.onSkipped?.(s.bytes, s.reason);
    for (const frame of frames) {
      this.observer.onFrame?.(frame);
      const pending = this.#pending;
      if (pending !== undefined && pending.accept(frame)) {
        this.#pending = undefined;
        pending.resolve(frame);
      }
      // Frames nobody waits for (late answers after a time-out) are logged by the observer and dropped.
    }
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
  }
}
