/**
 * The error envelope of every non-2xx platform answer. `code` is stable (the kiosk keys on it),
 * `message` is for the technician's log, `field` names the offending input. Runtime: pure.
 */
import { z } from 'zod';

export const PLATFORM_ERROR_CODES = [
  'INVALID_REQUEST', // body, query or params do not match the schema; `field` says which
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED', // missing, malformed or expired access token → get a new token once
  'INVALID_CREDENTIAL', // kioskId/secret pair wrong
  'KIOSK_REVOKED', // stop syncing, keep the outbox, show "设备已停用"
  'ENROLMENT_CODE_INVALID', // unknown, used or expired code
  'NOT_FOUND',
  'CONFLICT',
  'OVERLOADED', // 503/429 with Retry-After
  'TIMEOUT', // the platform's database missed its deadline; retry later
  'INTERNAL',
] as const;
export const PlatformErrorCode = z.enum(PLATFORM_ERROR_CODES);
export type PlatformErrorCode = z.infer<typeof PlatformErrorCode>;

export const ErrorEnvelope = z.object({
  error: z.object({
    code: PlatformErrorCode,
    message: z.string(),
    field: z.string().optional(),
    retryAfterSeconds: z.number().int().positive().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
