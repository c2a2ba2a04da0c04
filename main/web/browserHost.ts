/**
 * The browser host: the same service host as in Electron, served to a browser over a loopback
 * WebSocket, plus a static server for the built renderer. Binds 127.0.0.1 only; refuses other
 * Host headers (DNS rebinding) and other Origins; hands the page a fresh secret per start.
 * Runtime: plain Node.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WS_SECRET_META } from '../../contract/wsProtocol.ts';
import type { ServiceHost } from '../host/serviceHost.ts';
import type { Logger } from '../host/logger.ts';
import { attachWsTransport } from './wsTransport.ts';

export interface BrowserHostOptions {
  readonly host: ServiceHost;
  readonly rendererDir: string;
  readonly logger: Logger;
  /** 0 picks a free port. */
  readonly port?: number;
}

export interface BrowserHost {
  readonly url: string;
  readonly secret: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside `root`, or undefined when it would leave `root`. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relativePath);
  const relation = path.relative(root, resolved);
  if (relation === '' || relation.startsWith('..') || path.isAbsolute(relation)) return undefined;
  return resolved;
}

export function browserHostCsp(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${LOOPBACK}:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { rendererDir, logger } = options;
  const secret = randomBytes(32).toString('hex');
  const root = path.resolve(rendererDir);
  try {
    await stat(path.join(root, 'index.html'));
  } catch {
    throw new Error(`No built renderer in ${root}: run \`npm run build\` first.`);
  }
  let port = options.port ?? 0;
  const allowedHosts = (): string[] => [`${LOOPBACK}:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);

  const server = createServer((request, response) => {
    void serveStatic(request, response).catch((error: unknown) => {
      logger.error('static server failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      response.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveInside(root, request.url ?? '/');
    const headers = {
      'content-security-policy': browserHostCsp(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    let body: Buffer;
    try {
      if (file === undefined) throw new Error('outside');
      body = await readFile(file);
    } catch {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const extension = path.extname(file);
    if (path.basename(file) === 'index.html') {
      body = Buffer.from(injectSecret(body.toString('utf8'), secret));
    }
    response.writeHead(200, { ...headers, 'content-type': MIME[extension] ?? 'application/octet-stream' });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const transport = attachWsTransport({ server, host: options.host, secret, allowedOrigins, logger: logger.child('ws') });
  return {
    url: `http://${LOOPBACK}:${port}/`,
    secret,
    async close() {
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function injectSecret(html: string, secret: string): string {
  const tag = `<meta name="${WS_SECRET_META}" content="${secret}">`;
  return html.includes('</head>') ? html.replace('</head>', `  ${tag}\n  </head>`) : `${tag}\n${html}`;
}
