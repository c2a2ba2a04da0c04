import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, methodChannel, type MethodName } from '../contract/index.ts';
import { EMBEDDED_DEFAULT } from '../main/host/config.ts';
import { createMemoryLogger } from '../main/host/logger.ts';
import { createServiceHost, type ServiceHost } from '../main/host/serviceHost.ts';
import { attachIpcTransport, type InvokeEventLike, type WebContentsLike } from '../main/shell/ipcTransport.main.ts';
import { kioskApiFromIpc, type IpcBridge } from './kioskApiFromIpc.ts';

function fakeBridge(answer: (channel: string, arg: unknown) => Promise<unknown> = async () => ({ ok: true, value: {} })) {
  let push: ((message: unknown) => void) | undefined;
  const subscribe = vi.fn((channel: string, listener: (message: unknown) => void) => {
    expect(channel).toBe(EVENT_CHANNEL);
    push = listener;
  });
  const invoke = vi.fn(answer);
  const bridge: IpcBridge = { invoke, subscribe };
  return { bridge, invoke, subscribe, push: (message: unknown) => push?.(message) };
}

describe('kioskApiFromIpc', () => {
  it('is a frozen object that says which transport it is', () => {
    const api = kioskApiFromIpc(fakeBridge().bridge);
    expect(Object.isFrozen(api)).toBe(true);
    expect(api.transport).toBe('electron-ipc');
  });

  it('sends a contract method on its own channel with the argument unchanged', async () => {
    const { bridge, invoke } = fakeBridge(async () => ({ ok: true, value: { role: 'resident' } }));
    const api = kioskApiFromIpc(bridge);
    const result = await api.call('session.get', {});
    expect(invoke).toHaveBeenCalledWith(methodChannel('session.get'), {});
    expect(result).toEqual({ ok: true, value: { role: 'resident' } });
  });

  it.each(['system.nope', '__proto__', 'constructor', 'kiosk:call:system.info', 42, undefined])(
    'refuses %s without sending anything',
    async (name) => {
      const { bridge, invoke } = fakeBridge();
      const api = kioskApiFromIpc(bridge);
      const result = await api.call(name as MethodName, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(invoke).not.toHaveBeenCalled();
    },
  );

  it('turns a rejected or throwing invoke into UNAVAILABLE instead of rejecting', async () => {
    const rejecting = kioskApiFromIpc(fakeBridge(() => Promise.reject(new Error('main process gone'))).bridge);
    await expect(rejecting.call('system.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const throwing = kioskApiFromIpc(
      fakeBridge(() => {
        throw new Error('An object could not be cloned.');
      }).bridge,
    );
    const result = await throwing.call('system.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (!result.ok) expect(result.error.message).toContain('could not be cloned');
  });

  it.each([undefined, null, 'ok', { ok: 'yes' }, { ok: false, error: { code: 'MADE_UP', message: 'x' } }, { ok: true }])(
    'reports a malformed answer (%s) as INTERNAL rather than passing it on',
    async (answer) => {
      const api = kioskApiFromIpc(fakeBridge(async () => answer).bridge);
      await expect(api.call('system.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    },
  );

  it('subscribes to the event channel once, however many listeners there are', () => {
    const { bridge, subscribe } = fakeBridge();
    const api = kioskApiFromIpc(bridge);
    api.on('session.changed', () => {});
    api.on('system.status', () => {});
    api.on('session.changed', () => {});
    expect(subscribe).toHaveBeenCalledTimes(1);
  });

  it('hands listeners the payload only, and only for their event', () => {
    const { bridge, push } = fakeBridge();
    const api = kioskApiFromIpc(bridge);
    const sessionListener = vi.fn();
    const statusListener = vi.fn();
    api.on('session.changed', sessionListener);
    api.on('system.status', statusListener);
    push({ name: 'session.changed', payload: { role: 'staff' } });
    expect(sessionListener).toHaveBeenCalledTimes(1);
    expect(sessionListener.mock.calls[0]).toEqual([{ role: 'staff' }]);
    expect(statusListener).not.toHaveBeenCalled();
  });

  it('ignores malformed or unknown event messages', () => {
    const { bridge, push } = fakeBridge();
    const api = kioskApiFromIpc(bridge);
    const listener = vi.fn();
    api.on('session.changed', listener);
    for (const message of [undefined, null, 'session.changed', { name: 'nope', payload: 1 }, { payload: 1 }]) push(message);
    expect(listener).not.toHaveBeenCalled();
  });

  it('unsubscribes each registration on its own, even for the same function', () => {
    const { bridge, push } = fakeBridge();
    const api = kioskApiFromIpc(bridge);
    const listener = vi.fn();
    const first = api.on('session.changed', listener);
    const second = api.on('session.changed', listener);
    push({ name: 'session.changed', payload: { role: 'resident' } });
    expect(listener).toHaveBeenCalledTimes(2);
    first();
    push({ name: 'session.changed', payload: { role: 'resident' } });
    expect(listener).toHaveBeenCalledTimes(3);
    second();
    second(); // idempotent
    push({ name: 'session.changed', payload: { role: 'resident' } });
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const { bridge, push } = fakeBridge();
    const api = kioskApiFromIpc(bridge);
    const good = vi.fn();
    api.on('session.changed', () => {
      throw new Error('listener bug');
    });
    api.on('session.changed', good);
    const rethrown = new Promise<unknown>((resolve) => {
      process.once('uncaughtException', resolve);
    });
    push({ name: 'session.changed', payload: { role: 'resident' } });
    expect(good).toHaveBeenCalledTimes(1);
    await expect(rethrown).resolves.toMatchObject({ message: 'listener bug' });
  });
});

describe('preload wired to the main-process transport (fake Electron IPC, structured clone)', () => {
  let host: ServiceHost | undefined;
  afterEach(async () => {
    await host?.dispose();
  });

  it('signs in, receives its own session event, and reads the role back', async () => {
    host = createServiceHost({
      version: '1.0.0',
      transport: 'electron-ipc',
      loaded: { config: EMBEDDED_DEFAULT, source: 'embedded default', problems: [], service: { state: 'in-service' } },
      logger: createMemoryLogger(),
      statusIntervalMs: 3_600_000,
    });
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    let rendererListener: ((message: unknown) => void) | undefined;
    const webContents: WebContentsLike = {
      id: 7,
      isDestroyed: () => false,
      getURL: () => 'app://kiosk/index.html',
      send: (_channel, message) => rendererListener?.(structuredClone(message)),
      once: () => undefined,
    };
    const transport = attachIpcTransport({
      ipcMain: { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) },
      host,
      logger: createMemoryLogger(),
    });
    transport.attach(webContents);
    const api = kioskApiFromIpc({
      invoke: async (channel, arg) => {
        const handler = handlers.get(channel);
        if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
        return structuredClone(await handler({ sender: webContents, senderFrame: { url: 'app://kiosk/index.html', parent: null } }, structuredClone(arg)));
      },
      subscribe: (_channel, listener) => {
        rendererListener = listener;
      },
    });

    const roles: string[] = [];
    api.on('session.changed', (info) => roles.push(info.role));
    const signedIn = await api.call('session.signIn', { role: 'staff', staffId: 'S001', pin: '1234' });
    expect(signedIn).toMatchObject({ ok: true, value: { role: 'staff' } });
    expect(roles).toEqual(['staff']);
    const wrongPin = await api.call('session.signIn', { role: 'technician', pin: '0000' });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'WRONG_PIN' } });
    expect(await api.call('session.get', {})).toMatchObject({ ok: true, value: { role: 'staff' } });
    transport.dispose();
    await expect(api.call('session.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
