/**
 * The per-device event log the technician screen shows: a ring buffer of the last N entries.
 * Codecs mask their own frames before logging (only they know which bytes are personal); this log
 * masks every text once more as a last line of defence.
 * Runtime: plain Node.
 */
import { maskPersonalDataInText } from '../../contract/privacy.ts';
import { toHex } from './framer.ts';
import { Listeners } from './listeners.ts';

export type LogDirection = 'tx' | 'rx' | 'event';

export type DeviceLogEntry = Readonly<{
  at: number;
  dir: LogDirection;
  /** Raw bytes as hex, only when the codec says they carry nothing personal. */
  hex?: string;
  text: string;
}>;

export const DEFAULT_LOG_CAPACITY = 500;

export class DeviceLog {
  readonly #entries: DeviceLogEntry[] = [];
  readonly #listeners = new Listeners<DeviceLogEntry>();
  #start = 0;

  constructor(
    private readonly now: () => number,
    private readonly capacity = DEFAULT_LOG_CAPACITY,
  ) {}

  add(dir: LogDirection, text: string, bytes?: Uint8Array): DeviceLogEntry {
    const base = { at: this.now(), dir, text: maskPersonalDataInText(text) };
    return this.#push(bytes === undefined ? base : { ...base, hex: maskPersonalDataInText(toHex(bytes)) });
  }

  #push(entry: DeviceLogEntry): DeviceLogEntry {
    if (this.#entries.length < this.capacity) this.#entries.push(entry);
    else {
      this.#entries[this.#start] = entry;
      this.#start = (this.#start + 1) % this.capacity;
    }
    this.#listeners.emit(entry);
    return entry;
  }

  /** Every new entry, for the live log on the diagnostics screen. */
  onEntry(listener: (entry: DeviceLogEntry) => void): () => void {
    return this.#listeners.add(listener);
  }

  /** A frame a codec has already turned into masked hex (ID-card blocks replaced by placeholders). */
  addMaskedHex(dir: LogDirection, text: string, maskedHex: string | undefined): DeviceLogEntry {
    const base = { at: this.now(), dir, text: maskPersonalDataInText(text) };
    return this.#push(maskedHex === undefined ? base : { ...base, hex: maskPersonalDataInText(maskedHex) });
  }

  event(text: string): DeviceLogEntry {
    return this.add('event', text);
  }

  /** Oldest first. */
  entries(): DeviceLogEntry[] {
    return [...this.#entries.slice(this.#start), ...this.#entries.slice(0, this.#start)];
  }

  get size(): number {
    return this.#entries.length;
  }
}
