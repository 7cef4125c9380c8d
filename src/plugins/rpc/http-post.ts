import http from 'node:http';

/** Where a JSON-RPC plugin listens: a unix socket, or a TCP host and port; `path` is the HTTP path (InfraKit: `/`). */
export type HttpTarget = { socketPath: string; path: string } | { host: string; port: number; path: string };

/** An HTTP answer as read: status, content type (anything: InfraKit says text/plain), body text. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/** Why a POST got no answer: could not connect, or the connection ended before the answer did. */
export class HttpFailure extends Error {
  constructor(
    message: string,
    readonly stage: 'connect' | 'dropped' | 'aborted' | 'too-large',
    /** True when the request went out on a kept-alive connection that the server had already closed. */
    readonly reusedSocket = false,
  ) {
    super(message);
  }
}

/** The largest answer read (a description of 10,000 instances with their specs fits many times over). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

/**
 * POSTs `body` as application/json on a kept-alive connection of `agent`, and resolves with the
 * whole answer, chunked or not; rejects with HttpFailure when there is none or `signal` aborts.
 */
export function httpPost(agent: http.Agent, target: HttpTarget, body: string, signal: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(body, 'utf8');
    const req = http.request({
      ...target,
      method: 'POST',
      agent,
      signal,
      // Go's client says `Host: h` on a socket (its URL is http://h/); over TCP Node names the host itself.
      headers: { ...('socketPath' in target ? { Host: 'h' } : {}), 'Content-Type': 'application/json', 'Content-Length': data.length },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy(new HttpFailure(`answer larger than ${MAX_BODY_BYTES} bytes`, 'too-large'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => reject(failure(err, answered, req.reusedSocket, signal)));
      res.on('aborted', () => reject(new HttpFailure('connection dropped in the middle of the answer', 'dropped')));
    });
    req.on('error', (err) => reject(failure(err, answered, req.reusedSocket, signal)));
    req.end(data);
  });
}

function failure(err: Error, answered: boolean, reused: boolean, signal: AbortSignal): HttpFailure {
  if (err instanceof HttpFailure) return err;
  if (signal.aborted) return new HttpFailure('aborted', 'aborted');
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (
    !answered &&
    ['ENOENT', 'ECONNREFUSED', 'EACCES', 'ENOTSOCK', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'].includes(code)
  ) {
    return new HttpFailure(`cannot connect (${code})`, 'connect');
  }
  const why = code === '' ? err.message : `${code}: ${err.message}`;
  return new HttpFailure(`connection dropped before the answer (${why}): the plugin may have crashed`, 'dropped', reused && !answered);
}
