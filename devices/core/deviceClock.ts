/** Time for device code, injectable so deadlines, polling and back-off are testable without waiting. */
export interface DeviceClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): () => void;
}

export const realDeviceClock: DeviceClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};
