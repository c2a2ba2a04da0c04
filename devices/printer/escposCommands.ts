/**
 * ESC/POS command bytes for the kiosk's 80 mm Chinese thermal printer — one function per command,
 * each returning exactly the bytes the research notes list (shared/research/printing.md §1).
 * The encoder and the simulator's parser are the two sides of this table.
 * Runtime: pure.
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
export type UnderlineMode = 0 | 1 | 2;
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export type CutMode = 'partial' | 'full';

const ALIGN_CODES: Record<Align, number> = { left: 0, center: 1, right: 2 };
const QR_EC_CODES: Record<QrErrorCorrection, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** The QR data store takes at most 7089 data bytes (pL + pH·256 ≤ 7092, §1.3). */
export const QR_MAX_DATA_BYTES = 7089;

/** ESC @ — back to power-on defaults. */
export function initialize(): Uint8Array {
  return Uint8Array.of(ESC, 0x40);
}

/** FS & / FS . — 汉字 mode on/off. Sent explicitly after ESC @ so DIP switches never decide (§1.2). */
export function chineseMode(on: boolean): Uint8Array {
  return on ? Uint8Array.of(FS, 0x26) : Uint8Array.of(FS, 0x2e);
}

/** ESC a n — only takes effect at the start of a line. */
export function align(value: Align): Uint8Array {
  return Uint8Array.of(ESC, 0x61, ALIGN_CODES[value]);
}

/** ESC E n */
export function bold(on: boolean): Uint8Array {
  return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

/** ESC - n for ANK characters plus FS - n for 汉字: Chinese models underline each set separately. */
export function underline(mode: UnderlineMode): Uint8Array {
  return Uint8Array.of(ESC, 0x2d, mode, FS, 0x2d, mode);
}

/** GS ! n — width and height multipliers 1–8; applies to ASCII and 汉字 alike. */
export function characterSize(width: number, height: number): Uint8Array {
  const w = clampInt(width, 1, 8);
  const h = clampInt(height, 1, 8);
  return Uint8Array.of(GS, 0x21, ((w - 1) << 4) | (h - 1));
}

/** LF — print the line buffer and feed one line. */
export function lineFeed(): Uint8Array {
  return Uint8Array.of(LF);
}

/** ESC d n — print the line buffer and feed n lines (same as n × LF). */
export function feedLines(n: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, clampInt(n, 0, 255));
}

export interface QrOptions {
  /** 1 or 2; model 2 is what every current scanner expects. */
  model?: 1 | 2;
  /** Dots per module, 1–16 (some clones stop at 8). */
  moduleSize?: number;
  errorCorrection?: QrErrorCorrection;
}

/**
 * GS ( k, cn 49: select model (fn 165), module size (fn 167), error correction (fn 169),
 * store data (fn 180, pL pH = data BYTES + 3) and print (fn 181). `data` is already encoded.
 */
export function qrCode(data: Uint8Array, options: QrOptions = {}): Uint8Array {
  if (data.length === 0 || data.length > QR_MAX_DATA_BYTES) {
    throw new RangeError(`QR data must be 1–${QR_MAX_DATA_BYTES} bytes, got ${data.length}`);
  }
  const model = options.model === 1 ? 0x31 : 0x32;
  const size = clampInt(options.moduleSize ?? 6, 1, 16);
  const ec = QR_EC_CODES[options.errorCorrection ?? 'M'];
  const storeLength = data.length + 3;
  return concatBytes([
    Uint8Array.of(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, model, 0x00),
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size),
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, ec),
    Uint8Array.of(GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30),
    data,
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30),
  ]);
}

/**
 * GS V. With `feedUnits` the printer first feeds the last line past the cutter (m = 65/66),
 * without it the cut is immediate (m = 0/1) and goes through whatever is under the blade.
 */
export function cut(mode: CutMode, feedUnits?: number): Uint8Array {
  if (feedUnits === undefined) return Uint8Array.of(GS, 0x56, mode === 'full' ? 0 : 1);
  return Uint8Array.of(GS, 0x56, mode === 'full' ? 0x41 : 0x42, clampInt(feedUnits, 0, 255));
}

/** DLE EOT n — real-time status: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusQuery = 1 | 2 | 3 | 4;
export function realtimeStatusQuery(n: StatusQuery): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/**
 * GS r 1 — transmit paper sensor status. Executed in order with the print data, so its answer means
 * "everything sent before me has been processed" (the end-of-job marker, §1.7).
 */
export function transmitPaperStatus(): Uint8Array {
  return Uint8Array.of(GS, 0x72, 0x01);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
