/**
 * Test wiring: driver ⇄ in-memory link ⇄ simulator, on a manual clock, with every event and log
 * line captured. Used by the printer's unit and fault-scenario tests.
 * Runtime: plain Node (tests only).
 */
import { ManualClock, settle } from '../../core/testing/manualClock.ts';
import { createMemoryLinkPair, type MemoryLinkPair } from '../../core/memoryLink.ts';
import type { FramedChannel } from '../../core/framedChannel.ts';
import type { PrinterReply } from '../printerStatus.ts';
import {
  createPrinterChannel,
  ReceiptPrinter,
  type PrinterEvent,
  type PrinterLogEntry,
  type ReceiptPrinterOptions,
} from '../receiptPrinter.ts';
import {
  ReceiptPrinterSimulator,
  type SimulatorOptions,
  type SimulatorRecord,
  type VirtualPaper,
} from '../receiptPrinterSimulator.ts';

export interface PrinterHarness {
  clock: ManualClock;
  pair: MemoryLinkPair;
  channel: FramedChannel<PrinterReply>;
  printer: ReceiptPrinter;
  simulator: ReceiptPrinterSimulator;
  events: PrinterEvent[];
  log: PrinterLogEntry[];
}

export async function createPrinterHarness(
  options: { driver?: ReceiptPrinterOptions; simulator?: Omit<SimulatorOptions, 'clock'> } = {},
): Promise<PrinterHarness> {
  const clock = new ManualClock();
  const pair = createMemoryLinkPair('printer');
  const events: PrinterEvent[] = [];
  const log: PrinterLogEntry[] = [];
  const simulator = await ReceiptPrinterSimulator.attach(pair.deviceSide, { ...options.simulator, clock });
  await pair.driverSide.open();
  const channel = createPrinterChannel(pair.driverSide, { clock, onLog: (entry) => log.push(entry) });
  const printer = new ReceiptPrinter(channel, {
    ...options.driver,
    clock,
    observer: { onEvent: (event) => events.push(event), onLog: (entry) => log.push(entry) },
  });
  return { clock, pair, channel, printer, simulator, events, log };
}

/** Feeds encoded bytes to a fresh simulator and returns what came out on paper. */
export async function printOnVirtualPaper(bytes: Uint8Array, columns = 48): Promise<{ paper: VirtualPaper; record: SimulatorRecord }> {
  const pair = createMemoryLinkPair('paper');
  const simulator = await ReceiptPrinterSimulator.attach(pair.deviceSide, { columns });
  await pair.driverSide.open();
  await pair.driverSide.write(bytes);
  await settle(2);
  simulator.detach();
  return { paper: simulator.paper(), record: simulator.record() };
}
