import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { reconcileOnce } from '../../src/pipeline/reconcile-once.js';
import { destroyGroup } from '../../src/pipeline/destroy-group.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { until } from '../helpers/until.js';
import { CallGate } from '../helpers/call-gate.js';
import { PLANNING, SETTINGS, pipelineWorld } from '../helpers/pipeline-world.js';

/** Proper-lockfile refreshes at most once a second; a lock whose folder is removed is lost at the next refresh. */
const FAST_LOCK = { staleMs: 2000, updateMs: 1000 };
/** How many changes the pipeline makes at once (SETTINGS.concurrency): a group larger than that cannot finish while they are held. */
const IN_FLIGHT = SETTINGS.concurrency;
const SIZE = IN_FLIGHT + 1;

describe('the pipeline and the apply lock', () => {
  let world: Awaited<ReturnType<typeof pipelineWorld>>;
  const instances = (): string[] => {
    const folder = path.join(world.stateDir, 'instances');
    return existsSync(folder) ? readdirSync(folder).filter((f) => !f.startsWith('.')) : [];
  };
  const takeLockAway = (): void => rmSync(path.join(world.stateDir, 'apply.lock'), { recursive: true, force: true });
  const lost = (): boolean => world.lines.some((l) => l.startsWith('error: lost the apply lock'));
  let gate: CallGate;

  beforeEach(() => {
    gate = new CallGate();
  });

  afterEach(() => {
    gate.open();
    world.cleanup();
  });

  it('stops an apply that loses its lock, and says the unfinished groups were interrupted', async () => {
    world = await pipelineWorld({ gate, timing: FAST_LOCK });
    world.writeSpec('web.yaml', cattleYaml('web', SIZE));
    gate.hold();

    const applying = reconcileOnce(world.ports, PLANNING, SETTINGS);
    await gate.held(IN_FLIGHT);
    takeLockAway();
    await until(lost, 10_000);
    gate.open();
    const result = await applying;

    expect(result).toMatchObject({ kind: 'applied', stopped: { code: 'LOCK_LOST' } });
    expect(result.kind === 'applied' && result.plan.groups[0]?.outcome).toBe('interrupted');
    expect(instances()).toHaveLength(IN_FLIGHT);
  });

  it('stops a destroy that loses its lock', async () => {
    world = await pipelineWorld({ gate, timing: FAST_LOCK });
    world.writeSpec('old.yaml', cattleYaml('old', SIZE));
    await reconcileOnce(world.ports, PLANNING, SETTINGS);
    const options = { force: true, shard: null, budget: PLANNING.policy };
    gate.hold();

    const destroying = destroyGroup(world.ports, 'old', options, SETTINGS);
    await gate.held(IN_FLIGHT);
    takeLockAway();
    await until(lost, 10_000);
    gate.open();
    const result = await destroying;

    expect(result).toMatchObject({ kind: 'destroyed', total: SIZE, stopped: { code: 'LOCK_LOST' } });
    expect(instances()).toHaveLength(SIZE - IN_FLIGHT);
  });

  it('refuses to start while another run holds the lock, changing nothing', async () => {
    world = await pipelineWorld();
    world.writeSpec('web.yaml', cattleYaml('web', 3));
    const release = await world.ports.lock.acquire(() => undefined);

    const result = await reconcileOnce(world.ports, PLANNING, SETTINGS);
    await release();

    expect(result).toMatchObject({ kind: 'failed', error: { code: 'LOCKED', transient: true } });
    expect(instances()).toEqual([]);
  });

  it('marks every group interrupted when stopped before any change, and releases the lock', async () => {
    world = await pipelineWorld();
    world.writeSpec('web.yaml', cattleYaml('web', 3));
    world.stop();

    const result = await reconcileOnce(world.ports, PLANNING, SETTINGS);

    expect(result).toMatchObject({ kind: 'applied', stopped: { code: 'INTERRUPTED' } });
    expect(result.kind === 'applied' && result.plan.groups[0]).toMatchObject({
      outcome: 'interrupted',
      outcomeError: { code: 'INTERRUPTED', message: 'interrupted before any change', transient: true },
    });
    expect(instances()).toEqual([]);
    expect(existsSync(path.join(world.stateDir, 'apply.lock'))).toBe(false);
  });
});
