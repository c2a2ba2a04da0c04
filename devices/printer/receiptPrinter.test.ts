import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { personal, type Receipt } from './receipt.ts';
import { typicalReceipt } from './sampleReceipt.ts';
import { TEST_PAGE_CHINESE_LINE } from './testPage.ts';
import { createPrinterHarness } from './testing/printerHarness.ts';

describe('ReceiptPrinter', () => {
  it('prints a receipt after a clean status check and confirms it with the end-of-job answer', async () => {
    const h = await createPrinterHarness();
    const result = await h.printer.print(typicalReceipt());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.printed).toBe(true);
    expect(result.value.bytes).toBeGreaterThan(500);
    expect(result.value.statusAfter?.online).toBe(true);

    const paper = h.simulator.paper();
    expect(paper.receipts).toHaveLength(1);
    expect(paper.receipts[0]?.lines[0]?.text).toBe('六安市政务服务中心');
    expect(paper.receipts[0]?.cutAt?.mode).toBe('partial');
    // DLE EOT 1–4 before the job and again after it
    expect(h.simulator.record().statusQueries).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(h.events.filter((e) => e.type === 'printed')).toHaveLength(1);
  });

  it('reports the job duration on the device clock (paced at 115200 baud)', async () => {
    const h = await createPrinterHarness({ simulator: { bytesPerSecond: 11_520 } });
    const pending = h.printer.print(typicalReceipt());
    await h.clock.advance(1_000);
    const result = await pending;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // ~750 bytes at 11.5 kB/s ≈ 65 ms of wire time, plus the status round trips
    expect(result.value.durationMs).toBeGreaterThanOrEqual(Math.floor((result.value.bytes / 11_520) * 1000));
    expect(result.value.durationMs).toBeLessThan(200);
  });

  it('refuses unprintable text before anything is sent', async () => {
    const h = await createPrinterHarness();
    const receipt: Receipt = { title: '测试', lines: [{ kind: 'field', label: '备注', value: '好评👍' }] };
    const result = await h.printer.print(receipt);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'UNPRINTABLE_TEXT', partialPrint: false, field: 'lines.0.value' });
    expect(result.error.characters).toEqual([{ char: '👍', codePoint: 'U+1F44D', index: 2, field: 'lines.0.value' }]);
    expect(h.log.filter((l) => l.dir === 'tx')).toEqual([]);
    expect(h.simulator.record().statusQueries).toEqual([]);
    expect(h.events).toEqual([{ type: 'print-failed', code: 'UNPRINTABLE_TEXT', partialPrint: false }]);
  });

  it('logs command bytes and lengths but never the receipt text or personal data', async () => {
    const h = await createPrinterHarness();
    await h.printer.print({ ...typicalReceipt(), lines: [{ kind: 'field', label: '申请人', value: personal.name('李四海') }] });
    const job = h.log.find((l) => l.dir === 'job');
    expect(job?.summary).toMatch(/ESC @ ×1.*text \d+ B.*QR data \d+ B/);
    expect(h.log.some((l) => l.dir === 'tx' && l.hex === '10 04 01')).toBe(true);
    const everything = JSON.stringify(h.log);
    const gbHex = (s: string) => Buffer.from(iconv.encode(s, 'gb18030')).toString('hex').replace(/(..)/g, '$1 ').trim();
    for (const secret of ['李', '六安', 'zwfw', 'A023']) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(gbHex('李*海'));
    expect(everything).not.toContain(gbHex('六安'));
  });

  it('prints the technician test page', async () => {
    const h = await createPrinterHarness();
    const result = await h.printer.printTestPage({ kioskName: '1号机', hall: '一楼大厅', kioskId: 'K1', printedAt: new Date(0) });
    expect(result.ok).toBe(true);
    expect(h.simulator.paper().receipts[0]?.lines.map((l) => l.text)).toContain(TEST_PAGE_CHINESE_LINE);
    expect(h.simulator.paper().receipts[0]?.qrPayloads[0]).toMatch(/^KIOSK-TEST:K1:0$/);
  });

  it('runs one job at a time: a second print while busy gets DEVICE_BUSY and nothing extra prints', async () => {
    const h = await createPrinterHarness();
    const first = h.printer.print(typicalReceipt());
    const second = await h.printer.print(typicalReceipt());
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error).toMatchObject({ code: 'DEVICE_BUSY', partialPrint: false });
    expect((await h.printer.status()).ok).toBe(false); // no status query lands inside a job
    expect((await first).ok).toBe(true);
    expect(h.simulator.paper().receipts).toHaveLength(1);
    expect((await h.printer.status()).ok).toBe(true);
  });

  it('warns about paper near end after a successful job', async () => {
    const h = await createPrinterHarness();
    h.simulator.setState({ paperNearEnd: true });
    const result = await h.printer.print(typicalReceipt());
    expect(result.ok).toBe(true);
    expect(h.events.map((e) => e.type)).toContain('paper-near-end');
  });

  it('reads the status on demand', async () => {
    const h = await createPrinterHarness();
    h.simulator.setState({ cutterError: true });
    const status = await h.printer.status();
    expect(status.ok && status.value).toMatchObject({ online: false, cutterError: true, paperEnd: false });
  });
});
