/**
 * Driver for the receipt printer over a FramedChannel. A print job is: render and check the text
 * (nothing is sent if a character cannot be printed) → DLE EOT 1–4 before the job (refuse on
 * paper out, cover open, error, offline) → the job in chunks → GS r 1, whose answer proves the
 * printer processed everything before it (printing.md §1.7, §4.7) → DLE EOT again for the
 * near-end warning. The caller gets either `printed: true` or an error that says whether paper may
 * have been partly printed. Log lines carry command bytes and lengths, never receipt text.
 * Runtime: plain Node.
 */
import type { ErrorCode, KioskError, Result } from '../../contract/result.ts';
import type { DeviceClock } from '../core/deviceClock.ts';
import { realDeviceClock } from '../core/deviceClock.ts';
import { CommandTimeoutError, FramedChannel } from '../core/framedChannel.ts';
import { toHex } from '../core/framer.ts';
import { LinkClosedError, type ByteLink } from '../core/link.ts';
import { realtimeStatusQuery, transmitPaperStatus, type QrOptions, type StatusQuery } from './escposCommands.ts';
import { isControlOnly, summarizeEscPos } from './escposParser.ts';
import type { PrintableSet, UnprintableChar } from './printableText.ts';
import {
  decodePrinterStatus,
  describeStatus,
  faultOf,
  printerReplyDecoder,
  type PrinterReply,
  type PrinterStatus,
} from './printerStatus.ts';
import type { Receipt } from './receipt.ts';
import { renderReceipt } from './renderReceipt.ts';
import { testPageReceipt, type TestPageInfo } from './testPage.ts';

export interface PrintedReceipt {
  printed: true;
  /** Job size in bytes (without the status queries). */
  bytes: number;
  /** From the status check before the job to the printer's end-of-job answer. */
  durationMs: number;
  /** Status after the job; undefined if that last query failed (the job itself was confirmed). */
  statusAfter: PrinterStatus | undefined;
}

export type PrintError = KioskError & {
  /** True when some of the job may have reached the paper: the customer may hold half a slip. */
  readonly partialPrint: boolean;
  /** For UNPRINTABLE_TEXT: every offending character with field and position. */
  readonly characters?: readonly UnprintableChar[];
};

export type PrintResult = { readonly ok: true; readonly value: PrintedReceipt } | { readonly ok: false; readonly error: PrintError };

/** For the device manager's counters (prints, paper-outs, failures) and status display. */
export type PrinterEvent =
  | { type: 'status'; status: PrinterStatus }
  | { type: 'printed'; bytes: number; durationMs: number }
  | { type: 'paper-out' }
  | { type: 'paper-near-end' }
  | { type: 'print-failed'; code: ErrorCode; partialPrint: boolean };

/** Device log entry: `hex` only for pure control bytes; jobs appear as a command summary. */
export interface PrinterLogEntry {
  dir: 'tx' | 'rx' | 'skipped' | 'job';
  length: number;
  hex?: string;
  summary?: string;
}

export interface ReceiptPrinterObserver {
  onEvent?(event: PrinterEvent): void;
  onLog?(entry: PrinterLogEntry): void;
}

export interface ReceiptPrinterOptions {
  widthChars?: 32 | 42 | 48;
  printable?: PrintableSet;
  qr?: QrOptions;
  clock?: DeviceClock;
  /** Deadline per DLE EOT answer (printing.md §4.7: ~300 ms). */
  statusTimeoutMs?: number;
  /** Wire speed used to size the end-of-job deadline; 11 520 B/s = 115200 baud 8N1. */
  bytesPerSecond?: number;
  /** Time the mechanism needs after the last byte (printing, feeding, cutting). */
  jobSettleMs?: number;
  chunkSize?: number;
  observer?: ReceiptPrinterObserver;
}

/** Builds the channel the driver talks through, with a log observer that never sees receipt text. */
export function createPrinterChannel(
  link: ByteLink,
  options: { clock?: DeviceClock; onLog?: (entry: PrinterLogEntry) => void } = {},
): FramedChannel<PrinterReply> {
  const log = options.onLog;
  return new FramedChannel(
    link,
    printerReplyDecoder,
    {
      onTx: (bytes) => log?.(isControlOnly(bytes) ? { dir: 'tx', length: bytes.length, hex: toHex(bytes) } : { dir: 'tx', length: bytes.length }),
      onFrame: (frame) => {
        const bytes = frame.kind === 'asb' ? frame.bytes : Uint8Array.of(frame.byte);
        log?.({ dir: 'rx', length: bytes.length, hex: toHex(bytes), summary: frame.kind });
      },
      onSkipped: (bytes, reason) => log?.({ dir: 'skipped', length: bytes.length, hex: toHex(bytes, 16), summary: reason }),
    },
    options.clock ?? realDeviceClock,
  );
}

const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 3, 4];

export class ReceiptPrinter {
  readonly #clock: DeviceClock;
  readonly #options: Required<Omit<ReceiptPrinterOptions, 'printable' | 'qr' | 'observer' | 'clock'>>;
  #busy = false;

  constructor(
    private readonly channel: FramedChannel<PrinterReply>,
    private readonly config: ReceiptPrinterOptions = {},
  ) {
    this.#clock = config.clock ?? realDeviceClock;
    this.#options = {
      widthChars: config.widthChars ?? 48,
      statusTimeoutMs: config.statusTimeoutMs ?? 500,
      bytesPerSecond: config.bytesPerSecond ?? 11_520,
      jobSettleMs: config.jobSettleMs ?? 5_000,
      chunkSize: config.chunkSize ?? 512,
    };
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** DLE EOT 1–4. Refused while a job is being sent: a query must not land inside a command. */
  async status(): Promise<Result<PrinterStatus>> {
    if (this.#busy) return { ok: false, error: { code: 'DEVICE_BUSY', message: 'printer is printing' } };
    return this.#queryStatus();
  }

  async print(receipt: Receipt): Promise<PrintResult> {
    const encoded = renderReceipt(receipt, {
      widthChars: this.#options.widthChars,
      ...(this.config.printable === undefined ? {} : { printable: this.config.printable }),
      ...(this.config.qr === undefined ? {} : { qr: this.config.qr }),
    });
    if (!encoded.ok) {
      const error: PrintError = { ...encoded.error, partialPrint: false };
      this.#emit({ type: 'print-failed', code: error.code, partialPrint: false });
      return { ok: false, error };
    }
    return this.printEncoded(encoded.value);
  }

  printTestPage(info: TestPageInfo): Promise<PrintResult> {
    return this.print(testPageReceipt(info));
  }

  /** Sends an already encoded job (from `renderReceipt` or `EscPosEncoder`) with the full status protocol. */
  async printEncoded(job: Uint8Array): Promise<PrintResult> {
    if (this.#busy) return this.#failed('DEVICE_BUSY', 'another print job is running', false, false);
    this.#busy = true;
    try {
      return await this.#runJob(job);
    } finally {
      this.#busy = false;
    }
  }

  async #runJob(job: Uint8Array): Promise<PrintResult> {
    const started = this.#clock.now();
    const before = await this.#queryStatus();
    if (!before.ok) return this.#failed(before.error.code, `status before printing: ${before.error.message}`, false);
    const fault = faultOf(before.value);
    if (fault !== undefined) {
      if (before.value.paperEnd) this.#emit({ type: 'paper-out' });
      return this.#failed(fault, `打印机未就绪：${describeStatus(before.value)}`, false);
    }

    this.config.observer?.onLog?.({ dir: 'job', length: job.length, summary: summarizeEscPos(job) });
    let sent = 0;
    for (let offset = 0; offset < job.length; offset += this.#options.chunkSize) {
      const chunk = job.subarray(offset, offset + this.#options.chunkSize);
      try {
        await this.channel.send(chunk);
        sent += chunk.length;
      } catch (error) {
        const partial = sent > 0 || !(error instanceof LinkClosedError);
        return this.#failed('DEVICE_OFFLINE', `link lost after ${sent} of ${job.length} bytes: ${messageOf(error)}`, partial);
      }
    }

    const deadline = this.#options.jobSettleMs + Math.ceil(((job.length * 1000) / this.#options.bytesPerSecond) * 1.5);
    try {
      await this.channel.transact('GS r 1 (end of job)', transmitPaperStatus(), {
        timeoutMs: deadline,
        accept: (frame) => frame.kind === 'transmit-status',
      });
    } catch (error) {
      return this.#diagnoseUnconfirmedJob(error, job.length);
    }
    const durationMs = this.#clock.now() - started;

    const after = await this.#queryStatus();
    const statusAfter = after.ok ? after.value : undefined;
    if (statusAfter?.paperEnd === true) this.#emit({ type: 'paper-out' });
    else if (statusAfter?.paperNearEnd === true) this.#emit({ type: 'paper-near-end' });
    this.#emit({ type: 'printed', bytes: job.length, durationMs });
    return { ok: true, value: { printed: true, bytes: job.length, durationMs, statusAfter } };
  }

  /** The job went out but its end marker never came back: ask the printer why. */
  async #diagnoseUnconfirmedJob(error: unknown, bytes: number): Promise<PrintResult> {
    if (!(error instanceof CommandTimeoutError)) {
      return this.#failed('DEVICE_OFFLINE', `link lost while printing ${bytes} bytes: ${messageOf(error)}`, true);
    }
    const now = await this.#queryStatus();
    if (!now.ok) return this.#failed(now.error.code, `printer stopped answering during the job: ${now.error.message}`, true);
    const fault = faultOf(now.value);
    if (now.value.paperEnd) this.#emit({ type: 'paper-out' });
    if (fault !== undefined) return this.#failed(fault, `打印中断：${describeStatus(now.value)}`, true);
    return this.#failed('TIMEOUT', `printer did not confirm the end of the job (${messageOf(error)})`, true);
  }

  async #queryStatus(): Promise<Result<PrinterStatus>> {
    const raw = { printer: 0, offlineCause: 0, errorCause: 0, paperSensor: 0 };
    const keys = ['printer', 'offlineCause', 'errorCause', 'paperSensor'] as const;
    for (const [i, n] of STATUS_QUERIES.entries()) {
      try {
        const frame = await this.channel.transact(`DLE EOT ${n}`, realtimeStatusQuery(n), {
          timeoutMs: this.#options.statusTimeoutMs,
          accept: (f) => f.kind === 'realtime-status',
        });
        if (frame.kind === 'realtime-status') raw[keys[i] ?? 'printer'] = frame.byte;
      } catch (error) {
        const code: ErrorCode = error instanceof CommandTimeoutError ? 'TIMEOUT' : 'DEVICE_OFFLINE';
        return { ok: false, error: { code, message: messageOf(error) } };
      }
    }
    const decoded = decodePrinterStatus(raw);
    if (!decoded.ok) return { ok: false, error: { code: 'DEVICE_ERROR', message: decoded.message } };
    this.#emit({ type: 'status', status: decoded.value });
    return { ok: true, value: decoded.value };
  }

  #failed(code: ErrorCode, message: string, partialPrint: boolean, count = true): PrintResult {
    if (count) this.#emit({ type: 'print-failed', code, partialPrint });
    return { ok: false, error: { code, message, partialPrint } };
  }

  #emit(event: PrinterEvent): void {
    try {
      this.config.observer?.onEvent?.(event);
    } catch {
      // An observer bug must not turn a printed receipt into a failure.
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
