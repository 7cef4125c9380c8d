import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SLEEPER, containers, useContainerEngine, type ContainerEngine } from '../helpers/container-engine.js';
import { runCliHere } from '../helpers/run-cli-in-process.js';
import { makeWorkdir, runTend, type TendRun } from '../helpers/run-tend.js';
import type { RunningWatch } from '../helpers/start-watch.js';
import { watchHere } from '../helpers/watch-here.js';
import type { WatchStatus } from '../../src/watch/watch-status.js';

const engine = useContainerEngine();

interface GroupJson {
  id: string;
  drift: Record<string, number>;
  actions: Array<{ op: string; instance?: string; reason: string }>;
  outcome?: string;
  error?: { message: string } | string | null;
}
const groupsOf = (stdout: string): GroupJson[] => (JSON.parse(stdout) as { groups: GroupJson[] }).groups;

/** A group of busybox containers without a network, each stopped at once (SIGTERM ends it). */
function containerSpec(
  id: string,
  options: { size?: number; logicalIds?: string[]; env?: string[]; init?: string[]; plugin?: string } = {},
): string {
  const allocation = options.logicalIds ? `{LogicalIDs: [${options.logicalIds.join(', ')}]}` : `{Size: ${options.size ?? 3}}`;
  return [
    `ID: ${id}`,
    'Properties:',
    `  Allocation: ${allocation}`,
    '  Instance:',
    `    Plugin: ${options.plugin ?? 'instance-docker'}`,
    '    Properties:',
    '      Config:',
    `        Image: ${engine().image}`,
    `        Cmd: ${JSON.stringify(SLEEPER)}`,
    `        Env: ${JSON.stringify(options.env ?? ['A=1'])}`,
    '        StopTimeout: 1',
    '      HostConfig: {NetworkMode: none}',
    `  Flavor: {Plugin: flavor-vanilla, Properties: {Init: ${JSON.stringify(options.init ?? [])}}}`,
    '',
  ].join('\n');
}

function runnerConfig(host: string, extra = ''): string {
  return `plugins:\n  instance-docker: {type: docker, host: "${host}", stopTimeout: 1s, timeout: 5s}\n  flavor-vanilla: {type: vanilla}\n${extra}`;
}

/**
 * A command line through the CLI's entry in this process, with the environment a spawned tend gets:
 * the bundle's own process is exercised by `tend watch` below, and by the run on an engine that is down.
 */
const tend = (dir: string, args: string[]): Promise<TendRun> => runCliHere(dir, args, { PATH: process.env.PATH, HOME: dir });

const status = (dir: string): WatchStatus => JSON.parse(readFileSync(path.join(dir, '.tend/watch/status.json'), 'utf8')) as WatchStatus;

const running = async (e: ContainerEngine, group: string) =>
  (await containers(e)).filter((c) => c.labels['tend.group'] === group && c.state === 'running');

describe('tend keeping containers converged', () => {
  let work: ReturnType<typeof makeWorkdir>;
  const watchers: RunningWatch[] = [];

  beforeEach(() => {
    work = makeWorkdir({ 'tend.config.yaml': runnerConfig(engine().host) });
  });

  afterEach(async () => {
    await Promise.all(watchers.splice(0).map((w) => w.stop()));
    work.cleanup();
  });

  it('converges three containers, brings back one removed by hand and replaces one stopped by hand', async () => {
    work.write('specs/web.yaml', containerSpec('web'));

    const first = await tend(work.dir, ['apply']);
    const made = (await running(engine(), 'web')).map((c) => c.id);
    const [removed, stopped] = made as [string, string];
    engine().podman(['rm', '--force', '--time', '0', removed]);
    engine().podman(['stop', '--time', '1', stopped]);
    const drift = await tend(work.dir, ['drift', '--json']);
    const healed = await tend(work.dir, ['apply']);

    expect(first.code).toBe(0);
    expect(made).toHaveLength(3);
    expect(drift.code).toBe(2);
    expect(groupsOf(drift.stdout)[0]?.drift).toMatchObject({ missing: 1, unhealthy: 1, stale: 0 });
    expect(healed.code).toBe(0);
    const now = (await running(engine(), 'web')).map((c) => c.id);
    expect(now).toHaveLength(3);
    expect(now).not.toContain(removed);
    expect(now).not.toContain(stopped);
    expect((await containers(engine())).map((c) => c.id)).not.toContain(stopped);
  });

  it('rolls an Env change out one container at a time, and a second apply has nothing to do', async () => {
    work.write('specs/web.yaml', containerSpec('web'));
    await tend(work.dir, ['apply']);
    const before = (await running(engine(), 'web')).map((c) => c.id);

    work.write('specs/web.yaml', containerSpec('web', { env: ['A=2'] }));
    const plan = await tend(work.dir, ['plan', '--json']);
    const applied = await tend(work.dir, ['apply']);
    const again = await tend(work.dir, ['plan', '--json']);

    expect(groupsOf(plan.stdout)[0]?.actions.map((a) => [a.op, a.reason])).toEqual([
      ['replace', 'stale'],
      ['replace', 'stale'],
      ['replace', 'stale'],
    ]);
    expect(applied.code).toBe(0);
    const after = await running(engine(), 'web');
    expect(after).toHaveLength(3);
    expect(after.map((c) => c.id).filter((id) => before.includes(id))).toEqual([]);
    const env = engine().podman(['inspect', '--format', '{{json .Config.Env}}', after[0]!.id]);
    expect(env).toContain('A=2');
    expect(again.code).toBe(0);
  });

  it('never touches a container without tend.group, not even with --prune, while it prunes an orphan group', async () => {
    work.write('specs/web.yaml', containerSpec('web', { size: 1 }));
    work.write('specs/old.yaml', containerSpec('old', { size: 1 }));
    await tend(work.dir, ['apply']);
    const foreign = engine()
      .podman(['run', '-d', '--name', 'someone-else', '--label', 'team=web', '--network', 'none', engine().image, 'sleep', '600'])
      .slice(0, 12);
    rmSync(path.join(work.dir, 'specs/old.yaml'));

    const pruned = await tend(work.dir, ['apply', '--prune']);

    expect(pruned.code).toBe(0);
    expect(await running(engine(), 'old')).toEqual([]);
    expect(await running(engine(), 'web')).toHaveLength(1);
    expect((await containers(engine())).find((c) => c.id === foreign)?.state).toBe('running');
  });

  it('names pets by logical ID and runs the flavor Init in each; a foreign container holding a name fails that group, naming it', async () => {
    work.write('specs/db.yaml', containerSpec('db', { logicalIds: ['db-a', 'db-b'], init: ['echo ready > /tmp/ready'] }));
    engine().podman(['run', '-d', '--name', 'cache-a', '--network', 'none', engine().image, 'sleep', '600']);
    work.write('specs/cache.yaml', containerSpec('cache', { logicalIds: ['cache-a'] }));

    const applied = await tend(work.dir, ['apply', '--json']);

    const pets = (await running(engine(), 'db')).map((c) => c.name).sort();
    expect(pets).toEqual(['db-a', 'db-b']);
    expect(engine().podman(['exec', 'db-a', 'cat', '/tmp/ready'])).toBe('ready\n');
    const outcomes = Object.fromEntries(groupsOf(applied.stdout).map((g) => [g.id, g.outcome]));
    expect(outcomes).toEqual({ cache: 'failed', db: 'converged' });
    expect(applied.stdout).toMatch(/container name \\"cache-a\\" is held by container [0-9a-f]{12}/);
  });

  it('places a Config problem at its file, line and column, and creates nothing', async () => {
    work.write('specs/web.yaml', containerSpec('web').replace('StopTimeout: 1', 'StopTimeout: soon'));

    const result = await tend(work.dir, ['apply']);

    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/specs\/web\.yaml:11:9 +SPEC_PLUGIN_REJECTED .*StopTimeout: .*must be an integer/);
    expect(await containers(engine())).toEqual([]);
  });

  it('fails only the groups on an engine that is down, naming the plugin and its host, within its timeout', async () => {
    work.write(
      'tend.config.yaml',
      runnerConfig(engine().host, `  instance-gone: {type: docker, host: "unix://${work.dir}/no-engine.sock", timeout: 2s}\n`),
    );
    work.write('specs/web.yaml', containerSpec('web', { size: 1 }));
    work.write('specs/away.yaml', containerSpec('away', { size: 1, plugin: 'instance-gone' }));

    const applied = await runTend(work.dir, ['apply', '--json']);

    // Ended by itself: a run waiting on the missing engine past its 2 s timeout would be killed at 20 s, without a code.
    expect(applied.code).toBe(1);
    const groups = Object.fromEntries(groupsOf(applied.stdout).map((g) => [g.id, g]));
    expect(groups.web?.outcome).toBe('converged');
    expect(groups.away?.outcome).toBe('failed');
    expect(JSON.stringify(groups.away?.error)).toMatch(
      /instance-gone: describeInstances: engine at unix:\/\/.*no-engine\.sock is unreachable/,
    );
    expect(await running(engine(), 'web')).toHaveLength(1);
  });

  it('tend watch heals a container removed by hand from engine events, well before its 30 s interval', async () => {
    work.write('specs/web.yaml', containerSpec('web'));
    // In this process: the engine's events are what is tested, not the watcher's process.
    const w = await watchHere(work.dir, { flags: { specs: 'specs', interval: 30_000, driftSchedule: 'off' } });
    watchers.push(w);
    await w.waitFor(/applied .*1 of 1 group converged/, 30_000);
    const [removed] = (await running(engine(), 'web')).map((c) => c.id) as [string];
    const ticked = status(work.dir).runs.tick?.at;

    engine().podman(['rm', '--force', '--time', '0', removed]);
    await w.waitFor(/web: 1 missing → converged/);

    const now = (await running(engine(), 'web')).map((c) => c.id);
    expect(now).toHaveLength(3);
    expect(now).not.toContain(removed);
    // Healed on the engine's event: no tick has run since the first one.
    expect(status(work.dir).runs.tick?.at).toBe(ticked);
  });
});
