/**
 * What happened, in words a person can act on: a commit applied or refused, a group healed after
 * an instance event, instances created, destroyed or replaced by a tick, a drift check's findings,
 * a failure starting and ending. `/api/v1/events` serves them oldest first (docs/status-page.md).
 */
export interface WatchEvent {
  /** When it happened (ISO 8601). */
  at: string;
  kind: WatchEventKind;
  group?: string;
  revision?: string;
  message: string;
}

export type WatchEventKind =
  'applied' | 'refused' | 'corrected' | 'healed' | 'replaced' | 'group-failed' | 'drift-check' | 'failure' | 'recovered';

/** How many events are kept, and for how long: the last 1,000, none older than a day. */
export const KEPT_EVENTS = 1000;
export const KEPT_EVENTS_MS = 24 * 60 * 60 * 1000;

export interface EventLogOptions {
  now?: () => number;
  /** Told every event kept after each addition (the state folder's events.json); absent: kept in memory only. */
  save?: (events: readonly WatchEvent[]) => void;
  /** The events kept before a restart. */
  restored?: readonly WatchEvent[];
}

/** The watcher's recent events, newest last, bounded by count and age. */
export class EventLog {
  #events: WatchEvent[];
  readonly #now: () => number;

  constructor(private readonly options: EventLogOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#events = [];
    this.#events = this.#trimmed(options.restored ?? []);
  }

  /** Every event kept, oldest first. */
  get all(): readonly WatchEvent[] {
    return this.#events;
  }

  /** Adds one event, stamped now; trims what is past the count or the age. */
  add(event: Omit<WatchEvent, 'at'>): WatchEvent {
    const stamped: WatchEvent = { at: new Date(this.#now()).toISOString(), ...event };
    this.#events = this.#trimmed([...this.#events, stamped]);
    this.options.save?.(this.#events);
    return stamped;
  }

  /** The events after `since` (an ISO 8601 time; a time that does not parse: all), oldest first. */
  since(since: string | null): WatchEvent[] {
    const from = since === null ? Number.NaN : Date.parse(since);
    if (Number.isNaN(from)) return [...this.#events];
    return this.#events.filter((e) => Date.parse(e.at) > from);
  }

  #trimmed(events: readonly WatchEvent[]): WatchEvent[] {
    const oldest = this.#now() - KEPT_EVENTS_MS;
    return events.filter((e) => Date.parse(e.at) >= oldest).slice(-KEPT_EVENTS);
  }
}

const KINDS = new Set<string>([
  'applied',
  'refused',
  'corrected',
  'healed',
  'replaced',
  'group-failed',
  'drift-check',
  'failure',
  'recovered',
]);

/** Events read back from the state folder: each one of the expected shape, the rest dropped. */
export function restoredEvents(value: unknown): WatchEvent[] {
  const list = (value as { events?: unknown } | null)?.events;
  if (!Array.isArray(list)) return [];
  return list.filter((e: unknown): e is WatchEvent => {
    const v = e as Partial<WatchEvent> | null;
    return (
      typeof v === 'object' &&
      v !== null &&
      typeof v.at === 'string' &&
      !Number.isNaN(Date.parse(v.at)) &&
      typeof v.kind === 'string' &&
      KINDS.has(v.kind) &&
      typeof v.message === 'string' &&
      (v.group === undefined || typeof v.group === 'string') &&
      (v.revision === undefined || typeof v.revision === 'string')
    );
  });
}
