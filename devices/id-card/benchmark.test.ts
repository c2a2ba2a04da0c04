import { describe, expect, it } from 'vitest';
import { measureDecodeThroughput } from './benchmark.ts';

describe('measureDecodeThroughput', () => {
  it('decodes full 1295-byte text+photo replies into validated cards and reports a rate', () => {
    const result = measureDecodeThroughput(200);
    expect(result.frameBytes).toBe(1295);
    // A reader delivers at most ~9 such frames per second at 115200 baud; the codec must be far faster.
    expect(result.framesPerSecond).toBeGreaterThan(100);
    expect(result.bytesPerSecond).toBe(result.framesPerSecond * 1295);
  });
});
