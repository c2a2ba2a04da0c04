/**
 * Encoding speed for the lead's benchmark table: how many typical Chinese receipts with a QR code
 * `renderReceipt` turns into bytes per second, and their size. Not a test.
 * Runtime: plain Node.
 */
import { performance } from 'node:perf_hooks';
import { renderReceipt } from './renderReceipt.ts';
import { typicalReceipt } from './sampleReceipt.ts';

export interface EncodingMeasurement {
  receiptsPerSecond: number;
  avgBytes: number;
}

export function measureReceiptEncoding(n: number, widthChars: 32 | 48 = 48): EncodingMeasurement {
  const count = Math.max(1, Math.trunc(n));
  const receipt = typicalReceipt();
  renderReceipt(receipt, { widthChars }); // warm the character cache and the JIT
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const result = renderReceipt(receipt, { widthChars });
    if (!result.ok) throw new Error(`sample receipt does not encode: ${result.error.message}`);
    bytes += result.value.length;
  }
  const seconds = (performance.now() - start) / 1000;
  return { receiptsPerSecond: Math.round(count / Math.max(seconds, 1e-9)), avgBytes: Math.round(bytes / count) };
}
