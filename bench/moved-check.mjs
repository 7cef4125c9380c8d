// "Has the ref moved?", the question a watcher asks every tick, timed inside one process: tend's
// GitSource.resolve() beside a bare `git ls-remote` of the same ref, alternating, `rounds` each.
// Prints {"resolveMs": [...], "lsRemoteMs": [...]}. The Git source is bundled from src/ by the
// bench itself (bench/out/git-source.mjs), as the CLI bundle exports nothing.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const [bundle, url, ref, cacheDir, rounds] = process.argv.slice(2);
if (!rounds) throw new Error('usage: node moved-check.mjs BUNDLE URL REF CACHE_DIR ROUNDS');
const { GitSource } = await import(bundle);
const source = new GitSource({ url, ref, path: 'specs', cacheDir, env: process.env });
const run = promisify(execFile);

const resolveMs = [];
const lsRemoteMs = [];
const timed = async (list, fn) => {
  const started = performance.now();
  await fn();
  list.push(performance.now() - started);
};
for (let i = 0; i < Number(rounds); i += 1) {
  await timed(resolveMs, () => source.resolve());
  await timed(lsRemoteMs, () => run('git', ['ls-remote', '--', url, `refs/heads/${ref}`], { env: process.env }));
}
process.stdout.write(`${JSON.stringify({ resolveMs, lsRemoteMs })}\n`);
