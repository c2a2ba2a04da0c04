import { describe, expect, it } from 'vitest';
import { typicalReceipt } from './sampleReceipt.ts';
import { createPrinterHarness } from './testing/printerHarness.ts';

describe('fault: offline / device error', () => {
  it('refuses with DEVICE_OFFLINE when the printer reports offline without another cause', async () => {
    const h = await createPrinterHarness();
    h.simulator.setState({ offline: true });
    const result = await h.printer.print(typicalReceipt());
    expect(!result.ok && result.error).toMatchObject({ code: 'DEVICE_OFFLINE', partialPrint: false });
    expect(h.simulator.paper().receipts).toEqual([]);
  });

  it('refuses with DEVICE_ERROR on a cutter error', async () => {
    const h = await createPrinterHarness();
    h.simulator.setState({ cutterError: true });
    const result = await h.printer.print(typicalReceipt());
    expect(!result.ok && result.error).toMatchObject({ code: 'DEVICE_ERROR', partialPrint: false });
    expect(h.simulator.paper().receipts).toEqual([]);
  });

  it('refuses with DEVICE_OFFLINE when the link is not open, without waiting', async () => {
    const h = await createPrinterHarness();
    await h.pair.driverSide.close();
    const result = await h.printer.print(typicalReceipt());
    expect(!result.ok && result.error).toMatchObject({ code: 'DEVICE_OFFLINE', partialPrint: false });
  });
});
