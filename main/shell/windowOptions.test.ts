import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from './windowOptions.ts';

const base = { preloadPath: '/opt/kiosk/resources/app.asar/out/preload/index.cjs' };

describe('kioskWindowOptions', () => {
  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('keeps the renderer isolated and sandboxed (kioskWindow=%s, packaged=%s)', (kioskWindow, packaged) => {
    const { webPreferences } = kioskWindowOptions({ ...base, kioskWindow, packaged });
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableDialogs: true,
    });
    expect(webPreferences.preload).toBe(base.preloadPath);
  });

  it('offers DevTools only in an unpackaged (development) run', () => {
    expect(kioskWindowOptions({ ...base, kioskWindow: true, packaged: true }).webPreferences.devTools).toBe(false);
    expect(kioskWindowOptions({ ...base, kioskWindow: false, packaged: false }).webPreferences.devTools).toBe(true);
  });

  it('opens a frameless full-screen kiosk window when the config asks for one', () => {
    const options = kioskWindowOptions({ ...base, kioskWindow: true, packaged: true });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, show: false });
  });

  it('opens an ordinary window for development when kioskWindow is off', () => {
    const options = kioskWindowOptions({ ...base, kioskWindow: false, packaged: false });
    expect(options).toMatchObject({ kiosk: false, fullscreen: false, frame: true });
    expect(options.height).toBeGreaterThan(options.width); // portrait, like the hall terminals
  });

  it('paints the given background before the first frame, with a sensible default', () => {
    expect(kioskWindowOptions({ ...base, kioskWindow: true, packaged: true, backgroundColor: '#000000' }).backgroundColor).toBe('#000000');
    expect(kioskWindowOptions({ ...base, kioskWindow: true, packaged: true }).backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('does not share objects between calls (a caller mutating one window cannot loosen the next)', () => {
    const a = kioskWindowOptions({ ...base, kioskWindow: true, packaged: true });
    (a.webPreferences as { sandbox: boolean }).sandbox = false;
    expect(kioskWindowOptions({ ...base, kioskWindow: true, packaged: true }).webPreferences.sandbox).toBe(true);
  });
});
