/**
 * Electron IPC transport: mounts every contract method on `ipcMain.handle` and pushes events to
 * the page. It only moves messages — the dispatcher behind `host.connect` checks the sender
 * verdict, the payload size, the arguments and the role. One connection per webContents, so
 * roles and sessions are per page; it is closed when the webContents is destroyed, and reset
 * when the renderer process dies (a crashed page must not come back signed in as staff).
 * Electron objects come in through the narrow interfaces below, so this file has no runtime
 * import of `electron` and is unit-tested with a fake ipcMain.
 * Runtime: Electron main process.
 */
import { err, EVENT_CHANNEL, METHOD_NAMES, methodChannel, type EventName, type Result } from '../../contract/index.ts';
import type { Logger } from '../host/logger.ts';
import type { Connection, ServiceHost } from '../host/serviceHost.ts';
import { isTrustedSender, type SenderFrameLike } from './ipcSender.ts';
import { isTrustedUrl } from './trustedUrl.ts';

/** The part of Electron's `WebContents` the transport uses. */
export interface WebContentsLike {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** The part of Electron's `IpcMainInvokeEvent` the transport reads. */
export interface InvokeEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: SenderFrameLike | null;
}

/** The part of Electron's `ipcMain` the transport uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** What travels on EVENT_CHANNEL; the preload hands only `payload` to the page. */
export interface EventMessage {
  readonly name: EventName;
  readonly payload: unknown;
}

export interface IpcTransportOptions {
  readonly ipcMain: IpcMainLike;
  readonly host: ServiceHost;
  readonly logger: Logger;
  /** The electron-vite dev server origin, in development only. */
  readonly devOrigin?: string | undefined;
}

export interface IpcTransport {
  /** Connect a page now, so it receives events before its first call. */
  attach(webContents: WebContentsLike): void;
  /** The renderer process died or was replaced: a fresh connection (role back to resident). */
  reset(webContents: WebContentsLike): void;
  /** Open connections, for diagnostics and tests. */
  connectionCount(): number;
  dispose(): void;
}

interface PageConnections {
  trusted?: Connection;
  /** Calls from a foreign frame of the same webContents; the dispatcher refuses them. */
  untrusted?: Connection;
}

export function attachIpcTransport(options: IpcTransportOptions): IpcTransport {
  const { ipcMain, host, logger, devOrigin } = options;
  const pages = new Map<number, PageConnections>();
  const watched = new Set<number>();

  function deliver(webContents: WebContentsLike, name: EventName, payload: unknown): void {
    if (webContents.isDestroyed()) return;
    // Events are for our page only; whatever else the webContents shows gets nothing.
    if (!isTrustedUrl(webContents.getURL(), devOrigin)) return;
    const message: EventMessage = { name, payload };
    webContents.send(EVENT_CHANNEL, message);
  }

  function connectionFor(webContents: WebContentsLike, trusted: boolean): Connection {
    const id = webContents.id;
    if (!watched.has(id)) {
      watched.add(id);
      webContents.once('destroyed', () => {
        close(id);
        watched.delete(id);
      });
    }
    const page = pages.get(id) ?? {};
    pages.set(id, page);
    if (trusted) {
      page.trusted ??= host.connect({ senderTrusted: true, deliver: (name, payload) => deliver(webContents, name, payload) });
      return page.trusted;
    }
    page.untrusted ??= host.connect({ senderTrusted: false, deliver: () => {} });
    return page.untrusted;
  }

  function close(id: number): void {
    const page = pages.get(id);
    if (page === undefined) return;
    pages.delete(id);
    page.trusted?.close();
    page.untrusted?.close();
  }

  for (const name of METHOD_NAMES) {
    ipcMain.handle(methodChannel(name), async (event, arg): Promise<Result<unknown>> => {
      const trusted = isTrustedSender(event.senderFrame, devOrigin);
      try {
        // Payload size is measured by the dispatcher (JSON form of the structured-cloned argument).
        return await connectionFor(event.sender, trusted).call(name, arg);
      } catch (error) {
        logger.error('ipc call failed outside the dispatcher', { method: name, error: error instanceof Error ? error.message : String(error) });
        return err('INTERNAL', `${name} failed unexpectedly.`);
      }
    });
  }

  return {
    attach(webContents) {
      connectionFor(webContents, true);
    },
    reset(webContents) {
      close(webContents.id);
      if (!webContents.isDestroyed()) connectionFor(webContents, true);
    },
    connectionCount() {
      let count = 0;
      for (const page of pages.values()) count += (page.trusted ? 1 : 0) + (page.untrusted ? 1 : 0);
      return count;
    },
    dispose() {
      for (const name of METHOD_NAMES) ipcMain.removeHandler(methodChannel(name));
      for (const id of [...pages.keys()]) close(id);
    },
  };
}
