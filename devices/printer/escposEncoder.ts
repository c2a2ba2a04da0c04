/**
 * Fluent ESC/POS job builder for Chinese-mode printers. Text is checked character by character
 * against the printer's printable set; problems are collected (with field and position) and
 * `encode()` then refuses the whole job, so a receipt is either printed as written or not at all.
 * Runtime: plain Node (iconv-lite).
 */
import type { KioskError } from '../../contract/result.ts';
import * as cmd from './escposCommands.ts';
import {
  describeUnprintable,
  encodePrintableText,
  formatCodePoint,
  type PrintableSet,
  type UnprintableChar,
} from './printableText.ts';

export type UnprintableTextError = KioskError & {
  readonly code: 'UNPRINTABLE_TEXT';
  readonly characters: readonly UnprintableChar[];
};

/** A job that is wrong in itself (empty or oversized QR payload), not because of the font. */
export type InvalidJobError = KioskError & { readonly code: 'INVALID_ARGUMENT' };

export type EncodeResult =
  | { readonly ok: true; readonly value: Uint8Array }
  | { readonly ok: false; readonly error: UnprintableTextError | InvalidJobError };

export const DEFAULT_PRINTABLE_SET: PrintableSet = { charset: 'gbk' };

export class EscPosEncoder {
  readonly #parts: Uint8Array[] = [];
  readonly #problems: UnprintableChar[] = [];
  #invalid: InvalidJobError | undefined;
  readonly #printable: PrintableSet;

  constructor(printable: PrintableSet = DEFAULT_PRINTABLE_SET) {
    this.#printable = printable;
  }

  /** ESC @ then FS &: a known state whatever the DIP switches or the previous job left behind. */
  initialize(): this {
    return this.raw(cmd.initialize()).raw(cmd.chineseMode(true));
  }

  chineseMode(on: boolean): this {
    return this.raw(cmd.chineseMode(on));
  }

  align(value: cmd.Align): this {
    return this.raw(cmd.align(value));
  }

  bold(on: boolean): this {
    return this.raw(cmd.bold(on));
  }

  underline(mode: cmd.UnderlineMode): this {
    return this.raw(cmd.underline(mode));
  }

  size(width: number, height: number): this {
    return this.raw(cmd.characterSize(width, height));
  }

  /** Text without a line feed. `field` names the receipt part in an unprintable-text error. */
  text(value: string, field = 'text'): this {
    const encoded = encodePrintableText(value, this.#printable, field);
    if (encoded.ok) this.#parts.push(encoded.bytes);
    else this.#problems.push(...encoded.unprintable);
    return this;
  }

  line(value: string, field = 'text'): this {
    return this.text(value, field).newline();
  }

  newline(): this {
    return this.raw(cmd.lineFeed());
  }

  /** Prints the line buffer and feeds `n` lines (ESC d n). */
  feed(n: number): this {
    return this.raw(cmd.feedLines(n));
  }

  /**
   * QR code. Payloads are limited to printable ASCII (URLs, ticket ids): printers guess the QR
   * compaction mode and Chinese payloads come out as Shift-JIS or `?` (printing.md §1.3).
   */
  qr(payload: string, options: cmd.QrOptions = {}, field = 'qr.payload'): this {
    const chars = Array.from(payload);
    const bad = chars.flatMap((char, index) => {
      const cp = char.codePointAt(0) ?? 0;
      return cp >= 0x20 && cp < 0x7f ? [] : [{ char, codePoint: formatCodePoint(char), index, field }];
    });
    if (bad.length > 0) {
      this.#problems.push(...bad);
      return this;
    }
    if (chars.length === 0 || chars.length > cmd.QR_MAX_DATA_BYTES) {
      this.#invalid ??= {
        code: 'INVALID_ARGUMENT',
        message: `QR payload must be 1–${cmd.QR_MAX_DATA_BYTES} characters, got ${chars.length}`,
        field,
      };
      return this;
    }
    return this.raw(cmd.qrCode(Uint8Array.from(chars, (c) => c.charCodeAt(0)), options));
  }

  cut(mode: cmd.CutMode = 'partial', feedUnits: number | undefined = 3): this {
    return this.raw(cmd.cut(mode, feedUnits));
  }

  raw(bytes: Uint8Array): this {
    this.#parts.push(bytes);
    return this;
  }

  encode(): EncodeResult {
    if (this.#problems.length > 0) {
      const characters = [...this.#problems];
      const first = characters[0];
      return {
        ok: false,
        error: {
          code: 'UNPRINTABLE_TEXT',
          message: describeUnprintable(characters),
          ...(first === undefined ? {} : { field: first.field }),
          characters,
        },
      };
    }
    if (this.#invalid !== undefined) return { ok: false, error: this.#invalid };
    return { ok: true, value: cmd.concatBytes(this.#parts) };
  }
}
