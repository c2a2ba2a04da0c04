/** Prints the hash of a PIN for the kiosk config file: `npm run pin-hash -- 123456`. */
import { hashPin } from '../main/host/pin.ts';

const pin = process.argv[2];
if (pin === undefined || !/^\d{4,12}$/.test(pin)) {
  process.stderr.write('usage: npm run pin-hash -- <4 to 12 digits>\n');
  process.exit(2);
}
process.stdout.write(`${hashPin(pin)}\n`);
