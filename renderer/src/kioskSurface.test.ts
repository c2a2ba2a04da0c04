import { afterEach, describe, expect, it } from 'vitest';
import { hardenKioskSurface } from './kioskSurface.ts';

let undo: (() => void) | undefined;
afterEach(() => undo?.());

function dispatch(target: EventTarget, event: Event): boolean {
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('hardenKioskSurface', () => {
  it('blocks the long-press context menu and keyboard/wheel zoom, but not ordinary keys', () => {
    undo = hardenKioskSurface(window);
    expect(dispatch(document.body, new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(true);
    expect(dispatch(window, new WheelEvent('wheel', { ctrlKey: true, cancelable: true }))).toBe(true);
    expect(dispatch(window, new WheelEvent('wheel', { cancelable: true }))).toBe(false);
    expect(dispatch(window, new KeyboardEvent('keydown', { key: '+', ctrlKey: true, cancelable: true }))).toBe(true);
    expect(dispatch(window, new KeyboardEvent('keydown', { key: '5', cancelable: true }))).toBe(false);
  });

  it('can be undone', () => {
    hardenKioskSurface(window)();
    expect(dispatch(document.body, new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(false);
  });
});
