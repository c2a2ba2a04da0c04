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
import { resolveRendererFile } from '../shell/appProtocol.ts';
import { productionCsp } from '../shell/csp.ts';
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
    const resolution = resolveRendererFile(new URL(request.url ?? '/', 'http://host').pathname, root);
    const headers = {
      // 'self' covers the WebSocket on the same host and port.
      'content-security-policy': productionCsp(),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    let body: Buffer;
    try {
      if (!resolution.ok) throw new Error(resolution.reason);
      body = await readFile(resolution.filePath);
    } catch {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    if (path.basename(resolution.filePath) === 'index.html') {
      body = Buffer.from(injectSecret(body.toString('utf8'), secret));
    }
    response.writeHead(200, { ...headers, 'content-type': resolution.mimeType });
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
