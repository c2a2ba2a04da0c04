/** Enrolment and access tokens: the kiosk credential lives in the main process only. Runtime: pure. */
import { z } from 'zod';

export const KioskDevice = z.object({
  model: z.string().max(100).optional(),
  os: z.string().max(100).optional(),
  appVersion: z.string().min(1).max(40),
  hostname: z.string().max(100).optional(),
});
export type KioskDevice = z.infer<typeof KioskDevice>;

/** One-time codes are 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), dashes allowed. */
export const EnrolmentCode = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[2-9A-HJKMNP-Z]{12}$/, 'enrolment code must be 12 characters'));

export const EnrolRequest = z.object({ enrolmentCode: EnrolmentCode, device: KioskDevice });
export type EnrolRequest = z.input<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  kioskId: z.string().min(1),
  /** Shown once; the platform keeps only its hash. The kiosk stores it encrypted (safeStorage). */
  secret: z.string().min(32),
  hallName: z.string(),
  label: z.string(),
  enrolledAt: z.iso.datetime(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const TokenRequest = z.object({ kioskId: z.string().min(1).max(64), secret: z.string().min(1).max(200) });
export type TokenRequest = z.infer<typeof TokenRequest>;

export const TokenResponse = z.object({
  accessToken: z.string().min(1),
  tokenType: z.literal('Bearer'),
  /** Seconds. Refresh at 80 % measured on a monotonic clock; never trust the kiosk's wall clock. */
  expiresIn: z.number().int().positive(),
  kiosk: z.object({ id: z.string(), hallName: z.string(), label: z.string() }),
  serverTime: z.iso.datetime(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;
