import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, MAX_PAYLOAD_BYTES, METHOD_NAMES, methodChannel, type MethodName, type Result } from '../../contract/index.ts';
import { EMBEDDED_DEFAULT } from '../host/config.ts';
import { createMemoryLogger } from '../host/logger.ts';
import { createServiceHost, type ServiceHost } from '../host/serviceHost.ts';
import type { SenderFrameLike } from './ipcSender.ts';
import { attachIpcTransport, type InvokeEventLike, type IpcMainLike, type WebContentsLike } from './ipcTransport.main.ts';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** Like Electron's ipcMain: one handler per channel, arguments and results structured-cloned. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  async function invoke(sender: FakeWebContents, senderFrame: SenderFrameLike | null, name: string, arg: unknown): Promise<Result<unknown>> {
    const handler = handlers.get(methodChannel(name as MethodName));
    if (handler === undefined) throw new Error(`No handler registered for '${name}'`);
    const result = await handler({ sender, senderFrame }, structuredClone(arg));
    return structuredClone(result) as Result<unknown>;
  }
  return { ipcMain, handlers, invoke };
}

class FakeWebContents implements WebContentsLike {
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  private destroyed = false;
  private readonly onDestroyed: Array<() => void> = [];
  constructor(
    readonly id: number,
    public url = 'app://kiosk/index.html',
  ) {}
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
  send(channel: string, ...args: unknown[]) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, message: structuredClone(args[0]) });
  }
  once(_event: 'destroyed', listener: () => void) {
    this.onDestroyed.push(listener);
    return this;
  }
  destroy() {
    this.destroyed = true;
    for (const listener of this.onDestroyed.splice(0)) listener();
  }
  mainFrame(): SenderFrameLike {
    return { url: this.url, parent: null };
  }
  eventsNamed(name: string) {
    return this.sent.filter((s) => s.channel === EVENT_CHANNEL && (s.message as { name: string }).name === name).map((s) => s.message);
  }
}

let host: ServiceHost | undefined;
afterEach(async () => {
  await host?.dispose();
  host = undefined;
});

function setup() {
  host = createServiceHost({
    version: '1.2.3',
    transport: 'electron-ipc',
    loaded: { config: EMBEDDED_DEFAULT, source: 'embedded default', problems: [], service: { state: 'in-service' } },
    logger: createMemoryLogger(),
    statusIntervalMs: 3_600_000,
  });
  const ipc = fakeIpcMain();
  const transport = attachIpcTransport({ ipcMain: ipc.ipcMain, host, logger: createMemoryLogger() });
  return { host, ipc, transport };
}

const STAFF_SIGN_IN = { role: 'staff', staffId: 'S001', pin: '1234' };

describe('Electron IPC transport', () => {
  it('mounts exactly one handler per contract method, and removes them on dispose', () => {
    const { ipc, transport } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(methodChannel).sort());
    transport.dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers a call from the kiosk page with a Result', async () => {
    const { ipc } = setup();
    const page = new FakeWebContents(1);
    const result = await ipc.invoke(page, page.mainFrame(), 'system.info', {});
    expect(result).toMatchObject({ ok: true, value: { version: '1.2.3', transport: 'electron-ipc' } });
  });

  it.each([
    ['a sub-frame of our page', (p: FakeWebContents): SenderFrameLike | null => ({ url: 'app://kiosk/x.html', parent: p.mainFrame() })],
    ['a foreign main frame', (): SenderFrameLike | null => ({ url: 'https://evil.example/', parent: null })],
    ['a look-alike origin', (): SenderFrameLike | null => ({ url: 'app://kiosk.evil/', parent: null })],
    ['a missing frame', (): SenderFrameLike | null => null],
  ])('refuses %s, and the refused call changes nothing', async (_label, frameOf) => {
    const { ipc } = setup();
    const page = new FakeWebContents(1);
    const refused = await ipc.invoke(page, frameOf(page), 'session.signIn', STAFF_SIGN_IN);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const session = await ipc.invoke(page, page.mainFrame(), 'session.get', {});
    expect(session).toMatchObject({ ok: true, value: { role: 'resident' } });
  });

  it('keeps roles per page: staff on one webContents is not staff on another', async () => {
    const { ipc } = setup();
    const a = new FakeWebContents(1);
    const b = new FakeWebContents(2);
    expect(await ipc.invoke(a, a.mainFrame(), 'session.signIn', STAFF_SIGN_IN)).toMatchObject({ ok: true, value: { role: 'staff' } });
    expect(await ipc.invoke(a, a.mainFrame(), 'session.get', {})).toMatchObject({ value: { role: 'staff' } });
    expect(await ipc.invoke(b, b.mainFrame(), 'session.get', {})).toMatchObject({ value: { role: 'resident' } });
  });

  it('pushes an addressed event only to its page, as {name, payload} on the event channel', async () => {
    const { ipc, transport } = setup();
    const a = new FakeWebContents(1);
    const b = new FakeWebContents(2);
    transport.attach(a);
    transport.attach(b);
    await ipc.invoke(a, a.mainFrame(), 'session.signIn', STAFF_SIGN_IN);
    const [changed] = a.eventsNamed('session.changed');
    expect(changed).toEqual({ name: 'session.changed', payload: expect.objectContaining({ role: 'staff' }) });
    expect(Object.keys(changed as object).sort()).toEqual(['name', 'payload']);
    expect(b.eventsNamed('session.changed')).toHaveLength(0);
  });

  it('delivers broadcast events to attached pages before their first call', () => {
    const { host, transport } = setup();
    const page = new FakeWebContents(1);
    transport.attach(page);
    host.context.events.publish('session.changed', { role: 'resident' });
    expect(page.eventsNamed('session.changed')).toHaveLength(1);
  });

  it('sends nothing to a webContents showing a foreign page', () => {
    const { host, transport } = setup();
    const page = new FakeWebContents(1, 'https://evil.example/');
    transport.attach(page);
    host.context.events.publish('session.changed', { role: 'resident' });
    expect(page.sent).toHaveLength(0);
  });

  it('closes the connection when the webContents is destroyed, and never sends to it again', async () => {
    const { host, ipc, transport } = setup();
    const gone = new FakeWebContents(1);
    const alive = new FakeWebContents(2);
    await ipc.invoke(gone, gone.mainFrame(), 'session.get', {});
    transport.attach(alive);
    expect(transport.connectionCount()).toBe(2);
    gone.destroy();
    expect(transport.connectionCount()).toBe(1);
    expect(() => host.context.events.publish('session.changed', { role: 'resident' })).not.toThrow();
    expect(alive.eventsNamed('session.changed')).toHaveLength(1);
    expect(gone.eventsNamed('session.changed')).toHaveLength(0);
  });

  it('after a renderer crash (reset) the page is a resident again and still gets events', async () => {
    const { host, ipc, transport } = setup();
    const page = new FakeWebContents(1);
    await ipc.invoke(page, page.mainFrame(), 'session.signIn', STAFF_SIGN_IN);
    transport.reset(page);
    const before = page.eventsNamed('session.changed').length;
    host.context.events.publish('session.changed', { role: 'resident' }); // before the reloaded page calls anything
    expect(page.eventsNamed('session.changed')).toHaveLength(before + 1);
    expect(await ipc.invoke(page, page.mainFrame(), 'session.get', {})).toMatchObject({ value: { role: 'resident' } });
    expect(transport.connectionCount()).toBe(1);
  });

  it('leaves argument checks to the dispatcher: bad and oversized arguments are refused', async () => {
    const { ipc } = setup();
    const page = new FakeWebContents(1);
    expect(await ipc.invoke(page, page.mainFrame(), 'session.signIn', { role: 'admin', pin: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await ipc.invoke(page, page.mainFrame(), 'system.info', { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it('registers the destroyed listener once per page, however often it is reset', async () => {
    const { ipc, transport } = setup();
    const page = new FakeWebContents(1);
    let registrations = 0;
    const once = page.once.bind(page);
    page.once = (event, listener) => {
      registrations += 1;
      return once(event, listener);
    };
    for (let i = 0; i < 5; i += 1) {
      await ipc.invoke(page, page.mainFrame(), 'session.get', {});
      transport.reset(page);
    }
    expect(registrations).toBe(1);
  });
});
