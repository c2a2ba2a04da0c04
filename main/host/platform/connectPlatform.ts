/**
 * Decides which platform this kiosk talks to and builds the link: KIOSK_PLATFORM_URL, else
 * platform.url from the config, else the embedded reference platform (started here, enrolled
 * automatically). The enrolment code likewise: KIOSK_PLATFORM_ENROLMENT_CODE, else
 * platform.enrolmentCode. Runtime: plain Node.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { KioskConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { DeviceHealth } from './heartbeat.ts';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embeddedPlatform.ts';
import { PlatformLink, type PlatformLinkOptions } from './platformLink.ts';

export const PLATFORM_URL_ENV = 'KIOSK_PLATFORM_URL';
export const ENROLMENT_CODE_ENV = 'KIOSK_PLATFORM_ENROLMENT_CODE';

export interface ConnectedPlatform {
  /** Absent only when the embedded platform could not start (logged). */
  readonly link: PlatformLink | undefined;
  /** Stops the embedded platform, if one runs; call after the host (and so the link) is disposed. */
  close(): Promise<void>;
}

const HttpUrl = z.url({ protocol: /^https?$/ });

export async function connectPlatform(options: {
  config: KioskConfig;
  env: NodeJS.ProcessEnv;
  appDataDir: string;
  appVersion: string;
  logger: Logger;
  deviceStates?: () => Record<string, DeviceHealth>;
  /** Test hooks for timings (health interval, heartbeat, event stream). */
  tuning?: Partial<Pick<PlatformLinkOptions, 'healthIntervalMs' | 'heartbeatIntervalMs' | 'events' | 'timeouts'>>;
}): Promise<ConnectedPlatform> {
  const { env, config, logger } = options;
  let url = config.platform.url;
  const fromEnv = nonEmpty(env[PLATFORM_URL_ENV]);
  if (fromEnv !== undefined) {
    const parsed = HttpUrl.safeParse(fromEnv);
    if (parsed.success) url = parsed.data;
    else logger.error(`${PLATFORM_URL_ENV} is not an http(s) URL; ignored`, { field: PLATFORM_URL_ENV });
  }
  const enrolmentCode = nonEmpty(env[ENROLMENT_CODE_ENV]) ?? config.platform.enrolmentCode;
  const device = {
    appVersion: options.appVersion.slice(0, 40),
    hostname: os.hostname().slice(0, 100),
    os: `${os.platform()} ${os.release()}`.slice(0, 100),
  };
  const common = {
    dataDir: options.appDataDir,
    device,
    logger: logger.child('platform-link'),
    ...(options.deviceStates === undefined ? {} : { deviceStates: options.deviceStates }),
    ...options.tuning,
  };

  if (url !== undefined) {
    const link = new PlatformLink({ ...common, baseUrl: url, embedded: false, ...(enrolmentCode === undefined ? {} : { enrolmentCode }) });
    await link.start();
    if (enrolmentCode === undefined && !link.state().enrolled) {
      logger.warn('not enrolled with the platform: set platform.enrolmentCode (or KIOSK_PLATFORM_ENROLMENT_CODE) to a code from the platform administrator', { platform: url });
    }
    return { link, close: async () => undefined };
  }

  let embedded: EmbeddedPlatform;
  try {
    embedded = await startEmbeddedPlatform({
      dataDir: path.join(options.appDataDir, 'platform'),
      logger: logger.child('embedded-platform'),
      label: config.kioskName,
      hallName: config.hallName,
    });
  } catch (error) {
    logger.error('embedded platform failed to start; syncing is off', { error: error instanceof Error ? error.message : String(error) });
    return { link: undefined, close: async () => undefined };
  }
  const link = new PlatformLink({ ...common, baseUrl: embedded.url, embedded: true, mintEnrolmentCode: () => embedded.mintEnrolmentCode() });
  await link.start();
  // Loopback and quick: the first screen already sees an enrolled, online kiosk.
  await link.ready();
  if (!link.state().online) await link.probe();
  return { link, close: () => embedded.close() };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
