import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderFrameLike } from './ipcSender.ts';

const mainFrame = (url: string): SenderFrameLike => ({ url, parent: null });

describe('isTrustedSender', () => {
  it('trusts the main frame of the kiosk page', () => {
    expect(isTrustedSender(mainFrame('app://kiosk/index.html#/home'))).toBe(true);
  });

  it('refuses a sub-frame, even one on the kiosk origin', () => {
    const parent = mainFrame('app://kiosk/index.html');
    expect(isTrustedSender({ url: 'app://kiosk/frame.html', parent })).toBe(false);
  });

  it.each(['app://kiosk.evil/', 'https://evil.example/', 'file:///etc/passwd', 'about:blank', ''])(
    'refuses a main frame on %s',
    (url) => {
      expect(isTrustedSender(mainFrame(url))).toBe(false);
    },
  );

  it('refuses a missing frame (navigated away or destroyed)', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('refuses a disposed frame whose properties throw', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSender(disposed)).toBe(false);
  });

  it('trusts the dev server page only when the dev origin is given', () => {
    const dev = mainFrame('http://localhost:5173/');
    expect(isTrustedSender(dev)).toBe(false);
    expect(isTrustedSender(dev, 'http://localhost:5173')).toBe(true);
  });
});
