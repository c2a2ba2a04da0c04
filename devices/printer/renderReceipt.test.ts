import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { maskPersonalDataInText } from '../../contract/privacy.ts';
import { personal, type Receipt, type ReceiptLine } from './receipt.ts';
import { renderReceipt } from './renderReceipt.ts';
import { typicalReceipt } from './sampleReceipt.ts';
import { TEST_PAGE_CHINESE_LINE, testPageReceipt } from './testPage.ts';
import { printOnVirtualPaper } from './testing/printerHarness.ts';

function bytesOf(receipt: Receipt, widthChars: 32 | 48 = 48): Uint8Array {
  const r = renderReceipt(receipt, { widthChars });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('renderReceipt → simulator → virtual paper', () => {
  it('prints a typical receipt: large bold title, label/value fields filling the line, QR, footer, cut', async () => {
    const { paper, record } = await printOnVirtualPaper(bytesOf(typicalReceipt()));
    expect(record.unknown).toEqual([]);
    expect(record.warnings).toEqual([]);
    expect(paper.receipts).toHaveLength(1);
    const [receipt] = paper.receipts;
    if (receipt === undefined) throw new Error('no receipt');
    const texts = receipt.lines.map((l) => l.text);

    expect(receipt.lines[0]).toMatchObject({ text: '六安市政务服务中心', bold: true, align: 'center', size: { width: 2, height: 2 } });
    expect(receipt.lines[1]).toMatchObject({ text: '办件回执', bold: false, align: 'center', size: { width: 1, height: 1 } });
    expect(receipt.lines.find((l) => l.text === 'A023')).toMatchObject({ bold: true, size: { width: 2, height: 2 }, align: 'center' });

    const field = receipt.lines.find((l) => l.text.startsWith('办理事项'));
    expect(field?.text).toMatch(/^办理事项 +户籍证明开具$/);
    expect(field?.columns).toBe(48);
    expect(field?.align).toBe('left');

    expect(texts.some((t) => /^申请人 +张\*丰$/.test(t))).toBe(true);
    expect(texts.some((t) => t.endsWith('341502********1234'))).toBe(true);
    expect(texts.some((t) => t.endsWith('138****5678'))).toBe(true);
    expect(receipt.qrPayloads).toEqual(['https://zwfw.luan.gov.cn/q?t=A023&d=20250308']);
    expect(texts).toContain('扫码查询办理进度');
    expect(receipt.lines.at(-1)).toMatchObject({ text: '六安市数据资源管理局', align: 'center' });
    expect(receipt.cutAt?.mode).toBe('partial');
    for (const line of receipt.lines) expect(line.columns).toBeLessThanOrEqual(48);
  });

  it('never puts the unmasked personal data into the bytes', () => {
    const decoded = iconv.decode(Buffer.from(bytesOf(typicalReceipt())), 'gb18030');
    expect(decoded).not.toContain('199001011234');
    expect(decoded).not.toContain('张三丰');
    expect(decoded).not.toContain('12345678');
  });

  it('masks ID and mobile numbers that slipped into plain text (last line of defence)', async () => {
    const receipt: Receipt = { title: '回执', lines: [{ kind: 'text', text: '证件 341502199001011234 电话 13812345678' }] };
    const { paper } = await printOnVirtualPaper(bytesOf(receipt));
    const text = paper.receipts[0]?.lines.map((l) => l.text).join('\n') ?? '';
    expect(text).toContain('341502********1234');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('199001011234');
  });

  it('fits 58 mm paper (32 columns): long values wrap under their label', async () => {
    const receipt: Receipt = {
      title: '六安市政务服务中心自助终端',
      lines: [{ kind: 'field', label: '办理事项', value: '城乡居民基本养老保险参保登记及个人权益记录查询打印' }],
    };
    const { paper, record } = await printOnVirtualPaper(bytesOf(receipt, 32), 32);
    expect(record.warnings).toEqual([]);
    const lines = paper.receipts[0]?.lines ?? [];
    const labelAt = lines.findIndex((l) => l.text === '办理事项');
    expect(labelAt).toBeGreaterThan(0);
    expect(lines[labelAt + 1]?.text.startsWith('  城乡居民')).toBe(true);
    expect(lines.slice(labelAt + 1, labelAt + 3).map((l) => l.text.trim()).join('')).toBe('城乡居民基本养老保险参保登记及个人权益记录查询打印');
    for (const line of lines) expect(line.columns).toBeLessThanOrEqual(32);
  });

  it('refuses the receipt with every unprintable character and where it is', () => {
    const receipt: Receipt = {
      title: '取号成功🎉',
      lines: [
        // the rare character of a name is masked away before the check: 王*明 prints fine
        { kind: 'field', label: '姓名', value: personal.name('王𠀀明') },
        { kind: 'text', text: '地址：𠀀村' },
      ],
      footer: ['谢谢☕'],
    };
    const r = renderReceipt(receipt, { widthChars: 48 });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'UNPRINTABLE_TEXT') throw new Error('expected UNPRINTABLE_TEXT');
    expect(r.error.characters.map((c) => [c.field, c.index, c.codePoint])).toEqual([
      ['title', 4, 'U+1F389'],
      ['lines.1.text', 3, 'U+20000'],
      ['footer.0', 2, 'U+2615'],
    ]);
  });

  it('prints the technician test page with the Chinese test line and a QR', async () => {
    const page = testPageReceipt({ kioskName: '金安区1号机', hall: '六安市政务服务中心一楼', kioskId: 'LA-001', printedAt: new Date('2025-03-08T06:05:09Z') });
    const { paper, record } = await printOnVirtualPaper(bytesOf(page));
    expect(record.warnings).toEqual([]);
    const texts = paper.receipts[0]?.lines.map((l) => l.text) ?? [];
    expect(texts).toContain(TEST_PAGE_CHINESE_LINE);
    expect(texts.some((t) => /^时间 +2025-03-08 14:05:09$/.test(t))).toBe(true);
    expect(paper.receipts[0]?.qrPayloads).toEqual([`KIOSK-TEST:LA-001:${Date.parse('2025-03-08T06:05:09Z')}`]);
  });
});

// --- property: random printable receipts come back with the same text ---------------------------

const asciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
/** GB2312 level-1 汉字 (rows B0–D6 are complete), so every generated character is printable. */
const hanChar = fc
  .tuple(fc.integer({ min: 0xb0, max: 0xd6 }), fc.integer({ min: 0xa1, max: 0xfe }))
  .map(([lead, trail]) => iconv.decode(Buffer.from([lead, trail]), 'gb18030'));
const printableString = (maxLength: number) =>
  fc.array(fc.oneof(asciiChar, hanChar, hanChar), { minLength: 1, maxLength }).map((chars) => chars.join(''));
const visible = (text: string): string => text.replace(/ /g, '');

const receiptLine: fc.Arbitrary<ReceiptLine> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: printableString(80) }),
  fc.record({ kind: fc.constant('emphasis' as const), text: printableString(30), large: fc.boolean() }),
  fc.record({ kind: fc.constant('field' as const), label: printableString(6), value: printableString(40) }),
);

describe('round trip property', () => {
  it('random Chinese/ASCII receipts print the same visible text, within the paper width', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<32 | 48>(32, 48),
        printableString(20),
        fc.array(receiptLine, { minLength: 1, maxLength: 6 }),
        fc.string({ unit: fc.constantFrom(...'abcXYZ0123:/?=&'.split('')), minLength: 1, maxLength: 60 }),
        async (width, title, lines, payload) => {
          const receipt: Receipt = { title, lines, qr: { payload } };
          const { paper, record } = await printOnVirtualPaper(bytesOf(receipt, width), width);
          expect(record.unknown).toEqual([]);
          expect(record.warnings).toEqual([]);
          const printed = paper.receipts[0];
          expect(paper.receipts).toHaveLength(1);
          const expected = [title, ...lines.flatMap((l): string[] => (l.kind === 'field' ? [l.label, typeof l.value === 'string' ? l.value : l.value.masked] : 'text' in l ? [l.text] : []))]
            .map((t) => visible(maskPersonalDataInText(t)))
            .join('');
          const rule = new RegExp(`^-{${width}}$`);
          const got = (printed?.lines ?? []).filter((l) => !rule.test(l.text)).map((l) => visible(l.text)).join('');
          expect(got).toBe(expected);
          for (const line of printed?.lines ?? []) expect(line.columns).toBeLessThanOrEqual(width);
          expect(printed?.qrPayloads).toEqual([payload]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
