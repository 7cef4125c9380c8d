// What bench/watch-probe.mjs loads of tend, bundled from src/ by the bench (bench/out/watch.mjs):
// the watcher's parts, so that a tick can be timed in one process with nothing else around it.
export { GitSource } from '../src/source/git/git-source.ts';
export { createRegistry } from '../src/plugins/registry.ts';
export { createSpecCache } from '../src/group-spec/spec-cache.ts';
export { HeadReader } from '../src/watch/head-reader.ts';
export { WatchState } from '../src/watch/watch-state.ts';
export { TickLoop } from '../src/watch/tick-loop.ts';
export { WatchMetrics } from '../src/watch/watch-metrics.ts';
export { WatchTicks } from '../src/watch/watch-ticks.ts';
export { FolderSource } from '../src/source/folder-source.ts';
