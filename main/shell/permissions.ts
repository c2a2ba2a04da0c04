/**
 * Web permissions (camera, microphone, geolocation, notifications, WebHID/WebSerial/WebUSB, …).
 * Electron grants every request unless a handler says otherwise; a kiosk page needs none of them:
 * devices are driven from the main process. So the default allowlist is empty, and a future need
 * (say `media` for a face-capture camera) is one entry, honoured only for the kiosk origin.
 * Runtime: pure (no Electron).
 */
import { isTrustedUrl, originForLog } from './trustedUrl.ts';

/** Permissions the kiosk page may use. Empty on purpose. */
export const DEFAULT_ALLOWED_PERMISSIONS: readonly string[] = Object.freeze([]);

export interface PermissionPolicy {
  readonly allowed: readonly string[];
  /** The electron-vite dev server origin, in development only. */
  readonly devOrigin?: string | undefined;
}

export const DENY_ALL: PermissionPolicy = Object.freeze({ allowed: DEFAULT_ALLOWED_PERMISSIONS });

/** For `session.setPermissionRequestHandler`: the URL is the requesting frame's. */
export function decidePermissionRequest(permission: string, requestingUrl: string | undefined, policy: PermissionPolicy = DENY_ALL): boolean {
  return policy.allowed.includes(permission) && isTrustedUrl(requestingUrl, policy.devOrigin);
}

/** For `session.setPermissionCheckHandler`: Electron passes an origin such as `app://kiosk`. */
export function decidePermissionCheck(permission: string, requestingOrigin: string | undefined, policy: PermissionPolicy = DENY_ALL): boolean {
  return decidePermissionRequest(permission, requestingOrigin, policy);
}

/** For `session.setDevicePermissionHandler`: WebHID/WebSerial/WebUSB never; main owns devices. */
export function decideDevicePermission(): false {
  return false;
}

/** One log line's fields for a refusal, without the full URL (query strings may carry data). */
export function describePermissionRefusal(permission: string, requestingUrl: string | undefined): { permission: string; origin: string } {
  return { permission, origin: originForLog(requestingUrl) };
}
