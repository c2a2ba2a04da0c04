import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, isTrustedUrl, originForLog } from './trustedUrl.ts';

const DEV = 'http://localhost:5173';

describe('isTrustedUrl', () => {
  it.each([
    APP_INDEX_URL,
    'app://kiosk',
    'app://kiosk/',
    'app://kiosk/assets/index-abc.js?v=1#top',
    'app://KIOSK/', // Chromium lower-cases standard-scheme hosts: same origin
    'APP://kiosk/index.html', // schemes are case-insensitive
  ])('accepts the kiosk origin: %s', (url) => {
    expect(isTrustedUrl(url)).toBe(true);
    expect(isTrustedUrl(url, DEV)).toBe(true);
  });

  it.each([
    'app://kiosk.evil/',
    'app://evil/',
    'app://evilkiosk/',
    'app://user@kiosk/',
    'app://kiosk:pw@kiosk/',
    'app://kiosk@evil/',
    'app://kiosk:443/',
    'app://kiosk./',
    'app://%6Biosk/', // percent-encoded "k"
    'app://kiosk%2eevil/',
    'app://kiosk%00/',
    'app://kiosk\\evil/',
    'app:kiosk/index.html', // no authority at all
    'app:///kiosk/index.html',
    'apps://kiosk/',
    'javascript:alert(1)',
    'javascript://kiosk/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://kiosk/6c4e',
    'file:///etc/passwd',
    'file://kiosk/index.html',
    'https://evil.example/?next=app://kiosk',
    'https://evil.example/#app://kiosk/',
    'http://localhost.evil.example:5173/',
    'http://localhost:5174/',
    'https://localhost:5173/',
    'http://user@localhost:5173/',
    'about:blank',
    '',
    'kiosk',
    '/index.html',
  ])('refuses %s, also with the dev origin set', (url) => {
    expect(isTrustedUrl(url)).toBe(false);
    expect(isTrustedUrl(url, DEV)).toBe(false);
  });

  it.each([undefined, null, 42, {}, { toString: () => APP_INDEX_URL }, ['app://kiosk/']])(
    'refuses a non-string (%s)',
    (value) => {
      expect(isTrustedUrl(value)).toBe(false);
    },
  );

  it('refuses an absurdly long URL without parsing it', () => {
    expect(isTrustedUrl(`app://kiosk/${'a'.repeat(10_000)}`)).toBe(false);
  });

  it('accepts the dev server only when it is configured, and only its exact origin', () => {
    expect(isTrustedUrl('http://localhost:5173/index.html')).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/index.html', DEV)).toBe(true);
    expect(isTrustedUrl('http://LOCALHOST:5173/', DEV)).toBe(true); // special scheme: host is lower-cased
    expect(isTrustedUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
  });

  it('ignores a dev origin that is not http(s) or not a URL', () => {
    expect(isTrustedUrl('file:///tmp/x.html', 'file:///tmp/')).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', 'not a url')).toBe(false);
  });

  it('isAppUrl never accepts the dev server', () => {
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('app://kiosk/x')).toBe(true);
  });
});

describe('originForLog', () => {
  it('keeps scheme, host and port, never the path or query', () => {
    expect(originForLog('https://evil.example:8443/a?id=340102199001011234')).toBe('https://evil.example:8443');
    expect(originForLog('app://kiosk/index.html?q=13800138000')).toBe('app://kiosk');
    expect(originForLog('file:///home/kiosk/secret.txt')).toBe('file://');
  });

  it('names missing and unparseable input', () => {
    expect(originForLog(undefined)).toBe('(none)');
    expect(originForLog('')).toBe('(none)');
    expect(originForLog('::::')).toBe('(unparseable)');
  });
});
