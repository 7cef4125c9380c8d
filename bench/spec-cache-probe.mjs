// The spec cache of a long-running watcher, in one process: a revision of GROUPS spec files (the
// bench's workload), then COMMITS commits that each change CHANGED of them, every revision read
// with loadSpecs through one cache, as the watcher reads commit after commit. Blob ids are the
// SHA-1 of the text, as Git's stand for their content. The heap in use (after a full collection)
// after commit 100 and after the last shows whether the cache grows with every blob it saw.
// Prints one JSON line {heapMB: [after100, afterLast], cacheFiles: [after100, afterLast], msPerCommit}.
// Run with --expose-gc.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { groupId, groupSpecYaml } from './workload.mjs';

const [bundle, groupsText, commitsText, changedText] = process.argv.slice(2);
if (!changedText) throw new Error('usage: node --expose-gc spec-cache-probe.mjs BUNDLE GROUPS COMMITS CHANGED');
const [groups, commits, changed] = [groupsText, commitsText, changedText].map(Number);
const { loadSpecs, createSpecCache } = await import(bundle);

const ctx = { instancePlugins: new Set(['instance-file']), flavorPlugins: new Set(['flavor-vanilla']) };
const file = (i, version) => {
  const id = groupId(i);
  // Each commit gives the files it changes a new size, so each is a blob never seen before.
  const content = groupSpecYaml(id, 1 + (version % 1000));
  return { path: `specs/${id}.yaml`, content, blob: createHash('sha1').update(content).digest('hex') };
};
const files = Array.from({ length: groups }, (_, i) => file(i, 0));
const cache = createSpecCache();
const heapMB = [];
const cacheFiles = [];
const measure = () => {
  globalThis.gc();
  heapMB.push(process.memoryUsage().heapUsed / 1024 / 1024);
  cacheFiles.push(cache.size);
};
const started = performance.now();
for (let commit = 1; commit <= commits; commit++) {
  for (let k = 0; k < changed; k++) {
    const i = (commit * changed + k) % groups;
    files[i] = file(i, commit);
  }
  const read = loadSpecs(files, ctx, cache);
  if (!read.ok || read.groups.length !== groups) {
    process.stderr.write(`commit ${commit}: the specs did not read cleanly\n`);
    process.exit(2);
  }
  if (commit === 100 || commit === commits) measure();
}
const msPerCommit = (performance.now() - started) / commits;
process.stdout.write(`${JSON.stringify({ heapMB, cacheFiles, msPerCommit })}\n`);
