/**
 * Thermal receipt printer: ESC/POS encoder, receipt renderer, status decoding, driver and simulator.
 * Runtime: plain Node.
 */
export * as escpos from './escposCommands.ts';
export type { Align, CutMode, QrErrorCorrection, QrOptions, StatusQuery } from './escposCommands.ts';
export { EscPosEncoder, DEFAULT_PRINTABLE_SET, type EncodeResult, type InvalidJobError, type UnprintableTextError } from './escposEncoder.ts';
export { nextToken, summarizeEscPos, isControlOnly, type EscPosToken, type TokenStep } from './escposParser.ts';
export {
  encodePrintableText,
  encodePrintableChar,
  normaliseForPrinter,
  displayWidth,
  type PrintableCharset,
  type PrintableSet,
  type UnprintableChar,
} from './printableText.ts';
export { wrapText } from './textLayout.ts';
export { personal, isPersonalValue, type PersonalValue, type Receipt, type ReceiptLine } from './receipt.ts';
export { renderReceipt, type RenderOptions } from './renderReceipt.ts';
export { testPageReceipt, TEST_PAGE_CHINESE_LINE, type TestPageInfo } from './testPage.ts';
export {
  decodePrinterStatus,
  faultOf,
  describeStatus,
  isRealtimeStatusByte,
  printerReplyDecoder,
  type PrinterFault,
  type PrinterReply,
  type PrinterStatus,
} from './printerStatus.ts';
export {
  ReceiptPrinter,
  createPrinterChannel,
  type PrintedReceipt,
  type PrintError,
  type PrintResult,
  type PrinterEvent,
  type PrinterLogEntry,
  type ReceiptPrinterObserver,
  type ReceiptPrinterOptions,
} from './receiptPrinter.ts';
export {
  ReceiptPrinterSimulator,
  type PaperLine,
  type PaperQr,
  type PaperReceipt,
  type SimulatorOptions,
  type SimulatorRecord,
  type SimulatorState,
  type VirtualPaper,
} from './receiptPrinterSimulator.ts';
export { measureReceiptEncoding, type EncodingMeasurement } from './benchmark.ts';
export { typicalReceipt } from './sampleReceipt.ts';
