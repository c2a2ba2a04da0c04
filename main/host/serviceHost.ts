/**
 * The service host: everything behind `window.kiosk`, in plain Node. The Electron shell and the
 * browser host each create one and attach their transport; neither knows what the handlers do.
 * Runtime: plain Node (no Electron).
 */
import { randomUUID } from 'node:crypto';
import type { EventName, Result } from '../../contract/index.ts';
import type { TransportKind } from '../../contract/system.ts';
import { systemClock, type Clock } from './clock.ts';
import type { LoadedConfig } from './config.ts';
import { fixedConnectivity, type Connectivity } from './connectivity.ts';
import { createDispatcher, type CallContext, type Handlers } from './dispatcher.ts';
import { createEventHub } from './eventHub.ts';
import type { HostContext } from './hostContext.ts';
import type { Logger } from './logger.ts';
import type { DeviceManager } from '../../devices/manager/deviceManager.ts';
import { deviceServices } from './services/devices.ts';
import { sessionHandlers } from './services/session.ts';
import { systemHandlers, systemStatus } from './services/system.ts';
import { syncServices } from './services/sync.ts';
import type { PlatformLink } from './platform/platformLink.ts';
import { createSessionStore } from './sessions.ts';

export interface ServiceHostOptions {
  readonly version: string;
  readonly transport: TransportKind;
  readonly loaded: LoadedConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly connectivity?: Connectivity;
  readonly statusIntervalMs?: number;
  /** The hall's devices; absent in tests that do not exercise them (device methods then say so). */
  readonly devices?: DeviceManager;
  /** The link to the central platform; absent in tests that do not sync (sync methods then say so). Also the default connectivity. */
  readonly platform?: PlatformLink;
}

/** One renderer attached through some transport. */
export interface Connection {
  readonly id: string;
  call(name: unknown, arg: unknown, payloadBytes?: number): Promise<Result<unknown>>;
  close(): void;
}

export interface ServiceHost {
  readonly context: HostContext;
  /** `senderTrusted` is the transport's verdict on who is calling; `deliver` pushes an event to that renderer. */
  connect(options: { senderTrusted: boolean; deliver: (name: EventName, payload: unknown) => void }): Connection;
  dispose(): Promise<void>;
}

export function createServiceHost(options: ServiceHostOptions): ServiceHost {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const events = createEventHub(logger.child('events'));
  const connectivity = options.connectivity ?? options.platform?.connectivity ?? fixedConnectivity(false);
  const sessions = createSessionStore({
    auth: options.loaded.config.auth,
    clock,
    onChange: (connectionId, info) => events.publish('session.changed', info, { connectionId }),
  });
  const context: HostContext = {
    version: options.version,
    transport: options.transport,
    loaded: options.loaded,
    deviceMode: deviceModeOf(options.loaded),
    clock,
    logger,
    events,
    sessions,
    connectivity,
  };
  const devices = deviceServices(context, options.devices);
  const sync = syncServices(context, options.platform);
  const handlers: Handlers = {
    ...systemHandlers(context),
    ...sessionHandlers(context),
    ...devices.handlers,
    ...sync.handlers,
  };
  const dispatcher = createDispatcher({ handlers, logger: logger.child('dispatch') });

  const publishStatus = (): void => events.publish('system.status', systemStatus(context));
  const stopTicker = clock.setInterval(publishStatus, options.statusIntervalMs ?? 1_000);
  const stopConnectivity = connectivity.onChange(publishStatus);

  return {
    context,
    connect({ senderTrusted, deliver }) {
      const id = randomUUID();
      const callContext: CallContext = { connectionId: id, senderTrusted, role: () => sessions.role(id) };
      const detach = events.attach({ connectionId: id, role: callContext.role, deliver });
      return {
        id,
        async call(name, arg, payloadBytes) {
          const result = await dispatcher.dispatch(callContext, name, arg, payloadBytes);
          sessions.touch(id);
          return result;
        },
        close() {
          detach();
          sessions.close(id);
        },
      };
    },
    async dispose() {
      stopTicker();
      stopConnectivity();
      connectivity.dispose();
      devices.dispose();
      sync.dispose();
      await options.platform?.dispose();
      await options.devices?.dispose();
    },
  };
}

function deviceModeOf(loaded: LoadedConfig): 'simulated' | 'real' {
  const devices = Object.values(loaded.config.devices);
  const anyReal = devices.some((d) => typeof d === 'object' && d !== null && (d as { transport?: unknown }).transport === 'serial');
  return anyReal ? 'real' : 'simulated';
}
