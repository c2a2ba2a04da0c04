/**
 * Starting the service host the same way in both entries (Electron main and the browser host):
 * find and load the config, make the logger, create the host. Runtime: plain Node.
 */
import { readFileSync } from 'node:fs';
import { configPath, loadConfig, type LoadedConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { createServiceHost, type ServiceHost } from './serviceHost.ts';
import type { TransportKind } from '../../contract/system.ts';
import { idCardReaderKind, receiptPrinterKind } from '../../devices/manager/builtinKinds.ts';
import { DeviceManager } from '../../devices/manager/deviceManager.ts';
import { connectPlatform } from './platform/connectPlatform.ts';
import { deviceHealth } from './platform/heartbeat.ts';

export interface StartedHost {
  readonly host: ServiceHost;
  readonly loaded: LoadedConfig;
  readonly logger: Logger;
}

export async function bootstrapHost(options: {
  transport: TransportKind;
  appDataDir: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}): Promise<StartedHost> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger({ module: 'kiosk', minLevel: env['KIOSK_LOG_LEVEL'] === 'debug' ? 'debug' : 'info' });
  const loaded = await loadConfig(configPath(env, options.appDataDir));
  if (loaded.service.state === 'out-of-service') {
    for (const problem of loaded.problems) logger.error('configuration problem', { source: loaded.source, ...problem });
  } else {
    logger.info('configuration loaded', { source: loaded.source });
  }
  const devices = await DeviceManager.create({
    devices: loaded.config.devices,
    kinds: [
      idCardReaderKind,
      receiptPrinterKind(() => ({ kioskName: loaded.config.kioskName, hall: loaded.config.hallName, kioskId: loaded.config.kioskId, printedAt: new Date() })),
    ],
    dataDir: options.appDataDir,
    onProblem: (message) => logger.warn('device problem', { message }),
  });
  // The central platform: configured, or the embedded reference one (stopped after the host).
  const platform = await connectPlatform({ config: loaded.config, env, appDataDir: options.appDataDir, appVersion: appVersion(), logger, deviceStates: () => deviceHealth(devices.list()) });
  const created = createServiceHost({ version: appVersion(), transport: options.transport, loaded, logger, devices, ...(platform.link === undefined ? {} : { platform: platform.link }) });
  const host: ServiceHost = {
    ...created,
    async dispose() {
      await created.dispose();
      await platform.close();
    },
  };
  return { host, loaded, logger };
}

let cachedVersion: string | undefined;
/** The version in package.json; both entries run from the project (or app.asar) root. */
export function appVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
      cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
    } catch {
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion;
}
