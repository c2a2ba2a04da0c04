import { describe, expect, it } from 'vitest';
import { listSerialPorts } from './serialPorts.ts';

describe('listSerialPorts', () => {
  it('maps the lister fields and adds the by-id path only when it exists', async () => {
    const listing = await listSerialPorts(
      async () => [
        { path: '/dev/ttyUSB0', manufacturer: '1a86', vendorId: '1a86', productId: '7523', serialNumber: undefined, pnpId: 'usb-1a86_USB_Serial-if00-port0' },
        { path: '/dev/ttyUSB1', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: 'A10KZP45', pnpId: 'usb-FTDI_FT232R_A10KZP45-if00-port0' },
        { path: '/dev/ttyS0', manufacturer: undefined, pnpId: undefined },
      ],
      (p) => p.includes('A10KZP45'),
    );
    expect(listing.error).toBeUndefined();
    expect(listing.ports[0]).toEqual({ path: '/dev/ttyUSB0', manufacturer: '1a86', vendorId: '1a86', productId: '7523', pnpId: 'usb-1a86_USB_Serial-if00-port0' });
    expect(listing.ports[1]?.byIdPath).toBe(process.platform === 'linux' ? '/dev/serial/by-id/usb-FTDI_FT232R_A10KZP45-if00-port0' : undefined);
    expect(listing.ports[2]).toEqual({ path: '/dev/ttyS0' });
  });

  it('turns a lister failure into an empty list and a message', async () => {
    const listing = await listSerialPorts(async () => {
      throw new Error('spawn udevadm ENOENT');
    });
    expect(listing.ports).toEqual([]);
    expect(listing.error).toMatch(/udevadm ENOENT.*install the udev package/);
  });

  it('runs against the real serialport lister without throwing', async () => {
    const listing = await listSerialPorts();
    expect(Array.isArray(listing.ports)).toBe(true);
    for (const port of listing.ports) expect(port.path).toMatch(/^(\/dev\/|COM)/);
  });
});
