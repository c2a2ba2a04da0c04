/**
 * The connection's role. Residents are anonymous; staff (帮办) and technicians sign in with a PIN.
 * The service host keeps the role per connection and resets it to resident on sign-out or idle.
 */
import { z } from 'zod';
import { event, method } from './define.ts';
import { EVERYONE } from './roles.ts';

export const RoleSchema = z.enum(['resident', 'staff', 'technician']);

export const SessionInfo = z.object({
  role: RoleSchema,
  /** Staff member's display name (masked) or technician label; absent for residents. */
  actor: z.string().optional(),
  /** When the signed-in role expires without activity, ISO 8601 UTC. */
  expiresAt: z.iso.datetime().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

const Pin = z.string().regex(/^\d{4,12}$/, 'PIN must be 4 to 12 digits');

export const sessionMethods = {
  'session.get': method({
    input: z.object({}).strict(),
    output: SessionInfo,
    roles: EVERYONE,
    summary: 'The role of this connection.',
  }),
  'session.signIn': method({
    input: z.object({ role: z.enum(['staff', 'technician']), staffId: z.string().max(32).optional(), pin: Pin }).strict(),
    output: SessionInfo,
    roles: EVERYONE,
    summary: 'Become staff or technician with a PIN; repeated failures lock sign-in for a while.',
  }),
  'session.signOut': method({
    input: z.object({}).strict(),
    output: SessionInfo,
    roles: EVERYONE,
    summary: 'Back to the anonymous resident role.',
  }),
} as const;

export const sessionEvents = {
  'session.changed': event({
    payload: SessionInfo,
    roles: EVERYONE,
    summary: 'The role of this connection changed (sign-in, sign-out, expiry).',
  }),
} as const;
