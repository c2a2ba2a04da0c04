import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_PAYLOAD_BYTES } from '../../contract/index.ts';
import { WS_PATH, WS_PROTOCOL } from '../../contract/wsProtocol.ts';
import { createWsKiosk } from '../../renderer/src/kiosk/wsClient.ts';
import { EMBEDDED_DEFAULT } from '../host/config.ts';
import { createMemoryLogger } from '../host/logger.ts';
import { createServiceHost, type ServiceHost } from '../host/serviceHost.ts';
import { startBrowserHost, type BrowserHost } from './browserHost.ts';

let host: ServiceHost;
let web: BrowserHost;
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'renderer-'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'assets/app.js'), 'console.log(1)');
  await writeFile(path.join(root, '../secret.txt'), 'outside');
  host = createServiceHost({
    version: '1.2.3',
    transport: 'websocket',
    loaded: { config: EMBEDDED_DEFAULT, source: 'embedded default', problems: [], service: { state: 'in-service' } },
    logger: createMemoryLogger(),
    statusIntervalMs: 50,
  });
  web = await startBrowserHost({ host, rendererDir: root, logger: createMemoryLogger(), port: 0 });
});

afterEach(async () => {
  await web.close();
  await host.dispose();
});

function origin(): string {
  return web.url.replace(/\/$/, '');
}

/** `ws` lets a test set the Origin header a browser would send. */
function wsImpl(originHeader: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols: string[]) {
      super(url, protocols, { origin: originHeader });
    }
  } as unknown as typeof globalThis.WebSocket;
}

function get(urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(web.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: urlPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function tryConnect(options: { secret: string; origin: string; path?: string }): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${web.url.replace('http', 'ws').replace(/\/$/, '')}${options.path ?? WS_PATH}`, [WS_PROTOCOL, `secret.${options.secret}`], { origin: options.origin });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('browser host', () => {
  it('binds to loopback and hands the page its secret with a strict CSP', async () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="kiosk-ws-secret" content="${web.secret}">`);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('serves only files inside the renderer folder', async () => {
    expect((await get('/assets/app.js')).status).toBe(200);
    for (const hostile of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00index.html', '/%E0%A4%A']) {
      expect((await get(hostile)).status, hostile).toBe(404);
    }
  });

  it('refuses requests for other host names (DNS rebinding)', async () => {
    expect((await get('/', { host: 'evil.example:80' })).status).toBe(421);
  });

  it('accepts the right secret from the page origin and refuses anything else', async () => {
    expect(await tryConnect({ secret: web.secret, origin: origin() })).toBe('open');
    expect(await tryConnect({ secret: 'f'.repeat(64), origin: origin() })).toBe(401);
    expect(await tryConnect({ secret: web.secret, origin: 'http://evil.example' })).toBe(403);
    expect(await tryConnect({ secret: web.secret, origin: origin(), path: '/other' })).toBe(404);
  });

  it('round-trips system.info and delivers status events through the client', async () => {
    const kiosk = createWsKiosk({ url: `${origin().replace('http', 'ws')}${WS_PATH}`, secret: web.secret, WebSocketImpl: wsImpl(origin()) });
    const info = await kiosk.call('system.info', {});
    expect(info).toMatchObject({ ok: true, value: { version: '1.2.3', transport: 'websocket', hallName: EMBEDDED_DEFAULT.hallName } });
    const status = await new Promise((resolve) => kiosk.on('system.status', resolve));
    expect(status).toMatchObject({ online: false, service: { state: 'in-service' } });
    kiosk.close();
  });

  it('answers malformed and oversize calls with errors and keeps serving', async () => {
    const kiosk = createWsKiosk({ url: `${origin().replace('http', 'ws')}${WS_PATH}`, secret: web.secret, WebSocketImpl: wsImpl(origin()) });
    const big = await kiosk.call('system.info', { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) } as never);
    expect(big).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    const bad = await kiosk.call('session.signIn', { role: 'technician', pin: 12 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'pin' } });
    expect(await kiosk.call('system.info', {})).toMatchObject({ ok: true });
    kiosk.close();
  });

  it('fails calls in flight when the service goes away instead of hanging', async () => {
    const kiosk = createWsKiosk({ url: `${origin().replace('http', 'ws')}${WS_PATH}`, secret: web.secret, WebSocketImpl: wsImpl(origin()), callTimeoutMs: 2_000 });
    expect(await kiosk.call('system.info', {})).toMatchObject({ ok: true });
    await web.close();
    const after = await kiosk.call('system.info', {});
    expect(after.ok).toBe(false);
    kiosk.close();
    web = await startBrowserHost({ host, rendererDir: root, logger: createMemoryLogger(), port: 0 });
  });
});
