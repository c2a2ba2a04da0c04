/**
 * Check digits of the numbers printed on Chinese identity documents (research §7):
 * - 18-character citizen ID, HK/Macao/Taiwan residence permit and 2023 foreign PR numbers:
 *   GB 11643 / ISO 7064 MOD 11-2;
 * - 15-character pre-2023 foreign permanent resident number: ICAO 9303 7-3-1.
 * Runtime: pure.
 */

const MOD11_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const MOD11_CHECK = '10X98765432';

/** The check character for the first 17 digits, or undefined when they are not 17 digits. */
export function mod11_2CheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (MOD11_WEIGHTS[i] ?? 0);
  return MOD11_CHECK[sum % 11];
}

/** 17 digits + check digit/X, check digit correct. Lower-case x is accepted (some keyboards). */
export function isValidMod11_2Number(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  return mod11_2CheckChar(id.slice(0, 17)) === id.slice(17).toUpperCase();
}

/** Appends the MOD 11-2 check character (for building test and simulator cards). */
export function withMod11_2Check(first17: string): string {
  const check = mod11_2CheckChar(first17);
  if (check === undefined) throw new RangeError(`not 17 digits: ${first17}`);
  return first17 + check;
}

function icaoValue(ch: string): number | undefined {
  if (/^\d$/.test(ch)) return Number(ch);
  if (/^[A-Z]$/.test(ch)) return ch.charCodeAt(0) - 55;
  if (ch === '<') return 0;
  return undefined;
}

/** ICAO 9303 check digit (weights 7, 3, 1) over `text`. */
export function icaoCheckDigit(text: string): number | undefined {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const value = icaoValue(text[i] ?? '');
    if (value === undefined) return undefined;
    sum += value * (weights[i % 3] ?? 0);
  }
  return sum % 10;
}

/** Old foreign PR number: ISO alpha-3 + 4-digit region + YYMMDD + 1 digit + ICAO check digit. */
export function isValidForeignPermitNumber15(number: string): boolean {
  if (!/^[A-Z]{3}\d{12}$/.test(number)) return false;
  return icaoCheckDigit(number.slice(0, 14)) === Number(number.slice(14));
}

export function withIcaoCheck(first14: string): string {
  const check = icaoCheckDigit(first14);
  if (check === undefined) throw new RangeError(`not ICAO characters: ${first14}`);
  return `${first14}${check}`;
}
