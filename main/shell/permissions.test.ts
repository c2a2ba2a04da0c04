import { describe, expect, it } from 'vitest';
import {
  decideDevicePermission,
  decidePermissionCheck,
  decidePermissionRequest,
  describePermissionRefusal,
} from './permissions.ts';

// Electron's permission names (session.setPermissionRequestHandler docs).
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
  'persistent-storage',
  'local-fonts',
  'screen-wake-lock',
  'web-printing',
  'smart-card',
  'nfc',
  'local-network-access',
];

describe('default policy', () => {
  it.each(PERMISSIONS)('denies %s to the kiosk page itself', (permission) => {
    expect(decidePermissionRequest(permission, 'app://kiosk/index.html')).toBe(false);
    expect(decidePermissionCheck(permission, 'app://kiosk')).toBe(false);
  });

  it('denies every device chooser', () => {
    expect(decideDevicePermission()).toBe(false);
  });
});

describe('an allowlisted permission', () => {
  const policy = { allowed: ['media'] };

  it('is granted to the kiosk origin', () => {
    expect(decidePermissionRequest('media', 'app://kiosk/index.html', policy)).toBe(true);
    expect(decidePermissionCheck('media', 'app://kiosk', policy)).toBe(true);
  });

  it.each(['https://evil.example/', 'app://kiosk.evil/', 'file:///tmp/x.html', undefined, ''])(
    'is still refused to %s',
    (url) => {
      expect(decidePermissionRequest('media', url, policy)).toBe(false);
    },
  );

  it('does not open up other permissions', () => {
    expect(decidePermissionRequest('geolocation', 'app://kiosk/', policy)).toBe(false);
  });

  it('is granted to the dev server only when its origin is configured', () => {
    expect(decidePermissionRequest('media', 'http://localhost:5173/', policy)).toBe(false);
    expect(decidePermissionRequest('media', 'http://localhost:5173/', { ...policy, devOrigin: 'http://localhost:5173' })).toBe(true);
  });
});

describe('describePermissionRefusal', () => {
  it('keeps only the origin, never the query string', () => {
    expect(describePermissionRefusal('media', 'https://evil.example/x?id=340102199001011234')).toEqual({
      permission: 'media',
      origin: 'https://evil.example',
    });
    expect(describePermissionRefusal('media', 'app://kiosk/index.html?q=1')).toEqual({ permission: 'media', origin: 'app://kiosk' });
    expect(describePermissionRefusal('media', undefined).origin).toBe('(none)');
    expect(describePermissionRefusal('media', '::::').origin).toBe('(unparseable)');
  });
});
