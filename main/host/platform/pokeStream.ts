/**
 * The platform's server-sent event stream (GET /v1/events), relayed as pokes. A poke is a hint
 * only: the renderer polls anyway, so a blocked or dying stream merely slows updates down. Hence
 * the simple shape: one connection at a time, an idle watchdog (the platform sends a heartbeat
 * every 25 s), reconnects with full-jitter exponential backoff, and an abort on stop.
 * `kick()` cuts a wait short when the kiosk just enrolled or the platform is reachable again, so
 * an outage's grown backoff does not delay pokes once the platform is back; a platform that
 * answers but refuses or breaks the stream keeps its backoff (kicks do not wake that wait).
 * Runtime: plain Node.
 */
import { PokeMessage, SSE_EVENTS } from '../../../sync/protocol/kioskHealth.ts';
import type { PlatformResult } from './platformClient.ts';

export type PokeStreamOptions = Readonly<{
  /** Opens the stream (the link adds the token and handles 401/403). */
  open: (signal: AbortSignal) => Promise<PlatformResult<ReadableStream<Uint8Array>>>;
  onPoke: (poke: PokeMessage) => void;
  /** The stream is open (the platform subscribed us): pokes from now on arrive; earlier ones may be missed. */
  onConnected?: () => void;
  /** Any event arrived: the platform is alive. */
  onAlive?: () => void;
  onProblem?: (message: string) => void;
  /** False while the kiosk may not connect (not enrolled, revoked); checked before each attempt. */
  shouldRun?: () => boolean;
  idleTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  random?: () => number;
}>;

export interface PokeStream {
  /** Aborts the connection and any wait; resolves when the loop has ended (or after 1 s: never blocks shutdown). */
  stop(): Promise<void>;
  /**
   * The kiosk may connect now (it enrolled, or the platform answered again): ends a wait for
   * enrolment, or a backoff after the platform was unreachable, at once and with fresh backoff.
   */
  kick(): void;
}

/** Why the loop waits: only some waits end early on a kick. */
type WaitKind = 'not-allowed' | 'unreachable' | 'refused';

/** A line longer than this is not SSE from our platform: drop the connection. */
const MAX_LINE_CHARS = 64 * 1024;

export function startPokeStream(options: PokeStreamOptions): PokeStream {
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const baseMs = options.backoffBaseMs ?? 1_000;
  const capMs = options.backoffCapMs ?? 60_000;
  const random = options.random ?? Math.random;
  let stopped = false;
  let current: AbortController | undefined;
  let wake: (() => void) | undefined;
  let waiting: WaitKind | undefined;
  /** A kick arrived since the current attempt began (it may have come while a request was in flight). */
  let kicked = false;

  /** Resolves true when cut short (kick or stop), false when the time ran out. */
  const sleep = (ms: number, kind: WaitKind): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => done(false), ms);
      timer.unref();
      function done(early: boolean): void {
        clearTimeout(timer);
        wake = undefined;
        waiting = undefined;
        resolve(early);
      }
      waiting = kind;
      wake = () => done(true);
    });

  async function consume(stream: ReadableStream<Uint8Array>, controller: AbortController): Promise<boolean> {
    let heard = false;
    let idle = setTimeout(() => controller.abort(), idleTimeoutMs);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    const parser = createSseParser((event, data) => {
      heard = true;
      options.onAlive?.();
      if (event !== SSE_EVENTS.poke) return;
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        json = undefined;
      }
      const poke = PokeMessage.safeParse(json);
      if (poke.success) options.onPoke(poke.data);
      else options.onProblem?.('platform sent a poke outside the protocol; ignored');
    });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(), idleTimeoutMs);
        if (!parser.push(decoder.decode(value, { stream: true }))) {
          options.onProblem?.('platform event stream sent an overlong line; reconnecting');
          break;
        }
      }
    } catch {
      // Aborted (idle, stop) or the connection broke: the loop reconnects.
    } finally {
      clearTimeout(idle);
      controller.abort();
      await reader.cancel().catch(() => undefined);
    }
    return heard;
  }

  async function loop(): Promise<void> {
    let attempt = 0;
    while (!stopped) {
      if (options.shouldRun !== undefined && !options.shouldRun()) {
        // Enrolment kicks: this long wait only covers a kick that never comes.
        if (!kicked) await sleep(Math.min(capMs, 5_000), 'not-allowed');
        kicked = false;
        continue;
      }
      kicked = false;
      const controller = new AbortController();
      current = controller;
      const opened = await options.open(controller.signal);
      let unreachable = false;
      if (opened.ok) {
        options.onConnected?.();
        if (await consume(opened.value, controller)) attempt = 0;
      } else if (!stopped) {
        unreachable = opened.error.code === 'PLATFORM_UNREACHABLE';
        options.onProblem?.(`event stream: ${opened.error.code}: ${opened.error.message}`);
      }
      current = undefined;
      if (stopped) break;
      if (unreachable && kicked) {
        // The platform answered someone else while this attempt was failing: it is back, try now.
        attempt = 0;
        continue;
      }
      attempt += 1;
      // Full jitter: thousands of kiosks reconnecting after an outage spread out instead of stampeding.
      const cutShort = await sleep(random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20)), unreachable ? 'unreachable' : 'refused');
      if (cutShort) attempt = 0;
    }
  }

  const running = loop();
  return {
    async stop() {
      stopped = true;
      current?.abort();
      wake?.();
      // The loop may be waiting for a token request with its own deadline; it exits on its own after that.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000)))]);
      clearTimeout(timer);
    },
    kick() {
      if (stopped) return;
      kicked = true;
      if (waiting === 'not-allowed' || waiting === 'unreachable') wake?.();
    },
  };
}

/**
 * Incremental text/event-stream parser (the WHATWG rules we need: event, data, comments, any line
 * ending). `push` returns false when a line grows past the limit.
 */
export function createSseParser(dispatch: (event: string, data: string) => void): { push(text: string): boolean } {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let skipLeadingLf = false;
  function line(text: string): void {
    if (text === '') {
      if (data.length > 0) dispatch(event === '' ? 'message' : event, data.join('\n'));
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return {
    push(text) {
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i];
        if (ch === '\n' && skipLeadingLf && i === start) {
          start = i + 1;
          skipLeadingLf = false;
          continue;
        }
        skipLeadingLf = false;
        if (ch === '\n' || ch === '\r') {
          line(buffer.slice(start, i));
          skipLeadingLf = ch === '\r';
          start = i + 1;
        }
      }
      buffer = buffer.slice(start);
      return buffer.length <= MAX_LINE_CHARS;
    },
  };
}
