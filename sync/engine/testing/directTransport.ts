/**
 * A SyncTransport straight over HTTP to a platform, for tests and benchmarks: enrols with an
 * admin-made code, keeps a token (refreshing once on 401), and maps failures to Results the way the
 * service host does (network → PLATFORM_UNREACHABLE, 429/503 → UNAVAILABLE with retryAfterMs,
 * KIOSK_REVOKED, other refusals → PLATFORM_REJECTED). No Node built-ins: global fetch only.
 * Runtime: test helper (Node ≥ 22 or a browser).
 */
import { err, ok, type ErrorCode, type KioskError, type Result } from '../../../contract/result.ts';
import type { QueueReport } from '../../../contract/sync.ts';
import type { PushRequest } from '../../protocol/commands.ts';
import type { FeedName } from '../../protocol/feeds.ts';
import { EcPublicJwk } from '../../protocol/sealed.ts';
import type { SyncTransport } from '../transport.ts';

type Answer = { status: number; body: unknown; headers: Headers };

async function http(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Result<Answer>> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let body: unknown = {};
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      body = { error: { code: 'INVALID_JSON', message: 'platform answered something that is not JSON' } };
    }
    return ok({ status: response.status, body, headers: response.headers });
  } catch (error) {
    return err('PLATFORM_UNREACHABLE', `platform unreachable: ${error instanceof Error ? error.message : 'error'}`);
  }
}

function errorOf(answer: Answer): KioskError {
  const envelope = (answer.body as { error?: { code?: unknown; message?: unknown; retryAfterSeconds?: unknown } }).error ?? {};
  const platformCode = typeof envelope.code === 'string' ? envelope.code : 'UNKNOWN';
  const message = `${answer.status} ${platformCode}: ${typeof envelope.message === 'string' ? envelope.message : ''}`;
  const header = Number(answer.headers.get('retry-after'));
  const retryAfterMs = Number.isFinite(header) && header > 0 ? header * 1000 : typeof envelope.retryAfterSeconds === 'number' ? envelope.retryAfterSeconds * 1000 : undefined;
  let code: ErrorCode = 'PLATFORM_REJECTED';
  if (platformCode === 'KIOSK_REVOKED') code = 'KIOSK_REVOKED';
  else if (answer.status === 429 || answer.status >= 500) code = 'UNAVAILABLE';
  return { code, message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

export type DirectTransportOptions = Readonly<{ url: string; adminToken: string; label?: string; /** Page size asked of the platform (default: the platform's). */ pageLimit?: number }>;

export class DirectTransport implements SyncTransport {
  #token = '';
  reports: QueueReport[] = [];
  pageLimit: number | undefined;

  private constructor(
    readonly url: string,
    readonly kioskId: string,
    readonly secret: string,
  ) {}

  /** Enrols a new kiosk on the platform with a fresh admin-made code. */
  static async enrol(options: DirectTransportOptions): Promise<DirectTransport> {
    const code = await http(`${options.url}/admin/enrolment-codes`, { token: options.adminToken, body: { label: options.label ?? 'engine test', hallName: '六安市政务服务中心' } });
    if (!code.ok || code.value.status !== 201) throw new Error(`enrolment code refused: ${JSON.stringify(code)}`);
    const enrolmentCode = (code.value.body as { code: string }).code;
    const enrol = await http(`${options.url}/v1/enrol`, { body: { enrolmentCode, device: { appVersion: '0.1.0', model: 'engine-test' } } });
    if (!enrol.ok || enrol.value.status !== 201) throw new Error(`enrol refused: ${JSON.stringify(enrol)}`);
    const { kioskId, secret } = enrol.value.body as { kioskId: string; secret: string };
    const transport = new DirectTransport(options.url, kioskId, secret);
    transport.pageLimit = options.pageLimit;
    const token = await transport.#refresh();
    if (!token.ok) throw new Error(`token refused: ${token.error.message}`);
    return transport;
  }

  async #refresh(): Promise<Result<void>> {
    const answer = await http(`${this.url}/v1/token`, { body: { kioskId: this.kioskId, secret: this.secret } });
    if (!answer.ok) return answer;
    if (answer.value.status !== 200) return { ok: false, error: errorOf(answer.value) };
    this.#token = (answer.value.body as { accessToken: string }).accessToken;
    return ok(undefined);
  }

  /** An authenticated request; one token refresh on 401 UNAUTHORIZED. */
  async #call(path: string, body?: unknown): Promise<Result<unknown>> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await http(`${this.url}${path}`, { token: this.#token, ...(body === undefined ? {} : { body }) });
      if (!answer.ok) return answer;
      const { status } = answer.value;
      if (status >= 200 && status < 300) return ok(answer.value.body);
      const failure = errorOf(answer.value);
      if (status === 401 && failure.code !== 'KIOSK_REVOKED' && attempt === 0) {
        const refreshed = await this.#refresh();
        if (!refreshed.ok) return refreshed;
        continue;
      }
      return { ok: false, error: failure };
    }
    return err('PLATFORM_REJECTED', 'unauthorised after a token refresh');
  }

  pull(feed: FeedName, cursor: string | null): Promise<Result<unknown>> {
    const query = new URLSearchParams();
    if (cursor !== null) query.set('cursor', cursor);
    if (this.pageLimit !== undefined) query.set('limit', String(this.pageLimit));
    return this.#call(`/v1/feeds/${feed}?${query.toString()}`);
  }

  push(request: PushRequest): Promise<Result<unknown>> {
    return this.#call('/v1/commands', request);
  }

  async platformKey(): Promise<Result<EcPublicJwk>> {
    const answer = await http(`${this.url}/v1/platform-key`);
    if (!answer.ok) return answer;
    const parsed = EcPublicJwk.safeParse((answer.value.body as { jwk?: unknown }).jwk);
    return parsed.success ? ok(parsed.data) : err('PLATFORM_REJECTED', 'platform key malformed');
  }

  async report(queue: QueueReport): Promise<Result<unknown>> {
    this.reports.push(queue);
    return ok({});
  }
}
