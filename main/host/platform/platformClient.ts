/**
 * HTTP client for the platform's kiosk endpoints. Every request has a deadline, every answer is
 * read with a size cap and validated against sync/protocol before anyone sees it, and every failure
 * becomes a KioskError with a stable code: a broken proxy, a captive portal or a hostile server
 * produces a clear error, never a strange object in the renderer. Holds no credential itself.
 * Runtime: plain Node (global fetch).
 */
import { z } from 'zod';
import type { Err, ErrorCode, KioskError, Ok } from '../../../contract/result.ts';
import { EnrolResponse, TokenResponse, type EnrolRequest, type TokenRequest } from '../../../sync/protocol/auth.ts';
import { PushResponse, type PushRequest } from '../../../sync/protocol/commands.ts';
import { ErrorEnvelope, type PlatformErrorCode } from '../../../sync/protocol/errors.ts';
import { FEED_PAGES, type FeedName, type FeedPage } from '../../../sync/protocol/feeds.ts';
import { HealthResponse, HeartbeatResponse, type HeartbeatRequest } from '../../../sync/protocol/kioskHealth.ts';
import { EcPublicJwk, SEALED_ALG } from '../../../sync/protocol/sealed.ts';

export type PlatformTimeouts = Readonly<{
  pullMs: number;
  pushMs: number;
  /** Enrolment and token requests. */
  authMs: number;
  heartbeatMs: number;
  healthMs: number;
  /** Until the event stream's headers arrive; the stream itself has an idle watchdog instead. */
  eventsConnectMs: number;
}>;

export const DEFAULT_TIMEOUTS: PlatformTimeouts = {
  pullMs: 10_000,
  pushMs: 10_000,
  authMs: 10_000,
  heartbeatMs: 10_000,
  healthMs: 3_000,
  eventsConnectMs: 10_000,
};

/** The platform's own body limit; a feed page is about 1 MB. Anything bigger is refused unread. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** A failure with what the link needs to react (refresh the token on 401, stop on revocation). */
export type PlatformFailure = Err & Readonly<{ status?: number; platformCode?: PlatformErrorCode }>;
export type PlatformResult<T> = Ok<T> | PlatformFailure;

/** What one request taught us about the platform, answered or not; the link keeps its state from these. */
export type Exchange = Readonly<{
  /** An HTTP answer arrived from something at that address. */
  reached: boolean;
  /** The platform itself answered usefully (2xx, or a protocol error envelope below 500). */
  healthy: boolean;
  /** Wall-clock ms when the request left and the answer arrived, for clock skew. */
  sentAt: number;
  receivedAt: number;
  serverTime?: string;
  error?: KioskError;
}>;

export interface PlatformClientOptions {
  readonly baseUrl: string;
  readonly fetchImpl?: typeof fetch;
  /** Wall clock, ms. */
  readonly now?: () => number;
  readonly timeouts?: Partial<PlatformTimeouts>;
  readonly maxAnswerBytes?: number;
  readonly onExchange?: (exchange: Exchange) => void;
}

const PlatformKeyAnswer = z.object({ alg: z.literal(SEALED_ALG), jwk: EcPublicJwk });
export type PlatformKeyAnswer = z.infer<typeof PlatformKeyAnswer>;

type Request = {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  token?: string;
  timeoutMs: number;
};

export class PlatformClient {
  readonly baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #timeouts: PlatformTimeouts;
  readonly #maxBytes: number;
  readonly #onExchange: (exchange: Exchange) => void;

  constructor(options: PlatformClientOptions) {
    this.baseUrl = options.baseUrl;
    this.#fetch = options.fetchImpl ?? fetch;
    this.#now = options.now ?? Date.now;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#maxBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    this.#onExchange = options.onExchange ?? (() => undefined);
  }

  health(): Promise<PlatformResult<z.infer<typeof HealthResponse>>> {
    return this.#json({ method: 'GET', path: 'health', timeoutMs: this.#timeouts.healthMs }, HealthResponse);
  }

  platformKey(): Promise<PlatformResult<PlatformKeyAnswer>> {
    return this.#json({ method: 'GET', path: 'v1/platform-key', timeoutMs: this.#timeouts.authMs }, PlatformKeyAnswer);
  }

  enrol(request: EnrolRequest): Promise<PlatformResult<EnrolResponse>> {
    return this.#json({ method: 'POST', path: 'v1/enrol', body: request, timeoutMs: this.#timeouts.authMs }, EnrolResponse);
  }

  token(request: TokenRequest): Promise<PlatformResult<TokenResponse>> {
    return this.#json({ method: 'POST', path: 'v1/token', body: request, timeoutMs: this.#timeouts.authMs }, TokenResponse);
  }

  pull<F extends FeedName>(feed: F, cursor: string | null, token: string): Promise<PlatformResult<FeedPage<F>>> {
    const schema = FEED_PAGES[feed] as unknown as z.ZodType<FeedPage<F>>;
    return this.#json(
      { method: 'GET', path: `v1/feeds/${feed}`, query: cursor === null ? {} : { cursor }, token, timeoutMs: this.#timeouts.pullMs },
      schema,
    );
  }

  async push(request: PushRequest, token: string): Promise<PlatformResult<PushResponse>> {
    const answer = await this.#json({ method: 'POST', path: 'v1/commands', body: request, token, timeoutMs: this.#timeouts.pushMs }, PushResponse);
    if (!answer.ok) return answer;
    // Answers for commands we never sent would let a broken platform mark the wrong outbox entries done.
    const sent = new Set(request.commands.map((c) => c.id));
    const stranger = answer.value.results.find((r) => !sent.has(r.id));
    if (stranger !== undefined) return failure('UNAVAILABLE', `platform answered for a command that was not sent (${stranger.id})`);
    return answer;
  }

  heartbeat(request: HeartbeatRequest, token: string): Promise<PlatformResult<HeartbeatResponse>> {
    return this.#json({ method: 'POST', path: 'v1/heartbeat', body: request, token, timeoutMs: this.#timeouts.heartbeatMs }, HeartbeatResponse);
  }

  /** Opens GET /v1/events; the caller reads the stream and aborts `signal` to close it. */
  async openEvents(token: string, signal: AbortSignal): Promise<PlatformResult<ReadableStream<Uint8Array>>> {
    const connect = new AbortController();
    const timer = setTimeout(() => connect.abort(new DOMException('connect deadline', 'TimeoutError')), this.#timeouts.eventsConnectMs);
    const sentAt = this.#now();
    try {
      const response = await this.#send({ method: 'GET', path: 'v1/events', token, timeoutMs: this.#timeouts.eventsConnectMs }, AbortSignal.any([signal, connect.signal]), 'text/event-stream');
      if (!response.ok) return response;
      const res = response.value;
      if (res.status !== 200 || !contentTypeIs(res, 'text/event-stream')) {
        const text = await readCapped(res, 64 * 1024).catch(() => ({ ok: false as const, reason: 'unreadable' }));
        return this.#settle(res, sentAt, text.ok ? text.text : '', undefined, 'text/event-stream');
      }
      if (res.body === null) return this.#report(sentAt, failure('UNAVAILABLE', 'platform event stream has no body'), true);
      this.#onExchange({ reached: true, healthy: true, sentAt, receivedAt: this.#now() });
      return { ok: true, value: res.body };
    } finally {
      clearTimeout(timer);
    }
  }

  async #json<T>(request: Request, schema: z.ZodType<T>): Promise<PlatformResult<T>> {
    const sentAt = this.#now();
    const signal = AbortSignal.timeout(request.timeoutMs);
    const sent = await this.#send(request, signal, 'application/json');
    if (!sent.ok) return sent;
    const response = sent.value;
    let body: Awaited<ReturnType<typeof readCapped>>;
    try {
      body = await readCapped(response, this.#maxBytes);
    } catch (error) {
      return this.#report(sentAt, transportFailure(error, request.timeoutMs, this.baseUrl), true);
    }
    if (!body.ok) {
      return this.#report(sentAt, failure('UNAVAILABLE', `platform answer refused: ${body.reason}`), true);
    }
    return this.#settle(response, sentAt, body.text, schema, 'application/json');
  }

  /** Sends the request; network failures and deadlines are already reported and mapped. */
  async #send(request: Request, signal: AbortSignal, accept: string): Promise<PlatformResult<Response>> {
    const url = new URL(request.path, withSlash(this.baseUrl));
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept };
    if (request.token !== undefined) headers['authorization'] = `Bearer ${request.token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const sentAt = this.#now();
    try {
      const response = await this.#fetch(url, {
        method: request.method,
        headers,
        signal,
        // A redirect could carry the bearer token somewhere else: never follow one.
        redirect: 'manual',
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      return { ok: true, value: response };
    } catch (error) {
      const mapped = transportFailure(error, request.timeoutMs, this.baseUrl);
      // Our own abort (shutting down, closing the event stream) says nothing about the platform.
      if (signal.aborted && !(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError')) return mapped;
      return this.#report(sentAt, mapped, false);
    }
  }

  #settle<T>(response: Response, sentAt: number, text: string, schema: z.ZodType<T> | undefined, expected: string): PlatformResult<T> {
    const status = response.status;
    if (status >= 300 && status < 400) {
      return this.#report(sentAt, failure('UNAVAILABLE', `platform answered a redirect (${status}); check platform.url or the proxy`, { status }), true);
    }
    const json = contentTypeIs(response, 'application/json') ? parseJson(text) : undefined;
    if (status < 200 || status >= 300) {
      const envelope = ErrorEnvelope.safeParse(json);
      const mapped = mapErrorStatus(status, envelope.success ? envelope.data.error : undefined, retryAfterMs(response, this.#now(), envelope.success ? envelope.data.error.retryAfterSeconds : undefined));
      return this.#report(sentAt, mapped, true, envelope.success);
    }
    if (schema === undefined) return this.#report(sentAt, failure('UNAVAILABLE', `platform answered ${status} without ${expected}`), true);
    if (!contentTypeIs(response, 'application/json')) {
      const got = response.headers.get('content-type') ?? 'no content type';
      return this.#report(sentAt, failure('UNAVAILABLE', `platform answered ${got}, not ${expected} (a proxy or captive portal in the way?)`), true);
    }
    if (json === undefined) return this.#report(sentAt, failure('UNAVAILABLE', 'platform answer is not valid JSON'), true);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined ? '' : issue.path.map(String).join('.');
      return this.#report(sentAt, failure('UNAVAILABLE', `platform answer does not match the protocol at ${where === '' ? '(root)' : where}: ${issue?.message ?? 'invalid'}`), true);
    }
    const serverTime = (parsed.data as { serverTime?: unknown }).serverTime;
    this.#onExchange({ reached: true, healthy: true, sentAt, receivedAt: this.#now(), ...(typeof serverTime === 'string' ? { serverTime } : {}) });
    return { ok: true, value: parsed.data };
  }

  #report<T extends PlatformFailure>(sentAt: number, result: T, reached: boolean, envelope = false): T {
    const status = result.status ?? 0;
    // An error envelope below 500 (or an honest "busy") still proves the platform itself is up.
    const healthy = reached && envelope && (status < 500 || status === 503);
    this.#onExchange({ reached, healthy, sentAt, receivedAt: this.#now(), error: result.error });
    return result;
  }
}

function failure(code: ErrorCode, message: string, extra: { status?: number; platformCode?: PlatformErrorCode; field?: string; retryAfterMs?: number } = {}): PlatformFailure {
  const error: KioskError = {
    code,
    message,
    ...(extra.field === undefined ? {} : { field: extra.field }),
    ...(extra.retryAfterMs === undefined ? {} : { retryAfterMs: extra.retryAfterMs }),
  };
  return {
    ok: false,
    error,
    ...(extra.status === undefined ? {} : { status: extra.status }),
    ...(extra.platformCode === undefined ? {} : { platformCode: extra.platformCode }),
  };
}

/** The platform's HTTP error, as a contract error the engine can act on. */
export function mapErrorStatus(
  status: number,
  envelope: { code: PlatformErrorCode; message: string; field?: string | undefined } | undefined,
  retryAfter: number | undefined,
): PlatformFailure {
  const said = envelope === undefined ? `HTTP ${status}` : `${envelope.code}: ${envelope.message}`;
  const base = { status, ...(envelope === undefined ? {} : { platformCode: envelope.code }) };
  const field = envelope?.field === undefined ? {} : { field: envelope.field };
  if (envelope?.code === 'KIOSK_REVOKED') return failure('KIOSK_REVOKED', `the platform revoked this kiosk (${said}); syncing stopped, queued submissions are kept`, base);
  if (status === 429 || status === 503) {
    return failure('UNAVAILABLE', `platform busy (${said})`, { ...base, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) });
  }
  if (status === 401) return failure(envelope?.code === 'INVALID_CREDENTIAL' ? 'NOT_ENROLLED' : 'PLATFORM_REJECTED', `platform refused the credentials (${said})`, base);
  if (status === 413) return failure('PAYLOAD_TOO_LARGE', `platform refused the size (${said}); send fewer commands per batch`, base);
  if (status === 426) return failure('PLATFORM_REJECTED', `this kiosk's app is too old for the platform (${said}); update it`, base);
  if (status >= 400 && status < 500) return failure('PLATFORM_REJECTED', `platform rejected the request (${said})`, { ...base, ...field });
  return failure('UNAVAILABLE', `platform failed (${said})`, { ...base, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) });
}

/** Retry-After in seconds or as an HTTP date, else the envelope's hint; milliseconds, never negative. */
export function retryAfterMs(response: Response, now: number, envelopeSeconds: number | undefined): number | undefined {
  const header = response.headers.get('retry-after')?.trim();
  if (header !== undefined && header !== '') {
    if (/^\d+$/.test(header)) return Number(header) * 1000;
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return envelopeSeconds === undefined ? undefined : envelopeSeconds * 1000;
}

function transportFailure(error: unknown, timeoutMs: number, baseUrl: string): PlatformFailure {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError') return failure('TIMEOUT', `platform did not answer within ${timeoutMs / 1000} s`);
  if (name === 'AbortError') return failure('TIMEOUT', 'request to the platform was aborted');
  const cause = error instanceof Error && error.cause instanceof Error ? ((error.cause as NodeJS.ErrnoException).code ?? error.cause.message) : String(error);
  return failure('PLATFORM_UNREACHABLE', `cannot reach the platform at ${baseUrl} (${cause})`);
}

function contentTypeIs(response: Response, type: string): boolean {
  const value = response.headers.get('content-type') ?? '';
  return value.split(';')[0]?.trim().toLowerCase() === type;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads the body up to `max` bytes; a bigger answer is cancelled, not buffered. */
async function readCapped(response: Response, max: number): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `${declared} bytes is more than the ${max}-byte limit` };
  }
  if (response.body === null) return { ok: true, text: '' };
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: `more than the ${max}-byte limit` };
    }
    chunks.push(value);
  }
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks)) };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
