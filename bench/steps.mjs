// The measured sequence: floors and tend steps in one run, each step checked for what it did.
// A floor is measured alternately with the steps compared with it (ABBA order), so that both
// see the same disk: file creation on a virtual disk can vary several-fold from minute to minute.
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { driftTotals, expectDrift, expectExit, expectFileCount, expectSummary, planOf, StepError } from './checks.mjs';
import { damageInstances, instanceFiles } from './workload.mjs';

// Destroys are only replacements here, which the budget does not count; the limits are lifted anyway
// so a budget default can never turn a bench run into a blocked plan.
export const BUDGET = ['--max-destroy', '1000', '--max-destroy-percent', '100'];

/**
 * Runs every step on `ctx` ({run, cli, here, work, config, instancesDir}) and returns the samples
 * by step and floor name ([{wallMs, rssKiB}]), plus `meta.instanceBytes`. Throws
 * StepError when a step exits or reports other than it should.
 */
export async function steps(ctx) {
  const { run, config } = ctx;
  const samples = { meta: {} };
  const record = (name, result) => (samples[name] ??= []).push({ wallMs: result.wallMs, rssKiB: result.rssKiB });
  const tend = (label, ...args) => run(label, [ctx.cli, ...args]);
  const expectCount = (step, result, expected = config.instances) => {
    const files = JSON.parse(result.stdout).files;
    if (files !== expected) throw new StepError(step, `handled ${files} files, expected ${expected}`, result);
  };

  const nodeStartup = async (i) => {
    const result = await run(`node startup ${i}`, ['-e', '0']);
    expectExit('node startup', result, 0);
    record('node startup', result);
  };
  const tendStartup = async (i) => {
    const result = await tend(`start-up ${i}`, '--version');
    expectExit('start-up', result, 0);
    if (result.stdout !== `${config.version}\n`)
      throw new StepError('start-up', `printed ${JSON.stringify(result.stdout)}, expected version ${config.version}`, result);
    record('start-up', result);
  };
  await alternate(config.startupRuns, nodeStartup, tendStartup);

  await times(config.rounds, async (i) => {
    const result = await tend(`validate ${i}`, 'validate', '--specs', 'specs');
    expectExit('validate', result, 0);
    record('validate', result);
  });

  // Each write is preceded by removing the previous run's 10,000 files, for floor and tend alike.
  const writeDir = path.join(ctx.work, 'write-floor');
  let instanceBytes = 600;
  const firstApply = async (i) => {
    rmSync(ctx.instancesDir, { recursive: true, force: true });
    const result = await tend(`first apply ${i}`, 'apply', '--specs', 'specs', '--json', ...BUDGET);
    expectExit('first apply', result, 0);
    expectSummary('first apply', result, planOf('first apply', result), { create: config.instances, destroy: 0, replace: 0, errors: 0 });
    const files = instanceFiles(ctx.instancesDir);
    expectFileCount('first apply', files, config.instances);
    instanceBytes = Math.round(files.reduce((sum, f) => sum + statSync(path.join(ctx.instancesDir, f)).size, 0) / files.length);
    record('first apply', result);
  };
  const writeFloor = async (i) => {
    rmSync(writeDir, { recursive: true, force: true });
    const args = [path.join(ctx.here, 'floor-write.mjs'), writeDir, String(config.instances), String(instanceBytes)];
    const result = await run(`write floor ${i}`, args);
    expectExit('write floor', result, 0);
    expectCount('write floor', result);
    record('write floor', result);
  };
  // tend goes first so the floor's files are as large as tend's (measured after its first apply).
  await alternate(config.cycles, firstApply, writeFloor);
  rmSync(writeDir, { recursive: true, force: true });
  samples.meta.instanceBytes = instanceBytes;

  const readFloor = async (i) => {
    // What a plan cannot help reading: every spec file and every instance file.
    const result = await run(`read floor ${i}`, [path.join(ctx.here, 'floor-read.mjs'), path.join(ctx.work, 'specs'), ctx.instancesDir]);
    expectExit('read floor', result, 0);
    expectCount('read floor', result, config.groups + config.instances);
    record('read floor', result);
  };
  const noopPlan = async (i) => {
    const result = await tend(`no-op plan ${i}`, 'plan', '--specs', 'specs', '--json', ...BUDGET);
    expectExit('no-op plan', result, 0);
    const plan = planOf('no-op plan', result);
    expectDrift('no-op plan', result, plan, {});
    expectSummary('no-op plan', result, plan, { groups: config.groups, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 });
    record('no-op plan', result);
  };
  await alternate(config.rounds, readFloor, noopPlan);

  // Enough drift checks over the cycles for `rounds` samples in all, at least one per cycle.
  const driftsPerCycle = Math.ceil(config.rounds / config.cycles);
  await times(config.cycles, async (cycle) => {
    damageInstances(ctx.instancesDir, config.damage);
    await times(driftsPerCycle, async (i) => {
      const result = await tend(`drift check ${cycle}.${i}`, 'drift', '--specs', 'specs', '--json');
      expectExit('drift check', result, 2);
      const plan = planOf('drift check', result);
      expectDrift('drift check', result, plan, { missing: config.damage, modified: config.damage });
      expectSummary('drift check', result, plan, { drifted: 2 * config.damage, errors: 0 });
      record('drift check', result);
    });
    const fixed = await tend(`corrective apply ${cycle}`, 'apply', '--specs', 'specs', '--json', ...BUDGET);
    expectExit('corrective apply', fixed, 0);
    expectSummary('corrective apply', fixed, planOf('corrective apply', fixed), {
      create: config.damage,
      replace: config.damage,
      destroy: 0,
      errors: 0,
    });
    record('corrective apply', fixed);
    const after = await tend(`final drift ${cycle} (untimed)`, 'drift', '--specs', 'specs', '--json');
    expectExit('final drift', after, 0);
    const left = driftTotals(planOf('final drift', after));
    if (Object.values(left).some((n) => n > 0))
      throw new StepError('final drift', `drift left after apply: ${JSON.stringify(left)}`, after);
    expectFileCount('corrective apply', instanceFiles(ctx.instancesDir), config.instances);
  });

  return samples;
}

export async function times(n, body) {
  for (let i = 1; i <= n; i += 1) await body(i);
}

/** Runs `a` and `b` n times each in ABBA order (a b, b a, a b, …), so slow drift hits both alike. */
export async function alternate(n, a, b) {
  for (let i = 1; i <= n; i += 1) {
    const [first, second] = i % 2 === 1 ? [a, b] : [b, a];
    await first(i);
    await second(i);
  }
}
