import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardHolderName, cardNumber, IdCardReader, IdCardReaderSimulator, SIMULATED_ID_CARDS } from '../id-card/index.ts';
import { ReceiptPrinterSimulator } from '../printer/receiptPrinterSimulator.ts';
import { idCardReaderKind, receiptPrinterKind } from './builtinKinds.ts';
import { DeviceManager } from './deviceManager.ts';

const testPage = () => ({ kioskName: '1号自助终端', hall: '六安市金安区政务服务中心', kioskId: 'LA-JA-0001', printedAt: new Date('2025-03-01T02:00:00Z') });

describe('the embedded simulated hall (real drivers and simulators)', () => {
  let manager: DeviceManager | undefined;
  let dataDir = '';
  afterEach(async () => {
    await manager?.dispose();
    manager = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  async function hall(): Promise<DeviceManager> {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kiosk-hall-'));
    const m = await DeviceManager.create({
      devices: { idCardReader: { transport: 'simulated' }, receiptPrinter: { transport: 'simulated' } },
      kinds: [idCardReaderKind, receiptPrinterKind(testPage)],
      dataDir,
    });
    const deadline = Date.now() + 2000;
    while (m.list().some((d) => d.state !== 'idle')) {
      if (Date.now() > deadline) throw new Error(`not idle: ${JSON.stringify(m.list())}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return m;
  }

  it('lists both devices idle with their Chinese labels and passes the internal checks', async () => {
    manager = await hall();
    expect(manager.list().map((d) => [d.id, d.kind, d.label, d.state])).toEqual([
      ['idCardReader', 'id-card', '身份证阅读器', 'idle'],
      ['receiptPrinter', 'printer', '凭条打印机', 'idle'],
    ]);
    expect(await manager.checkHealth('idCardReader', 'internal')).toMatchObject({ value: { ok: true, text: expect.stringMatching(/^SAM 模块正常/) } });
    expect(await manager.checkHealth('idCardReader', 'external')).toMatchObject({ value: { ok: true, text: '寻卡正常：未放卡' } });
    expect(await manager.checkHealth('receiptPrinter', 'internal')).toMatchObject({ value: { ok: true, text: expect.stringMatching(/^正常/) } });
  });

  it('prints a test slip as the external printer check and counts it', async () => {
    manager = await hall();
    const result = await manager.checkHealth('receiptPrinter', 'external');
    expect(result).toMatchObject({ value: { ok: true, text: expect.stringMatching(/^测试页已打印/) } });
    const simulator = manager.get('receiptPrinter')?.simulator;
    expect(simulator).toBeInstanceOf(ReceiptPrinterSimulator);
    if (!(simulator instanceof ReceiptPrinterSimulator)) return;
    expect(simulator.paper().receipts.length).toBe(1);
    expect(manager.list()[1]?.counters.prints).toBe(1);
  });

  it('paper out: the status check puts the printer in error and counts one paper-out', async () => {
    manager = await hall();
    const simulator = manager.get('receiptPrinter')?.simulator;
    if (!(simulator instanceof ReceiptPrinterSimulator)) throw new Error('no printer simulator');
    simulator.setState({ paperOut: true });
    expect(await manager.checkHealth('receiptPrinter', 'internal')).toMatchObject({ value: { ok: false } });
    expect(await manager.checkHealth('receiptPrinter', 'internal')).toMatchObject({ value: { ok: false } });
    const printer = manager.list()[1];
    expect(printer).toMatchObject({ state: 'error', lastError: { code: 'PAPER_OUT' }, counters: { paperOuts: 1 } });
    simulator.setState({ paperOut: false });
    await manager.checkHealth('receiptPrinter', 'internal');
    expect(manager.list()[1]?.state).toBe('idle');
  });

  it('reads a card through the device and keeps the log free of the holder’s data', async () => {
    manager = await hall();
    const managed = manager.get('idCardReader');
    const reader = managed?.driver;
    const simulator = managed?.simulator;
    if (!(reader instanceof IdCardReader) || !(simulator instanceof IdCardReaderSimulator)) throw new Error('id-card kind not wired');
    const card = SIMULATED_ID_CARDS[0];
    if (card === undefined) throw new Error('no simulated card');
    simulator.placeCard(card.id);
    const read = await managed?.device.run('kiosk', 'read card', async () => {
      const found = await reader.findCard();
      if (!found.ok) throw new Error(found.error.en);
      const selected = await reader.selectCard();
      if (!selected.ok) throw new Error(selected.error.en);
      const reading = await reader.readCard();
      if (!reading.ok) throw new Error(reading.error.en);
      return reading.value;
    });
    expect(read?.ok).toBe(true);
    const log = JSON.stringify(manager.log('idCardReader'));
    if (read?.ok !== true) throw new Error('card not read');
    expect(cardNumber(read.value.card).length).toBeGreaterThan(10);
    expect(log).not.toContain(cardNumber(read.value.card));
    expect(log).not.toContain(cardHolderName(read.value.card));
    expect(manager.list()[0]?.state).toBe('idle');
    expect(log).toContain('"dir":"rx"');
  });
});
