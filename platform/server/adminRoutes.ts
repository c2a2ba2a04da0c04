/**
 * Administration for the loop: enrolment codes, revocation, publishing, submissions (personal
 * fields opened only here), and moving applications through their states. Own bearer token.
 * Runtime: plain Node.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../main/host/logger.ts';
import { PublishedFeedName, SubmissionKind, SubmissionState } from '../../sync/protocol/feeds.ts';
import { docId } from '../feeds.ts';
import { HttpError, parseOrThrow } from '../errors.ts';
import type { PlatformServices } from './services.ts';

const CreateCode = z.object({
  label: z.string().min(1).max(100),
  hallName: z.string().min(1).max(100),
  ttlMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
});
const Publish = z.object({ upserts: z.array(z.unknown()).max(20_000).default([]), deletes: z.array(z.string().min(1)).max(20_000).default([]) });
const FeedParams = z.object({ feed: PublishedFeedName });
const ItemParams = z.object({ feed: PublishedFeedName, id: z.string().min(1) });
const Transition = z.object({ to: SubmissionState, message: z.string().max(500).optional() });
const ListSubmissions = z.object({ kind: SubmissionKind.optional(), state: SubmissionState.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
const Purge = z.object({ olderThanSeconds: z.number().int().nonnegative() });

export function registerAdminRoutes(app: FastifyInstance, services: PlatformServices, authenticateAdmin: (request: FastifyRequest) => Promise<void>, log: Logger): void {
  app.register(
    async (admin) => {
      admin.addHook('onRequest', async (request) => authenticateAdmin(request));

      admin.post('/enrolment-codes', async (request, reply) => {
        const body = parseOrThrow(CreateCode, request.body ?? {}, 'body');
        const created = await services.kiosks.createEnrolmentCode(body);
        log.info('enrolment code created', { label: body.label, hallName: body.hallName, expiresAt: created.expiresAt });
        return reply.code(201).send(created);
      });

      admin.get('/kiosks', async () => {
        const rows = await services.kiosks.list();
        return {
          kiosks: rows.map((k) => ({
            id: k.id,
            label: k.label,
            hallName: k.hall_name,
            device: k.device,
            enrolledAt: new Date(k.enrolled_at).toISOString(),
            revokedAt: k.revoked_at === null ? null : new Date(k.revoked_at).toISOString(),
            lastSeenAt: k.last_seen_at === null ? null : new Date(k.last_seen_at).toISOString(),
            lastHeartbeat: k.last_heartbeat,
          })),
        };
      });

      admin.post('/kiosks/:kioskId/revoke', async (request) => {
        const { kioskId } = parseOrThrow(z.object({ kioskId: z.string().min(1) }), request.params, 'params');
        if (!(await services.kiosks.revoke(kioskId))) throw new HttpError(404, 'NOT_FOUND', `no kiosk ${kioskId}`, 'kioskId');
        log.warn('kiosk revoked', { kioskId });
        return { kioskId, revoked: true };
      });

      admin.get('/feeds', async () => ({ versions: await services.feeds.currentVersions() }));

      /** One publication = one version: all upserts and deletes become visible together. */
      admin.post('/feeds/:feed/publish', async (request) => {
        const { feed } = parseOrThrow(FeedParams, request.params, 'params');
        const body = parseOrThrow(Publish, request.body, 'body');
        return services.feeds.publish(feed, body);
      });

      admin.put('/feeds/:feed/items/:id', async (request) => {
        const { feed, id } = parseOrThrow(ItemParams, request.params, 'params');
        const idInBody = (() => {
          try {
            return docId(feed, request.body);
          } catch {
            return null;
          }
        })();
        if (idInBody !== id) throw new HttpError(400, 'INVALID_REQUEST', `the document's id (${idInBody ?? 'missing'}) must equal the path id ${id}`, feed === 'catalog' ? 'code' : 'id');
        return services.feeds.publish(feed, { upserts: [request.body], deletes: [] });
      });

      admin.delete('/feeds/:feed/items/:id', async (request) => {
        const { feed, id } = parseOrThrow(ItemParams, request.params, 'params');
        const result = await services.feeds.publish(feed, { upserts: [], deletes: [id] });
        if (result.deleted === 0) throw new HttpError(404, 'NOT_FOUND', `no live ${feed} item ${id}`, 'id');
        return result;
      });

      admin.get('/submissions', async (request) => {
        const query = parseOrThrow(ListSubmissions, request.query, 'query');
        const submissions = await services.desk.list(query);
        // Personal data goes to the administrator's screen only; the log gets a count.
        log.info('submissions listed', { count: submissions.length });
        return { submissions };
      });

      admin.get('/submissions/:id', async (request) => {
        const { id } = parseOrThrow(z.object({ id: z.string().min(1) }), request.params, 'params');
        const submission = await services.desk.get(id);
        if (submission === null) throw new HttpError(404, 'NOT_FOUND', `no submission ${id}`, 'id');
        return submission;
      });

      admin.post('/applications/:id/transition', async (request) => {
        const { id } = parseOrThrow(z.object({ id: z.string().min(1) }), request.params, 'params');
        const body = parseOrThrow(Transition, request.body, 'body');
        const result = await services.desk.transition(id, body.to, body.message ?? null);
        log.info('application moved', { id, to: body.to });
        return result;
      });

      admin.post('/maintenance/expire', async () => ({ expired: await services.feeds.expireDue() }));

      /** Forget tombstones older than the horizon; kiosks with older cursors will reset. */
      admin.post('/maintenance/purge-tombstones', async (request) => {
        const body = parseOrThrow(Purge, request.body, 'body');
        return { purged: await services.feeds.purgeTombstones(new Date(services.now().getTime() - body.olderThanSeconds * 1000)) };
      });
    },
    { prefix: '/admin' },
  );
}
