/**
 * One physical device as the technician sees it: the UnifiedPOS-style life cycle (deviceState.ts)
 * wired to its supervised link, its persisted counters, its event log and the driver's health
 * probes and heartbeat. Drivers do the protocol; this class turns what happens into a state,
 * a last error, counters and log lines, and every operation into a Result (never a throw).
 * Runtime: plain Node.
 */
import { maskPersonalDataInText } from '../../contract/privacy.ts';
import { err, ok, type ErrorCode, type Result } from '../../contract/result.ts';
import type { CounterName, CounterStore, DeviceCounters } from './counters.ts';
import type { DeviceClock } from './deviceClock.ts';
import { realDeviceClock } from './deviceClock.ts';
import { DeviceLog } from './deviceLog.ts';
import { initialStatus, transition, type ClaimOwner, type DeviceError, type DeviceEvent, type DeviceStatus } from './deviceState.ts';
import { CommandTimeoutError } from './framedChannel.ts';
import { HEALTH_LEVEL_NAMES, type HealthLevel, type HealthProbes, type HealthResult } from './health.ts';
import { LinkClosedError } from './link.ts';
import type { Heartbeat, ReconnectingLink } from './reconnectingLink.ts';

/** Thrown by drivers when the device itself reports trouble (paper out, cover open, card unreadable). */
export class DeviceFaultError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceFaultError';
  }
}

export type DeviceTransport = 'serial' | 'simulated';

export type DeviceIdentity = Readonly<{
  id: string;
  kind: string;
  /** For people: 身份证阅读器, 凭条打印机. */
  label: string;
  transport: DeviceTransport | null;
  /** Port path for serial devices, null otherwise. */
  port: string | null;
}>;

export interface DeviceOptions {
  identity: DeviceIdentity;
  /** Absent for a misconfigured device. */
  link?: ReconnectingLink;
  counters: CounterStore;
  clock?: DeviceClock;
  logCapacity?: number;
  /** Set when the config entry is unusable: the device stays `misconfigured` and never opens. */
  misconfigured?: { message: string };
}

/** What a driver hands back so the device can check it and watch it. */
export interface DriverHooks {
  health?: HealthProbes;
  heartbeat?: Heartbeat;
}

export class Device {
  readonly identity: DeviceIdentity;
  readonly log: DeviceLog;
  readonly #link: ReconnectingLink | undefined;
  readonly #counters: CounterStore;
  readonly #clock: DeviceClock;
  #status: DeviceStatus;
  #health: HealthProbes = {};
  #lastAttemptMessage: string | undefined;
  readonly #listeners = new Set<(status: DeviceStatus) => void>();
  readonly #detach: (() => void)[] = [];

  constructor(options: DeviceOptions) {
    this.identity = options.identity;
    this.#link = options.link;
    this.#counters = options.counters;
    this.#clock = options.clock ?? realDeviceClock;
    this.log = new DeviceLog(() => this.#clock.now(), options.logCapacity);
    const now = this.#clock.now();
    this.#status = initialStatus(now, options.misconfigured && { code: 'DEVICE_MISCONFIGURED', message: options.misconfigured.message, at: now });
    if (options.misconfigured !== undefined) this.log.event(`配置错误：${options.misconfigured.message}`);
    const link = this.#link;
    if (link === undefined) return;
    this.#detach.push(
      link.onOpen((connection) => {
        this.#lastAttemptMessage = undefined;
        if (connection > 1) this.#counters.increment(this.identity.id, 'reconnects');
        this.#counters.touch(this.identity.id);
        this.log.event(connection > 1 ? `已重新连接（第 ${connection - 1} 次重连）` : '已连接');
        this.#apply({ type: 'link-up' });
      }),
      link.onClose((reason) => {
        if (reason === undefined) return; // asked for by close()
        this.log.event(`连接断开：${reason.message}`);
        this.#apply({ type: 'link-down', error: this.#error('DEVICE_OFFLINE', reason.message) });
      }),
      link.onAttemptFailed(({ error, retryInMs }) => {
        // One log line per distinct reason, not one per attempt.
        if (error.message !== this.#lastAttemptMessage) this.log.event(`无法连接：${error.message}（${Math.round(retryInMs)} ms 后重试）`);
        this.#lastAttemptMessage = error.message;
        this.#apply({ type: 'link-down', error: this.#error('DEVICE_OFFLINE', error.message) });
      }),
    );
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  get counters(): DeviceCounters {
    return this.#counters.get(this.identity.id);
  }

  /** The driver's health probes and heartbeat; the heartbeat is skipped while an operation runs. */
  attachDriver(hooks: DriverHooks): void {
    this.#health = hooks.health ?? {};
    const heartbeat = hooks.heartbeat;
    this.#link?.setHeartbeat(
      heartbeat && {
        intervalMs: heartbeat.intervalMs,
        missesAllowed: heartbeat.missesAllowed ?? 1,
        probe: async () => {
          if (this.#status.state === 'busy') return; // traffic in flight is proof of life; don't interleave
          await heartbeat.probe();
          this.#counters.touch(this.identity.id);
        },
      },
    );
  }

  onStateChange(listener: (status: DeviceStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts connecting; the state goes opening → idle, or → offline while the supervisor retries. */
  open(): Result<void> {
    const result = this.#apply({ type: 'open' });
    if (result.ok) this.#link?.start();
    return result;
  }

  claim(owner: ClaimOwner, options: { force?: boolean } = {}): Result<void> {
    const result = this.#apply({ type: 'claim', owner, force: options.force });
    if (result.ok) this.log.event(`${owner === 'technician' ? '技术人员' : '终端流程'}占用设备`);
    return result;
  }

  release(owner: ClaimOwner): Result<void> {
    return this.#apply({ type: 'release', owner });
  }

  enable(owner: ClaimOwner): Result<void> {
    return this.#apply({ type: 'enable', owner });
  }

  disable(owner: ClaimOwner): Result<void> {
    return this.#apply({ type: 'disable', owner });
  }

  async close(): Promise<Result<void>> {
    await this.#link?.close();
    return this.#apply({ type: 'close' });
  }

  /** Stops everything for good (shutdown). */
  async dispose(): Promise<void> {
    await this.close();
    for (const off of this.#detach.splice(0)) off();
    this.#listeners.clear();
  }

  /**
   * Runs one operation (a print, a card read) with the device busy meanwhile. Failures become
   * error Results, the last error, counters and a log line; a device fault leaves state `error`.
   */
  async run<T>(owner: ClaimOwner, label: string, operation: () => Promise<T>): Promise<Result<T>> {
    const start = this.#apply({ type: 'op-start', owner });
    if (!start.ok) return start;
    try {
      const value = await operation();
      this.#counters.touch(this.identity.id);
      this.#apply({ type: 'op-end' });
      return ok(value);
    } catch (caught) {
      const linkDown = this.#link !== undefined && !this.#link.isOpen;
      const { code, fault } = linkDown ? { code: 'DEVICE_OFFLINE' as const, fault: false } : classify(caught);
      const message = maskPersonalDataInText(`${label}: ${caught instanceof Error ? caught.message : String(caught)}`);
      const id = this.identity.id;
      this.#counters.increment(id, 'failures');
      if (code === 'TIMEOUT') this.#counters.increment(id, 'commandTimeouts');
      this.log.event(`操作失败：${message}`);
      this.#apply({ type: 'op-end', error: this.#error(code, message), fault });
      return err(code, message);
    }
  }

  /** For drivers: the device reported a condition outside an operation (a status poll saw paper out). */
  reportFault(code: ErrorCode, message: string): void {
    if (this.#status.state !== 'error' || this.#status.lastError?.message !== message) this.log.event(`设备故障：${message}`);
    this.#apply({ type: 'fault', error: this.#error(code, message) });
  }

  /** For drivers: the condition behind the last fault is gone. */
  reportRecovered(): void {
    if (this.#status.state === 'error') this.log.event('设备恢复正常');
    this.#apply({ type: 'recovered' });
  }

  /** For drivers: counts a read, a print... */
  count(name: CounterName, by = 1): void {
    this.#counters.increment(this.identity.id, name, by);
  }

  resetCounters(): void {
    this.#counters.reset(this.identity.id);
    this.log.event('计数器已清零');
  }

  async checkHealth(level: HealthLevel): Promise<HealthResult> {
    const name = HEALTH_LEVEL_NAMES[level];
    const done = (okay: boolean, text: string): HealthResult => {
      const result = { level, ok: okay, text: maskPersonalDataInText(text) };
      this.log.event(`${name}：${result.text}`);
      return result;
    };
    const { state, lastError } = this.#status;
    if (state === 'misconfigured') return done(false, `配置错误：${lastError?.message ?? ''}`);
    if (state === 'closed') return done(false, '设备未打开');
    if (state === 'opening' || state === 'offline') return done(false, `设备离线：${lastError?.message ?? '正在连接'}`);
    const probe = this.#health[level];
    if (probe === undefined) return done(false, `此设备不支持${name}`);
    try {
      const result = await probe();
      if (result.ok) this.#counters.touch(this.identity.id);
      return done(result.ok, result.text);
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      return done(false, caught instanceof LinkClosedError ? `设备离线：${message}` : `${name}失败：${message}`);
    }
  }

  #apply(event: DeviceEvent): Result<void> {
    const before = this.#status;
    const result = transition(before, event, this.#clock.now());
    if (!result.ok) return err(result.code, result.message);
    this.#status = result.status;
    if (result.status !== before) for (const listener of this.#listeners) listener(result.status);
    return ok(undefined);
  }

  #error(code: ErrorCode, message: string): DeviceError {
    return { code, message: maskPersonalDataInText(message), at: this.#clock.now() };
  }
}

function classify(caught: unknown): { code: ErrorCode; fault: boolean } {
  if (caught instanceof DeviceFaultError) return { code: caught.code, fault: true };
  if (caught instanceof CommandTimeoutError) return { code: 'TIMEOUT', fault: false };
  if (caught instanceof LinkClosedError || (caught instanceof Error && /LinkLostError|HeartbeatLostError/.test(caught.name))) return { code: 'DEVICE_OFFLINE', fault: false };
  return { code: 'DEVICE_ERROR', fault: false };
}
