import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Framer } from '../core/framer.ts';
import { decodePrinterStatus, faultOf, printerReplyDecoder, type PrinterReply, type PrinterStatus } from './printerStatus.ts';

const ALL_CLEAR = { printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12 };

function decode(raw: Partial<PrinterStatus['raw']>): PrinterStatus {
  const result = decodePrinterStatus({ ...ALL_CLEAR, ...raw });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('DLE EOT status decoding (printing.md §1.6)', () => {
  it('all-clear 0x12 ×4 is online and ready', () => {
    const s = decode({});
    expect(s.online).toBe(true);
    expect(faultOf(s)).toBeUndefined();
  });

  it('paper out as in the hardless example (1/2/4 = 0x1A, 0x32, 0x7E)', () => {
    const s = decode({ printer: 0x1a, offlineCause: 0x32, paperSensor: 0x7e });
    expect(s).toMatchObject({ online: false, paperEnd: true, paperNearEnd: true, coverOpen: false });
    expect(faultOf(s)).toBe('PAPER_OUT');
  });

  it('paper near end alone (0x1E) still prints', () => {
    const s = decode({ paperSensor: 0x1e });
    expect(s.paperNearEnd).toBe(true);
    expect(s.paperEnd).toBe(false);
    expect(faultOf(s)).toBeUndefined();
  });

  it('cover open (n=2 bit 2) wins over the paper-end stop it also causes', () => {
    const s = decode({ printer: 0x1a, offlineCause: 0x36 });
    expect(s.coverOpen).toBe(true);
    expect(faultOf(s)).toBe('COVER_OPEN');
  });

  it('cutter, unrecoverable and auto-recoverable errors (n=3 bits 3/5/6) are device errors', () => {
    expect(decode({ errorCause: 0x1a })).toMatchObject({ cutterError: true });
    expect(decode({ errorCause: 0x32 })).toMatchObject({ unrecoverableError: true });
    expect(decode({ errorCause: 0x52 })).toMatchObject({ autoRecoverableError: true });
    for (const errorCause of [0x1a, 0x32, 0x52]) expect(faultOf(decode({ printer: 0x1a, offlineCause: 0x52, errorCause }))).toBe('DEVICE_ERROR');
  });

  it('offline without a named cause, feed button and drawer pin', () => {
    const s = decode({ printer: 0x1a | 0x40 | 0x04 });
    expect(s).toMatchObject({ online: false, feedButtonPressed: true, drawerPinHigh: true });
    expect(faultOf(s)).toBe('DEVICE_OFFLINE');
  });

  it('rejects bytes without the fixed 0xx1xx10 pattern', () => {
    for (const bad of [0x00, 0x13, 0x92, 0x02, 0x10]) {
      const r = decodePrinterStatus({ ...ALL_CLEAR, errorCause: bad });
      expect(r.ok).toBe(false);
    }
  });
});

describe('printerReplyDecoder', () => {
  it('tells DLE EOT answers, GS r answers and ASB frames apart, skipping XON/XOFF', () => {
    const framer = new Framer(printerReplyDecoder);
    const out = framer.push(Uint8Array.of(0x12, 0x11, 0x0c, 0x13, 0x18, 0x00, 0x0c, 0x00, 0x1a, 0xff));
    expect(out.frames).toEqual<PrinterReply[]>([
      { kind: 'realtime-status', byte: 0x12 },
      { kind: 'transmit-status', byte: 0x0c },
      { kind: 'asb', bytes: Uint8Array.of(0x18, 0x00, 0x0c, 0x00) },
      { kind: 'realtime-status', byte: 0x1a },
    ]);
    expect(out.skipped.map((s) => s.reason)).toEqual(['XON', 'XOFF', '0xff is no printer status']);
  });

  it('yields the same frames however the stream is chunked (property)', () => {
    const statusByte = fc.integer({ min: 0, max: 0xff }).map((b) => (b & ~0x93) | 0x12);
    fc.assert(
      fc.property(fc.array(statusByte, { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 }), (bytes, cuts) => {
        const framer = new Framer(printerReplyDecoder);
        const stream = Uint8Array.from(bytes);
        const frames: PrinterReply[] = [];
        let offset = 0;
        for (const size of [...cuts, stream.length]) {
          if (offset >= stream.length) break;
          frames.push(...framer.push(stream.subarray(offset, offset + size)).frames);
          offset += size;
        }
        expect(frames.map((f) => (f.kind === 'realtime-status' ? f.byte : -1))).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });
});
