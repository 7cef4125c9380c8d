import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageAssets, type PageAssets } from './page-assets.js';
import type { ApiEvents, ApiGroupDetail, ApiStatus, WatchEvent } from './status-api-types.js';

/** What the status page and its JSON read: each call answers from the watcher's state in memory, no plugin asked. */
export interface PageSource {
  status(): ApiStatus;
  group(id: string): ApiGroupDetail | null;
  events(since: string | null): WatchEvent[];
  /** Calls `listener` after each change of the watcher's state; returns its removal. */
  subscribe(listener: () => void): () => void;
}

/** Headers of every answer of the page's routes: nothing from another host, nothing sniffed, never framed. */
export const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

const TYPES: Record<keyof PageAssets, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** Live streams served at once: past this many, a page falls back to asking again later. */
const MAX_STREAMS = 64;
/** A comment line sent this often keeps proxies from closing a quiet stream, and tells the page the watcher still answers. */
const HEARTBEAT_MS = 15_000;
/** Changes closer together than this are told once. */
const COALESCE_MS = 150;

/**
 * The status page's routes (GET and HEAD only; the caller answers 405 to anything else): the page,
 * its two assets, the JSON (`/api/v1/status`, `/api/v1/events?since=`, `/api/v1/groups/<id>`), and
 * `/api/v1/stream`, server-sent events that say when the state changed. Returns false for any
 * other path.
 */
export function pageRoutes(source: PageSource): (req: IncomingMessage, res: ServerResponse, url: URL) => boolean {
  const assets = pageAssets();
  let streams = 0;
  return (req, res, url) => {
    const path = url.pathname;
    const file = path === '/' ? 'index.html' : path === '/app.js' ? 'app.js' : path === '/app.css' ? 'app.css' : null;
    if (file !== null) {
      res.writeHead(200, { ...PAGE_HEADERS, 'content-type': TYPES[file], 'cache-control': 'no-cache' });
      res.end(assets[file]);
      return true;
    }
    if (path === '/api/v1/status') return json(res, 200, source.status());
    if (path === '/api/v1/events') return json(res, 200, { events: source.events(url.searchParams.get('since')) } satisfies ApiEvents);
    if (path.startsWith('/api/v1/groups/')) {
      let id: string;
      try {
        id = decodeURIComponent(path.slice('/api/v1/groups/'.length));
      } catch {
        return json(res, 400, { error: { code: 'BAD_REQUEST', message: 'a group ID in the path, percent-encoded' } });
      }
      const detail = source.group(id);
      return detail === null
        ? json(res, 404, { error: { code: 'NOT_FOUND', message: `no group ${id} in the enforced revision` } })
        : json(res, 200, detail);
    }
    if (path === '/api/v1/stream') {
      if (streams >= MAX_STREAMS) return json(res, 503, { error: { code: 'BUSY', message: 'too many live pages: poll /api/v1/status' } });
      streams++;
      stream(req, res, source, () => streams--);
      return true;
    }
    return false;
  };
}

function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
  return true;
}

/** Server-sent events: `change` once at the start and after each change (coalesced), a comment as a heartbeat. */
function stream(req: IncomingMessage, res: ServerResponse, source: PageSource, ended: () => void): void {
  res.writeHead(200, { ...PAGE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  if (req.method === 'HEAD') {
    res.end();
    ended();
    return;
  }
  let seq = 0;
  let timer: NodeJS.Timeout | null = null;
  const tell = (): void => {
    timer = null;
    res.write(`event: change\nid: ${++seq}\ndata: ${seq}\n\n`);
  };
  res.write('retry: 2000\n\n');
  tell();
  const unsubscribe = source.subscribe(() => {
    timer ??= setTimeout(tell, COALESCE_MS);
  });
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
  res.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
    if (timer !== null) clearTimeout(timer);
    ended();
  });
}
