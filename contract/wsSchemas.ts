/**
 * zod schemas for the WebSocket messages, for the host (which validates every incoming call) and
 * for tests. Runtime: pure.
 */
import { z } from 'zod';

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
