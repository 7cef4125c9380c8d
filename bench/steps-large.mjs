// The large row: a no-op plan over 100,000 file instances (1,000 groups × 100 by default), against
// an absolute time and memory budget, with the read floor over the same files beside it. It works
// in a folder of its own and runs after the other steps, so their figures are untouched by it.
import path from 'node:path';
import { expectDrift, expectExit, expectFileCount, expectSummary, planOf, StepError } from './checks.mjs';
import { alternate, BUDGET } from './steps.mjs';
import { instanceFiles, writeSpecs } from './workload.mjs';

/**
 * Makes the large workload in `ctx.work/large`, converges it with one untimed apply, then measures
 * `plan --json` and the read floor `ctx.config.rounds` times each. Returns the samples
 * (`large plan`, `large read floor`) and `meta.largeApplyMs`, the untimed apply's wall time.
 * Throws StepError when a step exits or reports other than it should.
 */
export async function largeSteps(ctx) {
  const { groups, size, instances } = ctx.config.large;
  const dir = path.join(ctx.work, 'large');
  const instancesDir = path.join(dir, '.tend', 'instances');
  writeSpecs(dir, groups, size);
  const samples = { meta: {} };
  const record = (name, result) => (samples[name] ??= []).push({ wallMs: result.wallMs, rssKiB: result.rssKiB });
  const tend = (label, ...args) => ctx.run(label, [ctx.cli, ...args], { cwd: dir });

  const applied = await tend('large first apply (untimed)', 'apply', '--specs', 'specs', '--json', ...BUDGET);
  expectExit('large first apply', applied, 0);
  expectSummary('large first apply', applied, planOf('large first apply', applied), {
    create: instances,
    destroy: 0,
    replace: 0,
    errors: 0,
  });
  expectFileCount('large first apply', instanceFiles(instancesDir), instances);
  samples.meta.largeApplyMs = applied.wallMs;

  const readFloor = async (i) => {
    const result = await ctx.run(`large read floor ${i}`, [path.join(ctx.here, 'floor-read.mjs'), path.join(dir, 'specs'), instancesDir]);
    expectExit('large read floor', result, 0);
    const { files } = JSON.parse(result.stdout);
    const expected = instances + groups;
    if (files !== expected) throw new StepError('large read floor', `read ${files} files, expected ${expected}`, result);
    record('large read floor', result);
  };
  const plan = async (i) => {
    const result = await tend(`large plan ${i}`, 'plan', '--specs', 'specs', '--json', ...BUDGET);
    expectExit('large plan', result, 0);
    const parsed = planOf('large plan', result);
    expectDrift('large plan', result, parsed, {});
    expectSummary('large plan', result, parsed, { groups, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 });
    record('large plan', result);
  };
  await alternate(ctx.config.rounds, readFloor, plan);
  return samples;
}
