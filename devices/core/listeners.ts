/**
 * A typed set of listeners: `add` returns the unsubscribe function, `emit` calls each listener with
 * the value. Used wherever a module offers `onSomething(listener) → unsubscribe`.
 * Runtime: pure.
 */
export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }

  /** Calls listeners added before the emit began; one that unsubscribes itself does not disturb the others. */
  emit(value: T): void {
    for (const listener of [...this.#set]) listener(value);
  }

  clear(): void {
    this.#set.clear();
  }

  get size(): number {
    return this.#set.size;
  }
}
