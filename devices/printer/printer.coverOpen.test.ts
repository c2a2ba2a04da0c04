import { describe, expect, it } from 'vitest';
import { typicalReceipt } from './sampleReceipt.ts';
import { createPrinterHarness } from './testing/printerHarness.ts';

describe('fault: cover open', () => {
  it('refuses with COVER_OPEN and sends nothing', async () => {
    const h = await createPrinterHarness();
    h.simulator.setState({ coverOpen: true });
    const result = await h.printer.print(typicalReceipt());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'COVER_OPEN', partialPrint: false });
    expect(h.simulator.paper().receipts).toEqual([]);
    expect(h.log.some((l) => l.dir === 'job')).toBe(false);
    expect(h.events.at(-1)).toEqual({ type: 'print-failed', code: 'COVER_OPEN', partialPrint: false });
  });

  it('cover opened while the job is on the wire: COVER_OPEN with partialPrint', async () => {
    const h = await createPrinterHarness({ driver: { jobSettleMs: 1_000 }, simulator: { bytesPerSecond: 11_520 } });
    const off = h.simulator.onLinePrinted(() => {
      h.simulator.setState({ coverOpen: true });
      off();
    });
    const pending = h.printer.print(typicalReceipt());
    await h.clock.advance(2_000);
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({ code: 'COVER_OPEN', partialPrint: true });
    expect(h.simulator.paper().receipts[0]?.lines).toHaveLength(1);
  });
});
