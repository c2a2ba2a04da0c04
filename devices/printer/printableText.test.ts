import { describe, expect, it } from 'vitest';
import { displayWidth, encodePrintableChar, encodePrintableText, normaliseForPrinter } from './printableText.ts';

const hex = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : Buffer.from(bytes).toString('hex'));

describe('printable set (printing.md §2)', () => {
  it('encodes ASCII as itself and 汉字 as GB18030 (中 = d6d0)', () => {
    const r = encodePrintableText('中A', { charset: 'gbk' });
    expect(r.ok && hex(r.bytes)).toBe('d6d041');
    expect(r.ok && r.columns).toBe(3);
  });

  it('gb2312 fonts lack GBK name characters such as 堃; gbk fonts have them', () => {
    expect(hex(encodePrintableChar('堃', { charset: 'gbk' }))).toBe('88d2');
    expect(encodePrintableChar('堃', { charset: 'gb2312' })).toBeUndefined();
    expect(hex(encodePrintableChar('中', { charset: 'gb2312' }))).toBe('d6d0');
    expect(hex(encodePrintableChar('·', { charset: 'gb2312' }))).toBe('a1a4');
  });

  it('4-byte codes only with the gb18030 capability, and then only for 汉字, never emoji', () => {
    expect(encodePrintableChar('㐀', { charset: 'gbk' })).toBeUndefined();
    expect(hex(encodePrintableChar('㐀', { charset: 'gb18030' }))).toBe('8139ee39');
    expect(hex(encodePrintableChar('𠀀', { charset: 'gb18030' }))).toBe('95328236');
    expect(encodePrintableChar('😀', { charset: 'gb18030' })).toBeUndefined();
  });

  it('rejects control characters, private-use code points and characters the model is known to lack', () => {
    expect(encodePrintableChar('\n', { charset: 'gbk' })).toBeUndefined();
    expect(encodePrintableChar('\u001b', { charset: 'gbk' })).toBeUndefined();
    expect(encodePrintableChar('\ue000', { charset: 'gb18030' })).toBeUndefined();
    expect(encodePrintableChar('喆', { charset: 'gbk', deny: new Set(['喆']) })).toBeUndefined();
  });

  it('lists every offending character with its code-point position', () => {
    const r = encodePrintableText('A😀中\u0007𠀀', { charset: 'gbk' }, 'footer.0');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.unprintable.map((u) => [u.char, u.index, u.codePoint, u.field])).toEqual([
      ['😀', 1, 'U+1F600', 'footer.0'],
      ['\u0007', 3, 'U+0007', 'footer.0'],
      ['𠀀', 4, 'U+20000', 'footer.0'],
    ]);
  });

  it('normalises ¥ to ￥ (a3a4) so 2-byte printers do not print "0 6" (node-escpos #332)', () => {
    expect(normaliseForPrinter('¥192.00 • x')).toBe('￥192.00 · x');
    const r = encodePrintableText('¥1', { charset: 'gbk' });
    expect(r.ok && hex(r.bytes)).toBe('a3a431');
  });

  it('measures display width: 汉字 and full-width symbols 2 columns, ASCII 1', () => {
    expect(displayWidth('六安ABC')).toBe(7);
    expect(displayWidth('：')).toBe(2);
  });
});
