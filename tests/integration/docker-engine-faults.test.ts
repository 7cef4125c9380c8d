import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { InstanceChange } from '../../src/plugins/spi.js';
import { dockerInstancePlugin } from '../helpers/container-engine.js';
import { until } from '../helpers/until.js';

/** An HTTP server on a unix socket standing in for an engine that misbehaves; `handler` decides how. */
async function fakeEngine(handler: http.RequestListener): Promise<{ host: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tend-fake-engine-'));
  const socket = path.join(dir, 'engine.sock');
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    host: `unix://${socket}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const event = (id: string, action: string): string =>
  `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: { 'tend.group': 'web', name: id } }, time: 1 })}\n`;

describe('docker plugin against an engine that misbehaves', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('gives up on an engine that never answers within its timeout, naming the plugin and the host', async () => {
    const engine = await fakeEngine(() => undefined);
    closers.push(engine.close);
    const plugin = dockerInstancePlugin(engine.host, { timeoutMs: 300 });

    const error = await plugin.describeInstances({}).catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'PLUGIN_TIMEOUT', transient: true });
    expect(String(error)).toContain(`instance-docker: describeInstances: engine at ${engine.host} gave no answer within 300ms`);
  });

  it('says an engine answering something other than the Engine API is not one', async () => {
    const engine = await fakeEngine((_req, res) => res.end('<html>hello</html>'));
    closers.push(engine.close);
    const plugin = dockerInstancePlugin(engine.host);

    const error = await plugin.describeInstances({}).catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'PLUGIN_PROTOCOL' });
    expect(String(error)).toContain(`engine at ${engine.host} answered something other than a list of containers: <html>hello</html>`);
  });

  it("watch follows the engine's events again after the engine drops the stream, and says so once each way", async () => {
    let connections = 0;
    const engine = await fakeEngine((req, res) => {
      if (!req.url?.includes('/events')) {
        res.end('[]');
        return;
      }
      connections += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (connections === 1) res.end(event('aaaaaaaaaaaa1', 'die'));
      else if (connections === 2) res.destroy();
      else res.write(event('bbbbbbbbbbbb2', 'destroy'));
    });
    closers.push(engine.close);
    const warnings: string[] = [];
    const plugin = dockerInstancePlugin(engine.host, { warnings });
    const changes: InstanceChange[] = [];

    const stop = plugin.watch!((batch) => changes.push(...batch));
    closers.push(async () => stop());
    await until(() => changes.length === 2, 10_000);

    expect(changes).toEqual([
      { id: 'aaaaaaaaaaaa', tags: { 'tend.group': 'web' } },
      { id: 'bbbbbbbbbbbb', tags: { 'tend.group': 'web' } },
    ]);
    expect(connections).toBe(3);
    expect(warnings).toEqual([
      expect.stringMatching(/^instance-docker: engine events unavailable \(.*\); changes are found by polling until they are back$/),
      `instance-docker: engine events at ${engine.host} are back`,
    ]);
  });
});
