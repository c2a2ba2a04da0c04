import { describe, expect, it } from 'vitest';
import { typicalReceipt } from './sampleReceipt.ts';
import { createPrinterHarness } from './testing/printerHarness.ts';

describe('fault: printer stops answering', () => {
  it('status query times out → TIMEOUT after the deadline, job never sent', async () => {
    const h = await createPrinterHarness({ driver: { statusTimeoutMs: 300 } });
    h.simulator.setState({ unresponsive: true });
    let settled = false;
    const pending = h.printer.print(typicalReceipt()).finally(() => {
      settled = true;
    });
    await h.clock.advance(299);
    expect(settled).toBe(false);
    await h.clock.advance(1);
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({ code: 'TIMEOUT', partialPrint: false });
    expect(h.log.some((l) => l.dir === 'job')).toBe(false);
    expect(h.printer.busy).toBe(false);
  });

  it('printer dies during the job → TIMEOUT with partialPrint once the end-of-job deadline passes', async () => {
    const h = await createPrinterHarness({ driver: { jobSettleMs: 1_000, statusTimeoutMs: 300 } });
    const off = h.simulator.onLinePrinted(() => {
      h.simulator.setState({ unresponsive: true });
      off();
    });
    const pending = h.printer.print(typicalReceipt());
    await h.clock.advance(5_000);
    const result = await pending;
    expect(!result.ok && result.error).toMatchObject({ code: 'TIMEOUT', partialPrint: true });
    expect(h.events.at(-1)).toEqual({ type: 'print-failed', code: 'TIMEOUT', partialPrint: true });
  });

  it('status() alone maps the deadline to TIMEOUT', async () => {
    const h = await createPrinterHarness({ driver: { statusTimeoutMs: 300 } });
    h.simulator.setState({ unresponsive: true });
    const pending = h.printer.status();
    await h.clock.advance(300);
    const status = await pending;
    expect(!status.ok && status.error.code).toBe('TIMEOUT');
  });
});
