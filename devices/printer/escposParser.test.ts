import { describe, expect, it } from 'vitest';
import { EscPosEncoder } from './escposEncoder.ts';
import { isControlOnly, nextToken, summarizeEscPos, type EscPosToken } from './escposParser.ts';

function tokens(bytes: Uint8Array, chinese = true): EscPosToken[] {
  const out: EscPosToken[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const step = nextToken(bytes.subarray(offset), chinese);
    if (step.kind === 'need-more') break;
    out.push(step.token);
    offset += step.consumed;
  }
  return out;
}

describe('ESC/POS tokenizer', () => {
  it('asks for more instead of guessing on a command cut short', () => {
    expect(nextToken(Uint8Array.of(0x1b), true).kind).toBe('need-more');
    expect(nextToken(Uint8Array.of(0x1d, 0x28, 0x6b, 0x1f, 0x00, 0x31), true).kind).toBe('need-more');
    expect(nextToken(Uint8Array.of(0x1d, 0x56, 0x42), true).kind).toBe('need-more');
    // half a 汉字 (d6 of d6d0) cannot be printed yet
    expect(nextToken(Uint8Array.of(0xd6), true).kind).toBe('need-more');
  });

  it('groups 2- and 4-byte GB18030 characters in Chinese mode only', () => {
    const bytes = Uint8Array.of(0xd6, 0xd0, 0x95, 0x32, 0x82, 0x36, 0x41, 0x0a);
    const chinese = tokens(bytes, true);
    expect(chinese[0]).toMatchObject({ kind: 'text' });
    expect(chinese[0]?.bytes.length).toBe(7);
    expect(chinese[1]).toMatchObject({ kind: 'command', name: 'LF' });
  });

  it('records unknown commands with their bytes and carries on', () => {
    const all = tokens(Uint8Array.of(0x1b, 0x7f, 0x41, 0x07, 0x0a));
    expect(all.map((t) => t.kind)).toEqual(['unknown', 'text', 'unknown', 'command']);
  });

  it('reads length-prefixed, computed and NUL-terminated forms whole', () => {
    const raster = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00, 0xff, 0x0a, 0x41);
    expect(tokens(raster).map((t) => (t.kind === 'command' ? t.name : t.kind))).toEqual(['GS v 0', 'text']);
    const barcode = Uint8Array.of(0x1d, 0x6b, 0x04, 0x41, 0x42, 0x00, 0x0a);
    expect(tokens(barcode).map((t) => (t.kind === 'command' ? t.name : t.kind))).toEqual(['GS k', 'LF']);
  });

  it('summarises a job by commands and lengths without any of its text or QR payload', () => {
    const job = new EscPosEncoder().initialize().line('张*丰 341502********1234').qr('https://x.example/secret').cut().encode();
    if (!job.ok) throw new Error('encode failed');
    const summary = summarizeEscPos(job.value);
    expect(summary).toMatch(/^\d+ B: ESC @ ×1, FS & ×1, LF ×1, GS \( k ×5, GS V ×1, text \d+ B, QR data 24 B$/);
    expect(summary).not.toMatch(/1234|secret|张/);
  });

  it('lets only pure control bytes be logged as hex', () => {
    expect(isControlOnly(Uint8Array.of(0x10, 0x04, 0x01))).toBe(true);
    expect(isControlOnly(Uint8Array.of(0x1b, 0x40, 0x41))).toBe(false);
    expect(isControlOnly(Uint8Array.of(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30))).toBe(false);
  });
});
