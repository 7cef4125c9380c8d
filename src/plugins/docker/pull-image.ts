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
  await new Promise<void>((resolve, reject) => {
    let idle = setTimeout(() => stream.destroy(new Error(`no progress for ${options.idleMs} ms`)), options.idleMs);
    const layers = new Map<string, string>();
    docker.modem.followProgress(
      stream,
      (err: Error | null) => {
        clearTimeout(idle);
        if (err) reject(err);
        else resolve();
      },
      (event: { id?: string; status?: string; error?: string }) => {
        idle.refresh();
        if (event.id !== undefined && event.status !== undefined) layers.set(event.id, event.status);
        const now = Date.now();
        if (options.progress && now - started > PROGRESS_AFTER_MS && now - said > 1000) {
          said = now;
          const done = [...layers.values()].filter((s) => /complete|exists/i.test(s)).length;
          options.progress(`pulling ${image}: ${done}/${layers.size} layers`);
        }
      },
    );
    options.signal.addEventListener('abort', () => stream.destroy(new Error('aborted')), { once: true });
    idle = idle.unref();
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
