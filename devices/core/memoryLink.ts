/**
 * Two ByteLinks joined back to back in memory: what one end writes, the other end receives, in the
 * same chunks (tests split or merge chunks on purpose with `splitter`). The embedded default hall
 * runs every driver against its simulator over such a pair.
 * Runtime: plain Node.
 */
import { LinkClosedError, type ByteLink } from './link.ts';
import { Listeners } from './listeners.ts';

export interface MemoryLinkPair {
  readonly driverSide: MemoryLink;
  readonly deviceSide: MemoryLink;
  /** Simulates pulling the cable: both ends close with an error. */
  unplug(): void;
}

export class MemoryLink implements ByteLink {
  #open = false;
  #peer: MemoryLink | undefined;
  readonly #dataListeners = new Listeners<Uint8Array>();
  readonly #closeListeners = new Listeners<Error | undefined>();
  #pluggedIn = true;

  constructor(
    readonly name: string,
    /** Re-chunks outgoing bytes, e.g. to feed a codec one byte at a time. */
    private readonly splitter: (bytes: Uint8Array) => Uint8Array[] = (b) => [b],
  ) {}

  get isOpen(): boolean {
    return this.#open;
  }

  connectTo(peer: MemoryLink): void {
    this.#peer = peer;
  }

  async open(): Promise<void> {
    if (!this.#pluggedIn) throw new Error(`${this.name}: no such device`);
    this.#open = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.#open) throw new LinkClosedError(this.name);
    const peer = this.#peer;
    // Deliver asynchronously, as a real port would, so a driver never re-enters itself.
    for (const chunk of this.splitter(Uint8Array.from(bytes))) {
      queueMicrotask(() => peer?.receive(chunk));
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.#dataListeners.add(listener);
  }

  onClose(listener: (reason: Error | undefined) => void): () => void {
    return this.#closeListeners.add(listener);
  }

  async close(): Promise<void> {
    this.#shut(undefined);
  }

  /** Used by the pair: the cable is gone (or back). */
  setPluggedIn(pluggedIn: boolean, reason?: Error): void {
    this.#pluggedIn = pluggedIn;
    if (!pluggedIn) this.#shut(reason ?? new Error(`${this.name}: device unplugged`));
  }

  private receive(chunk: Uint8Array): void {
    if (!this.#open) return; // bytes sent to a closed port are lost, as on a real wire
    this.#dataListeners.emit(chunk);
  }

  #shut(reason: Error | undefined): void {
    if (!this.#open) return;
    this.#open = false;
    this.#closeListeners.emit(reason);
  }
}

export function createMemoryLinkPair(name: string, options: { splitter?: (b: Uint8Array) => Uint8Array[] } = {}): MemoryLinkPair {
  const driverSide = new MemoryLink(`memory:${name}`, options.splitter);
  const deviceSide = new MemoryLink(`memory:${name}#device`, options.splitter);
  driverSide.connectTo(deviceSide);
  deviceSide.connectTo(driverSide);
  return {
    driverSide,
    deviceSide,
    unplug() {
      const reason = new Error(`memory:${name}: device unplugged`);
      driverSide.setPluggedIn(false, reason);
      deviceSide.setPluggedIn(false, reason);
    },
  };
}
