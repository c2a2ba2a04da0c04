/**
 * Whether the central platform answers. The sync engine (issue 4) owns the detailed picture; this
 * is the coarse online/offline bit the status bar needs from the first screen on.
 * Runtime: plain Node.
 */
export interface Connectivity {
  online(): boolean;
  onChange(listener: (online: boolean) => void): () => void;
  dispose(): void;
}

/** A fixed answer, for tests and for a kiosk with no platform configured at all. */
export function fixedConnectivity(online: boolean): Connectivity {
  return { online: () => online, onChange: () => () => {}, dispose: () => {} };
}

/** Polls `GET <baseUrl>/health` with a deadline; any answer below 500 counts as reachable. */
export function pollingConnectivity(options: {
  baseUrl: string;
  intervalMs?: number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}): Connectivity {
  const { baseUrl, intervalMs = 5_000, timeoutMs = 3_000, fetchImpl = fetch } = options;
  const listeners = new Set<(online: boolean) => void>();
  let online = false;
  let stopped = false;
  async function probe(): Promise<void> {
    let next = false;
    try {
      const response = await fetchImpl(new URL('health', withSlash(baseUrl)), { signal: AbortSignal.timeout(timeoutMs) });
      next = response.status < 500;
    } catch {
      next = false;
    }
    if (!stopped && next !== online) {
      online = next;
      for (const listener of listeners) listener(online);
    }
  }
  void probe();
  const timer = setInterval(() => void probe(), intervalMs);
  timer.unref();
  return {
    online: () => online,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
