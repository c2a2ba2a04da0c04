/**
 * Time and chance, injected: the engine's timers, ages and backoff jitter come from here, so tests
 * can move time forward and fix the dice. Runtime: pure.
 */
export type TimerHandle = { readonly cancel: () => void };

export interface EngineClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fn` once after `ms`. */
  schedule(ms: number, fn: () => void): TimerHandle;
}

export const systemClock: EngineClock = {
  now: () => Date.now(),
  schedule(ms, fn) {
    const id = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(id) };
  },
};

/** A clock that only moves when told to; due timers run on advance(). For tests and simulations. */
export class ManualClock implements EngineClock {
  #now: number;
  #timers: { at: number; fn: () => void; id: number }[] = [];
  #nextId = 0;

  constructor(start = Date.parse('2026-11-23T09:00:00.000Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  schedule(ms: number, fn: () => void): TimerHandle {
    const timer = { at: this.#now + Math.max(0, ms), fn, id: this.#nextId++ };
    this.#timers.push(timer);
    return { cancel: () => (this.#timers = this.#timers.filter((t) => t.id !== timer.id)) };
  }

  /** Pending timers, soonest first (what the engine plans to do and when). */
  pendingTimers(): readonly number[] {
    return this.#timers.map((t) => t.at - this.#now).sort((a, b) => a - b);
  }

  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.#timers = this.#timers.filter((t) => t.id !== due.id);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = until;
  }
}

/** Full-jitter exponential backoff: uniform in [0, min(cap, base · 2^attempt)). */
export function fullJitterDelay(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** interval ± spread (0.2 = ±20 %), so a hall full of kiosks does not poll in step. */
export function jittered(intervalMs: number, spread: number, random: () => number): number {
  return Math.round(intervalMs * (1 - spread + 2 * spread * random()));
}
