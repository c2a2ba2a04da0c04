/**
 * A virtual 80 mm Chinese thermal printer on the device side of a ByteLink. It parses the ESC/POS
 * stream with the same tokenizer the log uses, keeps the print state (汉字 mode, alignment, bold,
 * size, QR store), and prints onto `VirtualPaper` that tests assert on. It answers DLE EOT from a
 * settable state and GS r 1 only while it can print — like a real printer, it prints nothing while
 * out of paper, with the cover open or offline (data sent then is lost here; a real printer would
 * keep some in its buffer).
 * Runtime: plain Node (iconv-lite).
 */
import iconv from 'iconv-lite';
import type { DeviceClock } from '../core/deviceClock.ts';
import { realDeviceClock } from '../core/deviceClock.ts';
import type { ByteLink } from '../core/link.ts';
import type { Align, QrErrorCorrection } from './escposCommands.ts';
import { nextToken, type EscPosToken } from './escposParser.ts';

export interface PaperLine {
  text: string;
  /** Every printed character (spaces aside) was bold; false for blank lines. */
  bold: boolean;
  underline: boolean;
  /** Alignment in force when the line started (ESC a works only at the start of a line). */
  align: Align;
  /** Largest GS ! multipliers used on the line. */
  size: { width: number; height: number };
  /** Columns used at normal-size units (1-byte char = 1, 汉字 = 2, times the width multiplier). */
  columns: number;
}

export interface PaperQr {
  payload: string;
  model: number;
  moduleSize: number;
  errorCorrection: QrErrorCorrection;
  /** Number of lines printed before the symbol on this receipt. */
  afterLine: number;
}

export interface PaperReceipt {
  lines: PaperLine[];
  qrPayloads: string[];
  qrCodes: PaperQr[];
  /** How the receipt was cut off the roll; null while it is still hanging out of the printer. */
  cutAt: { mode: 'full' | 'partial'; afterLine: number } | null;
}

export interface VirtualPaper {
  receipts: PaperReceipt[];
}

export interface SimulatorState {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Offline for another reason (e.g. the operator pressed the offline switch). */
  offline: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  /** Stops answering anything (dead firmware, cable with TX broken). */
  unresponsive: boolean;
  /** Paper left on the roll, in lines; when it reaches 0 the printer runs out mid-job. */
  paperRemainingLines: number | undefined;
}

export interface SimulatorOptions {
  /** Wire speed, e.g. 11_520 for 115200 baud 8N1. Unset: bytes are handled as they arrive. */
  bytesPerSecond?: number;
  clock?: DeviceClock;
  /** Columns of the print area, to flag lines that would wrap on a real printer. */
  columns?: number;
  /** Chinese firmwares usually start in 汉字 mode (printing.md §1.2); ESC @ returns to this. */
  chineseModeAtPowerOn?: boolean;
}

export interface SimulatorRecord {
  unknown: { bytes: Uint8Array; reason: string }[];
  /** Fidelity problems: lines wider than the paper, cuts or QR symbols not at the start of a line. */
  warnings: string[];
  /** Bytes of print data dropped because the printer could not print. */
  discardedBytes: number;
  /** Every DLE EOT n answered, in order. */
  statusQueries: number[];
}

const PACING_TICK_MS = 10;

const EC_BY_CODE: Readonly<Record<number, QrErrorCorrection>> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };

interface Segment {
  bytes: Uint8Array;
  chinese: boolean;
  bold: boolean;
  underline: boolean;
  width: number;
  height: number;
}

export class ReceiptPrinterSimulator {
  #state: SimulatorState = {
    paperOut: false,
    paperNearEnd: false,
    coverOpen: false,
    offline: false,
    cutterError: false,
    unrecoverableError: false,
    autoRecoverableError: false,
    unresponsive: false,
    paperRemainingLines: undefined,
  };
  readonly #options: Required<Omit<SimulatorOptions, 'bytesPerSecond'>> & { bytesPerSecond: number | undefined };
  readonly #record: SimulatorRecord = { unknown: [], warnings: [], discardedBytes: 0, statusQueries: [] };
  readonly #unsubscribe: (() => void)[] = [];
  readonly #lineListeners = new Set<(line: PaperLine) => void>();

  // Parser input: bytes received but not yet on the "wire" (pacing) or not yet a whole token.
  #inbox: Uint8Array[] = [];
  #pending: Uint8Array = new Uint8Array(0);
  #pumpScheduled = false;

  // Print state.
  #chinese: boolean;
  #align: Align = 'left';
  #lineAlign: Align = 'left';
  #bold = false;
  #underline = false;
  #width = 1;
  #height = 1;
  #segments: Segment[] = [];
  #qr = { model: 0x32, moduleSize: 3, ec: 0x30, data: undefined as Uint8Array | undefined };

  #receipts: PaperReceipt[] = [];
  #current: PaperReceipt = emptyReceipt();

  private constructor(
    private readonly link: ByteLink,
    options: SimulatorOptions,
  ) {
    this.#options = {
      bytesPerSecond: options.bytesPerSecond,
      clock: options.clock ?? realDeviceClock,
      columns: options.columns ?? 48,
      chineseModeAtPowerOn: options.chineseModeAtPowerOn ?? true,
    };
    this.#chinese = this.#options.chineseModeAtPowerOn;
    this.#unsubscribe.push(
      link.onData((chunk) => this.#receive(chunk)),
      link.onClose(() => {
        this.#inbox = [];
        this.#pending = new Uint8Array(0);
      }),
    );
  }

  /** Opens the device end of `link` (if needed) and starts listening. */
  static async attach(link: ByteLink, options: SimulatorOptions = {}): Promise<ReceiptPrinterSimulator> {
    const simulator = new ReceiptPrinterSimulator(link, options);
    if (!link.isOpen) await link.open();
    return simulator;
  }

  setState(change: Partial<SimulatorState>): void {
    this.#state = { ...this.#state, ...change };
    if (this.#state.paperOut) this.#state.paperNearEnd = true; // the near-end sensor sits before the end sensor
  }

  state(): Readonly<SimulatorState> {
    return { ...this.#state };
  }

  paper(): VirtualPaper {
    const receipts = this.#receipts.map(cloneReceipt);
    if (this.#current.lines.length > 0 || this.#current.qrCodes.length > 0) receipts.push(cloneReceipt(this.#current));
    return { receipts };
  }

  clearPaper(): void {
    this.#receipts = [];
    this.#current = emptyReceipt();
  }

  record(): SimulatorRecord {
    return {
      unknown: [...this.#record.unknown],
      warnings: [...this.#record.warnings],
      discardedBytes: this.#record.discardedBytes,
      statusQueries: [...this.#record.statusQueries],
    };
  }

  /** Called for every line that reaches the paper (tests use it to pull the cable mid-job). */
  onLinePrinted(listener: (line: PaperLine) => void): () => void {
    this.#lineListeners.add(listener);
    return () => this.#lineListeners.delete(listener);
  }

  detach(): void {
    for (const off of this.#unsubscribe) off();
  }

  // ---- byte intake and pacing ------------------------------------------------------------

  #receive(chunk: Uint8Array): void {
    if (this.#options.bytesPerSecond === undefined) {
      this.#process(chunk);
      return;
    }
    this.#inbox.push(chunk);
    this.#schedulePump();
  }

  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    this.#options.clock.setTimeout(() => {
      this.#pumpScheduled = false;
      this.#pump();
    }, PACING_TICK_MS);
  }

  #pump(): void {
    let budget = Math.max(1, Math.floor(((this.#options.bytesPerSecond ?? 0) * PACING_TICK_MS) / 1000));
    while (budget > 0 && this.#inbox.length > 0) {
      const head = this.#inbox[0] ?? new Uint8Array(0);
      const take = head.subarray(0, budget);
      budget -= take.length;
      if (take.length === head.length) this.#inbox.shift();
      else this.#inbox[0] = head.subarray(take.length);
      this.#process(take);
    }
    if (this.#inbox.length > 0) this.#schedulePump();
  }

  #process(bytes: Uint8Array): void {
    this.#pending = concat(this.#pending, bytes);
    let offset = 0;
    for (;;) {
      const step = nextToken(this.#pending.subarray(offset), this.#chinese);
      if (step.kind === 'need-more') break;
      this.#execute(step.token);
      offset += step.consumed;
    }
    this.#pending = this.#pending.slice(offset);
  }

  // ---- interpreter -----------------------------------------------------------------------

  #canPrint(): boolean {
    const s = this.#state;
    return !(s.paperOut || s.coverOpen || s.offline || s.cutterError || s.unrecoverableError || s.autoRecoverableError);
  }

  #execute(token: EscPosToken): void {
    if (token.kind === 'unknown') {
      this.#record.unknown.push({ bytes: token.bytes, reason: token.reason });
      return;
    }
    if (token.kind === 'command' && token.name.startsWith('DLE')) {
      this.#realtime(token.name, token.bytes);
      return;
    }
    if (this.#state.unresponsive) return;
    if (!this.#canPrint()) {
      // Offline: nothing is printed and GS r is not answered (printing.md §1.7).
      this.#record.discardedBytes += token.bytes.length;
      return;
    }
    if (token.kind === 'text') {
      if (this.#segments.length === 0) this.#lineAlign = this.#align;
      this.#segments.push({
        bytes: token.bytes,
        chinese: this.#chinese,
        bold: this.#bold,
        underline: this.#underline,
        width: this.#width,
        height: this.#height,
      });
      return;
    }
    this.#command(token.name, token.bytes);
  }

  #command(name: string, b: Uint8Array): void {
    const p = (i: number): number => b[i] ?? 0;
    switch (name) {
      case 'LF':
        this.#printLine();
        return;
      case 'ESC d':
        for (let i = 0; i < p(2); i++) this.#printLine();
        return;
      case 'ESC @':
        this.#resetModes();
        return;
      case 'FS &':
        this.#chinese = true;
        return;
      case 'FS .':
        this.#chinese = false;
        return;
      case 'ESC a':
        this.#align = p(2) % 48 === 1 ? 'center' : p(2) % 48 === 2 ? 'right' : 'left';
        return;
      case 'ESC E':
      case 'ESC G':
        this.#bold = (p(2) & 1) === 1;
        return;
      case 'ESC -':
      case 'FS -':
        this.#underline = p(2) % 48 !== 0;
        return;
      case 'GS !':
        this.#width = ((p(2) >> 4) & 0x07) + 1;
        this.#height = (p(2) & 0x07) + 1;
        return;
      case 'GS V':
        this.#cut(p(2) === 0 || p(2) === 0x30 || p(2) === 0x41 || p(2) === 0x61 || p(2) === 0x67 ? 'full' : 'partial');
        return;
      case 'GS ( k':
        this.#qrCommand(b);
        return;
      case 'GS r':
        this.#answer(this.#transmitStatusByte(p(2)));
        return;
      case 'CR':
      case 'NUL':
        return;
      default:
        // Known to the tokenizer but without effect on virtual paper (code pages, barcodes …).
        return;
    }
  }

  #realtime(name: string, b: Uint8Array): void {
    if (this.#state.unresponsive || name !== 'DLE EOT') return;
    const n = b[2] ?? 0;
    const byte = this.#realtimeStatusByte(n);
    if (byte === undefined) return;
    this.#record.statusQueries.push(n);
    this.#answer(byte);
  }

  #realtimeStatusByte(n: number): number | undefined {
    const s = this.#state;
    const error = s.cutterError || s.unrecoverableError || s.autoRecoverableError;
    switch (n) {
      case 1:
        return 0x12 | (this.#canPrint() ? 0 : 0x08);
      case 2:
        return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (error ? 0x40 : 0);
      case 3:
        return 0x12 | (s.cutterError ? 0x08 : 0) | (s.unrecoverableError ? 0x20 : 0) | (s.autoRecoverableError ? 0x40 : 0);
      case 4:
        return 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
      default:
        return undefined;
    }
  }

  /** GS r 1: bits 0–1 near end, bits 2–3 paper end; GS r 2 (drawer): 0. */
  #transmitStatusByte(n: number): number {
    if (n % 48 !== 1) return 0x00;
    return (this.#state.paperNearEnd ? 0x03 : 0) | (this.#state.paperOut ? 0x0c : 0);
  }

  #answer(byte: number): void {
    if (!this.link.isOpen) return;
    this.link.write(Uint8Array.of(byte)).catch(() => undefined); // a reply into a closed wire is lost
  }

  #qrCommand(b: Uint8Array): void {
    const fn = b[6];
    const arg = b[7] ?? 0;
    if (b[5] !== 0x31) {
      this.#record.unknown.push({ bytes: b, reason: `GS ( k for symbology cn=${b[5] ?? '?'}` });
      return;
    }
    switch (fn) {
      case 0x41:
        this.#qr.model = arg;
        return;
      case 0x43:
        if (arg < 1 || arg > 16) this.#record.warnings.push(`QR module size ${arg} outside 1–16`);
        this.#qr.moduleSize = arg;
        return;
      case 0x45:
        this.#qr.ec = arg;
        return;
      case 0x50:
        this.#qr.data = b.slice(8);
        return;
      case 0x51:
        this.#printQr();
        return;
      default:
        this.#record.unknown.push({ bytes: b, reason: `GS ( k function 0x${(fn ?? 0).toString(16)}` });
    }
  }

  #printQr(): void {
    const data = this.#qr.data;
    if (data === undefined) {
      this.#record.warnings.push('QR print without stored data');
      return;
    }
    if (this.#segments.length > 0) this.#record.warnings.push('QR printed with text in the line buffer');
    this.#current.qrCodes.push({
      payload: iconv.decode(Buffer.from(data), 'latin1'),
      model: this.#qr.model === 0x31 ? 1 : 2,
      moduleSize: this.#qr.moduleSize,
      errorCorrection: EC_BY_CODE[this.#qr.ec] ?? 'L',
      afterLine: this.#current.lines.length,
    });
    this.#current.qrPayloads.push(iconv.decode(Buffer.from(data), 'latin1'));
  }

  #cut(mode: 'full' | 'partial'): void {
    if (this.#segments.length > 0) {
      this.#record.warnings.push('cut with text in the line buffer');
      this.#printLine();
    }
    this.#current.cutAt = { mode, afterLine: this.#current.lines.length };
    this.#receipts.push(this.#current);
    this.#current = emptyReceipt();
  }

  #resetModes(): void {
    this.#chinese = this.#options.chineseModeAtPowerOn;
    this.#align = 'left';
    this.#bold = false;
    this.#underline = false;
    this.#width = 1;
    this.#height = 1;
    this.#segments = []; // ESC @ clears the print buffer
    this.#qr = { model: 0x32, moduleSize: 3, ec: 0x30, data: undefined };
  }

  #printLine(): void {
    if (!this.#canPrint()) return;
    const segments = this.#segments;
    this.#segments = [];
    let text = '';
    let columns = 0;
    let allBold = true;
    let anyUnderline = false;
    let width = 1;
    let height = 1;
    let visible = 0;
    for (const seg of segments) {
      const decoded = seg.chinese ? iconv.decode(Buffer.from(seg.bytes), 'gb18030') : iconv.decode(Buffer.from(seg.bytes), 'cp437');
      text += decoded;
      for (const char of decoded) {
        columns += (seg.chinese && (char.codePointAt(0) ?? 0) >= 0x80 ? 2 : 1) * seg.width;
        if (char !== ' ') {
          visible++;
          allBold &&= seg.bold;
          anyUnderline ||= seg.underline;
        }
      }
      width = Math.max(width, seg.width);
      height = Math.max(height, seg.height);
    }
    const line: PaperLine = {
      text,
      bold: visible > 0 && allBold,
      underline: anyUnderline,
      align: segments.length > 0 ? this.#lineAlign : this.#align,
      size: { width, height },
      columns,
    };
    if (columns > this.#options.columns) {
      this.#record.warnings.push(`line of ${columns} columns is wider than ${this.#options.columns}`);
    }
    this.#current.lines.push(line);
    for (const listener of this.#lineListeners) listener(line);
    const remaining = this.#state.paperRemainingLines;
    if (remaining !== undefined) {
      this.#state.paperRemainingLines = remaining - 1;
      if (remaining - 1 <= 0) this.setState({ paperOut: true });
    }
  }
}

function emptyReceipt(): PaperReceipt {
  return { lines: [], qrPayloads: [], qrCodes: [], cutAt: null };
}

function cloneReceipt(r: PaperReceipt): PaperReceipt {
  return {
    lines: r.lines.map((l) => ({ ...l, size: { ...l.size } })),
    qrPayloads: [...r.qrPayloads],
    qrCodes: r.qrCodes.map((q) => ({ ...q })),
    cutAt: r.cutAt === null ? null : { ...r.cutAt },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
