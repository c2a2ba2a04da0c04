/** /health and the kiosk endpoints under /v1. Runtime: plain Node. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '../../sync/protocol/index.ts';
import { EnrolRequest, TokenRequest } from '../../sync/protocol/auth.ts';
import { PushRequest } from '../../sync/protocol/commands.ts';
import { FeedName, FeedPullQuery } from '../../sync/protocol/feeds.ts';
import { HeartbeatRequest, SSE_EVENTS, type PokeMessage } from '../../sync/protocol/kioskHealth.ts';
import { withDeadline } from '../db/sql.ts';
import { parseOrThrow } from '../errors.ts';
import type { AppLimits } from './app.ts';
import type { PlatformServices } from './services.ts';

export function registerKioskRoutes(
  app: FastifyInstance,
  services: PlatformServices,
  limits: AppLimits,
  authenticateKiosk: (request: FastifyRequest) => Promise<string>,
): void {
  const deadline = <T>(work: Promise<T>, what: string): Promise<T> => withDeadline(work, limits.dbDeadlineMs, what);

  // No auth: the kiosk's main process probes this to tell "offline" from "platform down".
  app.get('/health', async () => ({ ok: true, serverTime: services.now().toISOString(), protocol: PROTOCOL_VERSION }));

  // The public key personal data is sealed to. Public by nature: no auth, cacheable.
  app.get('/v1/platform-key', async (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=3600');
    return { alg: 'ECDH-ES-P256+HKDF-SHA256+A256GCM', jwk: services.sealPublicJwk };
  });

  app.post('/v1/enrol', async (request, reply) => {
    const body = parseOrThrow(EnrolRequest, request.body, 'body');
    const result = await deadline(services.kiosks.enrol(body.enrolmentCode, body.device), 'enrol');
    void reply.header('cache-control', 'no-store');
    return reply.code(201).send(result);
  });

  app.post('/v1/token', async (request, reply) => {
    const body = parseOrThrow(TokenRequest, request.body, 'body');
    void reply.header('cache-control', 'no-store');
    return deadline(services.kiosks.issueToken(body.kioskId, body.secret), 'token');
  });

  app.get('/v1/feeds/:feed', async (request) => {
    const kioskId = await authenticateKiosk(request);
    const { feed } = parseOrThrow(z.object({ feed: FeedName }), request.params, 'params');
    const query = parseOrThrow(FeedPullQuery, request.query, 'query');
    return deadline(services.feeds.pull(feed, kioskId, query.cursor, query.limit), `pull ${feed}`);
  });

  app.post('/v1/commands', async (request) => {
    const kioskId = await authenticateKiosk(request);
    const body = parseOrThrow(PushRequest, request.body, 'body');
    // Deadlines apply per command inside: a slow database defers the rest instead of failing the batch.
    return services.commands.push(kioskId, body);
  });

  app.post('/v1/heartbeat', async (request) => {
    const kioskId = await authenticateKiosk(request);
    const body = parseOrThrow(HeartbeatRequest, request.body, 'body');
    return deadline(services.kiosks.heartbeat(kioskId, body), 'heartbeat');
  });

  // Server-sent events: `poke` hints (never data) and a `heartbeat` so the kiosk can detect a dead stream.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
  app.get('/v1/events', async (request, reply) => {
    const kioskId = await authenticateKiosk(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (event: string, data: unknown): void => {
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    raw.write('retry: 5000\n\n');
    send(SSE_EVENTS.heartbeat, { serverTime: services.now().toISOString() });
    const unsubscribe = services.pokes.subscribe((poke) => {
      if (poke.feed === 'status' && poke.kioskId !== kioskId) return;
      send(SSE_EVENTS.poke, { feed: poke.feed, version: poke.version } satisfies PokeMessage);
    });
    const timer = setInterval(() => send(SSE_EVENTS.heartbeat, { serverTime: services.now().toISOString() }), limits.sseHeartbeatMs);
    const end = (): void => {
      clearInterval(timer);
      unsubscribe();
      streams.delete(end);
      if (!raw.writableEnded) raw.end();
    };
    streams.add(end);
    raw.on('close', end);
  });
}
