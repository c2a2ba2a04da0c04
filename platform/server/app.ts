/**
 * The platform's HTTP surface (Fastify): kiosk endpoints under /v1, administration under /admin.
 * Every body and query is validated with the shared zod schemas; every failure answers the
 * protocol's error envelope. Runtime: plain Node.
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from '../../main/host/logger.ts';
import type { ErrorEnvelope } from '../../sync/protocol/errors.ts';
import { DeadlineError } from '../db/sql.ts';
import { HttpError } from '../errors.ts';
import { PublishValidationError } from '../feeds.ts';
import type { PlatformServices } from './services.ts';
import { registerAdminRoutes } from './adminRoutes.ts';
import { registerKioskRoutes } from './kioskRoutes.ts';

export type AppLimits = Readonly<{
  /** Kiosk requests in flight before new ones get 503 + Retry-After. */
  maxConcurrentRequests: number;
  /** Requests in flight per kiosk before its new ones get 429 + Retry-After. */
  maxConcurrentPerKiosk: number;
  retryAfterSeconds: number;
  /** Deadline on the database work of one request. */
  dbDeadlineMs: number;
  sseHeartbeatMs: number;
  bodyLimitBytes: number;
}>;

export const DEFAULT_LIMITS: AppLimits = {
  maxConcurrentRequests: 64,
  maxConcurrentPerKiosk: 4,
  retryAfterSeconds: 5,
  dbDeadlineMs: 10_000,
  sseHeartbeatMs: 25_000,
  bodyLimitBytes: 4 * 1024 * 1024,
};

declare module 'fastify' {
  interface FastifyRequest {
    kioskId?: string;
    countedInFlight?: boolean;
  }
}

export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  const body: ErrorEnvelope = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    },
  };
  if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.code(error.status).send(body);
}

/** Kiosk endpoints that count against the concurrency limit (SSE is long-lived and does not). */
function isLimited(request: FastifyRequest): boolean {
  const url = request.url;
  return url.startsWith('/v1/') && !url.startsWith('/v1/events') && !url.startsWith('/v1/platform-key');
}

const registered = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Every route the app registered (HEAD twins left out): the OpenAPI test checks each is documented. */
export function routesOf(app: FastifyInstance): readonly { method: string; url: string }[] {
  return registered.get(app) ?? [];
}

export function buildApp(services: PlatformServices, limits: AppLimits, log: Logger): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: limits.bodyLimitBytes, forceCloseConnections: true });
  const routes: { method: string; url: string }[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  let inFlight = 0;
  const perKiosk = new Map<string, number>();

  app.addHook('onRequest', async (request, reply) => {
    if (!isLimited(request)) return;
    if (inFlight >= limits.maxConcurrentRequests) {
      return sendError(reply, new HttpError(503, 'OVERLOADED', 'platform busy, retry later', undefined, limits.retryAfterSeconds));
    }
    inFlight++;
    request.countedInFlight = true;
  });
  const release = (request: FastifyRequest): void => {
    if (request.countedInFlight === true) {
      request.countedInFlight = false;
      inFlight--;
    }
    if (request.kioskId !== undefined) {
      const n = (perKiosk.get(request.kioskId) ?? 1) - 1;
      if (n <= 0) perKiosk.delete(request.kioskId);
      else perKiosk.set(request.kioskId, n);
      request.kioskId = undefined;
    }
  };
  app.addHook('onResponse', async (request, reply) => {
    release(request);
    if (reply.statusCode >= 500) log.warn('request failed', { method: request.method, url: request.url.split('?')[0], status: reply.statusCode });
  });
  app.addHook('onRequestAbort', async (request) => release(request));

  /** Kiosk authentication + the per-kiosk limit; routes call it first. */
  const authenticateKiosk = async (request: FastifyRequest): Promise<string> => {
    const kioskId = await services.kiosks.authenticate(request.headers.authorization);
    const n = perKiosk.get(kioskId) ?? 0;
    if (n >= limits.maxConcurrentPerKiosk && request.countedInFlight === true) {
      throw new HttpError(429, 'OVERLOADED', 'too many requests in flight from this kiosk', undefined, limits.retryAfterSeconds);
    }
    if (request.countedInFlight === true) {
      perKiosk.set(kioskId, n + 1);
      request.kioskId = kioskId;
    }
    return kioskId;
  };

  const adminToken = Buffer.from(services.adminToken);
  const authenticateAdmin = async (request: FastifyRequest): Promise<void> => {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    const given = Buffer.from(match?.[1] ?? '');
    if (given.length !== adminToken.length || !timingSafeEqual(given, adminToken)) throw new HttpError(401, 'UNAUTHORIZED', 'admin bearer token required');
  };

  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error);
    if (error instanceof DeadlineError) return sendError(reply, new HttpError(503, 'TIMEOUT', error.message, undefined, limits.retryAfterSeconds));
    if (error instanceof PublishValidationError) return sendError(reply, new HttpError(400, 'INVALID_REQUEST', error.message, error.field));
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (status === 413) return sendError(reply, new HttpError(413, 'PAYLOAD_TOO_LARGE', fastifyError.message));
    if (status === 400 && (fastifyError.code ?? '').startsWith('FST_ERR_CTP')) return sendError(reply, new HttpError(400, 'INVALID_JSON', `body is not valid JSON: ${fastifyError.message}`, 'body'));
    if (status >= 400 && status < 500) return sendError(reply, new HttpError(status, 'INVALID_REQUEST', fastifyError.message));
    log.error('unhandled error', { method: request.method, url: request.url.split('?')[0], error: error.message });
    return sendError(reply, new HttpError(500, 'INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler(async (request, reply) => sendError(reply, new HttpError(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`)));

  registerKioskRoutes(app, services, limits, authenticateKiosk);
  registerAdminRoutes(app, services, authenticateAdmin, log);
  return app;
}
