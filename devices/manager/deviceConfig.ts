/**
 * Reads one `devices.<id>` entry of the kiosk config. Hand-written rather than zod so each problem
 * names its field in words a technician can fix (`devices.receiptPrinter.baudRate: expected
 * number, got string`), and so one bad entry makes only that device misconfigured.
 * Runtime: pure.
 */
export type DeviceConfig =
  | Readonly<{ transport: 'serial'; path: string; baudRate: number }>
  | Readonly<{ transport: 'simulated' }>;

export type ParsedDeviceEntry =
  | Readonly<{ ok: true; config: DeviceConfig }>
  | Readonly<{ ok: false; field: string; message: string }>;

const SERIAL_FIELDS = new Set(['transport', 'path', 'baudRate']);

export function parseDeviceEntry(id: string, value: unknown, defaultBaudRate: number): ParsedDeviceEntry {
  const at = `devices.${id}`;
  const problem = (field: string, message: string): ParsedDeviceEntry => ({ ok: false, field, message: `${field}: ${message}` });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem(at, `expected an object, got ${describe(value)}`);
  const entry = value as Record<string, unknown>;
  const transport = entry['transport'];
  if (transport !== 'serial' && transport !== 'simulated') {
    return problem(`${at}.transport`, `expected "serial" or "simulated", got ${describe(transport)}`);
  }
  const allowed = transport === 'serial' ? SERIAL_FIELDS : new Set(['transport']);
  const unknown = Object.keys(entry).find((key) => !allowed.has(key));
  if (unknown !== undefined) return problem(`${at}.${unknown}`, `unknown field for transport "${transport}"`);
  if (transport === 'simulated') return { ok: true, config: { transport } };

  const path = entry['path'];
  if (typeof path !== 'string') return problem(`${at}.path`, `expected string (a port such as /dev/ttyUSB0, /dev/serial/by-id/… or COM3), got ${describe(path)}`);
  if (path.trim() === '') return problem(`${at}.path`, 'must not be empty');
  const baudRate = entry['baudRate'] ?? defaultBaudRate;
  if (typeof baudRate !== 'number') return problem(`${at}.baudRate`, `expected number, got ${describe(baudRate)}`);
  if (!Number.isInteger(baudRate) || baudRate <= 0) return problem(`${at}.baudRate`, `expected a positive whole number such as 9600 or 115200, got ${baudRate}`);
  return { ok: true, config: { transport, path, baudRate } };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'string' ? `string "${value.slice(0, 40)}"` : typeof value;
}
