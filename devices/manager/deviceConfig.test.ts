import { describe, expect, it } from 'vitest';
import { parseDeviceEntry } from './deviceConfig.ts';

describe('parseDeviceEntry', () => {
  it('accepts serial (with the kind default baud rate) and simulated entries', () => {
    expect(parseDeviceEntry('receiptPrinter', { transport: 'serial', path: '/dev/serial/by-id/usb-FTDI-if00' }, 9600)).toEqual({
      ok: true,
      config: { transport: 'serial', path: '/dev/serial/by-id/usb-FTDI-if00', baudRate: 9600 },
    });
    expect(parseDeviceEntry('idCardReader', { transport: 'simulated' }, 115200)).toEqual({ ok: true, config: { transport: 'simulated' } });
  });

  it.each([
    [{ transport: 'serial', path: '/dev/ttyUSB0', baudRate: '9600' }, 'devices.receiptPrinter.baudRate', 'devices.receiptPrinter.baudRate: expected number, got string "9600"'],
    [{ transport: 'serial', path: '/dev/ttyUSB0', baudRate: 9600.5 }, 'devices.receiptPrinter.baudRate', 'devices.receiptPrinter.baudRate: expected a positive whole number such as 9600 or 115200, got 9600.5'],
    [{ transport: 'serial' }, 'devices.receiptPrinter.path', 'devices.receiptPrinter.path: expected string (a port such as /dev/ttyUSB0, /dev/serial/by-id/… or COM3), got nothing'],
    [{ transport: 'serial', path: ' ' }, 'devices.receiptPrinter.path', 'devices.receiptPrinter.path: must not be empty'],
    [{ transport: 'usb' }, 'devices.receiptPrinter.transport', 'devices.receiptPrinter.transport: expected "serial" or "simulated", got string "usb"'],
    [{ transport: 'simulated', path: '/dev/ttyUSB0' }, 'devices.receiptPrinter.path', 'devices.receiptPrinter.path: unknown field for transport "simulated"'],
    ['serial', 'devices.receiptPrinter', 'devices.receiptPrinter: expected an object, got string "serial"'],
  ])('names the field of %j', (value, field, message) => {
    expect(parseDeviceEntry('receiptPrinter', value, 9600)).toEqual({ ok: false, field, message });
  });
});
