import { jest } from '@jest/globals';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { TendError } from '../../src/errors.js';
import { servePlugins, type PluginServer } from '../../src/plugins/kit/index.js';
import type { WatchStatus } from '../../src/watch/watch-status.js';
import { gitWatchWorld, type GitWatchWorld } from '../helpers/git-watch-world.js';
import { MemoryInstancePlugin } from '../helpers/memory-plugins.js';
import { instanceFiles } from '../helpers/run-tend.js';
import type { RunningWatch } from '../helpers/start-watch.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { until, untilAnswered } from '../helpers/until.js';

jest.setTimeout(90_000);

/**
 * An instance plugin whose cloud fails as the test says: while `down` its API is failing, and
 * Validate says no ("cloud API 503"), as a plugin that answers a cloud's error with a rejection does;
 * while `unreachable`, every call fails as a cloud that cannot be reached.
 */
class FlakyCloud extends MemoryInstancePlugin {
  down = false;
  unreachable = false;

  constructor() {
    super('instance-cloud', []);
  }

  override async validate(): Promise<void> {
    this.reach();
    if (this.down) throw new TendError('PLUGIN_ERROR', 'cloud API 503');
  }

  override async provision(...args: Parameters<MemoryInstancePlugin['provision']>): Promise<string> {
    this.reach();
    return super.provision(...args);
  }

  override async destroy(...args: Parameters<MemoryInstancePlugin['destroy']>): Promise<void> {
    this.reach();
    return super.destroy(...args);
  }

  override async describeInstances(...args: Parameters<MemoryInstancePlugin['describeInstances']>) {
    this.reach();
    return super.describeInstances(...args);
  }

  override async label(...args: Parameters<MemoryInstancePlugin['label']>): Promise<void> {
    this.reach();
    return super.label(...args);
  }

  private reach(): void {
    if (this.unreachable) throw new TendError('PLUGIN_ERROR', 'cloud API unreachable');
  }
}

const zkYaml = (image: string): string =>
  [
    'ID: zk',
    'Properties:',
    '  Allocation:',
    '    LogicalIDs: [zk-a, zk-b, zk-c]',
    '  Instance:',
    '    Plugin: instance-file',
    '    Properties:',
    `      image: ${image}`,
    '  Flavor:',
    '    Plugin: flavor-vanilla',
    '    Properties: {}',
    '',
  ].join('\n');

const cloudYaml = (size: number): string => cattleYaml('db', size).replace('Plugin: instance-file', 'Plugin: instance-cloud');

/**
 * The promises `tend apply` keeps, kept by `tend watch` too: each a scenario on a real Git remote,
 * with the watcher in this process and a tick every 250 ms (in its own process where the CLI's wiring
 * of reports is the point).
 */
describe('tend watch keeps the promises of tend apply', () => {
  let world: GitWatchWorld;
  let work: string;
  const cleanups: Array<() => Promise<void> | void> = [];
  const folder = (): string => path.join(work, '.tend/instances');
  const status = (): WatchStatus => JSON.parse(readFileSync(path.join(work, '.tend/watch/status.json'), 'utf8')) as WatchStatus;
  /** The instance files of one group, with their text. */
  const instancesOf = (group: string): string[] =>
    instanceFiles(work)
      .map((f) => readFileSync(path.join(folder(), f), 'utf8'))
      .filter((text) => text.includes(`"tend.group":"${group}"`));
  const push = (files: Record<string, string | null>): string => world.push(files);
  const watch = (extra: string[] = [], env: NodeJS.ProcessEnv = {}): RunningWatch => world.watch(extra, env);
  const watchHere = (options: { config?: string; metrics?: boolean } = {}): Promise<RunningWatch> => world.watchHere(options);

  /** Waits until `n` more full ticks have ended, as the watcher's state records them. */
  async function ticks(n: number): Promise<void> {
    const seen = new Set<string>();
    const first = status().runs.tick?.at;
    await until(() => {
      const at = existsSync(path.join(work, '.tend/watch/status.json')) ? status().runs.tick?.at : undefined;
      if (at !== undefined && at !== first) seen.add(at);
      return seen.size >= n;
    }, 20_000);
  }

  const count = (text: string, pattern: RegExp): number => text.match(new RegExp(pattern, 'g'))?.length ?? 0;

  beforeEach(async () => {
    world = await gitWatchWorld('tend-promises-', { 'specs/web.yaml': cattleYaml('web', 2) });
    work = world.work;
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await world.close();
  });

  it('changes nothing of a commit the destroy budget blocks, in ticks and heals alike, and says so once', async () => {
    const good = push({ 'specs/web.yaml': cattleYaml('web', 20), 'specs/zk.yaml': zkYaml('zk1') });
    const w = await watchHere({ metrics: true });
    await until(() => instancesOf('web').length === 20 && instancesOf('zk').length === 3);

    const blocked = push({ 'specs/web.yaml': cattleYaml('web', 0), 'specs/zk.yaml': zkYaml('zk2') });
    await w.waitFor(new RegExp(`${blocked.slice(0, 12)} is not applied: blocked by the destroy budget`));
    const zkFile = instanceFiles(work).find((f) => readFileSync(path.join(folder(), f), 'utf8').includes('"tend.group":"zk"'));
    rmSync(path.join(folder(), zkFile as string));
    await until(() => instancesOf('zk').length === 3);
    for (const f of instanceFiles(work)) {
      if (readFileSync(path.join(folder(), f), 'utf8').includes('"tend.group":"web"')) rmSync(path.join(folder(), f));
    }
    await until(() => instancesOf('web').length === 20);
    await ticks(3);

    expect(instancesOf('zk').every((text) => text.includes('"image":"zk1"'))).toBe(true);
    expect(instancesOf('web')).toHaveLength(20);
    expect(status()).toMatchObject({
      head: { sha: blocked },
      enforced: { sha: good },
      lastGood: { sha: good },
      refused: { sha: blocked, why: 'blocked', code: 'BLOCKED' },
    });
    const said = w.stderr();
    expect(count(said, /Blocked by the destroy budget/)).toBe(1);
    expect(count(said, /is not applied: blocked/)).toBe(1);
    expect(said).not.toMatch(/succeed again/);
    const health = await fetch(`http://127.0.0.1:${w.port('health and metrics')}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { reason: string }).reason).toContain('BLOCKED');
  });

  /** A runner config with the file plugin, and `instance-cloud`: `cloud`, served on a socket by this process. */
  async function cloudConfig(cloud: FlakyCloud): Promise<string> {
    const socket = path.join(world.temp.dir, 'cloud.sock');
    const server: PluginServer = await servePlugins({ name: 'instance-cloud', instance: cloud, socket });
    cleanups.push(() => server.close());
    const config = path.join(work, 'tend.config.yaml');
    writeFileSync(
      config,
      [
        'plugins:',
        '  instance-file: {type: file, dir: .tend/instances}',
        '  flavor-vanilla: {type: vanilla}',
        `  instance-cloud: {type: rpc, socket: ${JSON.stringify(socket)}}`,
        '',
      ].join('\n'),
    );
    return config;
  }

  it('applies a commit a failing plugin refused once it recovers, and keeps healing the groups of other plugins meanwhile', async () => {
    const cloud = new FlakyCloud();
    const config = await cloudConfig(cloud);
    push({ 'specs/db.yaml': cloudYaml(1) });
    const w = await watchHere({ config });
    const vms = (): number => cloud.instances.size;
    await until(() => vms() === 1 && instancesOf('web').length === 2);

    cloud.down = true;
    const refused = push({ 'specs/db.yaml': cloudYaml(2) });
    await w.waitFor(new RegExp(`${refused.slice(0, 12)} is not applied yet \\(SPEC_INVALID`));
    rmSync(path.join(folder(), instanceFiles(work)[0] as string));
    await until(() => instancesOf('web').length === 2, 5000);
    await ticks(2);
    const whileDown = { vms: vms(), status: status() };
    cloud.down = false;
    await until(() => vms() === 2, 20_000);

    expect(whileDown.vms).toBe(1);
    expect(whileDown.status).toMatchObject({ refused: { sha: refused, why: 'waiting', place: { file: 'specs/db.yaml' } } });
    expect(w.stderr()).not.toMatch(/enforced revision.*invalid|is not applied \(SPEC_INVALID\)/);
    await until(() => status().lastGood?.sha === refused);
  });

  it('drops the metric series of a group that left the specs', async () => {
    push({ 'specs/old.yaml': cattleYaml('old', 1) });
    const w = await watchHere({ metrics: true });
    await until(() => instancesOf('old').length === 1 && instancesOf('web').length === 2);
    const metrics = async (): Promise<string> => (await fetch(`http://127.0.0.1:${w.port('health and metrics')}/metrics`)).text();
    await untilAnswered(async () => (await metrics()).includes('tend_drift_instances{group="old",kind="missing"} 0'));

    push({ 'specs/old.yaml': null });
    await ticks(2);
    const after = await metrics();

    expect(after).not.toContain('group="old"');
    expect(after).toContain('tend_drift_instances{group="web",kind="missing"} 0');
  });

  it('heals and applies at once while the GitHub API accepts connections and never answers', async () => {
    const sockets = new Set<Socket>();
    const hung: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => hung.close(() => resolve()));
    });
    const port = (hung.address() as { port: number }).port;
    const w = watch(['--report', 'github', '--github-repo', 'acme/fleet', '--github-api-url', `http://127.0.0.1:${port}`], {
      GITHUB_TOKEN: 'ghs_not_a_real_token',
    });
    await until(() => instancesOf('web').length === 2);
    await until(() => sockets.size > 0);

    rmSync(path.join(folder(), instanceFiles(work)[0] as string));
    await until(() => instancesOf('web').length === 2);
    const healed = w.stderr();
    push({ 'specs/web.yaml': cattleYaml('web', 3) });
    await until(() => instancesOf('web').length === 3);
    const applied = w.stderr();

    // Before reports were queued, a heal and a commit waited for the hung API until the report gave up (30 s).
    expect(healed).not.toMatch(/did not answer/);
    expect(applied).not.toMatch(/did not answer/);
    expect(w.stderr()).not.toContain('ghs_not_a_real_token');
  });

  it('says a warning that repeats every tick once', async () => {
    push({ 'specs/web.yaml': null, 'specs/.keep': '' });
    const w = await watchHere();
    await w.waitFor(/holds no groups/);
    await ticks(3);

    expect(count(w.stderr(), /holds no groups/g)).toBe(1);
  });

  it('says a plugin that is down once when it starts failing and once when it is back, with how long and how often', async () => {
    const cloud = new FlakyCloud();
    push({ 'specs/db.yaml': cloudYaml(1) });
    const w = await watchHere({ config: await cloudConfig(cloud) });
    await until(() => cloud.instances.size === 1);
    await w.waitFor(/converged: 2 groups in sync/);

    cloud.unreachable = true;
    await w.waitFor(/tick failed/);
    await ticks(4);
    const whileDown = w.stderr();
    cloud.unreachable = false;
    await w.waitFor(/the ticks succeed again/);

    expect(count(whileDown, /tick failed/g)).toBe(1);
    expect(count(whileDown, /could not be observed/g)).toBe(1);
    expect(count(whileDown, /db: error/g)).toBe(1);
    expect(w.stderr()).toMatch(/the ticks succeed again: PLUGIN_ERROR is over after [\d.]+m?s \(met [4-9]\d* times\)/);
  });
});
