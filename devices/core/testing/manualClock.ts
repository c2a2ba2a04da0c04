/**
 * A DeviceClock that only moves when a test says so: back-off, heartbeats and deadlines run in
 * microseconds of real time and in a known order.
 * Runtime: plain Node (tests only).
 */
import type { DeviceClock } from '../deviceClock.ts';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

export class ManualClock implements DeviceClock {
  #now: number;
  #nextId = 1;
  #timers: Timer[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { id: this.#nextId++, due: this.#now + Math.max(0, ms), fn };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t.id !== timer.id);
    };
  }

  /** Delays of the timers waiting now, soonest first (what a back-off test inspects). */
  pendingDelays(): number[] {
    return this.#timers.map((t) => t.due - this.#now).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      const next = this.#timers.filter((t) => t.due <= end).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (next === undefined) break;
      this.#timers = this.#timers.filter((t) => t.id !== next.id);
      this.#now = next.due;
      next.fn();
      await settle();
    }
    this.#now = end;
    await settle();
  }
}

/** Lets queued microtasks and immediate callbacks run (several rounds: promise chains are deep). */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
