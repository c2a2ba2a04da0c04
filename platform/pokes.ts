/**
 * In-process fan-out of "feed X reached version N" to the SSE connections. Status pokes carry the
 * kiosk they concern, so one kiosk never learns of another's submissions. (Several platform
 * processes would relay this through PostgreSQL LISTEN/NOTIFY; one process needs nothing more.)
 */
import type { FeedName } from '../sync/protocol/feeds.ts';

export type Poke = Readonly<{ feed: FeedName; version: number; /** Set for the status feed. */ kioskId?: string }>;
export type PokeListener = (poke: Poke) => void;

export class PokeHub {
  readonly #listeners = new Set<PokeListener>();

  subscribe(listener: PokeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(poke: Poke): void {
    for (const listener of this.#listeners) {
      try {
        listener(poke);
      } catch {
        // A broken connection must not stop the others from hearing the poke.
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
