/**
 * The real drivers against their simulators over real pseudo-terminals (socat) with the real
 * serialport binding, configured exactly like hardware (`transport: 'serial'`). Then the cable is
 * pulled (socat stopped) and plugged back (socat started on the same paths): the device goes
 * offline, comes back, nothing hangs, and a job issued during the outage is never delivered late.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReconnectingLink } from '../core/reconnectingLink.ts';
import { SerialLink } from '../core/serialLink.ts';
import { ptySkipReason, startPtyPair, type PtyPair } from '../core/testing/ptyPair.ts';
import { CardPresenceLoop, IdCardReader, IdCardReaderSimulator, type IdCardEvent } from '../id-card/index.ts';
import { ReceiptPrinter } from '../printer/receiptPrinter.ts';
import { ReceiptPrinterSimulator } from '../printer/receiptPrinterSimulator.ts';
import { idCardReaderKind, receiptPrinterKind } from './builtinKinds.ts';
import { DeviceManager } from './deviceManager.ts';

const skipReason = ptySkipReason();
const BAUD = 115200;

/** The simulator's end of the cable: reconnects by itself when socat comes back. */
function deviceEnd(pathB: string): ReconnectingLink {
  return new ReconnectingLink(`sim:${pathB}`, () => new SerialLink({ path: pathB, baudRate: BAUD }), { backoff: { baseMs: 20, capMs: 100 } });
}

async function until(check: () => boolean, what: string, ms = 8_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(skipReason !== undefined)('drivers and simulators over real ptys', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function hall(): Promise<{ manager: DeviceManager; cardPty: PtyPair; printerPty: PtyPair; cardSim: IdCardReaderSimulator; printerSim: ReceiptPrinterSimulator }> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kiosk-hall-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const cardPty = await startPtyPair();
    const printerPty = await startPtyPair();
    cleanups.push(() => cardPty.dispose(), () => printerPty.dispose());
    const cardEnd = deviceEnd(cardPty.pathB);
    const printerEnd = deviceEnd(printerPty.pathB);
    await cardEnd.open();
    await printerEnd.open();
    const cardSim = new IdCardReaderSimulator(cardEnd, { bytesPerSecond: BAUD / 10 });
    const printerSim = await ReceiptPrinterSimulator.attach(printerEnd, { bytesPerSecond: BAUD / 10 });
    cleanups.push(
      async () => {
        cardSim.dispose();
        await cardEnd.close();
      },
      async () => {
        printerSim.detach();
        await printerEnd.close();
      },
    );
    const manager = await DeviceManager.create({
      devices: {
        idCardReader: { transport: 'serial', path: cardPty.pathA, baudRate: BAUD },
        receiptPrinter: { transport: 'serial', path: printerPty.pathA, baudRate: BAUD },
      },
      kinds: [idCardReaderKind, receiptPrinterKind(() => ({ kioskName: '1号自助终端', hall: '六安市政务服务中心', kioskId: 'LA-T-1', printedAt: new Date() }))],
      dataDir,
      backoff: { baseMs: 50, capMs: 200 },
    });
    cleanups.push(() => manager.dispose());
    const state = (id: string) => manager.list().find((d) => d.id === id)?.state;
    await until(() => state('idCardReader') === 'idle' && state('receiptPrinter') === 'idle', 'both devices idle');
    return { manager, cardPty, printerPty, cardSim, printerSim };
  }

  it('reads one card per placement and prints a receipt, byte for byte over the wire', async () => {
    const { manager, cardSim, printerSim } = await hall();
    const reader = manager.get('idCardReader')?.driver;
    const printer = manager.get('receiptPrinter')?.driver;
    if (!(reader instanceof IdCardReader) || !(printer instanceof ReceiptPrinter)) throw new Error('drivers missing');
    const loop = new CardPresenceLoop(reader, { pollIntervalMs: 100 });
    const events: IdCardEvent[] = [];
    loop.subscribe((e) => events.push(e));
    loop.start();
    cleanups.push(() => loop.stop());
    cardSim.placeCard('la-jinan-chen');
    await until(() => events.some((e) => e.type === 'card.read'), 'card.read');
    await new Promise((r) => setTimeout(r, 500));
    const reads = events.filter((e) => e.type === 'card.read');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.type === 'card.read' && reads[0].masked.name).toBe('陈*明');

    const printed = await printer.printTestPage({ kioskName: '1号自助终端', hall: '六安市政务服务中心', kioskId: 'LA-T-1', printedAt: new Date() });
    expect(printed.ok).toBe(true);
    const paper = printerSim.paper().receipts;
    expect(paper).toHaveLength(1);
    expect(paper[0]?.lines.map((l) => l.text).join('\n')).toContain('中文打印测试');
    expect(paper[0]?.qrPayloads[0]).toMatch(/^KIOSK-TEST:LA-T-1:/);
  });

  it('goes offline when the cable is pulled, refuses jobs meanwhile, and never prints them late', async () => {
    const { manager, printerPty, printerSim } = await hall();
    const printer = manager.get('receiptPrinter')?.driver;
    if (!(printer instanceof ReceiptPrinter)) throw new Error('printer missing');
    const state = () => manager.list().find((d) => d.id === 'receiptPrinter')?.state;
    const info = { kioskName: '1号自助终端', hall: '六安市政务服务中心', kioskId: 'LA-T-1', printedAt: new Date() };

    await printerPty.stop();
    await until(() => state() === 'offline', 'printer offline');
    const during = await printer.printTestPage(info);
    expect(during.ok).toBe(false);
    if (!during.ok) expect(['DEVICE_OFFLINE', 'TIMEOUT']).toContain(during.error.code);

    await printerPty.start();
    await until(() => state() === 'idle', 'printer back to idle');
    expect(manager.list().find((d) => d.id === 'receiptPrinter')?.counters.reconnects).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 300)); // would a stale job arrive late? it must not
    expect(printerSim.paper().receipts).toHaveLength(0);

    const after = await printer.printTestPage(info);
    expect(after.ok).toBe(true);
    expect(printerSim.paper().receipts).toHaveLength(1);
  });

  it('the ID-card reader comes back after a replug and reads again', async () => {
    const { manager, cardPty, cardSim } = await hall();
    const reader = manager.get('idCardReader')?.driver;
    if (!(reader instanceof IdCardReader)) throw new Error('reader missing');
    const state = () => manager.list().find((d) => d.id === 'idCardReader')?.state;
    await cardPty.stop();
    await until(() => state() === 'offline', 'reader offline');
    expect((await reader.findCard()).ok).toBe(false);
    await cardPty.start();
    await until(() => state() === 'idle', 'reader back to idle');
    cardSim.placeCard('la-yuan-wang');
    // The simulator's own end reconnects on its own schedule; the reader finds the card once it has.
    let found = false;
    const deadline = Date.now() + 5_000;
    while (!found && Date.now() < deadline) found = (await reader.findCard()).ok;
    expect(found).toBe(true);
    const read = await reader.selectAndRead(false);
    expect(read.ok).toBe(true);
  });
});
