import type Docker from 'dockerode';
import type { Labels } from './container-record.js';

/** One container event tend may have to act on: which container, and its labels as the event carries them. */
export interface ContainerEvent {
  id: string;
  name: string;
  action: string;
  labels: Labels;
}

export interface WatchEventsOptions {
  /** Only containers carrying this label (tend's group label) are told. */
  label: string;
  onEvent(event: ContainerEvent): void;
  /** Told once when the stream is lost (or cannot be had), and once when it is back. */
  onOutage(message: string | null): void;
  /** First delay before reconnecting; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** What a container can do behind tend's back that changes what tend sees: appear, stop, go, fail its check. */
const ACTIONS = /^(create|start|die|stop|kill|destroy|remove|pause|unpause|oom|health_status)/;

/**
 * Follows the engine's `/events` stream for containers with `label`, reconnecting with backoff
 * when the engine goes away or restarts, and asking again from the last event seen so that none
 * in between is lost. Returns the stop; nothing is told after it. Holds no process open.
 */
export function watchEvents(docker: Docker, options: WatchEventsOptions): () => void {
  const first = options.backoffMs ?? 250;
  const max = options.maxBackoffMs ?? 30_000;
  let delay = first;
  let stopped = false;
  let down = false;
  let since: number | undefined;
  let stream: NodeJS.ReadableStream | null = null;
  let timer: NodeJS.Timeout | null = null;
  const controller = new AbortController();

  const lost = (why: string): void => {
    stream = null;
    if (stopped) return;
    if (!down) options.onOutage(`engine events unavailable (${why}); changes are found by polling until they are back`);
    down = true;
    timer = setTimeout(connect, delay);
    timer.unref();
    delay = Math.min(delay * 2, max);
  };

  const connect = (): void => {
    timer = null;
    if (stopped) return;
    // Containers only; the label is checked here, as Podman's service tells nothing for a label filter without a value.
    const filters = { type: ['container' as const] };
    docker.getEvents({ filters, ...(since !== undefined ? { since } : {}), abortSignal: controller.signal }, (err, s) => {
      if (stopped) {
        (s as unknown as { destroy?: () => void } | undefined)?.destroy?.();
        return;
      }
      if (err || !s) return lost(err instanceof Error ? err.message : 'no stream');
      stream = s;
      if (down) options.onOutage(null);
      down = false;
      delay = first;
      let buffered = '';
      s.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line !== '') handle(line);
        }
      });
      s.on('end', () => lost('the engine closed the stream'));
      s.on('error', (e: Error) => lost(e.message));
    });
  };

  const handle = (line: string): void => {
    let event: {
      Type?: unknown;
      Action?: unknown;
      status?: unknown;
      id?: unknown;
      time?: unknown;
      Actor?: { ID?: unknown; Attributes?: unknown };
    };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    if (typeof event.time === 'number') since = event.time;
    const action = typeof event.Action === 'string' ? event.Action : typeof event.status === 'string' ? event.status : '';
    if ((event.Type !== undefined && event.Type !== 'container') || !ACTIONS.test(action)) return;
    const attributes = (event.Actor?.Attributes ?? {}) as Record<string, unknown>;
    const labels: Labels = {};
    for (const [key, value] of Object.entries(attributes)) if (typeof value === 'string') labels[key] = value;
    if (!Object.hasOwn(labels, options.label)) return;
    const id = typeof event.Actor?.ID === 'string' ? event.Actor.ID : typeof event.id === 'string' ? event.id : '';
    if (id === '') return;
    options.onEvent({ id, name: labels.name ?? '', action, labels });
  };

  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    controller.abort();
    (stream as unknown as { destroy?: () => void } | null)?.destroy?.();
  };
}
