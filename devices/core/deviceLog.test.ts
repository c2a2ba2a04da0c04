import { describe, expect, it } from 'vitest';
import { DeviceLog } from './deviceLog.ts';

describe('DeviceLog', () => {
  it('keeps the last N entries, oldest first', () => {
    let t = 0;
    const log = new DeviceLog(() => ++t, 3);
    for (let i = 1; i <= 5; i++) log.event(`e${i}`);
    expect(log.entries().map((e) => e.text)).toEqual(['e3', 'e4', 'e5']);
    expect(log.entries().map((e) => e.at)).toEqual([3, 4, 5]);
    expect(log.size).toBe(3);
  });

  it('records hex for frames and masks ID and phone numbers that slip into a text', () => {
    const log = new DeviceLog(() => 0);
    const entry = log.add('rx', '读卡成功 342401199001011234 手机 13812345678', Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69));
    expect(entry.hex).toBe('aa aa aa 96 69');
    expect(entry.text).not.toContain('342401199001011234');
    expect(entry.text).not.toContain('13812345678');
    expect(entry.text).toContain('1234');
  });
});
