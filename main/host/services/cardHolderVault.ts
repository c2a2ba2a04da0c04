/**
 * Keeps the full holder fields of a card reading for the few minutes an application flow needs them,
 * behind a random token that the `card.read` event carries. Each token works once; unclaimed
 * readings are forgotten after the deadline. Nothing here is logged or written to disk.
 * Runtime: plain Node.
 */
import { randomBytes } from 'node:crypto';
import type { CardHolder } from '../../../contract/sync.ts';
import type { Clock } from '../clock.ts';

export const HOLDER_TTL_MS = 5 * 60_000;

export interface CardHolderVault {
  /** Stores the holder and returns the token for the event. */
  deposit(holder: CardHolder): string;
  /** The holder once, or undefined for an unknown, used or expired token. */
  claim(token: string): CardHolder | undefined;
  /** Forget everything, e.g. when the resident's session ends. */
  clear(): void;
}

export function createCardHolderVault(clock: Clock, ttlMs = HOLDER_TTL_MS): CardHolderVault {
  const held = new Map<string, { holder: CardHolder; expiresAt: number }>();
  function sweep(): void {
    const now = clock.now().getTime();
    for (const [token, entry] of held) if (entry.expiresAt <= now) held.delete(token);
  }
  return {
    deposit(holder) {
      sweep();
      // One reading at a time is all a kiosk has: a new card replaces the previous holder.
      held.clear();
      const token = randomBytes(16).toString('hex');
      held.set(token, { holder, expiresAt: clock.now().getTime() + ttlMs });
      return token;
    },
    claim(token) {
      sweep();
      const entry = held.get(token);
      held.delete(token);
      return entry?.holder;
    },
    clear() {
      held.clear();
    },
  };
}
