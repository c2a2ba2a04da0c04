/**
 * Kiosk identity: one-time enrolment codes, long-lived kiosk credentials (only their hash stored),
 * short-lived access tokens, revocation and heartbeats. Runtime: plain Node.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EnrolResponse, KioskDevice, TokenResponse } from '../sync/protocol/auth.ts';
import type { HeartbeatRequest, HeartbeatResponse } from '../sync/protocol/kioskHealth.ts';
import type { SqlDb } from './db/sql.ts';
import { HttpError } from './errors.ts';
import { formatEnrolmentCode, hashSecret, randomEnrolmentCode, randomSecret, secretsEqual, signPayload, verifyPayload } from './signing.ts';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

const TokenPayload = z.object({ k: z.string(), iat: z.number(), exp: z.number() });

export type KioskRow = {
  id: string;
  label: string;
  hall_name: string;
  device: unknown;
  enrolled_at: Date;
  revoked_at: Date | null;
  last_seen_at: Date | null;
  last_heartbeat: unknown;
};

export class KioskRegistry {
  constructor(
    private readonly db: SqlDb,
    private readonly hmacSecret: Buffer,
    private readonly now: () => Date,
    private readonly tokenSeconds = ACCESS_TOKEN_SECONDS,
  ) {}

  /** For the admin: the code is shown once (formatted 4-4-4), stored hashed, single use. */
  async createEnrolmentCode(input: { label: string; hallName: string; ttlMinutes: number }): Promise<{ code: string; expiresAt: string }> {
    const code = randomEnrolmentCode();
    const expiresAt = new Date(this.now().getTime() + input.ttlMinutes * 60_000);
    await this.db.query('INSERT INTO enrolment_codes (code_hash, label, hall_name, expires_at) VALUES ($1, $2, $3, $4)', [
      hashSecret(code),
      input.label,
      input.hallName,
      expiresAt.toISOString(),
    ]);
    return { code: formatEnrolmentCode(code), expiresAt: expiresAt.toISOString() };
  }

  async enrol(code: string, device: KioskDevice): Promise<EnrolResponse> {
    const secret = randomSecret();
    const kioskId = `K-${randomUUID()}`;
    const now = this.now();
    return this.db.transaction(async (tx) => {
      // Consuming the code and creating the kiosk are one step: a code can never enrol two kiosks.
      const [claimed] = await tx.query<{ label: string; hall_name: string }>(
        `UPDATE enrolment_codes SET used_at = $2, kiosk_id = $3
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING label, hall_name`,
        [hashSecret(code), now.toISOString(), kioskId],
      );
      if (claimed === undefined) throw new HttpError(403, 'ENROLMENT_CODE_INVALID', 'enrolment code unknown, already used or expired', 'enrolmentCode');
      await tx.query('INSERT INTO kiosks (id, secret_hash, label, hall_name, device, enrolled_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)', [
        kioskId,
        hashSecret(secret),
        claimed.label,
        claimed.hall_name,
        JSON.stringify(device),
        now.toISOString(),
      ]);
      return { kioskId, secret, hallName: claimed.hall_name, label: claimed.label, enrolledAt: now.toISOString() };
    });
  }

  async issueToken(kioskId: string, secret: string): Promise<TokenResponse> {
    const [row] = await this.db.query<{ secret_hash: string; revoked_at: Date | null; hall_name: string; label: string }>(
      'SELECT secret_hash, revoked_at, hall_name, label FROM kiosks WHERE id = $1',
      [kioskId],
    );
    if (row === undefined || !secretsEqual(row.secret_hash, hashSecret(secret))) throw new HttpError(401, 'INVALID_CREDENTIAL', 'unknown kiosk or wrong secret');
    if (row.revoked_at !== null) throw new HttpError(403, 'KIOSK_REVOKED', 'this kiosk has been revoked by an administrator');
    const now = this.now();
    const iat = Math.floor(now.getTime() / 1000);
    const accessToken = signPayload(this.hmacSecret, 'access-token', { k: kioskId, iat, exp: iat + this.tokenSeconds });
    await this.db.query('UPDATE kiosks SET last_seen_at = $2 WHERE id = $1', [kioskId, now.toISOString()]);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.tokenSeconds,
      kiosk: { id: kioskId, hallName: row.hall_name, label: row.label },
      serverTime: now.toISOString(),
    };
  }

  /** Checks signature, expiry and — on every request — revocation, so a revoke takes effect at once. */
  async authenticate(authorization: string | undefined): Promise<string> {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (match?.[1] === undefined) throw new HttpError(401, 'UNAUTHORIZED', 'missing bearer access token');
    const payload = TokenPayload.safeParse(verifyPayload(this.hmacSecret, 'access-token', match[1]));
    if (!payload.success) throw new HttpError(401, 'UNAUTHORIZED', 'access token invalid');
    if (payload.data.exp * 1000 <= this.now().getTime()) throw new HttpError(401, 'UNAUTHORIZED', 'access token expired');
    const [row] = await this.db.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM kiosks WHERE id = $1', [payload.data.k]);
    if (row === undefined) throw new HttpError(401, 'UNAUTHORIZED', 'kiosk unknown');
    if (row.revoked_at !== null) throw new HttpError(403, 'KIOSK_REVOKED', 'this kiosk has been revoked by an administrator');
    return payload.data.k;
  }

  async revoke(kioskId: string): Promise<boolean> {
    const rows = await this.db.query('UPDATE kiosks SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id', [kioskId, this.now().toISOString()]);
    return rows.length > 0;
  }

  async heartbeat(kioskId: string, beat: HeartbeatRequest): Promise<HeartbeatResponse> {
    const now = this.now();
    await this.db.query('UPDATE kiosks SET last_seen_at = $2, last_heartbeat = $3::jsonb WHERE id = $1', [
      kioskId,
      now.toISOString(),
      JSON.stringify({ ...beat, receivedAt: now.toISOString() }),
    ]);
    return { serverTime: now.toISOString(), clockSkewMs: Math.round(Date.parse(beat.clock) - now.getTime()) };
  }

  async list(): Promise<KioskRow[]> {
    return this.db.query<KioskRow>('SELECT id, label, hall_name, device, enrolled_at, revoked_at, last_seen_at, last_heartbeat FROM kiosks ORDER BY enrolled_at');
  }
}
