import type { ApiEvents, ApiGroupDetail, ApiStatus } from '../watch/page/status-api-types.js';
import { byId } from './dom.js';
import { EventsView } from './events-view.js';
import { GroupsView } from './groups-view.js';
import { renderVerdict } from './verdict-view.js';

/** The status page (docs/status-page.md): reads the watcher's JSON, and again each time the live stream says it changed. */
async function getJson<T>(path: string): Promise<T | null> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

const groups = new GroupsView((id) => getJson<ApiGroupDetail>(`/api/v1/groups/${encodeURIComponent(id)}`));
const events = new EventsView();
const live = byId('live');

let running = false;
let again = false;

/** Reads the status and the new events; changes told while it reads make it read once more after. */
async function refresh(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      const since = events.since;
      const [status, recent] = await Promise.all([
        getJson<ApiStatus>('/api/v1/status'),
        getJson<ApiEvents>(`/api/v1/events${since === null ? '' : `?since=${encodeURIComponent(since)}`}`),
      ]);
      if (status !== null) {
        renderVerdict(status);
        groups.set(status.groups);
      }
      if (recent !== null) events.add(recent.events);
      if (document.body.dataset.loaded === undefined) performance.mark('tend:rendered');
      document.body.dataset.loaded = 'true';
    } while (again);
  } catch {
    lost();
  } finally {
    running = false;
  }
}

function connected(): void {
  live.textContent = 'Live';
  live.dataset.state = 'live';
}

function lost(): void {
  live.textContent = `Lost the watcher at ${new Date().toLocaleTimeString()}: retrying…`;
  live.dataset.state = 'lost';
}

const stream = new EventSource('/api/v1/stream');
stream.addEventListener('open', connected);
stream.addEventListener('change', () => void refresh());
stream.addEventListener('error', lost);
// Relative times ("in 12 s") stay true between changes.
setInterval(() => void refresh(), 30_000);
void refresh();
