// The spec cache's row: a watcher-like loop of 1,000 commits, each changing 10 of the workload's
// spec files, in one process (bench/spec-cache-probe.mjs): the heap kept after the last commit
// against the heap kept after the first 100, so that a cache growing with every blob shows as a ratio.
import path from 'node:path';
import { bundleEntry } from './bundle-entry.mjs';
import { expectExit } from './checks.mjs';

export const SPEC_CACHE_COMMITS = 1000;
export const SPEC_CACHE_CHANGED = 10;

/** Runs the probe and returns its samples (name → [{wallMs, rssKiB}]) and `meta.specCache`. */
export async function specCacheSteps(ctx) {
  const { config } = ctx;
  const bundle = path.join(ctx.here, 'out', 'spec-cache.mjs');
  await bundleEntry(path.join(ctx.here, 'spec-cache-entry.mjs'), bundle);
  const args = [String(config.groups), String(SPEC_CACHE_COMMITS), String(SPEC_CACHE_CHANGED)];
  const probe = await ctx.run('spec cache probe', ['--expose-gc', path.join(ctx.here, 'spec-cache-probe.mjs'), bundle, ...args], {
    timeoutMs: config.timeoutMs * 5,
  });
  expectExit('spec cache probe', probe, 0);
  const found = JSON.parse(probe.stdout);
  const round = (mb) => Math.round(mb * 10) / 10;
  process.stderr.write(
    `  spec cache over ${SPEC_CACHE_COMMITS} commits × ${SPEC_CACHE_CHANGED} files: heap in use (MB) ${found.heapMB.map(round).join(' → ')}, files kept ${found.cacheFiles.join(' → ')}, ${round(found.msPerCommit)} ms per commit\n`,
  );
  return {
    'spec cache heap MB, commit 100': [{ wallMs: found.heapMB[0], rssKiB: null }],
    'spec cache heap MB, last commit': [{ wallMs: found.heapMB[1], rssKiB: null }],
    meta: { specCache: { heapMB: found.heapMB.map(round), files: found.cacheFiles, msPerCommit: round(found.msPerCommit) } },
  };
}
