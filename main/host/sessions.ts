/**
 * Roles per connection. Residents are anonymous; staff and technicians sign in with a PIN and
 * fall back to resident after a period without calls. Failed PINs are counted for the whole
 * kiosk (not per connection, which an attacker could simply reopen) and lock sign-in for a while.
 * Runtime: plain Node.
 */
import { err, ok, type Result, type Role } from '../../contract/index.ts';
import { maskName } from '../../contract/privacy.ts';
import type { SessionInfo } from '../../contract/session.ts';
import type { Clock } from './clock.ts';
import type { KioskConfig } from './config.ts';
import { verifyPin } from './pin.ts';

export const SESSION_LIMITS = {
  staffIdleMs: 15 * 60_000,
  technicianIdleMs: 10 * 60_000,
  maxFailures: 5,
  lockoutMs: 5 * 60_000,
} as const;

interface Signed {
  role: Exclude<Role, 'resident'>;
  actor: string;
  staffId?: string;
  expiresAt: number;
}

export interface SessionStore {
  role(connectionId: string): Role;
  info(connectionId: string): SessionInfo;
  /** Staff id of the signed-in staff member, for the audit log. */
  staffId(connectionId: string): string | undefined;
  touch(connectionId: string): void;
  signIn(connectionId: string, request: { role: 'staff' | 'technician'; staffId?: string; pin: string }): Result<SessionInfo>;
  signOut(connectionId: string): SessionInfo;
  close(connectionId: string): void;
}

export function createSessionStore(options: {
  auth: KioskConfig['auth'];
  clock: Clock;
  onChange?: (connectionId: string, info: SessionInfo) => void;
}): SessionStore {
  const { auth, clock } = options;
  const signed = new Map<string, Signed>();
  let failures = 0;
  let lockedUntil = 0;

  function current(connectionId: string): Signed | undefined {
    const session = signed.get(connectionId);
    if (session !== undefined && session.expiresAt <= clock.now().getTime()) {
      signed.delete(connectionId);
      options.onChange?.(connectionId, { role: 'resident' });
      return undefined;
    }
    return session;
  }

  function describe(session: Signed | undefined): SessionInfo {
    if (session === undefined) return { role: 'resident' };
    return { role: session.role, actor: session.actor, expiresAt: new Date(session.expiresAt).toISOString() };
  }

  function idleMs(role: Signed['role']): number {
    return role === 'staff' ? SESSION_LIMITS.staffIdleMs : SESSION_LIMITS.technicianIdleMs;
  }

  return {
    role: (id) => current(id)?.role ?? 'resident',
    info: (id) => describe(current(id)),
    staffId: (id) => current(id)?.staffId,
    touch(id) {
      const session = current(id);
      if (session !== undefined) session.expiresAt = clock.now().getTime() + idleMs(session.role);
    },
    signIn(id, request) {
      const now = clock.now().getTime();
      if (now < lockedUntil) {
        const minutes = Math.ceil((lockedUntil - now) / 60_000);
        return err('LOCKED_OUT', `Too many wrong PINs; sign-in is locked for ${minutes} more minute(s).`);
      }
      let session: Signed | undefined;
      if (request.role === 'technician') {
        if (verifyPin(request.pin, auth.technicianPinHash)) {
          session = { role: 'technician', actor: '技术员', expiresAt: now + idleMs('technician') };
        }
      } else {
        const member = auth.staff.find((s) => s.staffId === request.staffId);
        // Hash even for unknown staff ids, so timing does not reveal which ids exist.
        const valid = verifyPin(request.pin, member?.pinHash ?? auth.technicianPinHash) && member !== undefined;
        if (valid) {
          session = { role: 'staff', actor: `${maskName(member.name)}（${member.staffId}）`, staffId: member.staffId, expiresAt: now + idleMs('staff') };
        }
      }
      if (session === undefined) {
        failures += 1;
        if (failures >= SESSION_LIMITS.maxFailures) {
          failures = 0;
          lockedUntil = now + SESSION_LIMITS.lockoutMs;
          return err('LOCKED_OUT', 'Too many wrong PINs; sign-in is locked for 5 minutes.');
        }
        return err('WRONG_PIN', 'The staff number or PIN is not correct.');
      }
      failures = 0;
      signed.set(id, session);
      const info = describe(session);
      options.onChange?.(id, info);
      return ok(info);
    },
    signOut(id) {
      const had = signed.delete(id);
      const info: SessionInfo = { role: 'resident' };
      if (had) options.onChange?.(id, info);
      return info;
    },
    close(id) {
      signed.delete(id);
    },
  };
}
