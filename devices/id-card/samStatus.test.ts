import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../contract/result.ts';
import { SAM_STATUS_TABLE, errorForStatus, samStatusInfo, toKioskError } from './samStatus.ts';

describe('SW3 status table', () => {
  it('covers every code in research §3 with Chinese and English text', () => {
    const listed = [0x90, 0x91, 0x9f, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x34, 0x37, 0x3f, 0x40, 0x41, 0x47, 0x50, 0x60, 0x61, 0x66, 0x80, 0x81];
    expect([...SAM_STATUS_TABLE.keys()].sort((a, b) => a - b)).toEqual(listed.sort((a, b) => a - b));
    for (const info of SAM_STATUS_TABLE.values()) {
      expect(info.zh).toMatch(/\p{Script=Han}/u);
      expect(info.en).toMatch(/[a-z]/);
    }
  });

  it.each([
    [0x80, 'no-card', 'NO_CARD', true],
    [0x81, 'card-rejected', 'CARD_READ_FAILED', true],
    [0x41, 'card-rejected', 'CARD_READ_FAILED', true],
    [0x91, 'no-content', 'NOT_FOUND', true],
    [0x60, 'sam-fault', 'DEVICE_ERROR', false],
    [0x66, 'sam-fault', 'DEVICE_ERROR', false],
    [0x10, 'command-rejected', 'DEVICE_ERROR', true],
    [0x21, 'command-rejected', 'DEVICE_ERROR', true],
  ])('0x%s maps to kind %s / contract %s (retryable %s)', (sw3, kind, code, retryable) => {
    const error = errorForStatus(sw3);
    expect(error).toMatchObject({ kind, sw3, retryable });
    expect(toKioskError(error).code).toBe(code);
    expect(ERROR_CODES).toContain(code);
    expect(toKioskError(error).message).toContain(`0x${sw3.toString(16).toUpperCase().padStart(2, '0')}`);
  });

  it('treats an unknown status as a SAM fault with its code in the text', () => {
    expect(samStatusInfo(0xee).class).toBe('sam');
    expect(errorForStatus(0xee)).toMatchObject({ kind: 'sam-fault', sw3: 0xee });
    expect(errorForStatus(0xee).zh).toContain('0xEE');
  });
});
