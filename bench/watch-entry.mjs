// What bench/watch-probe.mjs loads of tend, bundled from src/ by the bench (bench/out/watch.mjs):
// the watcher's parts, so that a tick can be timed in one process with nothing else around it.
export { GitSource } from '../src/source/git/git-source.ts';
export { createRegistry } from '../src/plugins/registry.ts';
export { createSpecCache } from '../src/spec/spec-cache.ts';
export { HeadReader } from '../src/run/head-reader.ts';
export { WatchState } from '../src/run/watch-state.ts';
export { TickLoop } from '../src/run/tick-loop.ts';
export { WatchMetrics } from '../src/run/watch-metrics.ts';
export { WatchTicks } from '../src/run/watch-ticks.ts';
export { FolderSource } from '../src/source/folder-source.ts';
