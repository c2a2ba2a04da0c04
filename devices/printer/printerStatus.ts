/**
 * Decoding the printer's answers: DLE EOT real-time status bytes (printing.md §1.6), the GS r
 * end-of-job answer and Automatic Status Back frames (§1.7), plus the FrameDecoder that tells
 * them apart in the byte stream by their fixed bits.
 * Runtime: pure.
 */
import type { DecodeStep, FrameDecoder } from '../core/framer.ts';

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  /** Roll paper sensor says no paper, or printing stopped at paper end. */
  paperEnd: boolean;
  paperNearEnd: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  /** Offline-cause byte bit 6: some error occurred (see the error-cause flags). */
  errorOccurred: boolean;
  feedButtonPressed: boolean;
  feedingByFeedButton: boolean;
  waitingForOnlineRecovery: boolean;
  drawerPinHigh: boolean;
  /** The four answer bytes as received, for the device log. */
  raw: { printer: number; offlineCause: number; errorCause: number; paperSensor: number };
}

/** Every DLE EOT answer is `0xx1xx10`: bits 0 and 7 clear, bits 1 and 4 set. */
export function isRealtimeStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export type StatusDecodeResult = { ok: true; value: PrinterStatus } | { ok: false; message: string };

export function decodePrinterStatus(raw: PrinterStatus['raw']): StatusDecodeResult {
  for (const [name, byte] of Object.entries(raw)) {
    if (!isRealtimeStatusByte(byte)) {
      return { ok: false, message: `${name} status byte 0x${hex(byte)} lacks the fixed 0xx1xx10 pattern` };
    }
  }
  const { printer, offlineCause, errorCause, paperSensor } = raw;
  return {
    ok: true,
    value: {
      online: (printer & 0x08) === 0,
      drawerPinHigh: (printer & 0x04) !== 0,
      waitingForOnlineRecovery: (printer & 0x20) !== 0,
      feedButtonPressed: (printer & 0x40) !== 0,
      coverOpen: (offlineCause & 0x04) !== 0,
      feedingByFeedButton: (offlineCause & 0x08) !== 0,
      paperEnd: (offlineCause & 0x20) !== 0 || (paperSensor & 0x60) !== 0,
      errorOccurred: (offlineCause & 0x40) !== 0,
      cutterError: (errorCause & 0x08) !== 0,
      unrecoverableError: (errorCause & 0x20) !== 0,
      autoRecoverableError: (errorCause & 0x40) !== 0,
      paperNearEnd: (paperSensor & 0x0c) !== 0,
      raw: { ...raw },
    },
  };
}

/** What a caller should be told about a status, most specific first; undefined = ready to print. */
export type PrinterFault = 'COVER_OPEN' | 'PAPER_OUT' | 'DEVICE_ERROR' | 'DEVICE_OFFLINE';

export function faultOf(status: PrinterStatus): PrinterFault | undefined {
  if (status.coverOpen) return 'COVER_OPEN';
  if (status.paperEnd) return 'PAPER_OUT';
  if (status.cutterError || status.unrecoverableError || status.autoRecoverableError || status.errorOccurred) {
    return 'DEVICE_ERROR';
  }
  if (!status.online) return 'DEVICE_OFFLINE';
  return undefined;
}

/** For technicians and logs, in the words printed on printer manuals: 正常 / 缺纸、纸仓盖打开 … */
export function describeStatus(status: PrinterStatus): string {
  const flags = [
    !status.online && '脱机',
    status.coverOpen && '纸仓盖打开',
    status.paperEnd && '缺纸',
    status.paperNearEnd && '纸将尽',
    status.cutterError && '切刀故障',
    status.unrecoverableError && '不可恢复故障',
    status.autoRecoverableError && '可自动恢复故障',
  ].filter((f): f is string => typeof f === 'string');
  return flags.length === 0 ? '正常' : flags.join('、');
}

/** Answers the printer sends back on its own wire. */
export type PrinterReply =
  /** One byte answering DLE EOT n. */
  | { kind: 'realtime-status'; byte: number }
  /** One byte answering GS r 1 (paper sensor; bits 2–3 = paper end): the job before it was processed. */
  | { kind: 'transmit-status'; byte: number }
  /** Automatic Status Back: four bytes, first one `0xx1xx00`. */
  | { kind: 'asb'; bytes: Uint8Array };

const XON = 0x11;
const XOFF = 0x13;

/**
 * Identification table of printing.md §1.7 (Citizen appendix): DLE EOT answers `0xx1xx10`, ASB
 * first byte `0xx1xx00` (+3 bytes), GS r answers `0xx0xxxx`; XON/XOFF and anything with bit 7 set
 * are skipped, never treated as status.
 */
export const printerReplyDecoder: FrameDecoder<PrinterReply> = {
  decode(buffer: Uint8Array): DecodeStep<PrinterReply> {
    const first = buffer[0];
    if (first === undefined) return { kind: 'need-more' };
    if (first === XON || first === XOFF) return { kind: 'skip', consumed: 1, reason: first === XON ? 'XON' : 'XOFF' };
    if (isRealtimeStatusByte(first)) return { kind: 'frame', frame: { kind: 'realtime-status', byte: first }, consumed: 1 };
    if ((first & 0x93) === 0x10) {
      if (buffer.length < 4) return { kind: 'need-more' };
      return { kind: 'frame', frame: { kind: 'asb', bytes: buffer.slice(0, 4) }, consumed: 4 };
    }
    if ((first & 0x90) === 0) return { kind: 'frame', frame: { kind: 'transmit-status', byte: first }, consumed: 1 };
    return { kind: 'skip', consumed: 1, reason: `0x${hex(first)} is no printer status` };
  },
};

/** GS r 1 answer: bits 2–3 set = paper end. */
export function transmitStatusPaperEnd(byte: number): boolean {
  return (byte & 0x0c) !== 0;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
