/**
 * Messages on the browser host's loopback WebSocket. Electron IPC needs none of this: it has
 * invoke/send. No zod here: the renderer's client loads this before its first screen; the host's
 * schema for incoming calls is in wsSchemas.ts. Runtime: pure.
 */

/** Offered by the client as a WebSocket subprotocol; the server answers with the same name. */
export const WS_PROTOCOL = 'kiosk.v1';
/** The per-start secret travels as a second subprotocol, so it never appears in URLs or logs. */
export const WS_SECRET_PROTOCOL_PREFIX = 'secret.';
export const WS_PATH = '/kiosk-ws';
/** Name of the <meta> tag through which the browser host hands the page its secret. */
export const WS_SECRET_META = 'kiosk-ws-secret';

/** Close codes the client uses to decide whether reconnecting makes sense. */
export const WS_CLOSE = { normal: 1000, tooLarge: 1009, protocolError: 1002 } as const;

export type ServerMessage =
  | { readonly t: 'result'; readonly id: number; readonly result: unknown }
  | { readonly t: 'event'; readonly name: string; readonly payload: unknown };

/**
 * The check the renderer runs on every server message (wsSchemas.ts has the equivalent zod schema,
 * and a property test keeps the two in step): the renderer's WebSocket client runs it on every
 * message and should not need the schema library before the first screen.
 */
export function parseServerMessage(value: unknown): ServerMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  // zod 4 wants the key present even for an unknown() value.
  if (m['t'] === 'result' && typeof m['id'] === 'number' && Number.isSafeInteger(m['id']) && m['id'] >= 0 && 'result' in m) {
    return { t: 'result', id: m['id'], result: m['result'] };
  }
  if (m['t'] === 'event' && typeof m['name'] === 'string' && 'payload' in m) return { t: 'event', name: m['name'], payload: m['payload'] };
  return undefined;
}

