import { createRequire } from 'node:module';
import type { pino as Pino } from 'pino';

export type LogFormat = 'text' | 'json';

/** Where tend says what happened beside its results: always stderr, never a token or secret. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger writing plain `warning: …` lines, or JSON lines (pino) for machines. */
export function createLogger(format: LogFormat, stream: NodeJS.WritableStream = process.stderr): Logger {
  if (format === 'json') {
    // Loaded only when asked for: text is the common case and starts faster without it.
    const { pino } = createRequire(import.meta.url)('pino') as { pino: typeof Pino };
    const log = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: 2, sync: true }));
    return {
      info: (message, fields) => log.info(fields ?? {}, message),
      warn: (message, fields) => log.warn(fields ?? {}, message),
      error: (message, fields) => log.error(fields ?? {}, message),
    };
  }
  const write = (prefix: string) => (message: string) => {
    stream.write(`${prefix}${message}\n`);
  };
  return { info: write(''), warn: write('warning: '), error: write('error: ') };
}
