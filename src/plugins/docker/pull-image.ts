import type Docker from 'dockerode';
import type { RegistryCredentials } from '../plugin-config.js';

export interface PullOptions {
  credentials: readonly RegistryCredentials[];
  /** Ends a pull that has said nothing for this long (a pull's whole length depends on the image, not the engine). */
  idleMs: number;
  signal: AbortSignal;
  /** Told a line of progress now and then, for a person at a terminal. */
  progress?: (line: string) => void;
}

/** How long a pull runs before it says how it is doing, and how often after that. */
const PROGRESS_AFTER_MS = 2000;

/** Pulls `image`, with the credentials configured for its registry (else the engine's own); rejects with the engine's message. */
export async function pullImage(docker: Docker, image: string, options: PullOptions): Promise<void> {
  const auth = credentialsFor(image, options.credentials);
  const stream = (await docker.pull(image, {
    ...(auth ? { authconfig: auth } : {}),
    abortSignal: options.signal,
  })) as NodeJS.ReadableStream & { destroy(error?: Error): void };
  const started = Date.now();
  let said = 0;
  const layers = new Map<string, string>();
  let failure: string | null = null;
  const onEvent = (line: string): void => {
    let event: { id?: unknown; status?: unknown; error?: unknown; errorDetail?: { message?: unknown } };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    // The engine says a pull failed in the stream, after its 200: as `error` (and `errorDetail`).
    if (typeof event.error === 'string') failure = event.error;
    else if (typeof event.errorDetail?.message === 'string') failure = event.errorDetail.message;
    if (typeof event.id === 'string' && typeof event.status === 'string') layers.set(event.id, event.status);
    const now = Date.now();
    if (options.progress && now - started > PROGRESS_AFTER_MS && now - said > 1000) {
      said = now;
      const done = [...layers.values()].filter((status) => /complete|exists/i.test(status)).length;
      options.progress(`pulling ${image}: ${done}/${layers.size} layers`);
    }
  };
  await new Promise<void>((resolve, reject) => {
    const idle = setTimeout(() => stream.destroy(new Error(`no progress for ${options.idleMs} ms`)), options.idleMs);
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      idle.refresh();
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        onEvent(buffered.slice(0, newline).trim());
        buffered = buffered.slice(newline + 1);
      }
    });
    const end = (err?: Error): void => {
      clearTimeout(idle);
      // The last line may come without its newline.
      if (buffered.trim() !== '') onEvent(buffered.trim());
      buffered = '';
      if (err) reject(err);
      else if (failure !== null) reject(new Error(failure));
      else resolve();
    };
    stream.on('end', () => end());
    stream.on('error', end);
    options.signal.addEventListener('abort', () => stream.destroy(new Error('aborted')), { once: true });
  });
}

/** The configured credentials for the registry `image` names (Docker Hub when it names none), else those for any registry. */
function credentialsFor(image: string, credentials: readonly RegistryCredentials[]): RegistryCredentials | undefined {
  const first = image.split('/', 1)[0] ?? '';
  const registry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
  return (
    credentials.find(
      (c) => c.serveraddress !== undefined && c.serveraddress.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === registry,
    ) ?? credentials.find((c) => c.serveraddress === undefined)
  );
}
