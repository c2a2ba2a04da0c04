/**
 * Per-device counters that survive restarts (UPOS "statistics"): one JSON file for all devices in
 * the data folder. Writes are debounced (a busy reader touches `lastSeen` many times a second) and
 * atomic (temp file + rename), so a power cut leaves either the old or the new file, never half.
 * A corrupt file is reported, kept aside for support, and replaced by zeros: never a crash.
 * Runtime: plain Node.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeviceClock } from './deviceClock.ts';
import { realDeviceClock } from './deviceClock.ts';

export const COUNTER_NAMES = ['reads', 'failures', 'prints', 'paperOuts', 'reconnects', 'commandTimeouts'] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

export type DeviceCounters = Readonly<Record<CounterName, number> & { /** epoch ms of the last byte or good status from the device */ lastSeen: number | null }>;

export function zeroCounters(): DeviceCounters {
  return { reads: 0, failures: 0, prints: 0, paperOuts: 0, reconnects: 0, commandTimeouts: 0, lastSeen: null };
}

const FILE_VERSION = 1;

export interface CounterStoreOptions {
  file: string;
  clock?: DeviceClock;
  /** Longest a change waits before it is written. */
  debounceMs?: number;
  /** Called with a readable message when the file could not be read or written. */
  onProblem?: (message: string) => void;
}

export class CounterStore {
  readonly #file: string;
  readonly #clock: DeviceClock;
  readonly #debounceMs: number;
  readonly #onProblem: (message: string) => void;
  readonly #counters = new Map<string, DeviceCounters>();
  #cancelTimer: (() => void) | undefined;
  #writing: Promise<void> = Promise.resolve();
  #dirty = false;
  #disposed = false;
  /** Why the file on disk was not used at start-up, if it was not. */
  loadProblem: string | undefined;

  private constructor(options: CounterStoreOptions) {
    this.#file = options.file;
    this.#clock = options.clock ?? realDeviceClock;
    this.#debounceMs = options.debounceMs ?? 1000;
    this.#onProblem = options.onProblem ?? (() => undefined);
  }

  static async open(options: CounterStoreOptions): Promise<CounterStore> {
    const store = new CounterStore(options);
    await store.#load();
    return store;
  }

  get(deviceId: string): DeviceCounters {
    return this.#counters.get(deviceId) ?? zeroCounters();
  }

  increment(deviceId: string, name: CounterName, by = 1): void {
    const current = this.get(deviceId);
    this.#set(deviceId, { ...current, [name]: current[name] + by });
  }

  /** The device answered: records when, for "last seen 3 min ago" on the technician screen. */
  touch(deviceId: string, at = this.#clock.now()): void {
    this.#set(deviceId, { ...this.get(deviceId), lastSeen: at });
  }

  reset(deviceId: string): void {
    this.#set(deviceId, zeroCounters());
  }

  /** Writes pending changes now (shutdown, tests). */
  async flush(): Promise<void> {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (this.#dirty) this.#scheduleWrite();
    await this.#writing;
  }

  async dispose(): Promise<void> {
    await this.flush();
    this.#disposed = true;
  }

  #set(deviceId: string, counters: DeviceCounters): void {
    if (this.#disposed) return;
    this.#counters.set(deviceId, counters);
    this.#dirty = true;
    this.#cancelTimer ??= this.#clock.setTimeout(() => {
      this.#cancelTimer = undefined;
      this.#scheduleWrite();
    }, this.#debounceMs);
  }

  #scheduleWrite(): void {
    this.#writing = this.#writing.then(() => this.#write());
  }

  async #write(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    const body = JSON.stringify({ version: FILE_VERSION, devices: Object.fromEntries(this.#counters) }, null, 2);
    const temp = `${this.#file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(this.#file), { recursive: true });
      await writeFile(temp, body, 'utf8');
      await rename(temp, this.#file);
    } catch (error) {
      this.#dirty = true; // try again with the next change
      this.#onProblem(`cannot write device counters to ${this.#file}: ${(error as Error).message}`);
    }
  }

  async #load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      this.#problem(`cannot read device counters ${this.#file}: ${(error as Error).message}; starting from zero`);
      return;
    }
    const parsed = parseCounterFile(text);
    if (typeof parsed === 'string') {
      const aside = `${this.#file}.corrupt-${this.#clock.now()}`;
      await rename(this.#file, aside).catch(() => undefined);
      this.#problem(`device counters file ${this.#file} is corrupt (${parsed}); kept as ${path.basename(aside)}, counters reset`);
      return;
    }
    for (const [id, counters] of parsed) this.#counters.set(id, counters);
  }

  #problem(message: string): void {
    this.loadProblem = message;
    this.#onProblem(message);
  }
}

/** The devices in a counters file, or a reason it cannot be used. Unknown counters are ignored, missing ones are 0. */
export function parseCounterFile(text: string): Map<string, DeviceCounters> | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (!isRecord(json) || json['version'] !== FILE_VERSION || !isRecord(json['devices'])) return `expected {version: ${FILE_VERSION}, devices: {...}}`;
  const out = new Map<string, DeviceCounters>();
  for (const [id, value] of Object.entries(json['devices'])) {
    if (!isRecord(value)) return `devices.${id}: expected an object`;
    const counters: Record<string, number | null> = { ...zeroCounters() };
    for (const name of COUNTER_NAMES) {
      const n = value[name];
      if (n === undefined) continue;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return `devices.${id}.${name}: expected a non-negative integer`;
      counters[name] = n;
    }
    const lastSeen = value['lastSeen'];
    if (lastSeen !== undefined && lastSeen !== null && typeof lastSeen !== 'number') return `devices.${id}.lastSeen: expected a number or null`;
    counters['lastSeen'] = lastSeen ?? null;
    out.set(id, counters as DeviceCounters);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
