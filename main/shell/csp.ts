/**
 * The Content-Security-Policy sent with every app:// response. A header rather than a <meta> tag:
 * it covers every response and cannot be removed by a script. The production policy allows only
 * our own files plus, for network calls, the platform's origin; the dev policy adds what Vite's
 * hot reload needs (inline React-refresh preamble, the dev server and its WebSocket).
 * Runtime: pure (no Electron).
 */

export interface CspOptions {
  /** Base URL of the central platform from the kiosk config, if any. Only its origin is used. */
  readonly platformUrl?: string | undefined;
}

type Directives = ReadonlyArray<readonly [name: string, sources: readonly string[]]>;

export function productionCsp(options: CspOptions = {}): string {
  return serialise(
    directives({
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      connectSrc: ["'self'", ...networkSourcesFor(options.platformUrl)],
    }),
  );
}

/** For `electron-vite dev` only: never sent by a packaged app. */
export function developmentCsp(options: CspOptions & { readonly devServerUrl: string }): string {
  const dev = networkSourcesFor(options.devServerUrl);
  return serialise(
    directives({
      scriptSrc: ["'self'", "'unsafe-inline'", ...dev.slice(0, 1)],
      styleSrc: ["'self'", "'unsafe-inline'", ...dev.slice(0, 1)],
      connectSrc: ["'self'", ...dev, ...networkSourcesFor(options.platformUrl)],
    }),
  );
}

function directives(sources: { scriptSrc: string[]; styleSrc: string[]; connectSrc: string[] }): Directives {
  return [
    ['default-src', ["'none'"]],
    ['script-src', sources.scriptSrc],
    ['style-src', sources.styleSrc],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['media-src', ["'self'", 'blob:']],
    ['connect-src', sources.connectSrc],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
}

/**
 * `https://p.example/api` → [`https://p.example`, `wss://p.example`]. Only the URL parser's own
 * serialisation of the origin goes into the header, so a config value cannot smuggle in `;` or a
 * second directive. Anything that is not http(s) contributes nothing.
 */
export function networkSourcesFor(url: string | undefined): string[] {
  if (url === undefined || url === '') return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return [];
  const origin = parsed.origin;
  if (!/^https?:\/\/[A-Za-z0-9.\-[\]:]+$/.test(origin)) return [];
  const socket = `${parsed.protocol === 'https:' ? 'wss' : 'ws'}://${parsed.host}`;
  return [origin, socket];
}

function serialise(directives: Directives): string {
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Parses a policy back into directive → sources, for tests and the diagnostics screen. */
export function parseCsp(policy: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') result.set(name.toLowerCase(), sources);
  }
  return result;
}
