/**
 * Is this IPC call from our own page? Only the main frame of a page on the kiosk origin may use
 * the API: an iframe (even one of ours) or a page that somehow got loaded from elsewhere is refused.
 * This is VS Code's `validatedIpcMain` check. Runtime: pure (no Electron).
 */
import { isTrustedUrl } from './trustedUrl.ts';

/** The part of Electron's `WebFrameMain` the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * `frame` is `event.senderFrame`, which Electron gives as null once the frame has navigated or
 * been destroyed; reading a disposed frame's properties throws. Both mean "untrusted".
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, devOrigin?: string): boolean {
  if (frame === null || frame === undefined) return false;
  try {
    return frame.parent === null && isTrustedUrl(frame.url, devOrigin);
  } catch {
    return false;
  }
}
