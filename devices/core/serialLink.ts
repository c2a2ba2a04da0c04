/**
 * ByteLink over a real serial port (serialport 13). One SerialLink = one SerialPort object = one
 * connection: it cannot be reopened, so nothing written during an outage can be flushed to the
 * device on a later open (serialport queues writes on a closed port — research/devices.md §2.6).
 * ReconnectingLink makes a new one per attempt.
 *
 * Loss is detected from every signal serialport gives, since none is reliable alone: 'close'
 * (with or without `disconnected`), 'error', end of stream, a failed write, and — through the
 * binding below — a 0-byte read (a hung-up tty), which stock serialport 13 turns into a silent
 * busy loop (serialport/bindings-cpp#162). The driver's heartbeat (ReconnectingLink) catches the rest.
 * Runtime: plain Node.
 */
import { read as fsRead } from 'node:fs';
import { promisify } from 'node:util';
import { autoDetect } from '@serialport/bindings-cpp';
import { SerialPortStream } from '@serialport/stream';
import { LinkClosedError, type ByteLink } from './link.ts';
import { Listeners } from './listeners.ts';

export class LinkLostError extends Error {
  constructor(
    linkName: string,
    readonly why: string,
  ) {
    super(`${linkName}: connection lost (${why})`);
    this.name = 'LinkLostError';
  }
}

/** The few SerialPortStream members SerialLink uses; tests may pass a spy that wraps a real port. */
export type SerialPortLike = Pick<SerialPortStream, 'open' | 'write' | 'close' | 'isOpen' | 'on' | 'removeAllListeners'>;

export interface SerialLinkOptions {
  path: string;
  baudRate: number;
  createPort?: (options: { path: string; baudRate: number }) => SerialPortLike;
}

export function createSerialPort(options: { path: string; baudRate: number }): SerialPortLike {
  return new SerialPortStream({ binding: hangUpAwareBinding, path: options.path, baudRate: options.baudRate, autoOpen: false });
}

export class SerialLink implements ByteLink {
  readonly name: string;
  readonly #port: SerialPortLike;
  #phase: 'new' | 'opening' | 'open' | 'closed' = 'new';
  readonly #pendingWrites = new Set<(error: Error) => void>();
  readonly #dataListeners = new Listeners<Uint8Array>();
  readonly #closeListeners = new Listeners<Error | undefined>();

  constructor(private readonly options: SerialLinkOptions) {
    this.name = options.path;
    this.#port = (options.createPort ?? createSerialPort)({ path: options.path, baudRate: options.baudRate });
    const port = this.#port;
    // An 'error' with no listener would crash the process; every error here means "connection gone".
    port.on('error', (error: Error) => this.#shut(new LinkLostError(this.name, error.message)));
    port.on('close', (error: Error | null | undefined) => this.#shut(new LinkLostError(this.name, error?.message ?? 'port closed')));
    port.on('end', () => this.#shut(new LinkLostError(this.name, 'end of stream')));
    port.on('data', (chunk: Buffer) => {
      if (this.#phase !== 'open') return;
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.#dataListeners.emit(bytes);
    });
  }

  get isOpen(): boolean {
    return this.#phase === 'open' && this.#port.isOpen;
  }

  async open(): Promise<void> {
    if (this.#phase !== 'new') throw new Error(`${this.name}: a SerialLink opens once; make a new one to reconnect`);
    this.#phase = 'opening';
    await new Promise<void>((resolve, reject) => {
      this.#port.open((error) => {
        if (error === null || error === undefined) resolve();
        else reject(new Error(explainOpenError(this.options.path, error)));
      });
    }).catch((error: unknown) => {
      this.#phase = 'closed';
      throw error;
    });
    if (this.#phase !== 'opening') throw new LinkClosedError(this.name); // hung up while opening
    this.#phase = 'open';
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new LinkClosedError(this.name));
    return new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        this.#pendingWrites.delete(fail);
        reject(error);
      };
      this.#pendingWrites.add(fail);
      this.#port.write(Buffer.from(bytes), (error) => {
        if (!this.#pendingWrites.delete(fail)) return; // already failed by a hang-up
        if (error === null || error === undefined) resolve();
        else {
          reject(error);
          this.#shut(new LinkLostError(this.name, `write failed: ${error.message}`));
        }
      });
    });
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

  /** Idempotent: the first signal of loss (or a requested close) wins; later ones are ignored. */
  #shut(reason: Error | undefined): void {
    const wasOpen = this.#phase === 'open';
    if (this.#phase === 'closed') return;
    this.#phase = 'closed';
    for (const fail of [...this.#pendingWrites]) fail(reason ?? new LinkClosedError(this.name));
    const port = this.#port;
    port.removeAllListeners('data');
    port.removeAllListeners('close');
    port.removeAllListeners('end');
    if (port.isOpen) port.close(() => undefined); // the callback swallows "already closing" races
    if (wasOpen) this.#closeListeners.emit(reason);
  }
}

/** Open errors in words a technician can act on. */
export function explainOpenError(path: string, error: Error): string {
  const message = error.message;
  if (/permission denied|EACCES/i.test(message)) return `${path}: permission denied — add the kiosk user to the dialout group or install the udev rule (${message})`;
  if (/no such file|ENOENT/i.test(message)) return `${path}: no such port — is the device plugged in and the path right? (${message})`;
  if (/cannot lock|resource temporarily unavailable/i.test(message)) return `${path}: port is in use by another program (${message})`;
  return `${path}: cannot open (${message})`;
}

const readAsync = promisify(fsRead);

/** The slice of @serialport/bindings-interface used here (its package has no type export TS can resolve). */
interface BindingPort {
  readonly isOpen: boolean;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
}
interface SerialBinding {
  open(options: { path: string; baudRate: number }): Promise<BindingPort>;
  list(): Promise<unknown[]>;
}

interface UnixPortInternals {
  fd: number | null;
  poller?: { once(event: 'readable', callback: (error: Error | null) => void): unknown };
}

/**
 * The platform binding with one change on Unix: a 0-byte read (the tty was hung up) is a
 * disconnect error instead of a silent retry, so the stream emits close(disconnected) within ms.
 * Same loop as bindings-cpp's unixRead otherwise (EAGAIN → wait for the poller).
 */
const platformBinding = autoDetect() as unknown as SerialBinding;
export const hangUpAwareBinding: SerialBinding = {
  list: () => platformBinding.list(),
  async open(options) {
    const port = await platformBinding.open(options);
    const unix = port as unknown as UnixPortInternals;
    if (process.platform === 'win32' || unix.poller === undefined) return port;
    const poller = unix.poller;
    port.read = async (buffer, offset, length) => {
      for (;;) {
        if (!port.isOpen || unix.fd === null) throw Object.assign(new Error('Port is not open'), { canceled: true });
        try {
          const { bytesRead } = await readAsync(unix.fd, buffer, offset, length, null);
          if (bytesRead === 0) throw Object.assign(new Error('the device hung up (end of file)'), { code: 'ENXIO', disconnect: true });
          return { buffer, bytesRead };
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw error;
          if (!port.isOpen) throw Object.assign(new Error('Port is not open'), { canceled: true });
          await new Promise<void>((resolve, reject) => poller.once('readable', (err) => (err ? reject(err) : resolve())));
        }
      }
    };
    return port;
  },
};
