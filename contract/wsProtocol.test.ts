import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseServerMessage } from './wsProtocol.ts';
import { ServerMessage } from './wsSchemas.ts';

describe('parseServerMessage', () => {
  it('accepts exactly what the ServerMessage schema accepts', () => {
    const candidates = fc.oneof(
      fc.record({ t: fc.constantFrom('result', 'event', 'other'), id: fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), fc.string()), result: fc.anything() }, { requiredKeys: ['t'] }),
      fc.record({ t: fc.constantFrom('event', 'result'), name: fc.oneof(fc.string(), fc.integer()), payload: fc.anything() }, { requiredKeys: ['t'] }),
      fc.anything(),
    );
    fc.assert(
      fc.property(candidates, (value) => {
        expect(parseServerMessage(value) !== undefined).toBe(ServerMessage.safeParse(value).success);
      }),
      { numRuns: 2_000 },
    );
  });
});
