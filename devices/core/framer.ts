/**
 * Turns a byte stream into frames. Protocol codecs implement `FrameDecoder`; the framer keeps the
 * leftover bytes between chunks, so a frame split over many chunks, or several frames in one
 * chunk, come out the same. Garbage before a frame is reported and skipped, never thrown.
 * Runtime: pure.
 */
export type DecodeStep<F> =
  /** Need more bytes before anything can be said. */
  | { kind: 'need-more' }
  /** A frame of `consumed` bytes at the start of the buffer. */
  | { kind: 'frame'; frame: F; consumed: number }
  /** The first `consumed` bytes cannot start a valid frame (garbage, bad checksum): drop them. */
  | { kind: 'skip'; consumed: number; reason: string };

export interface FrameDecoder<F> {
  /** Looks at the start of `buffer`; must not keep state between calls. */
  decode(buffer: Uint8Array): DecodeStep<F>;
}

export interface FramerOutput<F> {
  frames: F[];
  /** One entry per skipped run of bytes, for the device log and error events. */
  skipped: { bytes: Uint8Array; reason: string }[];
}

/** Upper bound for the buffer; protects against a device streaming garbage forever. */
const MAX_BUFFERED_BYTES = 64 * 1024;

export class Framer<F> {
  #buffer: Uint8Array = new Uint8Array(0);

  constructor(private readonly decoder: FrameDecoder<F>) {}

  get buffered(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array): FramerOutput<F> {
    const out: FramerOutput<F> = { frames: [], skipped: [] };
    this.#buffer = concat(this.#buffer, chunk);
    for (;;) {
      if (this.#buffer.length === 0) break;
      const step = this.decoder.decode(this.#buffer);
      if (step.kind === 'need-more') {
        if (this.#buffer.length > MAX_BUFFERED_BYTES) {
          out.skipped.push({ bytes: this.#buffer, reason: 'buffer overflow without a complete frame' });
          this.#buffer = new Uint8Array(0);
        }
        break;
      }
      const consumed = Math.max(1, Math.min(step.consumed, this.#buffer.length));
      if (step.kind === 'frame') out.frames.push(step.frame);
      else out.skipped.push({ bytes: this.#buffer.slice(0, consumed), reason: step.reason });
      this.#buffer = this.#buffer.slice(consumed);
    }
    return out;
  }

  reset(): void {
    this.#buffer = new Uint8Array(0);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return Uint8Array.from(b);
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function toHex(bytes: Uint8Array, max = 64): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} … (${bytes.length} B)` : shown;
}
