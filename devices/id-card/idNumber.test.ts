import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icaoCheckDigit, isValidForeignPermitNumber15, isValidMod11_2Number, mod11_2CheckChar } from './idNumber.ts';

describe('MOD 11-2 (GB 11643)', () => {
  it.each([
    ['11010519491231002X', true],
    ['440524188001010014', true],
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['11010519491231002', false],
    ['11010519491231002X ', false],
    ['1101051949123100X2', false],
    ['A10105194912310021', false],
  ])('%s valid = %s (research T8)', (id, valid) => {
    expect(isValidMod11_2Number(id)).toBe(valid);
  });

  it('catches every single-digit error and every swap of adjacent different digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), fc.nat(16), fc.integer({ min: 1, max: 9 }), (first17, pos, delta) => {
        const id = first17 + (mod11_2CheckChar(first17) ?? '');
        expect(isValidMod11_2Number(id)).toBe(true);
        const digits = id.split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        expect(isValidMod11_2Number(digits.join(''))).toBe(false);
        const swapped = id.split('');
        const [a, b] = [swapped[pos], swapped[pos + 1]];
        if (a !== b && pos < 16) {
          swapped[pos] = b ?? '';
          swapped[pos + 1] = a ?? '';
          expect(isValidMod11_2Number(swapped.join(''))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('ICAO 7-3-1 (old foreign permanent resident number)', () => {
  it('reproduces the published vectors', () => {
    expect(icaoCheckDigit('KAZ11009012310')).toBe(5);
    expect(isValidForeignPermitNumber15('KAZ110090123105')).toBe(true);
    expect(isValidForeignPermitNumber15('USA110080010111')).toBe(true);
    expect(isValidForeignPermitNumber15('USA110080010112')).toBe(false);
    expect(isValidForeignPermitNumber15('usa110080010111')).toBe(false);
  });
});
