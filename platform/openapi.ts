/**
 * Builds the OpenAPI 3.1 description of the platform from the same zod schemas the code validates
 * with, so the document cannot drift from the wire. `npx tsx platform/openapi.ts > docs/platform-openapi.json`
 * regenerates it; a test checks the committed file is current and covers every Fastify route.
 */
import { z } from 'zod';
import { EnrolRequest, EnrolResponse, TokenRequest, TokenResponse } from '../sync/protocol/auth.ts';
import { CommandAnswer, PushRequest, PushResponse } from '../sync/protocol/commands.ts';
import { ErrorEnvelope } from '../sync/protocol/errors.ts';
import { FEED_PAGES, FEEDS, PUBLISHED_FEEDS, SUBMISSION_KINDS, SUBMISSION_STATES } from '../sync/protocol/feeds.ts';
import { HealthResponse, HeartbeatRequest, HeartbeatResponse, PokeMessage } from '../sync/protocol/kioskHealth.ts';
import { EcPublicJwk } from '../sync/protocol/sealed.ts';
import { PROTOCOL_VERSION } from '../sync/protocol/index.ts';

type Schema = Record<string, unknown>;
const json = (schema: z.ZodType): Schema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
  return rest;
};
const content = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: content(schema) });
const errorResponse = { description: 'Error envelope', content: content({ $ref: '#/components/schemas/ErrorEnvelope' }) };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), errorResponse]));
const kioskAuth = [{ kioskToken: [] }];
const adminAuth = [{ adminToken: [] }];
const anyObject: Schema = { type: 'object' };
const pathParam = (name: string, schema: Schema = { type: 'string' }) => ({ name, in: 'path', required: true, schema });

export function buildOpenApi(): Schema {
  const feedPageOneOf = { oneOf: FEEDS.map((f) => ({ $ref: `#/components/schemas/FeedPage_${f}` })) };
  return {
    openapi: '3.1.0',
    info: {
      title: '六安政务服务中央平台 — kiosk sync API (reference platform)',
      version: PROTOCOL_VERSION,
      description: 'See docs/sync-protocol.md. Generated from sync/protocol (zod) by platform/openapi.ts — do not edit by hand.',
    },
    servers: [{ url: 'http://127.0.0.1:8420' }],
    components: {
      securitySchemes: {
        kioskToken: { type: 'http', scheme: 'bearer', description: 'Short-lived access token from POST /v1/token' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'PLATFORM_ADMIN_TOKEN' },
      },
      schemas: {
        ErrorEnvelope: json(ErrorEnvelope),
        CommandAnswer: json(CommandAnswer),
        PokeMessage: json(PokeMessage),
        ...Object.fromEntries(FEEDS.map((f) => [`FeedPage_${f}`, json(FEED_PAGES[f])])),
      },
    },
    paths: {
      '/health': { get: { summary: 'Liveness probe (no auth)', responses: { '200': ok('Up', json(HealthResponse)) } } },
      '/v1/platform-key': {
        get: { summary: 'The ECDH P-256 public key personal data is sealed to (no auth)', responses: { '200': ok('Key', { type: 'object', properties: { alg: { type: 'string' }, jwk: json(EcPublicJwk) } }) } },
      },
      '/v1/enrol': {
        post: {
          summary: 'Enrol a kiosk with a one-time code; returns the long-lived credential once',
          requestBody: { required: true, content: content(json(EnrolRequest)) },
          responses: { '201': ok('Enrolled', json(EnrolResponse)), ...errors(400, 403, 503) },
        },
      },
      '/v1/token': {
        post: {
          summary: 'Exchange the kiosk credential for a 15-minute access token',
          requestBody: { required: true, content: content(json(TokenRequest)) },
          responses: { '200': ok('Token', json(TokenResponse)), ...errors(400, 401, 403, 503) },
        },
      },
      '/v1/feeds/{feed}': {
        get: {
          summary: 'Pull one page of a feed (no cursor = snapshot)',
          security: kioskAuth,
          parameters: [
            pathParam('feed', { type: 'string', enum: [...FEEDS] }),
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 2000 } },
          ],
          responses: { '200': ok('A page (reset non-null = restart from this snapshot page)', feedPageOneOf), ...errors(400, 401, 403, 429, 503) },
        },
      },
      '/v1/commands': {
        post: {
          summary: 'Push a batch of outbox commands; each answered applied | duplicate | rejected | deferred',
          security: kioskAuth,
          requestBody: { required: true, content: content(json(PushRequest)) },
          responses: { '200': ok('Per-command answers', json(PushResponse)), ...errors(400, 401, 403, 413, 429, 503) },
        },
      },
      '/v1/heartbeat': {
        post: {
          summary: 'Health snapshot without personal data',
          security: kioskAuth,
          requestBody: { required: true, content: content(json(HeartbeatRequest)) },
          responses: { '200': ok('Server time and skew', json(HeartbeatResponse)), ...errors(400, 401, 403, 429, 503) },
        },
      },
      '/v1/events': {
        get: {
          summary: 'Server-sent events: `poke` (PokeMessage) and `heartbeat` ({serverTime})',
          security: kioskAuth,
          responses: { '200': { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401, 403) },
        },
      },
      '/admin/enrolment-codes': {
        post: {
          summary: 'Create a one-time enrolment code (shown once)',
          security: adminAuth,
          requestBody: { required: true, content: content({ type: 'object', required: ['label', 'hallName'], properties: { label: { type: 'string' }, hallName: { type: 'string' }, ttlMinutes: { type: 'integer' } } }) },
          responses: { '201': ok('Code', { type: 'object', properties: { code: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } }), ...errors(400, 401) },
        },
      },
      '/admin/kiosks': { get: { summary: 'Enrolled kiosks with their last heartbeat', security: adminAuth, responses: { '200': ok('Kiosks', anyObject), ...errors(401) } } },
      '/admin/kiosks/{kioskId}/revoke': {
        post: { summary: 'Revoke a kiosk (its requests then answer KIOSK_REVOKED)', security: adminAuth, parameters: [pathParam('kioskId')], responses: { '200': ok('Revoked', anyObject), ...errors(401, 404) } },
      },
      '/admin/feeds': { get: { summary: 'Current version per feed', security: adminAuth, responses: { '200': ok('Versions', anyObject), ...errors(401) } } },
      '/admin/feeds/{feed}/publish': {
        post: {
          summary: 'Publish upserts and deletes as ONE version',
          security: adminAuth,
          parameters: [pathParam('feed', { type: 'string', enum: [...PUBLISHED_FEEDS] })],
          requestBody: { required: true, content: content({ type: 'object', properties: { upserts: { type: 'array' }, deletes: { type: 'array', items: { type: 'string' } } } }) },
          responses: { '200': ok('Version', anyObject), ...errors(400, 401) },
        },
      },
      '/admin/feeds/{feed}/items/{id}': {
        put: { summary: 'Publish one document', security: adminAuth, parameters: [pathParam('feed', { type: 'string', enum: [...PUBLISHED_FEEDS] }), pathParam('id')], requestBody: { required: true, content: content(anyObject) }, responses: { '200': ok('Version', anyObject), ...errors(400, 401) } },
        delete: { summary: 'Unpublish one document (tombstone)', security: adminAuth, parameters: [pathParam('feed', { type: 'string', enum: [...PUBLISHED_FEEDS] }), pathParam('id')], responses: { '200': ok('Version', anyObject), ...errors(401, 404) } },
      },
      '/admin/submissions': {
        get: {
          summary: 'Received submissions with personal fields opened (admin only)',
          security: adminAuth,
          parameters: [
            { name: 'kind', in: 'query', required: false, schema: { type: 'string', enum: [...SUBMISSION_KINDS] } },
            { name: 'state', in: 'query', required: false, schema: { type: 'string', enum: [...SUBMISSION_STATES] } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } },
          ],
          responses: { '200': ok('Submissions', anyObject), ...errors(400, 401) },
        },
      },
      '/admin/submissions/{id}': { get: { summary: 'One submission with history', security: adminAuth, parameters: [pathParam('id')], responses: { '200': ok('Submission', anyObject), ...errors(401, 404) } } },
      '/admin/applications/{id}/transition': {
        post: {
          summary: 'Move an application: submitted → accepted → processing → completed, or refused; appends to the kiosk status feed',
          security: adminAuth,
          parameters: [pathParam('id')],
          requestBody: { required: true, content: content({ type: 'object', required: ['to'], properties: { to: { type: 'string', enum: [...SUBMISSION_STATES] }, message: { type: 'string' } } }) },
          responses: { '200': ok('Submission', anyObject), ...errors(400, 401, 404, 409) },
        },
      },
      '/admin/maintenance/expire': { post: { summary: 'Tombstone notices/consultations past their end now', security: adminAuth, responses: { '200': ok('Count', anyObject), ...errors(401) } } },
      '/admin/maintenance/purge-tombstones': {
        post: { summary: 'Forget tombstones older than N seconds (older cursors then reset)', security: adminAuth, requestBody: { required: true, content: content({ type: 'object', required: ['olderThanSeconds'], properties: { olderThanSeconds: { type: 'integer' } } }) }, responses: { '200': ok('Count', anyObject), ...errors(400, 401) } },
      },
    },
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  process.stdout.write(`${JSON.stringify(buildOpenApi(), null, 2)}\n`);
}
