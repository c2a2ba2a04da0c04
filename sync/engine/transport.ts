/**
 * What the sync engine needs from the outside world, and nothing more. In the kiosk the renderer
 * implements it over KioskApi (the service host holds the credential and talks to the platform);
 * tests implement it over HTTP against a real platform. Every call resolves to a Result: transport
 * failures are values, never exceptions. Runtime: pure.
 */
import type { QueueReport } from '../../contract/sync.ts';
import type { Result } from '../../contract/result.ts';
import type { PushRequest } from '../protocol/commands.ts';
import type { FeedName } from '../protocol/feeds.ts';
import type { EcPublicJwk } from '../protocol/sealed.ts';

export interface SyncTransport {
  /**
   * One page of `feed` after `cursor` (null = start a snapshot). The answer is `unknown` on purpose:
   * the engine validates every page again with the protocol schemas before touching the database.
   */
  pull(feed: FeedName, cursor: string | null): Promise<Result<unknown>>;
  /** Delivers a batch; the answer (a PushResponse) is validated by the engine too. Errors may carry retryAfterMs. */
  push(request: PushRequest): Promise<Result<unknown>>;
  /** The platform's public key residents' personal fields are sealed to. */
  platformKey(): Promise<Result<EcPublicJwk>>;
  /** The queue summary for the heartbeat (no personal data). */
  report(queue: QueueReport): Promise<Result<unknown>>;
}
