/**
 * The virtual hall: builds every configured device (a serial port under a reconnecting
 * supervisor, or a simulator on an in-memory wire), opens, claims and enables it for the kiosk
 * flow, and gives the technician screen one place to read states, counters, logs and run health
 * checks. A bad config entry marks only that device `misconfigured`; the others run.
 * Runtime: plain Node.
 */
import path from 'node:path';
import { err, ok, type Result } from '../../contract/result.ts';
import { CounterStore, type DeviceCounters } from '../core/counters.ts';
import { Device, type DeviceIdentity } from '../core/device.ts';
import type { DeviceClock } from '../core/deviceClock.ts';
import { realDeviceClock } from '../core/deviceClock.ts';
import type { DeviceLogEntry } from '../core/deviceLog.ts';
import type { DeviceError, DeviceState, DeviceStatus } from '../core/deviceState.ts';
import type { HealthLevel, HealthResult } from '../core/health.ts';
import type { ByteLink } from '../core/link.ts';
import { createMemoryLinkPair } from '../core/memoryLink.ts';
import { ReconnectingLink, type BackoffPolicy } from '../core/reconnectingLink.ts';
import { SerialLink } from '../core/serialLink.ts';
import { parseDeviceEntry, type DeviceConfig } from './deviceConfig.ts';
import { DEFAULT_DEVICE_KINDS, type DeviceKindDriverFactory, type DriverInstance, type SimulatorInstance } from './deviceKind.ts';

export type DeviceSummary = Readonly<{
  id: string;
  kind: string;
  label: string;
  transport: DeviceIdentity['transport'];
  port: string | null;
  state: DeviceState;
  since: number;
  lastError: DeviceError | null;
  claimedBy: DeviceStatus['claimedBy'];
  enabled: boolean;
  counters: DeviceCounters;
}>;

export interface ManagedDevice {
  readonly device: Device;
  /** The kind's driver object (IdCardReader, ReceiptPrinter...), absent when misconfigured. */
  readonly driver: unknown;
  /** The simulator's control object for simulated devices (IdCardReaderSimulator, ReceiptPrinterSimulator). */
  readonly simulator: unknown;
}

export interface DeviceManagerOptions {
  /** `config.devices` as loaded: entries are checked here, one by one. */
  devices: Readonly<Record<string, unknown>>;
  kinds: readonly DeviceKindDriverFactory[];
  /** Folder for device-counters.json. */
  dataDir: string;
  clock?: DeviceClock;
  /** Config key → kind; defaults to idCardReader → id-card, receiptPrinter → printer. */
  deviceKinds?: Readonly<Record<string, string>>;
  backoff?: Partial<BackoffPolicy>;
  /** The serial link for one connection attempt (tests may wrap it); a new one per attempt. */
  createSerialLink?: (path: string, baudRate: number) => ByteLink;
  onProblem?: (message: string) => void;
}

interface Entry {
  device: Device;
  driver?: DriverInstance<unknown>;
  simulator?: SimulatorInstance;
}

export const COUNTERS_FILE = 'device-counters.json';

export class DeviceManager {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<(summary: DeviceSummary) => void>();

  private constructor(private readonly counters: CounterStore) {}

  static async create(options: DeviceManagerOptions): Promise<DeviceManager> {
    const clock = options.clock ?? realDeviceClock;
    const onProblem = options.onProblem ?? (() => undefined);
    const counters = await CounterStore.open({ file: path.join(options.dataDir, COUNTERS_FILE), clock, onProblem });
    const manager = new DeviceManager(counters);
    const kinds = new Map(options.kinds.map((k) => [k.kind, k]));
    const deviceKinds = options.deviceKinds ?? DEFAULT_DEVICE_KINDS;
    for (const [id, value] of Object.entries(options.devices)) {
      const kindName = deviceKinds[id];
      const factory = kindName === undefined ? undefined : kinds.get(kindName);
      const entry = await manager.#build(id, value, kindName, factory, options, clock);
      manager.#entries.set(id, entry);
      entry.device.onStateChange(() => manager.#emit(id));
    }
    for (const [id, entry] of manager.#entries) {
      if (entry.device.status.state === 'misconfigured') {
        onProblem(`device ${id}: ${entry.device.status.lastError?.message ?? 'misconfigured'}`);
        continue;
      }
      entry.device.open();
      entry.device.claim('kiosk');
      entry.device.enable('kiosk');
    }
    return manager;
  }

  list(): DeviceSummary[] {
    return [...this.#entries.keys()].flatMap((id) => {
      const summary = this.#summary(id);
      return summary === undefined ? [] : [summary];
    });
  }

  get(id: string): ManagedDevice | undefined {
    const entry = this.#entries.get(id);
    return entry && { device: entry.device, driver: entry.driver?.driver, simulator: entry.simulator?.control };
  }

  async checkHealth(id: string, level: HealthLevel): Promise<Result<HealthResult>> {
    const entry = this.#entries.get(id);
    if (entry === undefined) return err('NOT_FOUND', `no device ${id}`);
    return ok(await entry.device.checkHealth(level));
  }

  log(id: string): Result<DeviceLogEntry[]> {
    const entry = this.#entries.get(id);
    return entry === undefined ? err('NOT_FOUND', `no device ${id}`) : ok(entry.device.log.entries());
  }

  resetCounters(id: string): Result<void> {
    const entry = this.#entries.get(id);
    if (entry === undefined) return err('NOT_FOUND', `no device ${id}`);
    entry.device.resetCounters();
    this.#emit(id);
    return ok(undefined);
  }

  /** Every state change of every device, as the summary the technician screen shows. */
  onStateChange(listener: (summary: DeviceSummary) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.#listeners.clear();
    for (const entry of this.#entries.values()) {
      await entry.driver?.dispose?.();
      await entry.device.dispose();
      await entry.simulator?.dispose?.();
    }
    this.#entries.clear();
    await this.counters.dispose();
  }

  async #build(
    id: string,
    value: unknown,
    kindName: string | undefined,
    factory: DeviceKindDriverFactory | undefined,
    options: DeviceManagerOptions,
    clock: DeviceClock,
  ): Promise<Entry> {
    const misconfigured = (message: string, transport: DeviceIdentity['transport'] = null, port: string | null = null): Entry => ({
      device: new Device({
        identity: { id, kind: kindName ?? 'unknown', label: factory?.label ?? id, transport, port },
        counters: this.counters,
        clock,
        misconfigured: { message },
      }),
    });
    if (kindName === undefined) {
      return misconfigured(`devices.${id}: unknown device (known: ${Object.keys(options.deviceKinds ?? DEFAULT_DEVICE_KINDS).join(', ')})`);
    }
    if (factory === undefined) return misconfigured(`devices.${id}: no driver registered for kind "${kindName}"`);
    const parsed = parseDeviceEntry(id, value, factory.defaultBaudRate);
    if (!parsed.ok) return misconfigured(parsed.message);
    const config: DeviceConfig = parsed.config;

    let simulator: SimulatorInstance | undefined;
    let createLink: () => ByteLink;
    if (config.transport === 'serial') {
      const makeSerial = options.createSerialLink ?? ((p: string, baudRate: number) => new SerialLink({ path: p, baudRate }));
      createLink = () => makeSerial(config.path, config.baudRate);
    } else {
      const pair = createMemoryLinkPair(id);
      await pair.deviceSide.open();
      simulator = await factory.createSimulator(pair.deviceSide, { clock });
      createLink = () => pair.driverSide;
    }
    const link = new ReconnectingLink(config.transport === 'serial' ? config.path : `memory:${id}`, createLink, { clock, backoff: options.backoff });
    const device = new Device({
      identity: { id, kind: kindName, label: factory.label, transport: config.transport, port: config.transport === 'serial' ? config.path : null },
      link,
      counters: this.counters,
      clock,
    });
    const driver = factory.createDriver({ link, clock, device, baudRate: config.transport === 'serial' ? config.baudRate : undefined });
    device.attachDriver({ health: driver.health, heartbeat: driver.heartbeat });
    return { device, driver, simulator };
  }

  #summary(id: string): DeviceSummary | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    const { identity, status, counters } = entry.device;
    return {
      id,
      kind: identity.kind,
      label: identity.label,
      transport: identity.transport,
      port: identity.port,
      state: status.state,
      since: status.since,
      lastError: status.lastError,
      claimedBy: status.claimedBy,
      enabled: status.enabled,
      counters,
    };
  }

  #emit(id: string): void {
    const summary = this.#summary(id);
    if (summary !== undefined) for (const listener of this.#listeners) listener(summary);
  }
}
