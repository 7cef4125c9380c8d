import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the scripted plugin does with one request: answer these bytes, hang up without answering, or never answer. */
export type Scripted = { body: string; status?: number; contentType?: string | null; chunked?: boolean } | 'drop' | 'hang';

export interface ScriptedPlugin {
  socket: string;
  /** Every request body received, in order. */
  requests: string[];
  /** The methods called, in order. */
  methods: () => string[];
  close(): Promise<void>;
}

/**
 * A JSON-RPC plugin on a unix socket whose every answer the test writes by hand, byte for byte:
 * a stand-in for plugins (InfraKit's, or broken ones) that the kit would never imitate.
 */
export async function startScriptedPlugin(answer: (method: string, body: string) => Scripted, at?: string): Promise<ScriptedPlugin> {
  const dir = at === undefined ? mkdtempSync(path.join(os.tmpdir(), 'tend-scripted-')) : null;
  const socket = at ?? path.join(dir as string, 'plugin.sock');
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push(body);
      const method = (/"method":"([^"]*)"/.exec(body) ?? [])[1] ?? '';
      const scripted = answer(method, body);
      if (scripted === 'hang') return;
      if (scripted === 'drop') {
        req.socket.destroy();
        return;
      }
      res.statusCode = scripted.status ?? 200;
      const type = scripted.contentType === undefined ? 'text/plain; charset=utf-8' : scripted.contentType;
      if (type !== null) res.setHeader('Content-Type', type);
      if (scripted.chunked) {
        res.write(scripted.body.slice(0, 10));
        res.write(scripted.body.slice(10));
        res.end();
      } else {
        res.setHeader('Content-Length', Buffer.byteLength(scripted.body));
        res.end(scripted.body);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  return {
    socket,
    requests,
    methods: () => requests.map((body) => (/"method":"([^"]*)"/.exec(body) ?? [])[1] ?? ''),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          if (dir !== null) rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

/** A JSON-RPC success answer as InfraKit's server writes it (body ends in a newline), echoing `id`. */
export function rpcResult(result: string, id = '8924550627569702762'): Scripted {
  return { body: `{"jsonrpc":"2.0","result":${result},"id":${id}}\n` };
}

/** InfraKit's `Handshake.Implements` answer for one interface. */
export function implementsAnswer(...apis: string[]): Scripted {
  const list = apis.map((api) => {
    const [name, version] = api.split('/');
    return `{"Name":"${name}","Version":"${version}"}`;
  });
  return rpcResult(`{"APIs":[${list.join(',')}]}`);
}
