/**
 * `KioskApi` over the browser host's WebSocket. Calls made while (re)connecting wait; calls whose
 * socket drops are answered with UNAVAILABLE, never left hanging; every call has a deadline.
 * After a reconnect the connection is a new resident session, like a fresh window.
 * Runtime: browser (also runs under Node 24, which has a global WebSocket).
 */
// Types only from the contract index: its schemas are the host's business, and evaluating them
// here would cost the first screen ~100 ms.
import type { EventName, EventPayload, KioskApi, MethodInput, MethodName, MethodOutput } from '../../../contract/index.ts';
import { err, type Result } from '../../../contract/result.ts';
import { parseServerMessage, type ServerMessage, WS_CLOSE, WS_PROTOCOL, WS_SECRET_PROTOCOL_PREFIX } from '../../../contract/wsProtocol.ts';

export interface WsKioskOptions {
  readonly url: string;
  readonly secret: string;
  readonly callTimeoutMs?: number;
  readonly WebSocketImpl?: typeof WebSocket;
  /** Reconnect delays grow from 250 ms to this cap. */
  readonly maxReconnectDelayMs?: number;
}

interface PendingCall {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
  payload: string;
}

export interface WsKiosk extends KioskApi {
  /** Stops reconnecting and fails calls in flight; for tests and page unload. */
  close(): void;
}

export function createWsKiosk(options: WsKioskOptions): WsKiosk {
  const WebSocketImpl = options.WebSocketImpl ?? WebSocket;
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, PendingCall>();
  const waiting: number[] = []; // ids of calls not yet sent because the socket is not open
  let nextId = 1;
  let socket: WebSocket | undefined;
  let closed = false;
  let attempt = 0;

  function connect(): void {
    if (closed) return;
    const ws = new WebSocketImpl(options.url, [WS_PROTOCOL, `${WS_SECRET_PROTOCOL_PREFIX}${options.secret}`]);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      for (const id of waiting.splice(0)) {
        const call = pending.get(id);
        if (call !== undefined) ws.send(call.payload);
      }
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let message: ServerMessage | undefined;
      try {
        message = parseServerMessage(JSON.parse(event.data));
      } catch {
        message = undefined;
      }
      if (message === undefined) return; // a malformed server message is dropped; the call it belonged to will time out
      if (message.t === 'result') {
        const call = pending.get(message.id);
        if (call === undefined) return;
        pending.delete(message.id);
        clearTimeout(call.timer);
        call.resolve(asResult(message.result));
      } else {
        for (const listener of listeners.get(message.name) ?? []) {
          try {
            listener(message.payload);
          } catch (error) {
            console.error('kiosk event listener failed', message.name, error);
          }
        }
      }
    };
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = undefined;
      // Calls already sent on this socket cannot be answered any more.
      for (const [id, call] of pending) {
        if (!waiting.includes(id)) {
          pending.delete(id);
          clearTimeout(call.timer);
          call.resolve(err('UNAVAILABLE', 'The connection to the kiosk service was lost.'));
        }
      }
      if (!closed && event.code !== WS_CLOSE.normal) {
        const delay = Math.min(maxDelay, 250 * 2 ** attempt);
        attempt += 1;
        setTimeout(connect, delay);
      }
    };
  }

  connect();

  return {
    transport: 'websocket',
    call<M extends MethodName>(name: M, arg: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      return new Promise((resolve) => {
        if (closed) {
          resolve(err('UNAVAILABLE', 'The kiosk connection is closed.'));
          return;
        }
        const id = nextId++;
        let payload: string;
        try {
          payload = JSON.stringify({ t: 'call', id, method: name, arg });
        } catch {
          resolve(err('INVALID_ARGUMENT', `${name}: the argument cannot be serialised.`));
          return;
        }
        const timer = setTimeout(() => {
          pending.delete(id);
          const index = waiting.indexOf(id);
          if (index >= 0) waiting.splice(index, 1);
          resolve(err('TIMEOUT', `${name} got no answer within ${callTimeoutMs} ms.`));
        }, callTimeoutMs);
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, timer, payload });
        if (socket !== undefined && socket.readyState === WebSocketImpl.OPEN) socket.send(payload);
        else waiting.push(id);
      });
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(name);
      if (set === undefined) {
        set = new Set();
        listeners.set(name, set);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    close() {
      closed = true;
      socket?.close(WS_CLOSE.normal);
      for (const [id, call] of pending) {
        pending.delete(id);
        clearTimeout(call.timer);
        call.resolve(err('UNAVAILABLE', 'The kiosk connection is closed.'));
      }
    },
  };
}

function asResult(value: unknown): Result<unknown> {
  if (typeof value === 'object' && value !== null && 'ok' in value) return value as Result<unknown>;
  return err('INTERNAL', 'The kiosk service sent a malformed answer.');
}
