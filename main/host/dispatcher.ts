/**
 * The one place every call from a renderer is checked, whichever transport carried it: the sender,
 * the payload size, the method name, the argument against its schema, the caller's role; then the
 * handler runs and its result is checked against the output schema too (a handler bug must not leak
 * an unexpected shape or extra personal fields to the screen). Never throws.
 * Runtime: plain Node (no Electron).
 */
import type { z } from 'zod';
import {
  err,
  isMethodName,
  MAX_PAYLOAD_BYTES,
  methods,
  type MethodArg,
  type MethodName,
  type MethodOutput,
  type Result,
  type Role,
} from '../../contract/index.ts';
import type { Logger } from './logger.ts';

/** What a transport knows about the connection a call came from. */
export interface CallContext {
  /** The role of this connection, held by the host, never taken from the caller's arguments. */
  readonly role: () => Role;
  /** Set by the transport after it checked the sender (origin/frame for IPC, secret/origin for WebSocket). */
  readonly senderTrusted: boolean;
  /** Stable per connection; sessions and audit entries key on it. */
  readonly connectionId: string;
}

export type Handler<M extends MethodName> = (
  arg: MethodArg<M>,
  context: CallContext,
) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>>;

export type Handlers = { readonly [M in MethodName]: Handler<M> };

export interface Dispatcher {
  /**
   * `payloadBytes` is the size of the raw message as received, when the transport knows it;
   * otherwise the dispatcher measures the argument's JSON form.
   */
  dispatch(context: CallContext, name: unknown, arg: unknown, payloadBytes?: number): Promise<Result<unknown>>;
}

export interface DispatcherOptions {
  readonly handlers: Handlers;
  readonly logger: Logger;
  readonly maxPayloadBytes?: number;
}

export function createDispatcher({ handlers, logger, maxPayloadBytes = MAX_PAYLOAD_BYTES }: DispatcherOptions): Dispatcher {
  async function dispatch(
    context: CallContext,
    name: unknown,
    arg: unknown,
    payloadBytes?: number,
  ): Promise<Result<unknown>> {
    if (!context.senderTrusted) {
      logger.warn('call refused: untrusted sender', { connection: context.connectionId });
      return err('UNTRUSTED_SENDER', 'This window is not allowed to use the kiosk API.');
    }
    const size = payloadBytes ?? measureJson(arg);
    if (size === undefined || size > maxPayloadBytes) {
      return err(
        'PAYLOAD_TOO_LARGE',
        size === undefined
          ? 'The argument cannot be serialised.'
          : `The argument is ${size} bytes; the limit is ${maxPayloadBytes}.`,
      );
    }
    if (!isMethodName(name)) {
      return err('UNKNOWN_METHOD', `There is no method called ${describeName(name)}.`);
    }
    const spec = methods[name];
    const parsed = (spec.input as z.ZodType).safeParse(arg ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      return err(
        'INVALID_ARGUMENT',
        `${name}: ${field === '' ? 'argument' : `field "${field}"`}: ${issue?.message ?? 'invalid'}`,
        field === '' ? undefined : field,
      );
    }
    const role = context.role();
    if (!spec.roles.includes(role)) {
      logger.warn('call refused: role', { method: name, role, connection: context.connectionId });
      return err('FORBIDDEN', `${name} is not available to the ${role} role.`);
    }
    try {
      const handler = handlers[name] as (a: unknown, c: CallContext) => Promise<Result<unknown>> | Result<unknown>;
      const result = await handler(parsed.data, context);
      if (!result.ok) return result;
      const checked = (spec.output as z.ZodType).safeParse(result.value);
      if (!checked.success) {
        logger.error('handler returned a value outside its contract', {
          method: name,
          issue: checked.error.issues[0]?.message,
          path: checked.error.issues[0]?.path.map(String).join('.'),
        });
        return err('INTERNAL', `${name} produced an invalid result.`);
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      logger.error('handler threw', { method: name, error: error instanceof Error ? error.message : String(error) });
      return err('INTERNAL', `${name} failed unexpectedly.`);
    }
  }
  return { dispatch };
}

function measureJson(value: unknown): number | undefined {
  try {
    const json = JSON.stringify(value ?? null);
    return Buffer.byteLength(json, 'utf8');
  } catch {
    return undefined; // cycles, BigInt: not something any contract method accepts
  }
}

function describeName(name: unknown): string {
  if (typeof name !== 'string') return `(a ${typeof name})`;
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}
