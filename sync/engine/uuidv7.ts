/**
 * RFC 9562 UUIDv7 ids for outbox commands and submissions: 48-bit ms timestamp, then randomness.
 * Monotonic within one generator: several ids in the same millisecond (or a clock that stepped
 * back) keep increasing, by bumping a 12-bit counter in rand_a and, if that overflows, the
 * timestamp itself (as Dexie Cloud's newId does). The time part only helps index locality;
 * correctness never depends on the kiosk clock. Runtime: pure (crypto.getRandomValues).
 */
export type RandomBytes = (length: number) => Uint8Array;

const defaultRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

export function createUuidV7(now: () => number = Date.now, randomBytes: RandomBytes = defaultRandomBytes): () => string {
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = Math.max(0, Math.floor(now()));
    const random = randomBytes(10);
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        ms += 1;
        counter = (random[0] ?? 0) & 0x7f;
      }
    } else {
      // Start low in the counter space so many ids fit in one millisecond.
      counter = (random[0] ?? 0) & 0x7f;
    }
    lastMs = ms;
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
    bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((random[2] ?? 0) & 0x3f);
    for (let i = 9; i < 16; i++) bytes[i] = random[i - 6] ?? 0;
    let hex = '';
    for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
