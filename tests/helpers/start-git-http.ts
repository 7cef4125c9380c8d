import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type net from 'node:net';
import { gunzipSync } from 'node:zlib';
import { HERMETIC_GIT_ENV } from './make-git-repo.js';

const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export interface GitHttpOptions {
  /** HTTP Basic credentials every request must carry; none means a public server. */
  auth?: { user: string; password: string };
  /** Each fetch is answered only once this settles, so that a test can watch the client while it waits. */
  fetchesHeld?: Promise<void>;
}

export interface GitHttpServer {
  /** The http:// URL of the repository `<projectRoot>/<name>`. */
  url(name: string): string;
  /** Every request, in order: method, path, whether it was let in, and whether it asked for objects (a fetch). */
  requests: Array<{ method: string; path: string; allowed: boolean; fetch: boolean }>;
  fetches(): number;
  stop(): Promise<void>;
}

/** `git http-backend` as CGI behind a node:http server on 127.0.0.1, with HTTP Basic auth when asked. */
export async function startGitHttp(projectRoot: string, options: GitHttpOptions = {}): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const backends = new Set<ChildProcess>();
  const sockets = new Set<net.Socket>();
  const expected = options.auth && `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const allowed = expected === undefined || req.headers.authorization === expected;
      const fetch = req.method === 'POST' && url.pathname.endsWith('/git-upload-pack') && isFetch(body, req.headers['content-encoding']);
      requests.push({ method: req.method ?? '', path: url.pathname, allowed, fetch });
      if (!allowed) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="tend-test"' }).end();
        return;
      }
      const run = (): void => cgi(req, res, url, body);
      if (fetch && options.fetchesHeld) void options.fetchesHeld.then(run);
      else run();
    });
  });

  function cgi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): void {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      ...HERMETIC_GIT_ENV,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method,
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(body.length),
      REMOTE_USER: options.auth?.user ?? '',
      REMOTE_ADDR: '127.0.0.1',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      ...(typeof req.headers['git-protocol'] === 'string' ? { GIT_PROTOCOL: req.headers['git-protocol'] } : {}),
    };
    const backend = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    backends.add(backend);
    backend.on('close', () => backends.delete(backend));
    backend.stdin.on('error', () => {});
    backend.stdin.end(body);
    let head = Buffer.alloc(0);
    let started = false;
    backend.stdout.on('data', (chunk: Buffer) => {
      if (started) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      started = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon);
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    backend.stdout.on('end', () => res.end());
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    requests,
    fetches: () => requests.filter((r) => r.fetch && r.allowed).length,
    async stop() {
      for (const backend of backends) backend.kill('SIGKILL');
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether an upload-pack request asks for objects: `command=fetch` in protocol v2, `want` lines in v0. */
function isFetch(body: Buffer, encoding: string | undefined): boolean {
  const text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('latin1');
  return text.includes('command=fetch') || /^[0-9a-f]{4}want /m.test(text);
}
