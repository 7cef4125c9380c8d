import { PluginError } from '../../src/errors.js';
import type { InstanceChange } from '../../src/plugins/spi.js';
import { containers, dockerInstancePlugin, sleeperProperties, useContainerEngine } from '../helpers/container-engine.js';
import { describeInstancePluginContract, instanceSpec } from '../helpers/instance-plugin-contract.js';
import { until } from '../helpers/until.js';
import { startRegistry } from '../fixtures/container-engine.mjs';

let registry: { address: string; stop(): Promise<void> };
beforeAll(async () => {
  registry = await startRegistry();
}, 30_000);
afterAll(async () => {
  await registry.stop();
});
const engine = useContainerEngine(() => ({ insecureRegistry: registry.address }));

describeInstancePluginContract('docker, against a real engine', async () => ({
  plugin: dockerInstancePlugin(engine().host),
  // A container needs an image: the contract's own properties ride along as a label, and come back as given.
  properties: (contract) => sleeperProperties(engine().image, { Tags: { contract: JSON.stringify(contract) } }),
  requiredTags: { 'tend.group': 'contract' },
  labels: false,
  cleanup: async () => undefined,
}));

describe('docker instance plugin', () => {
  const spec = (group: string, overrides: Parameters<typeof instanceSpec>[1] = {}) =>
    instanceSpec({ 'tend.group': group }, { Properties: sleeperProperties(engine().image), ...overrides });

  it('makes a running container carrying its tags as labels, and runs Init in it', async () => {
    const plugin = dockerInstancePlugin(engine().host);

    const id = await plugin.provision(spec('web', { Init: 'echo ready > /tmp/ready' }));

    const [made] = await containers(engine());
    expect(made).toMatchObject({ id, state: 'running', labels: { 'tend.group': 'web' } });
    expect(made?.name).toMatch(/^web-[0-9a-f]{8}$/);
    expect(engine().podman(['exec', id, 'cat', '/tmp/ready'])).toBe('ready\n');
  });

  it('fails the provision when Init fails, with its output, and leaves no container behind', async () => {
    const plugin = dockerInstancePlugin(engine().host);

    const made = plugin.provision(spec('web', { Init: 'echo cannot reach the database >&2; exit 3' }));

    await expect(made).rejects.toThrow(/Init exited with 3: cannot reach the database/);
    expect(await containers(engine())).toEqual([]);
  });

  it('rejects properties naming every problem at its key path', async () => {
    const plugin = dockerInstancePlugin(engine().host);
    const properties = { Config: { Image: 'x', Cmd: [1], Envs: [] }, HostConfig: { Memory: '1g', RestartPolicy: { Name: 'sometimes' } } };

    const error = (await plugin.validate(properties).catch((err: unknown) => err)) as PluginError;

    expect(error).toBeInstanceOf(PluginError);
    expect(error.problems.map((p) => [p.path.join('.'), p.message])).toEqual(
      expect.arrayContaining([
        ['Config.Envs', 'unknown key; did you mean "Env"?'],
        ['Config.Cmd', 'must be a string or a list of strings'],
        ['HostConfig.Memory', 'must be an integer'],
        ['HostConfig.RestartPolicy.Name', expect.stringMatching(/^must be one of/)],
      ]),
    );
    await expect(plugin.validate({ HostConfig: {} })).rejects.toThrow(/Config is required/);
    await expect(plugin.validate({ Config: { Image: 'x' }, Tags: { 'tend.group': 'other' } })).rejects.toThrow(/tend's own/);
  });

  it('never describes, destroys or replaces a container without tend.group, even one named as a pet', async () => {
    const plugin = dockerInstancePlugin(engine().host);
    const foreign = engine().podman(['run', '-d', '--name', 'db-1', '--network', 'none', engine().image, 'sleep', '600']).slice(0, 12);

    const described = await plugin.describeInstances({}, true);
    const destroyed = plugin.destroy(foreign, 'terminate');
    const pet = plugin.provision(spec('db', { LogicalID: 'db-1' }));

    expect(described).toEqual([]);
    await expect(destroyed).rejects.toThrow(/is not tend's/);
    await expect(pet).rejects.toThrow(/container name "db-1" is held by container [0-9a-f]{12} .*not tend's/);
    expect((await containers(engine())).map((c) => [c.id, c.state])).toEqual([[foreign, 'running']]);
  });

  it("names pets by logical ID, and a pet's successor takes the name from its predecessor", async () => {
    const plugin = dockerInstancePlugin(engine().host);
    const first = await plugin.provision(spec('db', { LogicalID: 'db-1' }));

    const second = await plugin.provision(spec('db', { LogicalID: 'db-1' }));

    expect(second).not.toBe(first);
    expect((await containers(engine())).map((c) => [c.id, c.name])).toEqual([[second, 'db-1']]);
    await expect(plugin.destroy(first, 'rolling_update')).rejects.toMatchObject({ code: 'INSTANCE_GONE' });
  });

  it('describes a stopped container as unhealthy (2), a running one without a verdict', async () => {
    const plugin = dockerInstancePlugin(engine().host);
    const [up, down] = await Promise.all([plugin.provision(spec('web')), plugin.provision(spec('web'))]);
    engine().podman(['stop', '--time', '1', down]);

    const described = await plugin.describeInstances({ 'tend.group': 'web' }, true);

    expect(described.find((d) => d.ID === up)?.Health).toBeUndefined();
    expect(described.find((d) => d.ID === down)?.Health).toBe(2);
  });

  it('watch tells of a container removed by hand, with its group, and not of its own changes', async () => {
    const plugin = dockerInstancePlugin(engine().host);
    const [kept, removed] = await Promise.all([plugin.provision(spec('web')), plugin.provision(spec('web'))]);
    await plugin.describeInstances({});
    const changes: InstanceChange[] = [];
    const stop = plugin.watch!((batch) => changes.push(...batch));
    try {
      await plugin.destroy(kept, 'terminate');
      engine().podman(['rm', '--force', '--time', '0', removed]);

      await until(() => changes.some((c) => c.id === removed), 10_000);

      expect(changes.every((c) => c.id === removed && c.tags['tend.group'] === 'web')).toBe(true);
    } finally {
      stop();
    }
  });

  it("pulls an image the engine lacks, and fails with the engine's words for one no registry has", async () => {
    const plugin = dockerInstancePlugin(engine().host);
    const pushed = `${registry.address}/tend-busybox:pushed`;
    engine().podman(['tag', engine().image, pushed]);
    engine().podman(['push', '--tls-verify=false', pushed]);
    engine().podman(['rmi', pushed]);
    const missing = `${registry.address}/no-such-image:1`;

    const id = await plugin.provision(instanceSpec({ 'tend.group': 'web' }, { Properties: sleeperProperties(pushed) }));
    const failed = plugin.provision(instanceSpec({ 'tend.group': 'web' }, { Properties: sleeperProperties(missing) }));

    expect((await containers(engine())).map((c) => [c.id, c.state])).toEqual([[id, 'running']]);
    await expect(failed).rejects.toThrow(new RegExp(`image ${missing} could not be pulled: .*(manifest unknown|not found)`, 'i'));
    expect(await containers(engine())).toHaveLength(1);
  });

  it('fails fast and names the plugin and the host when the engine is down', async () => {
    const plugin = dockerInstancePlugin('unix:///nonexistent/engine.sock');

    const error = await plugin.describeInstances({}).catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'PLUGIN_UNREACHABLE', transient: true });
    expect(String(error)).toMatch(/instance-docker: describeInstances: engine at unix:\/\/\/nonexistent\/engine.sock is unreachable/);
  });
});
