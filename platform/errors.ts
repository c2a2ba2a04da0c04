/** An HTTP-level failure with the protocol's error envelope. Runtime: plain Node. */
import type { z } from 'zod';
import type { PlatformErrorCode } from '../sync/protocol/errors.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: PlatformErrorCode,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Dotted path + message of the first issue: "commands.2.kioskSeq: expected number". */
export function describeZodError(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue === undefined ? '' : issue.path.map(String).join('.');
  return { field, message: `${field === '' ? '(body)' : field}: ${issue?.message ?? 'invalid'}` };
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const { field, message } = describeZodError(result.error);
    throw new HttpError(400, 'INVALID_REQUEST', `invalid ${where}: ${message}`, field === '' ? where : field);
  }
  return result.data;
}
