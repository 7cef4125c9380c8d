import { TendError } from '../../src/errors.js';
import type { ApplyLock, ChangePorts } from '../../src/pipeline/ports.js';
import { planOnce, reconcileOnce } from '../../src/pipeline/reconcile-once.js';
import type { RunEvent } from '../../src/pipeline/reporter.js';
import type { Revision, SpecSource } from '../../src/source/spec-source.js';
import { memoryWorld } from '../helpers/memory-plugins.js';
import { recordingLogger } from '../helpers/pipeline-world.js';

const PLANNING = { policy: { maxDestroy: 10, maxDestroyPercent: 50, prune: false, mode: 'correct' as const }, concurrency: 2, shard: null };
const SETTINGS = { concurrency: 2, healthTimeoutMs: 1000, healthPollMs: 1 };

function spec(id: string, size: number): string {
  return `ID: ${id}\nProperties:\n  Allocation: {Size: ${size}}\n  Instance: {Plugin: instance-mem}\n  Flavor: {Plugin: flavor-mem}\n`;
}

function revisionOf(files: Record<string, string>, sha: string | null = 'c0ffee'): Revision {
  const specFiles = Object.entries(files).map(([path, content]) => ({ path, content }));
  return { sha, ref: sha === null ? null : 'refs/heads/main', files: specFiles, pathExists: true, label: 'specs' };
}

/** Ports over memory plugins, a source that hands out `revision`, a lock that records its use, and a reporter that records every event. */
function ports(revision: Revision | Error, options: { lockRefused?: boolean } = {}) {
  const world = memoryWorld();
  const events: RunEvent[] = [];
  const lines: string[] = [];
  const lockUse: string[] = [];
  const source: SpecSource = { read: async () => (revision instanceof Error ? Promise.reject(revision) : revision) };
  const lock: ApplyLock = {
    acquire: async () => {
      if (options.lockRefused) throw new TendError('LOCKED', 'another run holds the lock', { transient: true });
      lockUse.push('acquired');
      return async () => void lockUse.push('released');
    },
  };
  const controller = new AbortController();
  const change: ChangePorts = {
    source,
    registry: world.registry,
    log: recordingLogger(lines),
    lock,
    signal: controller.signal,
    reporters: [{ report: (event) => void events.push(event) }],
  };
  return { ...world, ports: change, events, lines, lockUse, stop: () => controller.abort() };
}

describe('reconcileOnce', () => {
  it('tells its reporters the plan, each group’s progress and outcome, then the result, and releases the lock', async () => {
    const world = ports(revisionOf({ 'specs/web.yaml': spec('web', 2) }));

    const result = await reconcileOnce(world.ports, PLANNING, SETTINGS);

    expect(result).toMatchObject({ kind: 'applied', revision: { sha: 'c0ffee' }, stopped: null });
    expect(world.events.map((e) => e.kind)).toEqual(['judged', 'progress', 'progress', 'progress', 'progress', 'outcome', 'finished']);
    expect(world.events.find((e) => e.kind === 'outcome')).toMatchObject({ group: { id: 'web', outcome: 'converged' } });
    expect(world.instances.count('web')).toBe(2);
    expect([...world.instances.instances.values()].map((s) => s.Tags['tend.revision'])).toEqual(['c0ffee', 'c0ffee']);
    expect(world.lockUse).toEqual(['acquired', 'released']);
  });

  it('judges the revision it is given, without reading the source', async () => {
    const world = ports(new Error('the source must not be read'));

    const result = await reconcileOnce(world.ports, PLANNING, SETTINGS, revisionOf({ 'specs/db.yaml': spec('db', 1) }, 'beef'));

    expect(result).toMatchObject({ kind: 'applied', plan: { revision: 'beef', groups: [{ id: 'db', outcome: 'converged' }] } });
  });

  it('refuses a plan over the budget before any change, and says so to its reporters', async () => {
    const world = ports(revisionOf({ 'specs/web.yaml': spec('web', 0) }));
    world.instances.seed('web', 'x', 12);

    const result = await reconcileOnce(world.ports, PLANNING, SETTINGS);

    expect(result).toMatchObject({ kind: 'blocked', plan: { blocked: { destroy: 12, budget: 10 }, groups: [{ outcome: 'blocked' }] } });
    expect(world.events.map((e) => e.kind)).toEqual(['judged', 'finished']);
    expect(world.log.filter((call) => call.startsWith('destroy'))).toEqual([]);
  });

  it('ends with a typed failure for invalid specs, a source that fails and a lock held elsewhere', async () => {
    const invalid = ports(revisionOf({ 'specs/web.yaml': 'ID: web\n' }));
    const unreachable = ports(new TendError('SPECS_NOT_FOUND', 'specs is a file: the spec path names the folder the specs are in'));
    const locked = ports(revisionOf({ 'specs/web.yaml': spec('web', 1) }), { lockRefused: true });

    const results = await Promise.all([invalid, unreachable, locked].map((w) => reconcileOnce(w.ports, PLANNING, SETTINGS)));

    expect(results.map((r) => (r.kind === 'failed' ? [r.error.code, r.error.transient] : r.kind))).toEqual([
      ['SPEC_INVALID', false],
      ['SPECS_NOT_FOUND', false],
      ['LOCKED', true],
    ]);
    for (const w of [invalid, unreachable, locked]) expect(w.events.map((e) => e.kind)).toEqual(['finished']);
    expect(invalid.lockUse).toEqual(['acquired', 'released']);
  });

  it('goes on when a reporter throws, logging it once per event', async () => {
    const world = ports(revisionOf({ 'specs/web.yaml': spec('web', 1) }));
    const failing = { report: () => Promise.reject(new Error('GitHub is down')) };

    const result = await reconcileOnce({ ...world.ports, reporters: [failing, ...world.ports.reporters] }, PLANNING, SETTINGS);

    expect(result.kind).toBe('applied');
    expect(world.events.at(-1)?.kind).toBe('finished');
    expect(world.lines.filter((l) => l.includes('a reporter failed on finished: GitHub is down'))).toHaveLength(1);
  });

  it('starts nothing once stopped, and every group says interrupted', async () => {
    const world = ports(revisionOf({ 'specs/web.yaml': spec('web', 3) }));
    world.stop();

    const result = await reconcileOnce(world.ports, PLANNING, SETTINGS);

    expect(result).toMatchObject({ kind: 'applied', stopped: { code: 'INTERRUPTED' }, plan: { groups: [{ outcome: 'interrupted' }] } });
    expect(world.instances.count('web')).toBe(0);
  });
});

describe('planOnce', () => {
  it('judges and reports without taking the lock or changing anything', async () => {
    const world = ports(revisionOf({ 'specs/web.yaml': spec('web', 2) }, null));

    const result = await planOnce(world.ports, PLANNING);

    expect(result).toMatchObject({ kind: 'planned', plan: { revision: null, summary: { create: 2 } } });
    expect(world.events.map((e) => e.kind)).toEqual(['judged', 'finished']);
    expect(world.lockUse).toEqual([]);
    expect(world.instances.count('web')).toBe(0);
  });
});

describe('the judged event', () => {
  it('says where each group of the plan starts, for reporters that point at its spec', async () => {
    const world = ports(revisionOf({ 'specs/web.yaml': spec('web', 1), 'specs/all.yaml': `${spec('db', 1)}---\n${spec('cache', 1)}` }));

    await planOnce(world.ports, PLANNING);

    const judged = world.events.find((e) => e.kind === 'judged');
    expect(judged?.kind === 'judged' && Object.fromEntries(judged.places)).toEqual({
      web: { file: 'specs/web.yaml', line: 1, column: 1 },
      db: { file: 'specs/all.yaml', line: 1, column: 1 },
      cache: { file: 'specs/all.yaml', line: 7, column: 1 },
    });
  });
});
