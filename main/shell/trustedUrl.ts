/**
 * Which URLs belong to the kiosk itself. Everything the shell allows (navigation, IPC senders,
 * permissions, the app:// protocol) asks this one predicate, so there is one place to get right.
 * Always parsed with `new URL`, never compared with `startsWith`: `app://kiosk.evil` and
 * `app://kiosk@evil` start with the right characters and are other origins.
 * Runtime: pure (no Electron).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
/** Chosen once: IndexedDB (Dexie) data is per origin, so changing it later orphans local data. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Parses without throwing; `undefined` for anything that is not a URL string. */
export function parseUrl(url: unknown): URL | undefined {
  if (typeof url !== 'string' || url.length > 8_192) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True when `url` is on the kiosk origin `app://kiosk`. The host compares case-insensitively
 * because Chromium lower-cases hosts of standard schemes (app:// is registered as standard), so
 * `app://KIOSK/` is the same origin; every other spelling (percent-escapes, trailing dot, port,
 * user info) is refused: Electron hands us canonical URLs, so a non-canonical one is suspicious.
 */
export function isAppUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  if (parsed === undefined) return false;
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * True for the kiosk origin, and — only when the shell runs from the electron-vite dev server —
 * for that exact dev origin (scheme, host and port all equal; no user info).
 */
export function isTrustedUrl(url: unknown, devOrigin?: string): boolean {
  if (isAppUrl(url)) return true;
  if (devOrigin === undefined || devOrigin === '') return false;
  const dev = parseUrl(devOrigin);
  const parsed = parseUrl(url);
  if (dev === undefined || parsed === undefined) return false;
  if (dev.protocol !== 'http:' && dev.protocol !== 'https:') return false;
  return parsed.username === '' && parsed.password === '' && parsed.origin === dev.origin;
}

/** Scheme, host and port only, for log lines: paths and query strings may carry personal data. */
export function originForLog(url: unknown): string {
  if (url === undefined || url === null || url === '') return '(none)';
  const parsed = parseUrl(url);
  if (parsed === undefined) return '(unparseable)';
  return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
}
