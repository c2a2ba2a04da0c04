import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err } from '../../contract/index.ts';
import { App } from './App.tsx';
import { DISPLAY_MODE_KEY } from './state/displayMode.tsx';
import { zhCN } from './i18n/zh-CN.ts';
import { createFakeKiosk, FAKE_INFO, FAKE_TECHNICIAN_PIN, fakeStatus, type FakeKiosk } from './test/fakeKiosk.ts';
import { TILES } from './screens/home/tiles.ts';

function setHash(hash: string): void {
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

async function renderApp(kiosk: FakeKiosk = createFakeKiosk()): Promise<FakeKiosk> {
  render(<App kiosk={kiosk} />);
  await screen.findByText(FAKE_INFO.hallName, { selector: '.status-bar__hall' });
  return kiosk;
}

const html = (): HTMLElement => document.documentElement;

beforeEach(() => {
  window.location.hash = '';
  window.localStorage.clear();
  html().removeAttribute('data-mode');
});
afterEach(cleanup);

describe('elder mode (长辈版)', () => {
  it('one tap switches every screen to elder mode, and the choice survives a reload', async () => {
    await renderApp();
    expect(html().dataset['mode']).toBe('standard');
    fireEvent.click(screen.getByRole('button', { name: zhCN.frame.elderToggleLabel }));
    expect(html().dataset['mode']).toBe('elder');
    expect(html().style.getPropertyValue('--font-size-body')).toBe('32px');
    expect(window.localStorage.getItem(DISPLAY_MODE_KEY)).toBe('elder');

    // Another screen: the toggle is there too and the mode holds.
    setHash('#/tech');
    await screen.findByRole('heading', { name: zhCN.tech.signInTitle });
    expect(html().dataset['mode']).toBe('elder');
    const back = screen.getByRole('button', { name: zhCN.frame.standardToggleLabel });
    expect(back.textContent).toContain('标准版');

    // A fresh page load (new app instance) starts in the stored mode.
    cleanup();
    html().removeAttribute('data-mode');
    setHash('#/');
    await renderApp();
    expect(html().dataset['mode']).toBe('elder');
    fireEvent.click(screen.getByRole('button', { name: zhCN.frame.standardToggleLabel }));
    expect(html().dataset['mode']).toBe('standard');
    expect(window.localStorage.getItem(DISPLAY_MODE_KEY)).toBe('standard');
  });

  it('ignores a corrupted stored value', async () => {
    window.localStorage.setItem(DISPLAY_MODE_KEY, 'huge');
    await renderApp();
    expect(html().dataset['mode']).toBe('standard');
  });
});

describe('home screen', () => {
  it('shows every journey not built yet as a visibly disabled tile that does nothing when tapped', async () => {
    await renderApp();
    const tiles = document.querySelectorAll<HTMLButtonElement>('button.tile');
    expect(tiles).toHaveLength(TILES.length);
    expect(TILES.length).toBe(11);
    const built = new Set(TILES.filter((t) => t.enabled).map((t) => t.id));
    expect([...built]).toEqual(['guide', 'apply', 'progress']);
    for (const tile of [...tiles].filter((t) => !built.has(t.dataset['tile'] as (typeof TILES)[number]['id']))) {
      expect(tile.getAttribute('aria-disabled')).toBe('true');
      expect(tile.disabled).toBe(true);
      expect(within(tile).getByText(zhCN.home.comingSoon)).toBeTruthy();
      fireEvent.click(tile);
    }
    expect(window.location.hash).toBe('');
    expect(screen.getByRole('heading', { name: zhCN.home.welcome })).toBeTruthy();
    for (const id of ['guide', 'apply', 'progress', 'evaluate', 'complaint', 'emergency'] as const) {
      expect(screen.getByText(zhCN.tiles[id].title)).toBeTruthy();
    }
  });

  it('shows the out-of-service notice with the reason and where to get help, instead of tiles', async () => {
    const kiosk = createFakeKiosk({
      info: { service: { state: 'out-of-service', reason: '配置文件 devices.printer.port 无效' } },
      status: { service: { state: 'out-of-service', reason: '配置文件 devices.printer.port 无效' } },
    });
    await renderApp(kiosk);
    expect(await screen.findByRole('heading', { name: zhCN.outOfService.title })).toBeTruthy();
    expect(screen.getByText(/devices\.printer\.port 无效/)).toBeTruthy();
    expect(screen.getByText(/12345/)).toBeTruthy();
    expect(document.querySelectorAll('button.tile')).toHaveLength(0);
    // The frame stays usable: elder toggle and technician entry.
    expect(screen.getByRole('button', { name: zhCN.frame.techEntryLabel })).toBeTruthy();
  });

  it('goes out of service when the heartbeat says so, and back', async () => {
    const kiosk = await renderApp();
    expect(document.querySelectorAll('button.tile')).toHaveLength(11);
    act(() => kiosk.emit('system.status', fakeStatus({ service: { state: 'out-of-service', reason: '维护中' } })));
    expect(screen.getByRole('heading', { name: zhCN.outOfService.title })).toBeTruthy();
    act(() => kiosk.emit('system.status', fakeStatus()));
    expect(document.querySelectorAll('button.tile')).toHaveLength(11);
  });
});

describe('status bar', () => {
  it('shows hall and kiosk name, and 在线/离线 from the system.status event', async () => {
    const kiosk = await renderApp();
    expect(screen.getByText(FAKE_INFO.kioskName)).toBeTruthy();
    const network = (): HTMLElement => screen.getByRole('status', { name: /网络状态/ });

    act(() => kiosk.emit('system.status', fakeStatus({ online: false })));
    expect(network().textContent).toBe(zhCN.frame.offline);
    expect(network().dataset['network']).toBe('offline');
    expect(network().querySelector('svg')).not.toBeNull(); // icon, not colour alone

    act(() => kiosk.emit('system.status', fakeStatus({ online: true })));
    expect(network().textContent).toBe(zhCN.frame.online);
    expect(network().getAttribute('aria-label')).toBe('网络状态：在线');
  });

  it('shows the host clock in Chinese', async () => {
    const kiosk = await renderApp();
    act(() => kiosk.emit('system.status', fakeStatus({ now: '2026-11-23T11:40:00.000Z' })));
    expect(screen.getByText('2026年11月23日 星期一 19:40')).toBeTruthy();
  });
});

describe('technician sign-in', () => {
  async function openSignIn(kiosk?: FakeKiosk): Promise<FakeKiosk> {
    const fake = await renderApp(kiosk);
    fireEvent.click(screen.getByRole('button', { name: zhCN.frame.techEntryLabel }));
    await screen.findByRole('heading', { name: zhCN.tech.signInTitle });
    expect(window.location.hash).toBe('#/tech');
    return fake;
  }

  function typePin(pin: string): void {
    for (const digit of pin) fireEvent.click(screen.getByRole('button', { name: `数字 ${digit}` }));
  }

  const confirm = (): HTMLButtonElement => screen.getByRole('button', { name: zhCN.tech.confirm });

  it('masks the PIN, shows 密码不正确 for a wrong one and lets 删除 correct typing', async () => {
    const kiosk = await openSignIn();
    typePin('1234');
    // Only dots: no element and no accessible name carries the digits.
    expect(document.querySelector('.pin-dots')?.textContent).toBe('');
    expect(document.querySelectorAll('.pin-dot--filled')).toHaveLength(4);
    expect(document.querySelector('input')).toBeNull();
    expect(screen.getByRole('img', { name: '已输入 4 位密码' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: zhCN.tech.delete }));
    expect(screen.getByRole('img', { name: '已输入 3 位密码' })).toBeTruthy();
    expect(confirm().disabled).toBe(true); // fewer than 4 digits
    typePin('9');
    fireEvent.click(confirm());
    expect(await screen.findByText(zhCN.errors.WRONG_PIN)).toBeTruthy();
    expect(kiosk.callsOf('session.signIn')).toEqual([{ name: 'session.signIn', arg: { role: 'technician', pin: '1239' } }]);
    expect(screen.getByRole('img', { name: '已输入 0 位密码' })).toBeTruthy();
    expect(window.location.hash).toBe('#/tech');
  });

  it('tells the technician when sign-in is locked', async () => {
    const kiosk = createFakeKiosk();
    kiosk.respond('session.signIn', err('LOCKED_OUT', 'locked for 300 s'));
    await openSignIn(kiosk);
    typePin('0000');
    fireEvent.click(confirm());
    expect(await screen.findByText(zhCN.errors.LOCKED_OUT)).toBeTruthy();
  });

  it('opens diagnostics with the real system data, and leaves it when the role drops', async () => {
    const kiosk = await openSignIn();
    typePin(FAKE_TECHNICIAN_PIN);
    fireEvent.click(confirm());
    await screen.findByRole('heading', { name: zhCN.tech.diagnosticsTitle });
    expect(window.location.hash).toBe('#/tech/diagnostics');
    expect(await screen.findByText(FAKE_INFO.kioskId)).toBeTruthy();
    expect(await screen.findByText(zhCN.tech.configOk)).toBeTruthy();
    expect(screen.getByRole('heading', { name: zhCN.tech.deviceSection })).toBeTruthy();
    expect(kiosk.callsOf('system.configReport')).toHaveLength(1);

    // The host drops the role (expiry): technician screens close at once.
    act(() => kiosk.emit('session.changed', { role: 'resident' }));
    await screen.findByRole('heading', { name: zhCN.home.welcome });
    expect(window.location.hash).toBe('#/');
  });

  it('lists configuration problems the host reports', async () => {
    const kiosk = createFakeKiosk({ session: { role: 'technician' } });
    kiosk.respond('system.configReport', {
      ok: true,
      value: { source: '/etc/hall-kiosk/config.yaml', problems: [{ field: 'devices.printer.port', message: 'no such port' }] },
    });
    setHash('#/tech/diagnostics');
    await renderApp(kiosk);
    expect(await screen.findByText('发现 1 个配置问题')).toBeTruthy();
    expect(screen.getByText('devices.printer.port')).toBeTruthy();
  });

  it('退出 signs out and returns home', async () => {
    const kiosk = await openSignIn();
    typePin(FAKE_TECHNICIAN_PIN);
    fireEvent.click(confirm());
    await screen.findByRole('heading', { name: zhCN.tech.diagnosticsTitle });
    fireEvent.click(screen.getByRole('button', { name: zhCN.tech.exit }));
    await screen.findByRole('heading', { name: zhCN.home.welcome });
    expect(kiosk.callsOf('session.signOut')).toHaveLength(1);
  });

  it('sends a resident who types the diagnostics address to sign-in', async () => {
    setHash('#/tech/diagnostics');
    const kiosk = await renderApp();
    await screen.findByRole('heading', { name: zhCN.tech.signInTitle });
    expect(window.location.hash).toBe('#/tech');
    expect(kiosk.callsOf('system.configReport')).toHaveLength(0);
  });

  it('unknown addresses show home', async () => {
    setHash('#/does-not-exist');
    await renderApp();
    expect(screen.getByRole('heading', { name: zhCN.home.welcome })).toBeTruthy();
  });
});
