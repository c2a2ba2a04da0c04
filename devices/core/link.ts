/**
 * A byte stream to one device: a serial port, or an in-memory wire to a simulator. Drivers only
 * ever see this interface, so the same driver runs against real hardware, a pty, or a simulator.
 * Runtime: plain Node.
 */
export interface ByteLink {
  /** Port path (/dev/ttyUSB0, COM3) or `memory:<name>` for an in-memory wire. */
  readonly name: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Rejects with LinkClosedError when the link is not open: a write is never queued for later. */
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Fires once per close, with the reason when it was not asked for (unplug, I/O error, end of stream). */
  onClose(listener: (reason: Error | undefined) => void): () => void;
  close(): Promise<void>;
}

export class LinkClosedError extends Error {
  constructor(linkName: string) {
    super(`${linkName} is not open`);
    this.name = 'LinkClosedError';
  }
}
