/**
 * Device benchmarks (issue: Devices, part 1):
 * - ID-card read latency: from placing a card to `card.read`, driver and simulator on the two ends
 *   of a real pseudo-terminal pair, the simulator pacing its bytes at 115200 baud. The time spent
 *   waiting for the next poll is measured separately and taken out; what is left is compared with
 *   the wire time of the same bytes at 115200 baud (target <= 1.5).
 * - SAM codec decode throughput against what a 115200-baud line can deliver (target >= 100x), with a
 *   plain XOR-checksum pass over the same bytes shown for scale.
 * - Receipt encoding time against the time the bytes take on a 9600-baud line (target <= 1 %), with
 *   a text-only GB18030 conversion shown for scale.
 */
import { performance } from 'node:perf_hooks';
import iconv from 'iconv-lite';
import { SerialLink } from '../devices/core/serialLink.ts';
import { startPtyPair, ptySkipReason } from '../devices/core/testing/ptyPair.ts';
import { CardPresenceLoop, IdCardReader, IdCardReaderSimulator, measureDecodeThroughput, SIMULATED_ID_CARDS } from '../devices/id-card/index.ts';
import { measureReceiptEncoding } from '../devices/printer/benchmark.ts';
import { typicalReceipt } from '../devices/printer/sampleReceipt.ts';
import { atLeast, atMost, median, type Benchmark } from './harness.ts';

const BAUD = 115200;
const POLL_MS = 300;
const PLACEMENTS = 12;

export const idCardLatency: Benchmark = {
  name: 'devices: ID-card read latency over a pty at 115200 baud',
  async run() {
    const skip = ptySkipReason();
    if (skip !== undefined) return { figures: [], ratios: [], notes: [`skipped: ${skip}`] };
    const pty = await startPtyPair();
    const driverLink = new SerialLink({ path: pty.pathA, baudRate: BAUD });
    const deviceLink = new SerialLink({ path: pty.pathB, baudRate: BAUD });
    await driverLink.open();
    await deviceLink.open();
    // Timestamps of every request frame the simulator receives, and bytes both ways.
    const requestTimes: number[] = [];
    let bytesToDevice = 0;
    let bytesFromDevice = 0;
    deviceLink.onData((chunk) => {
      bytesToDevice += chunk.length;
      if (chunk[0] === 0xaa) requestTimes.push(performance.now());
    });
    driverLink.onData((chunk) => (bytesFromDevice += chunk.length));
    const simulator = new IdCardReaderSimulator(deviceLink, { bytesPerSecond: BAUD / 10 });
    const reader = new IdCardReader(driverLink, { baud: BAUD });
    const loop = new CardPresenceLoop(reader, { pollIntervalMs: POLL_MS });
    const card = SIMULATED_ID_CARDS[0];
    if (card === undefined) throw new Error('no simulated card');
    const totals: number[] = [];
    const beyondPoll: number[] = [];
    const wire: number[] = [];
    try {
      loop.start();
      await sleep(POLL_MS * 2);
      for (let i = 0; i < PLACEMENTS; i++) {
        const reads = new Promise<number>((resolve) => {
          const off = loop.subscribe((event) => {
            if (event.type === 'card.read') {
              off();
              resolve(performance.now());
            }
          });
        });
        const placedAt = performance.now();
        const requestsBefore = requestTimes.length;
        const [toBefore, fromBefore] = [bytesToDevice, bytesFromDevice];
        simulator.placeCard(card.id);
        const readAt = await reads;
        const firstPoll = requestTimes[requestsBefore] ?? placedAt;
        totals.push(readAt - placedAt);
        beyondPoll.push(readAt - firstPoll);
        // Bytes of this placement's exchange (find, select, read), both directions, 10 bits per byte.
        wire.push((((bytesToDevice - toBefore) + (bytesFromDevice - fromBefore)) * 10 * 1000) / BAUD);
        simulator.removeCard();
        await sleep(POLL_MS * 3 + Math.random() * POLL_MS); // removed, and a random phase against the poll
      }
    } finally {
      loop.stop();
      reader.dispose();
      simulator.dispose();
      await driverLink.close();
      await deviceLink.close();
      await pty.dispose();
    }
    const wireMs = median(wire);
    const beyond = median(beyondPoll);
    return {
      figures: [
        { label: `placement → card.read, median of ${PLACEMENTS}`, value: median(totals), unit: 'ms' },
        { label: 'of which after the first poll that saw the card', value: beyond, unit: 'ms' },
        { label: `poll interval`, value: POLL_MS, unit: 'ms' },
        { label: 'wire time of the same bytes at 115200 baud', value: wireMs, unit: 'ms' },
      ],
      ratios: [atMost('read latency beyond the poll wait / wire time', beyond / wireMs, 1.5)],
    };
  },
};

export const samCodecThroughput: Benchmark = {
  name: 'devices: SAM codec decode throughput',
  async run() {
    measureDecodeThroughput(2_000); // warm up
    const measured = measureDecodeThroughput(20_000);
    // Baseline: one XOR pass over the same number of bytes.
    const buffer = new Uint8Array(measured.frameBytes).map((_, i) => i & 0xff);
    const n = 20_000;
    const start = performance.now();
    let x = 0;
    for (let f = 0; f < n; f++) for (let i = 0; i < buffer.length; i++) x ^= buffer[i] ?? 0;
    const xorFramesPerSecond = n / ((performance.now() - start) / 1000);
    if (x === 256) throw new Error('unreachable'); // keeps the loop from being optimised away
    return {
      figures: [
        { label: `full text+photo reply (${measured.frameBytes} B) decoded and validated`, value: measured.framesPerSecond, unit: 'frames/s' },
        { label: 'baseline: XOR checksum pass over the same bytes', value: Math.round(xorFramesPerSecond), unit: 'frames/s' },
        { label: 'replies one 115200-baud line can deliver', value: BAUD / 10 / measured.frameBytes, unit: 'frames/s' },
      ],
      ratios: [
        { label: 'checksum-only speed / full decode speed (information)', value: xorFramesPerSecond / measured.framesPerSecond, target: 'none', met: true },
        atLeast('decode speed / line rate at 115200 baud', measured.framesPerSecond / (BAUD / 10 / measured.frameBytes), 100),
      ],
    };
  },
};

export const receiptEncoding: Benchmark = {
  name: 'devices: receipt encoding',
  async run() {
    const measured = measureReceiptEncoding(5_000);
    const receipt = typicalReceipt();
    const text = [receipt.title, ...receipt.lines.map((l) => JSON.stringify(l)), ...(receipt.footer ?? [])].join('\n');
    const n = 5_000;
    const start = performance.now();
    for (let i = 0; i < n; i++) iconv.encode(text, 'gb18030');
    const iconvPerSecond = n / ((performance.now() - start) / 1000);
    return {
      figures: [
        { label: 'typical 48-column Chinese receipt with QR, encoded', value: measured.receiptsPerSecond, unit: 'receipts/s' },
        { label: 'time per receipt', value: 1000 / measured.receiptsPerSecond, unit: 'ms' },
        { label: 'receipt size', value: measured.avgBytes, unit: 'B' },
        { label: 'baseline: GB18030 conversion of the same text only', value: Math.round(iconvPerSecond), unit: 'receipts/s' },
      ],
      ratios: [
        { label: 'full encoding time / text conversion time (information)', value: iconvPerSecond / measured.receiptsPerSecond, target: 'none', met: true },
        // A 9600-baud printer (the common default) needs ~10 bits per byte on the wire.
        atMost('encoding time / wire time of the receipt at 9600 baud', 1000 / measured.receiptsPerSecond / ((measured.avgBytes * 10 * 1000) / 9600), 0.01),
      ],
    };
  },
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
