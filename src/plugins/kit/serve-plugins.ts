import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../../errors.js';
import { readJson } from '../../read-json.js';
import { writeJson } from '../wire/write-json.js';
import { handlerOf, KitError, type ServedPlugins } from './kit-dispatch.js';
import { paramsOf } from './kit-params.js';

export interface ServeOptions extends ServedPlugins {
  /** A unix socket path to listen on (InfraKit's way: put it in the plugin folder, named after the plugin). */
  socket?: string;
  /** A TCP port (0: any free one) on `host` (default 127.0.0.1), for plugins reached by URL. */
  port?: number;
  host?: string;
}

export interface PluginServer {
  /** `unix://<path>` or `tcp://host:port`, as a runner config or a `NAME.listen` file names it. */
  url: string;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Go's http server answers bodies past its 2048-byte buffer chunked; the kit does the same, so clients meet both framings. */
const CHUNKED_OVER = 2048;
const TEXT = 'text/plain; charset=utf-8';

/**
 * Serves InstancePlugin and FlavorPlugin implementations over InfraKit's JSON-RPC wire (HTTP
 * `POST /` of JSON-RPC 2.0 on a unix socket; tests/integration/kit-server-wire.test.ts holds the
 * exchanges), answering as its Go server does: the handshake, `Handshake.Types`, every Instance and
 * Flavor method, a plugin's failure as error -32000 with its message, status 200 for every
 * JSON-RPC outcome, `text/plain` bodies ending in a newline, and the request id echoed as sent.
 */
export async function servePlugins(options: ServeOptions): Promise<PluginServer> {
  const server = http.createServer((req, res) => void answer(options, req, res));
  // InfraKit's server never times idle connections out, and its clients keep them.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.socket !== undefined) server.listen(options.socket, resolve);
    else server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  const url =
    typeof address === 'string' ? `unix://${address}` : `tcp://${(address as AddressInfo).address}:${(address as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(served: ServedPlugins, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.url !== '/') return send(res, 404, '404 page not found\n', TEXT);
  if (req.method !== 'POST') return send(res, 405, `rpc: POST method required, received ${req.method}\n`, TEXT);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'application/json')
    return send(res, 415, `rpc: unrecognized Content-Type: ${req.headers['content-type']}\n`, TEXT);

  let request: Record<string, unknown>;
  try {
    const parsed = readJson(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not an object');
    request = parsed as Record<string, unknown>;
  } catch {
    // gorilla/rpc answers a request it cannot read with an empty 200.
    return send(res, 200, '', null);
  }
  const id = request.id;
  const reply = (body: string): void => (id === undefined || id === null ? send(res, 200, '', null) : send(res, 200, body, TEXT));
  const withId = `,"id":${writeJson(id ?? null)}}\n`;
  if (request.jsonrpc !== '2.0') {
    return reply(`{"jsonrpc":"2.0","error":{"code":-32600,"message":"jsonrpc must be 2.0","data":${writeJson(request)}}${withId}`);
  }
  try {
    const handler = handlerOf(typeof request.method === 'string' ? request.method : '', served);
    const result = await handler(served, paramsOf(request.params));
    reply(`{"jsonrpc":"2.0","result":${writeJson(result)}${withId}`);
  } catch (err) {
    const message = err instanceof KitError ? err.message : errorMessage(err);
    reply(`{"jsonrpc":"2.0","error":{"code":-32000,"message":${writeJson(message)},"data":null}${withId}`);
  }
}

function send(res: http.ServerResponse, status: number, body: string, contentType: string | null): void {
  res.statusCode = status;
  if (contentType !== null) res.setHeader('Content-Type', contentType);
  const data = Buffer.from(body, 'utf8');
  if (data.length > CHUNKED_OVER) {
    res.write(data);
    res.end();
    return;
  }
  res.setHeader('Content-Length', data.length);
  res.end(data);
}
