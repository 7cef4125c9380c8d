// How long a watcher takes to heal: shared by the heal-by-events row (bench/steps-watch.mjs) and
// the heal-by-poll row (bench/watch-probe.mjs).
import { rmSync, watch } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Deletes the instance file `name` from `instances` and resolves with the ms until a new file of its group appears. */
export function healTime(instances, name) {
  const group = name.slice(0, name.lastIndexOf('-') + 1);
  return new Promise((resolve) => {
    const watcher = watch(instances, (_event, file) => {
      if (typeof file === 'string' && file.startsWith(group) && file !== name && !file.startsWith('.')) {
        watcher.close();
        resolve(performance.now() - started);
      }
    });
    const started = performance.now();
    rmSync(path.join(instances, name));
  });
}
