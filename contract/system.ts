/** System-level methods and events: who and where this kiosk is, and a heartbeat the UI can show. */
import { z } from 'zod';
import { event, method } from './define.ts';
import { EVERYONE, STAFF_AND_TECHNICIAN } from './roles.ts';

export const TransportKind = z.enum(['electron-ipc', 'websocket']);
export type TransportKind = z.infer<typeof TransportKind>;

export const DeviceMode = z.enum(['simulated', 'real']);

export const ServiceState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('in-service') }),
  /** Configuration was unusable: the kiosk shows an out-of-service screen instead of crashing. */
  z.object({
    state: z.literal('out-of-service'),
    reason: z.string(),
    field: z.string().optional(),
  }),
]);
export type ServiceState = z.infer<typeof ServiceState>;

export const SystemInfo = z.object({
  version: z.string(),
  kioskId: z.string(),
  kioskName: z.string(),
  hallName: z.string(),
  deviceMode: DeviceMode,
  transport: TransportKind,
  service: ServiceState,
  /** Where the configuration came from: a file path, or 'embedded default'. */
  configSource: z.string(),
  /** Seconds without a touch before the screen returns home and the session is cleared. */
  idleResetSeconds: z.number().int().positive(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const SystemStatus = z.object({
  /** Whether the central platform answered recently. Sync age colours come from the sync engine. */
  online: z.boolean(),
  /** The service host's clock, ISO 8601 UTC, so the renderer can show time even if its own clock drifts. */
  now: z.iso.datetime(),
  service: ServiceState,
});
export type SystemStatus = z.infer<typeof SystemStatus>;

export const systemMethods = {
  'system.info': method({
    input: z.object({}).strict(),
    output: SystemInfo,
    roles: EVERYONE,
    summary: 'Version, kiosk identity, hall, device mode and transport.',
  }),
  'system.status': method({
    input: z.object({}).strict(),
    output: SystemStatus,
    roles: EVERYONE,
    summary: 'The same status the system.status event pushes, on demand.',
  }),
  'system.configReport': method({
    input: z.object({}).strict(),
    output: z.object({
      source: z.string(),
      problems: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
    roles: STAFF_AND_TECHNICIAN,
    summary: 'Where the configuration came from and what was wrong with it.',
  }),
} as const;

export const systemEvents = {
  'system.status': event({
    payload: SystemStatus,
    roles: EVERYONE,
    summary: 'Pushed every second and on every change of online state.',
  }),
} as const;
