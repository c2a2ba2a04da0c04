/**
 * Structured logging for the service host. Every line goes through `maskPersonalData` first, so a
 * careless field never writes an ID number or phone number to disk. Runtime: plain Node.
 */
import { maskPersonalDataInText } from '../../contract/privacy.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(module: string): Logger;
}

export interface LogSink {
  write(line: string): void;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: {
  module: string;
  sink?: LogSink;
  minLevel?: LogLevel;
  now?: () => Date;
}): Logger {
  const sink = options.sink ?? { write: (line: string) => process.stderr.write(`${line}\n`) };
  const minLevel = options.minLevel ?? 'info';
  const now = options.now ?? (() => new Date());
  function log(level: LogLevel, message: string, fields?: LogFields): void {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[minLevel]) return;
    const line = JSON.stringify({ t: now().toISOString(), level, module: options.module, message, ...fields });
    sink.write(maskPersonalDataInText(line));
  }
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (module) => createLogger({ ...options, module: `${options.module}/${module}` }),
  };
}

/** For tests: keeps lines in memory. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ module: 'test', sink: { write: (l) => lines.push(l) }, minLevel: 'debug' });
  return Object.assign(logger, { lines });
}
