import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPath, EMBEDDED_DEFAULT, loadConfig, parseConfigText } from './config.ts';
import { verifyPin } from './pin.ts';

async function fileWith(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-config-'));
  const file = path.join(dir, 'kiosk.config.json');
  await writeFile(file, text);
  return file;
}

describe('kiosk configuration', () => {
  it('uses the embedded default (simulated hall) when there is no file', async () => {
    const loaded = await loadConfig('/nonexistent/kiosk.config.json');
    expect(loaded.source).toBe('embedded default');
    expect(loaded.service).toEqual({ state: 'in-service' });
    expect(Object.values(loaded.config.devices)).toEqual([{ transport: 'simulated' }, { transport: 'simulated' }]);
  });

  it('documents working PINs for the embedded default (technician 2580, staff S001 1234)', () => {
    expect(verifyPin('2580', EMBEDDED_DEFAULT.auth.technicianPinHash)).toBe(true);
    expect(verifyPin('1234', EMBEDDED_DEFAULT.auth.staff[0]?.pinHash ?? '')).toBe(true);
    expect(verifyPin('0000', EMBEDDED_DEFAULT.auth.technicianPinHash)).toBe(false);
  });

  it('takes the path from KIOSK_CONFIG, else the app data folder', () => {
    expect(configPath({ KIOSK_CONFIG: '/etc/kiosk/k.json' }, '/data')).toBe('/etc/kiosk/k.json');
    expect(configPath({}, '/data')).toBe(path.join('/data', 'kiosk.config.json'));
  });

  it('loads a valid file and fills in defaults', async () => {
    const custom = { ...EMBEDDED_DEFAULT, kioskId: 'LA-YA-0007', kioskName: '7号终端', ui: undefined, platform: undefined };
    const loaded = await loadConfig(await fileWith(JSON.stringify(custom)));
    expect(loaded.service.state).toBe('in-service');
    expect(loaded.config.kioskId).toBe('LA-YA-0007');
    expect(loaded.config.ui.idleResetSeconds).toBe(120);
  });

  it.each([
    ['not JSON', '{ kioskId: ', '(file)'],
    ['a wrong type', JSON.stringify({ ...EMBEDDED_DEFAULT, ui: { kioskWindow: 'yes' } }), 'ui.kioskWindow'],
    ['an unknown field (typo)', JSON.stringify({ ...EMBEDDED_DEFAULT, hallNmae: 'x' }), '(root)'],
    ['a PIN in clear', JSON.stringify({ ...EMBEDDED_DEFAULT, auth: { ...EMBEDDED_DEFAULT.auth, technicianPinHash: '2580' } }), 'auth.technicianPinHash'],
    ['a bad platform URL', JSON.stringify({ ...EMBEDDED_DEFAULT, platform: { url: 'ftp://x' } }), 'platform.url'],
    ['a missing kiosk id', JSON.stringify({ ...EMBEDDED_DEFAULT, kioskId: undefined }), 'kioskId'],
  ])('comes up out of service, naming the field, for %s', (_label, text, field) => {
    const loaded = parseConfigText(text, '/etc/kiosk.json');
    expect(loaded.service.state).toBe('out-of-service');
    expect(loaded.problems[0]?.field).toBe(field);
    if (loaded.service.state === 'out-of-service') expect(loaded.service.field).toBe(field);
    // Safe state: identity to show residents where to get help, and no devices driven.
    expect(loaded.config.hallName).toBe(EMBEDDED_DEFAULT.hallName);
    expect(loaded.config.devices).toEqual({});
  });

  it('reports a config path it cannot read (here: a folder) instead of crashing', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'kiosk-config-dir-'));
    const loaded = await loadConfig(folder);
    expect(loaded.service.state).toBe('out-of-service');
    expect(loaded.problems[0]).toMatchObject({ field: '(file)', message: expect.stringContaining('cannot read') });
  });
});
