import { startWatchServer, type WatchServer } from '../../src/watch/watch-server.js';
import { failure } from '../helpers/thrown.js';

describe("the watcher's server, when it cannot listen", () => {
  const routes = { webhook: null, observe: null };
  const started: WatchServer[] = [];

  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });

  it('says to choose another port when the port is taken', async () => {
    const taken = await startWatchServer('127.0.0.1', 0, routes);
    started.push(taken);

    const err = await failure(startWatchServer('127.0.0.1', taken.port, routes));

    expect([err.code, err.message]).toEqual([
      'USAGE',
      `cannot listen on 127.0.0.1:${taken.port} (something else listens there): choose another port`,
    ]);
  });

  it('says to choose another --listen address when the address is none of this machine', async () => {
    // 192.0.2.0/24 is set aside for documentation: never an address of this machine.
    const err = await failure(startWatchServer('192.0.2.1', 0, routes));

    expect(err.code).toBe('USAGE');
    expect(err.message).toMatch(/^cannot listen on 192\.0\.2\.1:0 \(.*EADDRNOTAVAIL.*\): choose another --listen address$/);
  });
});
