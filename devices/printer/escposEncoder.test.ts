import { describe, expect, it } from 'vitest';
import * as cmd from './escposCommands.ts';
import { EscPosEncoder } from './escposEncoder.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): string => text.replace(/[\s|]/g, '');

describe('ESC/POS commands, byte for byte (printing.md §1)', () => {
  it('initialise, Chinese mode on/off, align, bold, size, underline, feeds', () => {
    expect(hex(cmd.initialize())).toBe('1b40');
    expect(hex(cmd.chineseMode(true))).toBe('1c26');
    expect(hex(cmd.chineseMode(false))).toBe('1c2e');
    expect(hex(cmd.align('left'))).toBe('1b6100');
    expect(hex(cmd.align('center'))).toBe('1b6101');
    expect(hex(cmd.align('right'))).toBe('1b6102');
    expect(hex(cmd.bold(true))).toBe('1b4501');
    expect(hex(cmd.bold(false))).toBe('1b4500');
    expect(hex(cmd.characterSize(2, 2))).toBe('1d2111');
    expect(hex(cmd.characterSize(1, 1))).toBe('1d2100');
    expect(hex(cmd.characterSize(3, 1))).toBe('1d2120');
    expect(hex(cmd.characterSize(1, 8))).toBe('1d2107');
    expect(hex(cmd.underline(1))).toBe('1b2d011c2d01');
    expect(hex(cmd.lineFeed())).toBe('0a');
    expect(hex(cmd.feedLines(3))).toBe('1b6403');
  });

  it('cut: feed-and-cut (GS V 65/66 n) and immediate cut (GS V 0/1)', () => {
    expect(hex(cmd.cut('partial', 3))).toBe('1d564203');
    expect(hex(cmd.cut('full', 0))).toBe('1d564100');
    expect(hex(cmd.cut('partial'))).toBe('1d5601');
    expect(hex(cmd.cut('full'))).toBe('1d5600');
  });

  it('status queries DLE EOT 1–4 and the GS r 1 end-of-job marker', () => {
    expect([1, 2, 3, 4].map((n) => hex(cmd.realtimeStatusQuery(n as cmd.StatusQuery)))).toEqual(['100401', '100402', '100403', '100404']);
    expect(hex(cmd.transmitPaperStatus())).toBe('1d7201');
  });

  it('QR store length is data BYTES + 3, low byte first, also above 255 bytes', () => {
    const long = new Uint8Array(300).fill(0x41);
    const bytes = cmd.qrCode(long);
    // store header: 1d 28 6b pL pH 31 50 30 with 303 = 0x012f
    const store = hex(bytes).indexOf('315030');
    expect(hex(bytes).slice(store - 4, store)).toBe('2f01');
    expect(() => cmd.qrCode(new Uint8Array(0))).toThrow(RangeError);
    expect(() => cmd.qrCode(new Uint8Array(cmd.QR_MAX_DATA_BYTES + 1))).toThrow(RangeError);
  });
});

describe('EscPosEncoder', () => {
  it('reproduces the research prototype ticket exactly (printing.md Appendix A)', () => {
    const url = 'https://gov.example/q?t=A023';
    const result = new EscPosEncoder()
      .initialize()
      .align('center')
      .size(2, 2)
      .bold(true)
      .line('排队号 A023')
      .size(1, 1)
      .bold(false)
      .qr(url, { model: 2, moduleSize: 6, errorCorrection: 'M' })
      .cut('partial', 3)
      .encode();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = fromHex(`
      1b40 1c26
      1b6101 1d2111 1b4501
      c5c5 b6d3 bac5 20 41303233 0a
      1d2100 1b4500
      1d286b 0400 3141 3200
      1d286b 0300 3143 06
      1d286b 0300 3145 31
      1d286b 1f00 315030 ${Buffer.from(url, 'ascii').toString('hex')}
      1d286b 0300 315130
      1d5642 03`);
    expect(hex(result.value)).toBe(expected);
  });

  it('refuses the whole job on an unprintable character, naming each one with field and position', () => {
    const result = new EscPosEncoder().initialize().line('取号成功😀', 'title').line('OK').line('王𠀀明', 'lines.2.value').encode();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('UNPRINTABLE_TEXT');
    expect(result.error.field).toBe('title');
    if (result.error.code !== 'UNPRINTABLE_TEXT') return;
    expect(result.error.characters).toEqual([
      { char: '😀', codePoint: 'U+1F600', index: 4, field: 'title' },
      { char: '𠀀', codePoint: 'U+20000', index: 1, field: 'lines.2.value' },
    ]);
    expect(result.error.message).toContain('U+1F600');
  });

  it('never writes iconv-lite\'s silent "?" for a character it cannot encode', () => {
    const result = new EscPosEncoder({ charset: 'gb2312' }).text('堃').encode();
    expect(result.ok).toBe(false);
    const fine = new EscPosEncoder().text('a?b').encode();
    expect(fine.ok && hex(fine.value)).toBe('613f62'); // a real question mark is still printable
  });

  it('keeps QR payloads to printable ASCII and rejects empty payloads', () => {
    const chinese = new EscPosEncoder().qr('办事A1').encode();
    expect(!chinese.ok && chinese.error.code).toBe('UNPRINTABLE_TEXT');
    const empty = new EscPosEncoder().qr('').encode();
    expect(!empty.ok && empty.error.code).toBe('INVALID_ARGUMENT');
  });

  it('can leave Chinese mode with FS .', () => {
    const result = new EscPosEncoder().initialize().chineseMode(false).encode();
    expect(result.ok && hex(result.value)).toBe('1b401c261c2e');
  });
});
