/**
 * The kiosk API, declared once. Every method the renderer may call and every event it may receive
 * is listed here with its schemas and roles; transports, the preload and the renderer's types are
 * all derived from these two tables. Runtime: pure (imports zod only).
 *
 * To add a capability: declare it in a domain file (system.ts, session.ts, …), spread it in below,
 * then implement its handler in main/host/services/. The compiler lists what is missing.
 */
import type { z } from 'zod';
import type { Result } from './result.ts';
import { deviceEvents, deviceMethods } from './devices.ts';
import { sessionEvents, sessionMethods } from './session.ts';
import { syncEvents, syncMethods } from './sync.ts';
import { systemEvents, systemMethods } from './system.ts';

export const methods = {
  ...systemMethods,
  ...sessionMethods,
  ...deviceMethods,
  ...syncMethods,
} as const;

export const events = {
  ...systemEvents,
  ...sessionEvents,
  ...deviceEvents,
  ...syncEvents,
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = Extract<keyof Methods, string>;
export type EventName = Extract<keyof Events, string>;

export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodArg<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Electron IPC channel names, derived so nobody types them twice. */
export const IPC_CHANNEL_PREFIX = 'kiosk:';
export function methodChannel(name: MethodName): string {
  return `${IPC_CHANNEL_PREFIX}call:${name}`;
}
export const EVENT_CHANNEL = `${IPC_CHANNEL_PREFIX}event`;

/** The largest argument a caller may send, in bytes of its JSON form. Receipts and forms fit easily. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * What the renderer sees as `window.kiosk`, identical over Electron IPC and the WebSocket.
 * `call` never rejects: transport failures come back as `{ ok: false }` too.
 */
export interface KioskApi {
  readonly transport: 'electron-ipc' | 'websocket';
  call<M extends MethodName>(name: M, arg: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export * from './result.ts';
export * from './roles.ts';
