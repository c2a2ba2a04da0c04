import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskProvider } from '../../state/kioskState.tsx';
import { createFakeKiosk } from '../../test/fakeKiosk.ts';
import { HomeScreen } from './HomeScreen.tsx';
import type { Tile } from './tiles.ts';

beforeEach(() => {
  window.location.hash = '';
});
afterEach(cleanup);

describe('HomeScreen tiles', () => {
  it('an enabled tile with a route opens it, a disabled one does not (the tile data decides)', async () => {
    const tiles: Tile[] = [
      { id: 'guide', icon: 'guide', enabled: true, route: 'techSignIn' },
      { id: 'print', icon: 'print', enabled: false, route: 'techSignIn' },
    ];
    render(
      <KioskProvider kiosk={createFakeKiosk()}>
        <HomeScreen tiles={tiles} />
      </KioskProvider>,
    );
    const print = await screen.findByRole('button', { name: /打印凭证/ });
    fireEvent.click(print);
    expect(window.location.hash).toBe('');
    const guide = screen.getByRole('button', { name: /办事指南/ });
    expect(guide.getAttribute('aria-disabled')).toBe('false');
    expect(guide.textContent).not.toContain('即将开放');
    fireEvent.click(guide);
    expect(window.location.hash).toBe('#/tech');
  });
});
