// The RPC rows: 100 groups × 10 = 1,000 instances planned and applied through the file plugin
// served by the plugin kit (examples/plugin-kit/) in a process of its own, over a unix socket, beside
// the same specs through tend's in-process file plugin. The ratio is what the JSON-RPC transport
// costs per call, connections kept alive.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleEntry } from './bundle-entry.mjs';
import { expectDrift, expectExit, expectFileCount, expectSummary, planOf, StepError } from './checks.mjs';
import { alternate, BUDGET } from './steps.mjs';
import { instanceFiles, writeSpecs } from './workload.mjs';

export const RPC_GROUPS = 100;
export const RPC_SIZE = 10;

/**
 * Runs the RPC rows on `ctx` and returns the samples: `rpc apply` and `rpc plan` (through the kit),
 * `local apply` and `local plan` (in process), alternating. The kit process is stopped on every path.
 */
export async function rpcSteps(ctx) {
  const { config } = ctx;
  const instances = RPC_GROUPS * RPC_SIZE;
  const kitDir = path.join(ctx.work, 'rpc-kit');
  const localDir = path.join(ctx.work, 'rpc-local');
  for (const dir of [kitDir, localDir]) writeSpecs(dir, RPC_GROUPS, RPC_SIZE);
  const socket = path.join(kitDir, 'instance-file.sock');
  // The same plugin name in both folders, so the specs are the same files.
  writeFileSync(
    path.join(kitDir, 'tend.config.yaml'),
    `plugins:\n  instance-file: {type: rpc, socket: ${JSON.stringify(socket)}}\n  flavor-vanilla: {type: vanilla}\n`,
  );
  const kitInstances = path.join(kitDir, 'instances');
  const localInstances = path.join(localDir, '.tend', 'instances');

  const kit = await startKit(ctx, socket, kitInstances);
  const samples = { meta: {} };
  const record = (name, result) => (samples[name] ??= []).push({ wallMs: result.wallMs, rssKiB: result.rssKiB });
  const tend = (label, cwd, ...args) => ctx.run(label, [ctx.cli, ...args], { cwd });
  try {
    const apply = (name, cwd, folder) => async (i) => {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      const result = await tend(`${name} ${i}`, cwd, 'apply', '--json', ...BUDGET);
      expectExit(name, result, 0);
      expectSummary(name, result, planOf(name, result), { create: instances, destroy: 0, replace: 0, errors: 0 });
      expectFileCount(name, instanceFiles(folder), instances);
      record(name, result);
    };
    await alternate(config.cycles, apply('local apply', localDir, localInstances), apply('rpc apply', kitDir, kitInstances));

    const plan = (name, cwd) => async (i) => {
      const result = await tend(`${name} ${i}`, cwd, 'plan', '--json', ...BUDGET);
      expectExit(name, result, 0);
      const parsed = planOf(name, result);
      expectDrift(name, result, parsed, {});
      expectSummary(name, result, parsed, { groups: RPC_GROUPS, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 });
      record(name, result);
    };
    await alternate(config.rounds, plan('local plan', localDir), plan('rpc plan', kitDir));
  } finally {
    await kit.stop();
  }
  return samples;
}

/** The kit example, bundled into bench/out/ as its README shows, serving the file plugin on `socket`; resolves once it listens. */
async function startKit(ctx, socket, dir) {
  const bundle = path.join(ctx.here, 'out', 'serve-file-plugin.mjs');
  await bundleEntry(path.join(ctx.here, '../examples/plugin-kit/serve-file-plugin.ts'), bundle);
  const child = spawn(process.execPath, [bundle, '--name', 'instance-file', '--dir', dir, '--socket', socket], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new StepError('kit', 'did not listen within 10 s')), 10_000);
    child.stdout.once('data', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new StepError('kit', `exited with ${code} before listening`));
    });
  });
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
