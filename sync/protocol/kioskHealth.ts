/**
 * Heartbeat and the poke stream. The heartbeat is strict: no extra fields, so nothing personal can
 * ride along by accident. Runtime: pure.
 */
import { z } from 'zod';
import { FeedName } from './feeds.ts';

export const DeviceHealthState = z.enum(['ok', 'degraded', 'offline', 'disabled', 'unknown']);

export const HeartbeatRequest = z.strictObject({
  appVersion: z.string().min(1).max(40),
  /** Commands waiting in the outbox. */
  queueLength: z.number().int().nonnegative(),
  /** Age of the oldest pending command in seconds; null when the outbox is empty. */
  oldestPendingAgeSeconds: z.number().int().nonnegative().nullable(),
  /** Rejected commands waiting for staff ("needs attention"). */
  needsAttention: z.number().int().nonnegative().optional(),
  /** Device kind → state, e.g. { printer: 'ok', idCardReader: 'offline' }. */
  devices: z.record(z.string().max(40), DeviceHealthState),
  /** Feed → version the kiosk has applied. */
  feeds: z.partialRecord(FeedName, z.number().int().nonnegative()).optional(),
  /** The kiosk's wall clock, so the platform can report skew. */
  clock: z.iso.datetime(),
});
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;

export const HeartbeatResponse = z.object({
  serverTime: z.iso.datetime(),
  /** kiosk clock − server clock, milliseconds (positive = kiosk ahead). */
  clockSkewMs: z.number().int(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;

/**
 * The data of one `event: poke` on GET /v1/events. A hint only, never data: pull the feed.
 * On every (re)connect the kiosk pulls all feeds, which covers pokes missed while disconnected.
 */
export const PokeMessage = z.object({ feed: FeedName, version: z.number().int().nonnegative() });
export type PokeMessage = z.infer<typeof PokeMessage>;

/** The SSE event names: `poke` (PokeMessage) and `heartbeat` ({ serverTime }) every heartbeat interval. */
export const SSE_EVENTS = { poke: 'poke', heartbeat: 'heartbeat' } as const;
export const SseHeartbeat = z.object({ serverTime: z.iso.datetime() });

export const HealthResponse = z.object({ ok: z.literal(true), serverTime: z.iso.datetime(), protocol: z.string() });
