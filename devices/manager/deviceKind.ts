/**
 * How a device kind plugs into the DeviceManager: a label for people, a default baud rate, and
 * three factories — the driver over a ByteLink, the simulator over the device side of an
 * in-memory wire, and (returned with the driver) the health probes and heartbeat.
 * Runtime: plain Node.
 */
import type { Device } from '../core/device.ts';
import type { DeviceClock } from '../core/deviceClock.ts';
import type { HealthProbes } from '../core/health.ts';
import type { ByteLink } from '../core/link.ts';
import type { Heartbeat } from '../core/reconnectingLink.ts';

export interface DriverContext {
  /** Stays the same object across reconnects; writes are refused while the device is offline. */
  link: ByteLink;
  clock: DeviceClock;
  /** For the driver's log lines (masked frames), counters (`count('prints')`) and fault reports. */
  device: Device;
  /** From the config, for serial devices (drivers size deadlines by line speed). */
  baudRate: number | undefined;
}

export interface DriverInstance<D> {
  driver: D;
  health?: HealthProbes;
  /** The cheap status command the supervisor polls; missed beats mark the device offline. */
  heartbeat?: Heartbeat;
  dispose?(): void | Promise<void>;
}

export interface SimulatorInstance {
  /** The simulator object, so a demo panel or a test can place a card or pull the paper. */
  readonly control?: unknown;
  dispose?(): void | Promise<void>;
}

export interface DeviceKindDriverFactory<D = unknown> {
  /** 'id-card', 'printer'. */
  readonly kind: string;
  /** Shown to technicians: 身份证阅读器, 凭条打印机. */
  readonly label: string;
  readonly defaultBaudRate: number;
  createDriver(context: DriverContext): DriverInstance<D>;
  /** Attaches a simulator that speaks the real bytes on `deviceSide` (already open). */
  createSimulator(deviceSide: ByteLink, context: { clock: DeviceClock }): SimulatorInstance | Promise<SimulatorInstance>;
}

/** Config keys → kinds, for the devices the kiosk knows by name. */
export const DEFAULT_DEVICE_KINDS: Readonly<Record<string, string>> = {
  idCardReader: 'id-card',
  receiptPrinter: 'printer',
};
