/**
 * `window.kiosk` over Electron IPC, built from two functions so it is testable without Electron:
 * `invoke` (ipcRenderer.invoke) and `subscribe` (one ipcRenderer.on for the event channel, whose
 * listener receives the message only — never the IpcRendererEvent, which exposes `sender`).
 * Method names are checked against the contract before anything is sent; `call` never rejects.
 * Runtime: pure (bundled into the sandboxed preload; no Node built-ins, no Electron).
 */
import {
  err,
  EVENT_CHANNEL,
  isErrorCode,
  isEventName,
  isMethodName,
  methodChannel,
  type EventName,
  type KioskApi,
  type Result,
} from '../contract/index.ts';

export interface IpcBridge {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  /** Called once, with EVENT_CHANNEL. */
  subscribe(channel: string, listener: (message: unknown) => void): void;
}

type AnyListener = (payload: unknown) => void;

export function kioskApiFromIpc(bridge: IpcBridge): KioskApi {
  // One entry per on() call, so the same function subscribed twice is unsubscribed independently.
  const listeners = new Map<EventName, Set<{ readonly listener: AnyListener }>>();

  bridge.subscribe(EVENT_CHANNEL, (message) => {
    if (typeof message !== 'object' || message === null) return;
    const { name, payload } = message as { name?: unknown; payload?: unknown };
    if (!isEventName(name)) return;
    for (const entry of [...(listeners.get(name) ?? [])]) {
      try {
        entry.listener(payload);
      } catch (error) {
        // One broken listener must not starve the others; still surface it in the console.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });

  async function call(name: unknown, arg: unknown): Promise<Result<unknown>> {
    if (!isMethodName(name)) return err('UNKNOWN_METHOD', `There is no method called ${describe(name)}.`);
    try {
      const result = await bridge.invoke(methodChannel(name), arg);
      return isResult(result) ? result : err('INTERNAL', `${name}: the kiosk service sent an unexpected answer.`);
    } catch (error) {
      return err('UNAVAILABLE', `${name}: the kiosk service could not be reached (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  function on(name: unknown, listener: unknown): () => void {
    if (!isEventName(name) || typeof listener !== 'function') return () => {};
    const entry = { listener: listener as AnyListener };
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  const api = { transport: 'electron-ipc' as const, call, on };
  return Object.freeze(api) as KioskApi;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  if (candidate.ok !== false || typeof candidate.error !== 'object' || candidate.error === null) return false;
  const error = candidate.error as { code?: unknown; message?: unknown };
  return isErrorCode(error.code) && typeof error.message === 'string';
}

function describe(name: unknown): string {
  if (typeof name !== 'string') return `(a ${typeof name})`;
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}
