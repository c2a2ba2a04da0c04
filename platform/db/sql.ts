/**
 * The platform's one SQL seam: the same queries run on embedded PGlite (default) and on a real
 * PostgreSQL through node-postgres. Parameters are positional ($1 …); pass JSON as a string and
 * cast with ::jsonb, because the two drivers serialise objects differently. Runtime: plain Node.
 */
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

export interface SqlDb extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: commit on return, rollback on throw. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: { isolation?: Isolation }): Promise<T>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** The database missed its deadline; the HTTP layer answers 503 + Retry-After. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * Rejects after `ms` so a request never hangs on a stuck database. For node-postgres the server
 * also cancels the statement (statement_timeout); PGlite work cannot be cancelled, only abandoned.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} exceeded ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
