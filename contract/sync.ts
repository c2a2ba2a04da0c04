/**
 * Sync between the renderer's engine and the central platform, through the service host. The host
 * holds the kiosk credential and access tokens (never the renderer), proxies pulls and pushes with
 * deadlines, and validates every platform answer against sync/protocol before it reaches the
 * renderer, so hostile or malformed payloads stop at the host.
 * Runtime: pure.
 */
import { z } from 'zod';
import { EcPublicJwk } from '../sync/protocol/sealed.ts';
import { FeedName, feedPageSchema, FEEDS } from '../sync/protocol/feeds.ts';
import { PushRequest, PushResponse } from '../sync/protocol/commands.ts';
import { event, method } from './define.ts';
import { EVERYONE } from './roles.ts';

const [firstFeed, ...otherFeeds] = FEEDS;
/** A page of any feed, validated with that feed's document schema. */
export const AnyFeedPage = z.union([feedPageSchema(firstFeed), ...otherFeeds.map((f) => feedPageSchema(f))]);
export type AnyFeedPage = z.infer<typeof AnyFeedPage>;

export const PlatformLinkState = z.object({
  /** The platform answered its last request (or health probe). */
  online: z.boolean(),
  /** The kiosk holds a credential. */
  enrolled: z.boolean(),
  /** The platform revoked this kiosk: syncing stopped, the queue is kept. */
  revoked: z.boolean(),
  kioskId: z.string().nullable(),
  platformUrl: z.string(),
  /** Whether the platform is the embedded reference one started with the kiosk. */
  embedded: z.boolean(),
  /** When the current access token expires. */
  tokenExpiresAt: z.iso.datetime().nullable(),
  /** platform time minus host time, from the last answer; null before the first. */
  clockSkewMs: z.number().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.iso.datetime() }).nullable(),
  lastContactAt: z.iso.datetime().nullable(),
});
export type PlatformLinkState = z.infer<typeof PlatformLinkState>;

/** What the engine reports in the heartbeat; the host adds device states. No personal data. */
export const QueueReport = z.object({
  pendingCommands: z.number().int().nonnegative(),
  rejectedCommands: z.number().int().nonnegative(),
  oldestPendingAgeSeconds: z.number().nonnegative().nullable(),
  feedVersions: z.record(z.string(), z.number().int().nonnegative()),
  storageUsedBytes: z.number().nonnegative().nullable(),
  storagePersisted: z.boolean().nullable(),
});
export type QueueReport = z.infer<typeof QueueReport>;

/** Full card holder fields for the application flow, to be sealed at once in the renderer. */
export const CardHolder = z.object({
  cardType: z.string(),
  name: z.string(),
  idNumber: z.string(),
  sex: z.string(),
  birthDate: z.string(),
  address: z.string().optional(),
});
export type CardHolder = z.infer<typeof CardHolder>;

export const syncMethods = {
  'sync.pull': method({
    input: z.object({ feed: FeedName, cursor: z.string().max(2048).nullable() }).strict(),
    output: AnyFeedPage,
    roles: EVERYONE,
    summary: 'One page of a feed after the cursor (or a snapshot page); validated against the protocol.',
  }),
  'sync.push': method({
    input: PushRequest.strict(),
    output: PushResponse,
    roles: EVERYONE,
    summary: 'Delivers a batch of outbox commands; the platform answers each one.',
  }),
  'sync.platformKey': method({
    input: z.object({}).strict(),
    output: z.object({ jwk: EcPublicJwk }),
    roles: EVERYONE,
    summary: "The platform's public key, to seal residents' personal fields in the renderer.",
  }),
  'sync.state': method({
    input: z.object({}).strict(),
    output: PlatformLinkState,
    roles: EVERYONE,
    summary: 'The link to the platform: online, enrolment, revocation, token expiry, clock skew, last error.',
  }),
  'sync.report': method({
    input: QueueReport.strict(),
    output: z.object({}),
    roles: EVERYONE,
    summary: 'The engine reports its queue; the host sends it in the heartbeat with device states.',
  }),
  'idCard.holder': method({
    input: z.object({ readingToken: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
    output: CardHolder,
    roles: EVERYONE,
    summary: 'Once per card reading: the full holder fields for the application flow to seal. Expires after 5 minutes.',
  }),
} as const;

export const syncEvents = {
  'sync.poke': event({
    payload: z.object({ feed: FeedName, version: z.number().int().nonnegative() }),
    roles: EVERYONE,
    summary: 'The platform published something in a feed: pull it now.',
  }),
  'sync.link': event({
    payload: PlatformLinkState,
    roles: EVERYONE,
    summary: 'The link to the platform changed (online, revoked, error).',
  }),
} as const;
