import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TendError } from '../errors.js';
import { classifyDelivery, MAX_WEBHOOK_BYTES } from './github-webhook.js';
import type { HealthStatus } from './watch-status.js';
import type { WatchMetrics } from './watch-metrics.js';
import { PAGE_HEADERS, pageRoutes, type PageSource } from './page/page-routes.js';

export interface ServerRoutes {
  /** Serve POST /hooks/github with this secret; null: no webhook here. */
  webhook: { secret: string; watchedRef: () => string | null; onPush: () => void; metrics: WatchMetrics } | null;
  /** Serve GET /healthz and GET /metrics; null: not here. */
  observe: { health: () => HealthStatus; metrics: WatchMetrics } | null;
  /** Serve the status page and its JSON (GET /, /api/v1/…) where /healthz is served; null: not here. */
  page?: PageSource | null;
}

/** A listening server and its stop (which ends open connections too). */
export interface WatchServer {
  port: number;
  close(): Promise<void>;
}

/** Serves the watcher's HTTP routes on `host:port` (port 0: any free one); rejects if the port cannot be had. */
export async function startWatchServer(host: string, port: number, routes: ServerRoutes): Promise<WatchServer> {
  const page = routes.page ? pageRoutes(routes.page) : null;
  const server = createServer((req, res) => {
    route(req, res, routes, page).catch(() => send(res, 500, 'internal error'));
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'something else listens there' : err.message;
      // A port is the likely fix only when the port is the problem; an address that is no address of this machine needs --listen.
      const fix = err.code === 'EADDRINUSE' || err.code === 'EACCES' ? 'choose another port' : 'choose another --listen address';
      reject(new TendError('USAGE', `cannot listen on ${host}:${port} (${why}): ${fix}`, { cause: err }));
    });
    server.listen(port, host, () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  routes: ServerRoutes,
  page: ReturnType<typeof pageRoutes> | null,
): Promise<void> {
  const url = (req.url ?? '/').split('?', 1)[0];
  if (url === '/hooks/github' && routes.webhook !== null) {
    if (req.method !== 'POST') return send(res, 405, 'POST only');
    const { metrics } = routes.webhook;
    const body = await readCapped(req, MAX_WEBHOOK_BYTES);
    if (body === null) {
      metrics.webhookDeliveries.inc({ result: 'too_large' });
      return send(res, 413, `a delivery is at most ${MAX_WEBHOOK_BYTES} bytes`, true);
    }
    const { secret, watchedRef, onPush } = routes.webhook;
    const delivery = await classifyDelivery(req.headers, body, secret, watchedRef());
    metrics.webhookDeliveries.inc({ result: delivery.result });
    if (delivery.tick) onPush();
    return send(res, delivery.status, delivery.message);
  }
  // Everything but the webhook only reads: nothing served here can change the fleet.
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...PAGE_HEADERS, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('read-only: GET or HEAD\n');
    return;
  }
  if (page !== null && page(req, res, new URL(req.url ?? '/', 'http://tend.invalid'))) return;
  if (routes.observe !== null) {
    if (url === '/healthz') {
      const status = routes.observe.health();
      res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify({ status: status.ok ? 'ok' : 'failing', reason: status.reason })}\n`);
      return;
    }
    if (url === '/metrics') {
      const { registry } = routes.observe.metrics;
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(text);
      return;
    }
  }
  send(res, 404, 'not found');
}

/** The body, or null as soon as it passes `max` bytes (the rest is never read). */
function readCapped(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, message: string, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...(close ? { connection: 'close' } : {}) });
  res.end(`${message}\n`);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
