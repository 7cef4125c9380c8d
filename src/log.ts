export type LogFormat = 'text' | 'json';

type Fields = Record<string, unknown>;

/** Where tend says what happened beside its results: always stderr, never a token or secret. */
export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  /** A problem with the input that already reads as a line of its own (`file:line:col  CODE  …`): no prefix in text. */
  problem(line: string, fields?: Fields): void;
}

/** A logger writing plain `warning: …` lines, or JSON lines (pino), with the fields as keys, for machines. */
export async function createLogger(format: LogFormat, stream: NodeJS.WritableStream = process.stderr): Promise<Logger> {
  if (format === 'json') {
    // Loaded only when asked for: text is the common case and starts faster without it.
    const { jsonLogger } = await import('./log-json.js');
    return jsonLogger(stream);
  }
  const write = (prefix: string) => (message: string) => {
    stream.write(`${prefix}${message}\n`);
  };
  return { info: write(''), warn: write('warning: '), error: write('error: '), problem: write('') };
}
