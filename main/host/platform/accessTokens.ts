/**
 * The short-lived access token, in memory only. Refreshed at 80 % of its lifetime measured on a
 * monotonic clock (the wall clock of a kiosk can jump by hours), on a 401, and never twice at once.
 * Runtime: plain Node.
 */
import type { TokenResponse } from '../../../sync/protocol/auth.ts';
import type { PlatformResult } from './platformClient.ts';

export const REFRESH_AT_FRACTION = 0.8;

export class AccessTokens {
  #token: string | undefined;
  #refreshAt = 0;
  #inFlight: Promise<PlatformResult<string>> | undefined;
  #expiresAtWall: Date | null = null;

  constructor(
    private readonly fetchToken: () => Promise<PlatformResult<TokenResponse>>,
    /** Monotonic ms (performance.now in production). */
    private readonly monotonicNow: () => number,
    private readonly wallNow: () => Date,
  ) {}

  /** A token good for a while yet, fetching a new one if needed. */
  get(): Promise<PlatformResult<string>> {
    if (this.#token !== undefined && this.monotonicNow() < this.#refreshAt) return Promise.resolve({ ok: true, value: this.#token });
    this.#inFlight ??= this.#refresh().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** The platform refused `token`: forget it (unless a newer one replaced it meanwhile). */
  invalidate(token: string): void {
    if (this.#token === token) this.clear();
  }

  clear(): void {
    this.#token = undefined;
    this.#refreshAt = 0;
    this.#expiresAtWall = null;
  }

  /** For the link state (display only: the wall clock may be wrong). */
  get expiresAt(): Date | null {
    return this.#expiresAtWall;
  }

  async #refresh(): Promise<PlatformResult<string>> {
    const startedAt = this.monotonicNow();
    const answer = await this.fetchToken();
    if (!answer.ok) {
      this.clear();
      return answer;
    }
    const lifetimeMs = answer.value.expiresIn * 1000;
    this.#token = answer.value.accessToken;
    // Counted from when we asked: the token may have been minted at any point of the round trip.
    this.#refreshAt = startedAt + lifetimeMs * REFRESH_AT_FRACTION;
    this.#expiresAtWall = new Date(this.wallNow().getTime() + lifetimeMs - (this.monotonicNow() - startedAt));
    return { ok: true, value: answer.value.accessToken };
  }
}
