/** The kiosk's sync engine (runs in the renderer over Dexie). Runtime: pure (browser). */
export { SyncEngine, PLATFORM_KEY_SETTING, type SyncEngineOptions, type StorageLike } from './engine.ts';
export type { SyncTransport } from './transport.ts';
export { SYNC_LEVEL_THRESHOLDS, levelOf, queueReportOf, type FeedSyncState, type StorageState, type SyncLevel, type SyncState } from './syncState.ts';
export type { SubmitInput, SubmitReceipt } from './submit.ts';
export { ManualClock, systemClock, type EngineClock } from './clock.ts';
export { DEFAULT_BACKOFF, type BackoffPolicy } from './pusher.ts';
export { createUuidV7 } from './uuidv7.ts';
export type { PullOutcome } from './puller.ts';
