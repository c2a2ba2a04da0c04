/**
 * The app:// protocol: which file answers `app://kiosk/<path>`. Only files under the built
 * renderer folder are served, only to GET, with the right MIME type and the CSP header; anything
 * else is a 404 (no SPA fallback: the renderer uses a hash router). The containment check uses
 * `path.relative`, so neither `..%2f` tricks nor a sibling folder such as `renderer-evil` (which a
 * plain `startsWith(root)` would accept) can escape.
 * Runtime: plain Node (no Electron); the shell wraps the answer in a `Response`.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import nodePath from 'node:path';
import { isAppUrl, parseUrl } from './trustedUrl.ts';

export interface AppRequest {
  readonly method: string;
  readonly url: string;
}

export type AppResolution =
  | { readonly ok: true; readonly filePath: string; readonly mimeType: string }
  | { readonly ok: false; readonly status: 400 | 404 | 405; readonly reason: string };

/** The `path` flavour: the real one, or `path.win32`/`path.posix` in tests. */
export type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep' | 'extname'>;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

export function mimeTypeFor(filePath: string, pathApi: PathApi = nodePath): string {
  return MIME_TYPES[pathApi.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Pure: decides which file (if any) answers the request. `rendererRoot` must be absolute. */
export function resolveAppRequest(request: AppRequest, rendererRoot: string, pathApi: PathApi = nodePath): AppResolution {
  if (request.method !== 'GET') return { ok: false, status: 405, reason: `method ${request.method} not allowed` };
  if (!isAppUrl(request.url)) return { ok: false, status: 404, reason: 'not the kiosk origin' };
  const parsed = parseUrl(request.url);
  if (parsed === undefined) return { ok: false, status: 404, reason: 'not a URL' };

  return resolveRendererFile(parsed.pathname, rendererRoot, pathApi);
}

/**
 * Pure: the file under `rendererRoot` that a URL path names. Shared by the app:// protocol and the
 * browser host's static server, so both refuse the same escapes.
 */
export function resolveRendererFile(urlPathname: string, rendererRoot: string, pathApi: PathApi = nodePath): AppResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  // NUL truncates paths in some APIs; a backslash is a separator on Windows. Neither is in our build.
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 404, reason: 'forbidden character' };

  const relativeRequest = decoded.replace(/^\/+/, '');
  const wanted = relativeRequest === '' ? 'index.html' : relativeRequest;
  const root = pathApi.resolve(rendererRoot);
  const candidate = pathApi.resolve(root, wanted);
  const relative = pathApi.relative(root, candidate);
  const escapes =
    relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative);
  if (escapes) return { ok: false, status: 404, reason: 'outside the renderer folder' };
  return { ok: true, filePath: candidate, mimeType: mimeTypeFor(candidate, pathApi) };
}

export interface AppResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

export interface ServeOptions {
  readonly rendererRoot: string;
  /** Sent on every response, errors included. */
  readonly csp: string;
  readonly readFile?: (filePath: string) => Promise<Uint8Array>;
  readonly pathApi?: PathApi;
}

/** Resolves and reads; never throws. */
export async function serveAppRequest(request: AppRequest, options: ServeOptions): Promise<AppResponse> {
  const common = {
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  const resolution = resolveAppRequest(request, options.rendererRoot, options.pathApi);
  if (!resolution.ok) {
    const extra: Record<string, string> = resolution.status === 405 ? { Allow: 'GET' } : {};
    return { status: resolution.status, headers: { ...common, ...extra, 'Content-Type': 'text/plain; charset=utf-8' }, body: resolution.reason };
  }
  const readFile = options.readFile ?? fsReadFile;
  try {
    const body = await readFile(resolution.filePath);
    return { status: 200, headers: { ...common, 'Content-Type': resolution.mimeType }, body };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
    return {
      status: missing ? 404 : 500,
      headers: { ...common, 'Content-Type': 'text/plain; charset=utf-8' },
      body: missing ? 'not found' : 'read failed',
    };
  }
}
