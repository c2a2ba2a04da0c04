/** Handlers for system.* methods. */
import { ok } from '../../../contract/index.ts';
import type { SystemStatus } from '../../../contract/system.ts';
import type { Handlers } from '../dispatcher.ts';
import type { HostContext } from '../hostContext.ts';

export function systemStatus(host: HostContext): SystemStatus {
  return { online: host.connectivity.online(), now: host.clock.now().toISOString(), service: host.loaded.service };
}

export function systemHandlers(host: HostContext): Pick<Handlers, 'system.info' | 'system.status' | 'system.configReport'> {
  return {
    'system.info': () =>
      ok({
        version: host.version,
        kioskId: host.loaded.config.kioskId,
        kioskName: host.loaded.config.kioskName,
        hallName: host.loaded.config.hallName,
        deviceMode: host.deviceMode,
        transport: host.transport,
        service: host.loaded.service,
        configSource: host.loaded.source,
        idleResetSeconds: host.loaded.config.ui.idleResetSeconds,
      }),
    'system.status': () => ok(systemStatus(host)),
    'system.configReport': () => ok({ source: host.loaded.source, problems: [...host.loaded.problems] }),
  };
}
