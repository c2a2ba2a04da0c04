import { describe, expect, it } from 'vitest';
import { typicalReceipt } from './sampleReceipt.ts';
import { createPrinterHarness } from './testing/printerHarness.ts';

describe('fault: paper out', () => {
  it('refuses before sending the job: PAPER_OUT, nothing on paper, counted as paper-out and failure', async () => {
    const h = await createPrinterHarness();
    h.simulator.setState({ paperOut: true });
    const result = await h.printer.print(typicalReceipt());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'PAPER_OUT', partialPrint: false });
    expect(h.simulator.paper().receipts).toEqual([]);
    expect(h.simulator.record().discardedBytes).toBe(0); // the job was never sent
    expect(h.events.map((e) => e.type)).toEqual(['status', 'paper-out', 'print-failed']);
  });

  it('paper running out mid-job: PAPER_OUT with partialPrint, no hang', async () => {
    const h = await createPrinterHarness({ driver: { jobSettleMs: 2_000 } });
    h.simulator.setState({ paperRemainingLines: 4 });
    const pending = h.printer.print(typicalReceipt());
    await h.clock.advance(3_000);
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'PAPER_OUT', partialPrint: true });
    expect(h.simulator.paper().receipts[0]?.lines).toHaveLength(4);
    expect(h.simulator.paper().receipts[0]?.cutAt).toBeNull();
    expect(h.events.map((e) => e.type)).toContain('paper-out');
  });

  it('prints again once paper is loaded', async () => {
    const h = await createPrinterHarness();
    h.simulator.setState({ paperOut: true });
    expect((await h.printer.print(typicalReceipt())).ok).toBe(false);
    h.simulator.setState({ paperOut: false, paperNearEnd: false });
    expect((await h.printer.print(typicalReceipt())).ok).toBe(true);
    expect(h.simulator.paper().receipts).toHaveLength(1);
  });
});
