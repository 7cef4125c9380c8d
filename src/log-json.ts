import { pino } from 'pino';
import type { Logger } from './log.js';

/**
 * JSON lines through pino, with the fields as keys. Its own module, imported statically, so that a
 * bundle splitting it into a chunk of its own still sees pino's named export.
 */
export function jsonLogger(stream: NodeJS.WritableStream): Logger {
  const log = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, stream as pino.DestinationStream);
  return {
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
    problem: (line, fields) => log.error(fields ?? {}, line),
  };
}
