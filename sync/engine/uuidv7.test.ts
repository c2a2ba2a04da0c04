import { describe, expect, it } from 'vitest';
import { UUID_V7 } from '../protocol/commands.ts';
import { createUuidV7 } from './uuidv7.ts';

describe('uuidv7', () => {
  it('is a valid UUIDv7 carrying the timestamp', () => {
    const id = createUuidV7(() => 0x0190a6e01234)();
    expect(id).toMatch(UUID_V7);
    expect(id.startsWith('0190a6e0-1234-7')).toBe(true);
  });

  it('keeps increasing within one millisecond and when the clock steps back', () => {
    let now = 1_800_000_000_000;
    const next = createUuidV7(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i === 2500) now -= 60_000; // NTP step backwards
      ids.push(next());
    }
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
