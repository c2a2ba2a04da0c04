/**
 * The service host over a loopback WebSocket, for the browser host (E2E tests, demos, development).
 * A connection is accepted only with the per-start secret (as a subprotocol) and from the page's
 * own Origin; everything after that goes through the same dispatcher as Electron IPC.
 * Runtime: plain Node.
 */
import type { IncomingMessage, Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_PAYLOAD_BYTES } from '../../contract/index.ts';
import { WS_CLOSE, WS_PATH, WS_PROTOCOL, WS_SECRET_PROTOCOL_PREFIX } from '../../contract/wsProtocol.ts';
import { ClientMessage } from '../../contract/wsSchemas.ts';
import type { Logger } from '../host/logger.ts';
import type { ServiceHost } from '../host/serviceHost.ts';

/** Frames up to this size are parsed and refused with PAYLOAD_TOO_LARGE; larger ones close the socket. */
const MAX_FRAME_BYTES = MAX_PAYLOAD_BYTES * 4;

export interface WsTransportOptions {
  readonly server: Server;
  readonly host: ServiceHost;
  readonly secret: string;
  /** Origins allowed to connect, e.g. http://127.0.0.1:8300. */
  readonly allowedOrigins: () => readonly string[];
  readonly logger: Logger;
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

/** Pure check of an upgrade request; exported for hostile-input tests. */
export function judgeUpgrade(
  request: { url?: string | undefined; headers: Record<string, string | string[] | undefined> },
  secret: string,
  allowedOrigins: readonly string[],
): UpgradeVerdict {
  const path = (request.url ?? '').split('?')[0];
  if (path !== WS_PATH) return { ok: false, status: 404, reason: 'wrong path' };
  const origin = request.headers['origin'];
  if (typeof origin !== 'string' || !allowedOrigins.includes(origin)) {
    return { ok: false, status: 403, reason: `origin not allowed: ${String(origin)}` };
  }
  const offered = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  if (!offered.includes(WS_PROTOCOL)) return { ok: false, status: 403, reason: 'missing kiosk subprotocol' };
  const presented = offered.find((p) => p.startsWith(WS_SECRET_PROTOCOL_PREFIX))?.slice(WS_SECRET_PROTOCOL_PREFIX.length);
  if (presented === undefined || !sameSecret(presented, secret)) return { ok: false, status: 401, reason: 'wrong secret' };
  return { ok: true };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function attachWsTransport(options: WsTransportOptions): { close(): Promise<void> } {
  const { server, host, secret, logger } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const verdict = judgeUpgrade(request, secret, options.allowedOrigins());
    if (!verdict.ok) {
      logger.warn('websocket refused', { reason: verdict.reason });
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 404 ? 'Not Found' : verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws));
  };
  server.on('upgrade', onUpgrade);

  function serve(ws: WebSocket): void {
    const connection = host.connect({
      senderTrusted: true, // origin and secret were checked at the upgrade
      deliver: (name, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'event', name, payload }));
      },
    });
    ws.on('message', (data, isBinary) => {
      const raw = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      void handleMessage(raw, isBinary);
    });
    ws.on('close', () => connection.close());
    ws.on('error', (error) => logger.warn('websocket error', { error: error.message }));

    async function handleMessage(raw: Buffer, isBinary: boolean): Promise<void> {
      let message: ClientMessage;
      try {
        if (isBinary) throw new Error('binary frame');
        message = ClientMessage.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        // Not a call we can answer by id: close, the client reconnects with a clean state.
        ws.close(WS_CLOSE.protocolError, 'malformed message');
        return;
      }
      const result = await connection.call(message.method, message.arg, raw.length);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id: message.id, result }));
    }
  }

  return {
    async close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
