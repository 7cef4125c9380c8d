import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cattleYaml } from '../helpers/spec-text.js';
import { until } from '../helpers/until.js';
import { makeWorkdir, runTend, startTend, type TendRun } from '../helpers/run-tend.js';

const LIFT = ['--max-destroy', '100000', '--max-destroy-percent', '100'];

describe('tend stopped by a signal', () => {
  let work: ReturnType<typeof makeWorkdir>;
  const folder = (): string => path.join(work.dir, '.tend/instances');
  const listing = (): string[] => (existsSync(folder()) ? readdirSync(folder()).filter((f) => !f.startsWith('.')) : []);
  const lockLeft = (): boolean => existsSync(path.join(work.dir, '.tend/apply.lock'));

  /** Starts `tend args`, sends `signal` once `started` holds, and returns the run. */
  async function interrupt(args: string[], started: () => boolean, signal: NodeJS.Signals = 'SIGINT'): Promise<TendRun> {
    const { child, done } = startTend(work.dir, args, { timeoutMs: 60_000 });
    await until(started);
    child.kill(signal);
    return done;
  }

  beforeEach(() => {
    work = makeWorkdir();
  });

  afterEach(() => work.cleanup());

  it('stops creating on Ctrl-C, says so, releases the lock, and leaves the rest to the next apply', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 8000));

    const stopped = await interrupt(['apply', '--json'], () => listing().length > 0);
    const made = listing().length;

    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('SIGINT: finishing the calls in flight');
    expect(JSON.parse(stopped.stdout)).toMatchObject({ groups: [{ id: 'web', outcome: 'interrupted' }] });
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(8000);
    expect(lockLeft()).toBe(false);

    const resumed = await runTend(work.dir, ['apply'], { timeoutMs: 60_000 });

    expect(resumed.code).toBe(0);
    expect(listing()).toHaveLength(8000);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('stops a rolling replacement on %s between batches, never saying converged', async (signal) => {
    work.write('specs/web.yaml', cattleYaml('web', 3000));
    await runTend(work.dir, ['apply'], { timeoutMs: 60_000 });
    const before = new Set(listing());
    work.write('specs/web.yaml', cattleYaml('web', 3000, { note: 'v2' }));

    const stopped = await interrupt(['apply'], () => listing().some((f) => !before.has(f)), signal);
    const replaced = listing().filter((f) => !before.has(f)).length;

    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/web .*→ interrupted after \d+ of 3000 replacements/);
    expect(stopped.stdout).toContain('Apply interrupted: 1 interrupted');
    expect(stopped.stdout).not.toContain('converged');
    expect(replaced).toBeGreaterThan(0);
    expect(replaced).toBeLessThan(3000);
    expect(listing()).toHaveLength(3000);
    expect(lockLeft()).toBe(false);

    const resumed = await runTend(work.dir, ['apply'], { timeoutMs: 60_000 });

    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`planned 0 creates, ${3000 - replaced} replacements`);
  });

  it('stops destroying extras on Ctrl-C', async () => {
    // Destroying is the quickest step: enough of them that the signal lands before the last, even on a loaded machine.
    work.write('specs/web.yaml', cattleYaml('web', 10_000));
    await runTend(work.dir, ['apply'], { timeoutMs: 60_000 });
    work.write('specs/web.yaml', cattleYaml('web', 0));

    const stopped = await interrupt(['apply', ...LIFT], () => listing().length < 10_000);

    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/→ interrupted: stopped after destroying \d+ of 10000: interrupted/);
    expect(listing().length).toBeGreaterThan(0);
    expect(lockLeft()).toBe(false);
  });

  it('stops a prune on Ctrl-C and says which orphans were left', async () => {
    work.write('specs/old.yaml', cattleYaml('old', 3000));
    work.write('specs/web.yaml', cattleYaml('web', 1));
    await runTend(work.dir, ['apply'], { timeoutMs: 60_000 });
    work.write('specs/old.yaml', '');

    const stopped = await interrupt(['apply', '--prune', '--json', ...LIFT], () => listing().length < 3001);

    expect(stopped.code).toBe(1);
    const { orphans } = JSON.parse(stopped.stdout) as { orphans: Array<Record<string, unknown>> };
    expect(orphans).toMatchObject([{ group: 'old', action: 'destroy', outcome: 'interrupted' }]);
    expect(orphans[0]?.error).toMatch(/interrupted after destroying \d+ of 3000/);
    expect(listing().length).toBeGreaterThan(1);
    expect(lockLeft()).toBe(false);
  });

  it('stops `tend destroy GROUP` on SIGTERM and counts what is left', async () => {
    work.write('specs/old.yaml', cattleYaml('old', 3000));
    await runTend(work.dir, ['apply'], { timeoutMs: 60_000 });

    const stopped = await interrupt(['destroy', 'old', '--force'], () => listing().length < 3000, 'SIGTERM');
    const left = listing().length;

    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(new RegExp(`Destroyed ${3000 - left} of 3000 instances of group old \\(interrupted\\)\\.`));
    expect(left).toBeGreaterThan(0);
    expect(lockLeft()).toBe(false);
  });
});
