/**
 * HMAC-signed opaque strings (access tokens and feed cursors), secret hashing and one-time codes.
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(purpose "\n" payload)). The purpose is
 * mixed in so a cursor can never pass as a token or the reverse. Runtime: plain Node.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export type SignPurpose = 'access-token' | 'cursor';

export function signPayload(secret: Buffer, purpose: SignPurpose, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', secret).update(`${purpose}\n${body}`).digest('base64url');
  return `${body}.${mac}`;
}

/** Returns the payload, or null when the string is malformed or its signature does not match. */
export function verifyPayload(secret: Buffer, purpose: SignPurpose, token: string): unknown {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = createHmac('sha256', secret).update(`${purpose}\n${body}`).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Kiosk secrets and enrolment codes are high-entropy random strings, so a plain sha256 is enough. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretsEqual(hashA: string, hashB: string): boolean {
  const a = Buffer.from(hashA, 'hex');
  const b = Buffer.from(hashB, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** No 0/O/1/I/L: codes are read aloud and typed on a touch keyboard. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function randomEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** 1234ABCD5678 → 1234-ABCD-5678, for display. */
export function formatEnrolmentCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
