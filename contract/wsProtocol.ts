/**
 * Messages on the browser host's loopback WebSocket. Electron IPC needs none of this: it has
 * invoke/send. Both ends validate incoming messages with these schemas. Runtime: pure.
 */
import { z } from 'zod';

/** Offered by the client as a WebSocket subprotocol; the server answers with the same name. */
export const WS_PROTOCOL = 'kiosk.v1';
/** The per-start secret travels as a second subprotocol, so it never appears in URLs or logs. */
export const WS_SECRET_PROTOCOL_PREFIX = 'secret.';
export const WS_PATH = '/kiosk-ws';
/** Name of the <meta> tag through which the browser host hands the page its secret. */
export const WS_SECRET_META = 'kiosk-ws-secret';

/** Close codes the client uses to decide whether reconnecting makes sense. */
export const WS_CLOSE = { normal: 1000, tooLarge: 1009, protocolError: 1002 } as const;

export const ClientMessage = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.unknown(),
  arg: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int().nonnegative(), result: z.unknown() }),
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
