import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withIcaoCheck, withMod11_2Check } from './idNumber.ts';
import { NATIONS } from './nations.ts';
import { decodeTextBlock, encodeTextBlock, type IdCard, type ResidentIdCard } from './textBlock.ts';
import { encodeUcs2Field } from './ucs2.ts';
import { T6_CARD, T6_TEXT_SHA256, bytes } from './testing/researchVectors.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const J_CARD: IdCard = {
  type: 'hmt-residence-permit', name: '测试', sex: 'male', birthDate: '1990-01-01', address: '香港特别行政区测试道1号',
  idNumber: '810000199001010019', issuer: '北京市公安局测试分局', validFrom: '2020-01-01', validTo: '2025-01-01',
  passNumber: 'H12345678', issueCount: '01',
};
const I_CARD: IdCard = {
  type: 'foreign-permanent-resident-2017', englishName: 'TEST, SAMPLE', chineseName: '测试', sex: 'male',
  permitNumber: 'USA110080010111', nationality: 'USA', birthDate: '1980-01-01', validFrom: '2015-01-01',
  validTo: '2025-01-01', cardVersion: '01', authorityCode: '1100',
};
const Y_CARD: IdCard = {
  type: 'foreign-permanent-resident-2023', chineseName: '测试', englishName: 'SAMPLE TEST', sex: 'female', renewalCount: '01',
  birthDate: '1980-01-01', idNumber: '911840198001010021', validFrom: '2024-01-01', validTo: '2034-01-01',
  nationality: 'USA', previousCardLink: '',
};

describe('text block: research vectors (byte exact both ways)', () => {
  it.each<[string, IdCard, string]>([
    ['resident (T6)', T6_CARD, T6_TEXT_SHA256],
    ['HK/Macao/Taiwan permit J', J_CARD, '4b9b01c8d839a3ba0cb4f769c40b42784dfa9a6ffadc650ac79019c558854360'],
    ['foreign PR I', I_CARD, 'e1af198f3e8fbea54dada476b58b81d7491a0679fa28247a46cdaec0a570a604'],
    ['foreign PR Y (2023)', Y_CARD, 'fc6f448979ab6c811517e56c5eccdd04c3865bc94ca76420413fd7746ee92ab9'],
  ])('%s encodes to the published SHA-256 and decodes back', (_label, card, hash) => {
    const block = encodeTextBlock(card);
    expect(sha(block)).toBe(hash);
    expect(decodeTextBlock(block)).toEqual({ ok: true, value: card });
  });

  it('writes 长期 as 7F 95 1F 67 + six spaces and the T6 head as published', () => {
    const block = encodeTextBlock(T6_CARD);
    expect(block.subarray(204, 220)).toEqual(bytes('7F 95 1F 67 20 00 20 00 20 00 20 00 20 00 20 00'));
    expect(block.subarray(0, 6)).toEqual(bytes('20 5F 09 4E 20 00'));
    expect(block.subarray(30, 36)).toEqual(bytes('32 00 30 00 31 00'));
  });
});

describe('text block: decoding rules', () => {
  it('strips trailing NUL padding as well as spaces, but keeps spaces inside foreign names', () => {
    const block = encodeTextBlock(I_CARD);
    for (let i = 0 + 2 * 'TEST, SAMPLE'.length; i < 120; i += 2) {
      block[i] = 0;
      block[i + 1] = 0;
    }
    const decoded = decodeTextBlock(block);
    expect(decoded.ok && decoded.value.type === 'foreign-permanent-resident-2017' && decoded.value.englishName).toBe('TEST, SAMPLE');
  });

  it('joins a 2023-card English name that runs over both fields without losing a space', () => {
    const englishName = 'MONTGOMERY-WILLIAMSON ALEXANDRA, MARIA'; // 38 chars: space at 35 boundary region
    const card = { ...Y_CARD, englishName };
    expect(decodeTextBlock(encodeTextBlock(card))).toEqual({ ok: true, value: card });
  });

  it('decodes every nation code to its name', () => {
    for (const [code, name] of NATIONS) {
      const decoded = decodeTextBlock(encodeTextBlock({ ...T6_CARD, nationCode: code }));
      expect(decoded.ok && decoded.value.type === 'resident' && decoded.value.nation).toMatch(new RegExp(`^${name}`));
    }
  });

  function tampered(edit: (block: Uint8Array) => void, base: IdCard = T6_CARD) {
    const block = encodeTextBlock(base);
    edit(block);
    return decodeTextBlock(block);
  }

  it.each<[string, (b: Uint8Array) => void]>([
    ['wrong check digit', (b) => encodeUcs2Field(b, 122, 36, '110105194912310021')],
    ['number says another birth date', (b) => encodeUcs2Field(b, 122, 36, withMod11_2Check('11010519500101002'))],
    ['number says male, card says female', (b) => encodeUcs2Field(b, 122, 36, withMod11_2Check('11010519491231001'))],
    ['number from outside the mainland on a resident card', (b) => encodeUcs2Field(b, 122, 36, withMod11_2Check('81000019491231002'))],
    ['unknown nation code', (b) => encodeUcs2Field(b, 32, 4, '57')],
    ['invalid sex code', (b) => encodeUcs2Field(b, 30, 2, '3')],
    ['impossible birth date', (b) => encodeUcs2Field(b, 36, 16, '19490231')],
    ['valid-to before valid-from', (b) => encodeUcs2Field(b, 204, 16, '20100101')],
    ['garbled 长期', (b) => encodeUcs2Field(b, 204, 16, '长')],
    ['empty name', (b) => encodeUcs2Field(b, 0, 30, '')],
  ])('refuses a resident card with %s as invalid-card-data', (_label, edit) => {
    const decoded = tampered(edit);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.error.kind).toBe('invalid-card-data');
      expect(decoded.error.zh).toMatch(/证件信息无效/);
      expect(decoded.error.retryable).toBe(false);
    }
  });

  it('refuses foreign and permit cards whose numbers do not check out', () => {
    expect(tampered((b) => encodeUcs2Field(b, 122, 30, 'USA110080010112'), I_CARD).ok).toBe(false);
    expect(tampered((b) => encodeUcs2Field(b, 152, 6, 'CAN'), I_CARD).ok).toBe(false);
    expect(tampered((b) => encodeUcs2Field(b, 122, 30, withIcaoCheck('USA11008101011')), I_CARD).ok).toBe(false);
    expect(tampered((b) => encodeUcs2Field(b, 122, 36, '911840198001010022'), Y_CARD).ok).toBe(false);
    expect(tampered((b) => encodeUcs2Field(b, 220, 18, 'X1234'), J_CARD).ok).toBe(false);
    expect(tampered((b) => encodeUcs2Field(b, 122, 36, withMod11_2Check('11010519900101001')), J_CARD).ok).toBe(false);
  });

  it('refuses a block of the wrong size', () => {
    expect(decodeTextBlock(new Uint8Array(255)).ok).toBe(false);
  });

  it('round-trips any valid resident card', () => {
    const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const han = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(han, fc.constantFrom('male', 'female'), fc.constantFrom(...NATIONS.keys()), date, fc.integer({ min: 0, max: 49 }), han, fc.boolean(), (name, sex, nationCode, birth, seq, issuer, longTerm) => {
        const seqDigits = String(seq * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
        const card: ResidentIdCard = {
          type: 'resident', name, sex, nationCode, nation: '', birthDate: birth as ResidentIdCard['birthDate'],
          address: `安徽省六安市${name}路1号`.slice(0, 35), idNumber: withMod11_2Check(`341502${birth.replaceAll('-', '')}${seqDigits}`),
          issuer, validFrom: '2031-01-01', validTo: longTerm ? 'long-term' : '2041-01-01',
        };
        const decoded = decodeTextBlock(encodeTextBlock(card));
        expect(decoded.ok).toBe(true);
        if (decoded.ok) expect({ ...decoded.value, nation: '' }).toEqual(card);
      }),
      { numRuns: 200 },
    );
  });
});
