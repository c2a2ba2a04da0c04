/**
 * Results, not exceptions, cross every process boundary: a thrown Error loses everything but its
 * message over Electron IPC, and a kiosk must show a resident a clear reason, never a stack.
 * Runtime: pure (no Node, no DOM, no Electron).
 */

/** Every error code a caller can receive. Stable strings: tests and UI texts key on them. */
export const ERROR_CODES = [
  // dispatcher
  'UNKNOWN_METHOD',
  'INVALID_ARGUMENT',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'UNTRUSTED_SENDER',
  'INTERNAL',
  // services
  'NOT_FOUND',
  'CONFLICT',
  'OUT_OF_SERVICE',
  'UNAVAILABLE',
  'TIMEOUT',
  'WRONG_PIN',
  'LOCKED_OUT',
  // devices
  'DEVICE_OFFLINE',
  'DEVICE_BUSY',
  'DEVICE_MISCONFIGURED',
  'DEVICE_ERROR',
  'PAPER_OUT',
  'COVER_OPEN',
  'UNPRINTABLE_TEXT',
  'NO_CARD',
  'CARD_READ_FAILED',
  'CARD_DATA_INVALID',
  // sync / platform
  'PLATFORM_UNREACHABLE',
  'PLATFORM_REJECTED',
  'KIOSK_REVOKED',
  'NOT_ENROLLED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type KioskError = Readonly<{
  code: ErrorCode;
  /** For people: a technician reads it in the log; the UI maps `code` to its own words. */
  message: string;
  /** Dotted path of the offending field, when the error is about one argument or config field. */
  field?: string;
  /** The platform asked us to wait this long before trying again (HTTP Retry-After). */
  retryAfterMs?: number;
}>;

export type Ok<T> = Readonly<{ ok: true; value: T }>;
export type Err = Readonly<{ ok: false; error: KioskError }>;
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, field?: string): Err {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
