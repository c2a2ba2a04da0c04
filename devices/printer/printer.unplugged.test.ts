import { describe, expect, it } from 'vitest';
import { typicalReceipt } from './sampleReceipt.ts';
import { createPrinterHarness } from './testing/printerHarness.ts';

describe('fault: cable pulled', () => {
  it('link closes mid-job → DEVICE_OFFLINE with partialPrint, at once, no hang', async () => {
    const h = await createPrinterHarness({ driver: { chunkSize: 64 } });
    const off = h.simulator.onLinePrinted(() => {
      off();
      h.pair.unplug();
    });
    const result = await h.printer.print(typicalReceipt());
    expect(!result.ok && result.error).toMatchObject({ code: 'DEVICE_OFFLINE', partialPrint: true });
    expect(h.simulator.paper().receipts[0]?.lines).toHaveLength(1);
    expect(h.printer.busy).toBe(false);
  });

  it('unplugged before the job → DEVICE_OFFLINE, nothing printed', async () => {
    const h = await createPrinterHarness();
    h.pair.unplug();
    const result = await h.printer.print(typicalReceipt());
    expect(!result.ok && result.error).toMatchObject({ code: 'DEVICE_OFFLINE', partialPrint: false });
    expect(h.simulator.paper().receipts).toEqual([]);
  });
});
