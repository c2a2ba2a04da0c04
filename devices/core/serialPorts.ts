/**
 * Serial port enumeration for the technician's "which port is the printer on?" picker.
 * Never throws: on Linux SerialPort.list() needs `udevadm`, which minimal images lack.
 * Runtime: plain Node.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';

export type SerialPortInfo = Readonly<{
  path: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  pnpId?: string;
  /** /dev/serial/by-id/… when it exists: stable across replugs and reboots, unlike ttyUSBn. */
  byIdPath?: string;
}>;

export type SerialPortListing = Readonly<{ ports: SerialPortInfo[]; error?: string }>;

type RawPortInfo = Readonly<Record<'path', string> & Partial<Record<'manufacturer' | 'vendorId' | 'productId' | 'serialNumber' | 'pnpId', string | undefined>>>;

export async function listSerialPorts(
  lister: () => Promise<readonly RawPortInfo[]> = () => SerialPort.list(),
  exists: (path: string) => boolean = existsSync,
): Promise<SerialPortListing> {
  let raw: readonly RawPortInfo[];
  try {
    raw = await lister();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /udevadm/.test(message) ? ' (install the udev package: SerialPort.list needs udevadm)' : '';
    return { ports: [], error: `cannot list serial ports: ${message}${hint}` };
  }
  const ports = raw.map((port): SerialPortInfo => {
    const info: Record<string, string> = { path: port.path };
    for (const key of ['manufacturer', 'vendorId', 'productId', 'serialNumber', 'pnpId'] as const) {
      const value = port[key];
      if (value !== undefined && value !== '') info[key] = value;
    }
    const pnpId = port.pnpId;
    if (process.platform === 'linux' && pnpId !== undefined && pnpId !== '') {
      const byId = `/dev/serial/by-id/${pnpId}`;
      if (exists(byId)) info['byIdPath'] = byId;
    }
    return info as SerialPortInfo;
  });
  return { ports };
}
