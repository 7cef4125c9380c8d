import { cattleName, labelsFor, logicalIdOf, recordOf, tagsOf } from '../../src/plugins/docker/container-record.js';
import { containerHealth, listedState, needsInspection, readiness } from '../../src/plugins/docker/container-state.js';
import { parseDockerProperties } from '../../src/plugins/docker/docker-properties.js';
import { engineHost } from '../../src/plugins/docker/engine-host.js';
import { observedProperties, sameImage } from '../../src/plugins/docker/observed-properties.js';
import { instanceSpec } from '../helpers/instance-plugin-contract.js';

describe('container health', () => {
  it.each([
    [{ State: 'running', Status: 'Up 2 minutes' }, 1],
    [{ State: 'running', Status: 'Up 2 minutes (healthy)' }, 1],
    [{ State: 'running', Status: 'Up 2 minutes (unhealthy)' }, 2],
    [{ State: 'running', Status: 'Up 1 second (health: starting)' }, 0],
    [{ State: 'restarting', Status: 'Restarting (1) 2 seconds ago' }, 0],
    [{ State: 'exited', Status: 'Exited (137) 5 seconds ago' }, 2],
    [{ State: 'paused', Status: 'Up 2 minutes (Paused)' }, 2],
    [{ State: 'dead', Status: 'Dead' }, 2],
    [{ State: 'created', Status: 'Created' }, 2],
  ] as const)('%j is %d', (summary, health) => {
    expect(containerHealth(listedState(summary))).toBe(health);
  });

  it.each([
    [{ status: 'running', restarting: false }, 'up'],
    [{ status: 'running', restarting: false, health: 'starting' }, 'starting'],
    [{ status: 'running', restarting: false, health: 'healthy' }, 'up'],
    [{ status: 'created', restarting: false }, 'starting'],
    [{ status: 'exited', restarting: false }, 'down'],
  ] as const)('a new container %j is %s', (state, ready) => {
    expect(readiness(state)).toBe(ready);
  });

  it('inspects only containers whose spec sets resources or a health check', () => {
    const record = (Properties: unknown) => instanceSpec({}, { Properties });

    expect(needsInspection(record({ Config: { Image: 'x' }, HostConfig: { NetworkMode: 'none' } }))).toBe(false);
    expect(needsInspection(record({ Config: { Image: 'x' }, HostConfig: { Memory: 1 } }))).toBe(true);
    expect(needsInspection(record({ Config: { Image: 'x', Healthcheck: { Test: ['CMD', 'true'] } } }))).toBe(true);
    expect(needsInspection(record({ Config: { Image: 'x', Healthcheck: { Test: ['NONE'] } } }))).toBe(false);
    expect(needsInspection(null)).toBe(false);
  });
});

describe('what the engine shows of a container', () => {
  const recorded = { Config: { Image: 'nginx:1.27' }, HostConfig: { Memory: 268435456, RestartPolicy: { Name: 'no' } } };

  it('equals the recorded properties when nothing was changed by hand', () => {
    const shown = {
      image: 'docker.io/library/nginx:1.27',
      hostConfig: { Memory: 268435456, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } },
    };

    expect(observedProperties(recorded, shown)).toEqual(recorded);
  });

  it('shows another image and a resource changed by docker update', () => {
    const shown = { image: 'nginx:1.28', hostConfig: { Memory: 536870912, RestartPolicy: { Name: 'no' } } };

    expect(observedProperties(recorded, shown)).toEqual({
      Config: { Image: 'nginx:1.28' },
      HostConfig: { ...recorded.HostConfig, Memory: 536870912 },
    });
  });

  it.each([
    ['nginx', 'docker.io/library/nginx:latest', true],
    ['tend-busybox:1', 'localhost/tend-busybox:1', true],
    ['registry.example.com:5000/app:1', 'registry.example.com:5000/app:1', true],
    ['acme/app:1', 'docker.io/acme/app:1', true],
    ['nginx:1.27', 'nginx:1.28', false],
    ['registry.example.com/app', 'docker.io/app', false],
  ])('%s and %s are the same image: %s', (a, b, same) => {
    expect(sameImage(a, b)).toBe(same);
  });
});

describe('container labels', () => {
  it("keep tend's tags and the spec a container was made from, extra labels under them", () => {
    const spec = instanceSpec({ 'tend.group': 'web', team: 'a' }, { Init: 'echo hi', LogicalID: 'web-1' });

    const labels = labelsFor(spec, { team: 'b', owner: 'ops' });
    const record = recordOf(labels);

    expect(labels).toMatchObject({ 'tend.group': 'web', team: 'a', owner: 'ops' });
    expect(record).toEqual(spec);
    expect(tagsOf(labels, record)).toEqual({ 'tend.group': 'web', team: 'a' });
    expect(logicalIdOf(labels, record)).toBe('web-1');
  });

  it('of a container tend did not record are its tags, all but a damaged record', () => {
    const labels = { 'tend.group': 'web', 'tend.logical_id': 'db-1', 'tend.docker.spec': '{not json' };

    expect(recordOf(labels)).toBeNull();
    expect(tagsOf(labels, null)).toEqual({ 'tend.group': 'web', 'tend.logical_id': 'db-1' });
    expect(logicalIdOf(labels, null)).toBe('db-1');
  });

  it('name cattle <group>-<suffix>, or leave it to the engine when the group cannot start a name', () => {
    expect(cattleName('web', '1a2b3c4d')).toBe('web-1a2b3c4d');
    expect(cattleName('_private', '1a2b3c4d')).toBeUndefined();
  });
});

describe('docker properties', () => {
  it('accept the Engine API fields, numbers written as numbers', () => {
    const properties = {
      Config: { Image: 'nginx:1.27', Cmd: 'nginx -g "daemon off;"', Env: ['A=1'], ExposedPorts: { '80/tcp': {} } },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] }, Memory: 268435456 },
      Tags: { team: 'web' },
    };

    expect(parseDockerProperties(properties)).toEqual({ ok: true, value: properties });
  });

  it('refuse a label of tend.*, in Tags or in Config.Labels', () => {
    const result = parseDockerProperties({ Config: { Image: 'x', Labels: { 'tend.config_sha': 'forged' } } });

    expect(result.ok ? [] : result.problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['Config.Labels.tend.config_sha', 'labels starting with "tend." are tend\'s own: choose another name'],
    ]);
  });
});

describe('engine host', () => {
  it.each([
    [null, {}, { socketPath: '/var/run/docker.sock' }],
    [null, { DOCKER_HOST: 'unix:///run/podman/podman.sock' }, { socketPath: '/run/podman/podman.sock' }],
    ['tcp://127.0.0.1:2375', { DOCKER_HOST: 'unix:///elsewhere.sock' }, { host: '127.0.0.1', port: 2375, protocol: 'http' }],
    ['tcp://[::1]:2375/', {}, { host: '::1', port: 2375, protocol: 'http' }],
  ])('%s with %j is %j', (configured, env, options) => {
    expect(engineHost(configured, env).options).toEqual(options);
  });

  it('refuses an address that is not unix:// or tcp://', () => {
    expect(() => engineHost(null, { DOCKER_HOST: 'ssh://me@host' })).toThrow(/DOCKER_HOST "ssh:\/\/me@host" is not an engine address/);
  });
});
