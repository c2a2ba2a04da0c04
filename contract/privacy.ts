/**
 * Masking of personal data for screens, receipts and logs (house rule after GB/T 35273 §7.2,
 * see shared research kiosk-features §5.2). Pure functions: the renderer, the service host,
 * the device codecs and the receipt renderer all use these same ones.
 */

/** 341502199001011234 → 341502********1234 (6 + 8 masked + 4). Anything else ID-like: all but the last 4. */
export function maskIdNumber(id: string): string {
  const clean = id.trim();
  if (clean.length === 18) return `${clean.slice(0, 6)}********${clean.slice(14)}`;
  if (clean.length <= 4) return '*'.repeat(clean.length);
  return `${'*'.repeat(clean.length - 4)}${clean.slice(-4)}`;
}

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜; Latin names keep their first letter of each word. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (/^[\p{Script=Han}·]+$/u.test(name.trim())) {
    if (chars.length === 1) return '*';
    if (chars.length === 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  return name
    .trim()
    .split(/\s+/)
    .map((word) => (word.length <= 1 ? word : `${word[0]}${'*'.repeat(word.length - 1)}`))
    .join(' ');
}

/** 13812345678 → 138****5678; landlines keep area code and last 2. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/**
 * Keep the address down to the road or residential compound; mask building, unit and room numbers.
 * 安徽省六安市金安区梅山南路88号金色家园3栋2单元501室 → 安徽省六安市金安区梅山南路**号金色家园*栋*单元***室
 */
export function maskAddress(address: string): string {
  return address.trim().replace(/\d+/g, (digits) => '*'.repeat(Math.min(digits.length, 4)));
}

// 18-digit resident ID numbers (last may be X) and 11-digit mobile numbers inside free text.
const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/**
 * Last line of defence for logs and error messages: masks anything that looks like an ID number or
 * a mobile number. Names and addresses cannot be found this way; code must mask them at the source.
 */
export function maskPersonalDataInText(text: string): string {
  return text
    .replace(ID_IN_TEXT, (_m, head: string, _mid: string, tail: string) => `${head}********${tail.slice(-4)}`)
    .replace(PHONE_IN_TEXT, (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`);
}
