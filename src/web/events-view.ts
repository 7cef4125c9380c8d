import type { WatchEvent } from '../watch/page/status-api-types.js';
import { byId, el } from './dom.js';

/** Events shown at most: the newest. */
const SHOWN = 200;

const KIND_WORDS: Record<WatchEvent['kind'], string> = {
  applied: 'commit applied',
  refused: 'commit refused',
  corrected: 'corrected',
  healed: 'healed',
  replaced: 'rolling replacement',
  'group-failed': 'group failed',
  'drift-check': 'drift check',
  failure: 'failure',
  recovered: 'recovered',
};

/** The recent events, newest first, each with its time, kind, group and words; kept across updates, asked for since the newest. */
export class EventsView {
  #events: WatchEvent[] = [];
  readonly #keys = new Set<string>();
  readonly #list = byId<HTMLOListElement>('event-list');

  /** The time to ask for events after: a millisecond before the newest held, as two events may share one. */
  get since(): string | null {
    const last = this.#events.at(-1);
    return last === undefined ? null : new Date(Date.parse(last.at) - 1).toISOString();
  }

  /** Adds events not held yet (oldest first, as the watcher serves them) and shows the newest. */
  add(events: readonly WatchEvent[]): void {
    let added = false;
    for (const e of events) {
      const key = `${e.at}|${e.kind}|${e.group ?? ''}|${e.message}`;
      if (this.#keys.has(key)) continue;
      this.#keys.add(key);
      this.#events.push(e);
      added = true;
    }
    if (added || this.#list.childElementCount === 0) this.#render();
  }

  #render(): void {
    const newest = this.#events.slice(-SHOWN).reverse();
    if (newest.length === 0) {
      this.#list.replaceChildren(el('li', {}, 'No events yet.'));
      return;
    }
    this.#list.replaceChildren(
      ...newest.map((e) =>
        el(
          'li',
          { class: `event ${e.kind}`, 'data-kind': e.kind, 'data-group': e.group ?? null },
          el('time', { datetime: e.at, title: e.at }, new Date(e.at).toLocaleString()),
          el('span', { class: 'kind' }, KIND_WORDS[e.kind] ?? e.kind),
          el('span', { class: 'group' }, e.group ?? ''),
          el('span', { class: 'message' }, e.message),
        ),
      ),
    );
  }
}
