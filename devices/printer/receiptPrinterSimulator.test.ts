import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../core/memoryLink.ts';
import { ManualClock, settle } from '../core/testing/manualClock.ts';
import { EscPosEncoder } from './escposEncoder.ts';
import { ReceiptPrinterSimulator } from './receiptPrinterSimulator.ts';

async function wired(options: { bytesPerSecond?: number; clock?: ManualClock } = {}) {
  const pair = createMemoryLinkPair('sim', { splitter: (b) => Array.from(b, (x) => Uint8Array.of(x)) });
  const simulator = await ReceiptPrinterSimulator.attach(pair.deviceSide, options);
  await pair.driverSide.open();
  const received: number[] = [];
  pair.driverSide.onData((chunk) => received.push(...chunk));
  return { pair, simulator, received };
}

function job(build: (e: EscPosEncoder) => EscPosEncoder): Uint8Array {
  const r = build(new EscPosEncoder()).encode();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('ReceiptPrinterSimulator', () => {
  it('prints styled Chinese lines, a QR and a cut onto virtual paper, even fed one byte at a time', async () => {
    const { pair, simulator } = await wired();
    await pair.driverSide.write(
      job((e) =>
        e
          .initialize()
          .align('center')
          .size(2, 2)
          .bold(true)
          .line('排队号 A023')
          .size(1, 1)
          .bold(false)
          .align('left')
          .underline(1)
          .line('六安')
          .underline(0)
          .qr('https://gov.example/q?t=A023', { moduleSize: 6, errorCorrection: 'M' })
          .feed(2)
          .cut('partial'),
      ),
    );
    await settle();
    const [receipt] = simulator.paper().receipts;
    expect(receipt?.lines[0]).toEqual({ text: '排队号 A023', bold: true, underline: false, align: 'center', size: { width: 2, height: 2 }, columns: 22 });
    expect(receipt?.lines[1]).toMatchObject({ text: '六安', bold: false, underline: true, align: 'left', columns: 4 });
    expect(receipt?.qrCodes).toEqual([{ payload: 'https://gov.example/q?t=A023', model: 2, moduleSize: 6, errorCorrection: 'M', afterLine: 2 }]);
    expect(receipt?.lines.slice(2).map((l) => l.text)).toEqual(['', '']); // ESC d 2 = two blank lines
    expect(receipt?.cutAt).toEqual({ mode: 'partial', afterLine: 4 });
    expect(simulator.record().unknown).toEqual([]);
    expect(simulator.record().warnings).toEqual([]);
  });

  it('records unknown commands instead of crashing, and keeps printing after them', async () => {
    const { pair, simulator } = await wired();
    await pair.driverSide.write(Uint8Array.of(0x1b, 0x7e, 0x41, 0x0a, 0x80, 0x42, 0x0a));
    await settle();
    expect(simulator.record().unknown.map((u) => Buffer.from(u.bytes).toString('hex'))).toEqual(['1b7e', '80']);
    expect(simulator.paper().receipts[0]?.lines.map((l) => l.text)).toEqual(['A', 'B']);
  });

  it('answers DLE EOT 1–4 from its state', async () => {
    const { pair, simulator, received } = await wired();
    const ask = async () => {
      received.length = 0;
      await pair.driverSide.write(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04));
      await settle();
      return [...received];
    };
    expect(await ask()).toEqual([0x12, 0x12, 0x12, 0x12]);
    simulator.setState({ paperOut: true });
    expect(await ask()).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    simulator.setState({ paperOut: false, paperNearEnd: false, coverOpen: true });
    expect(await ask()).toEqual([0x1a, 0x16, 0x12, 0x12]);
    simulator.setState({ coverOpen: false, cutterError: true });
    expect(await ask()).toEqual([0x1a, 0x52, 0x1a, 0x12]);
    simulator.setState({ cutterError: false, unresponsive: true });
    expect(await ask()).toEqual([]);
  });

  it('prints nothing and does not confirm GS r while out of paper', async () => {
    const { pair, simulator, received } = await wired();
    simulator.setState({ paperOut: true });
    await pair.driverSide.write(job((e) => e.initialize().line('不应出现').cut().raw(Uint8Array.of(0x1d, 0x72, 0x01))));
    await settle();
    expect(simulator.paper().receipts).toEqual([]);
    expect(received).toEqual([]);
    expect(simulator.record().discardedBytes).toBeGreaterThan(0);
  });

  it('runs out of paper mid-job when the roll ends', async () => {
    const { pair, simulator } = await wired();
    simulator.setState({ paperRemainingLines: 2 });
    await pair.driverSide.write(job((e) => e.line('一').line('二').line('三').line('四')));
    await settle();
    expect(simulator.paper().receipts[0]?.lines.map((l) => l.text)).toEqual(['一', '二']);
    expect(simulator.state().paperOut).toBe(true);
  });

  it('paces bytes at the configured wire speed', async () => {
    const clock = new ManualClock();
    const { pair, simulator } = await wired({ bytesPerSecond: 1000, clock });
    const bytes = job((e) => e.line('x'.repeat(99))); // 100 bytes = 100 ms at 1000 B/s
    await pair.driverSide.write(bytes);
    await clock.advance(50);
    expect(simulator.paper().receipts).toEqual([]);
    await clock.advance(60);
    expect(simulator.paper().receipts[0]?.lines[0]?.text).toBe('x'.repeat(99));
  });

  it('flags lines wider than the paper and clears paper on request', async () => {
    const { pair, simulator } = await wired();
    await pair.driverSide.write(job((e) => e.line('中'.repeat(25))));
    await settle();
    expect(simulator.record().warnings).toEqual(['line of 50 columns is wider than 48']);
    simulator.clearPaper();
    expect(simulator.paper().receipts).toEqual([]);
  });
});
