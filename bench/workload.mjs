// The synthetic repo and the out-of-band damage the bench measures tend against.
import { appendFileSync, mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The group ID for 0-based index `i`: g0001, g0002, … (sorts the same as it counts). */
export function groupId(i) {
  return `g${String(i + 1).padStart(4, '0')}`;
}

/** One group spec in YAML: `size` file instances, a small Properties object, 2 Init lines and a Tag. */
export function groupSpecYaml(id, size) {
  return [
    `ID: ${id}`,
    'Properties:',
    '  Allocation:',
    `    Size: ${size}`,
    '  Instance:',
    '    Plugin: instance-file',
    '    Properties:',
    '      image: nginx:1.27-alpine',
    '      port: 8080',
    `      note: bench group ${id}`,
    '  Flavor:',
    '    Plugin: flavor-vanilla',
    '    Properties:',
    '      Init:',
    `        - echo starting ${id}`,
    '        - nginx -g "daemon off;"',
    '      Tags:',
    '        tier: bench',
    '',
  ].join('\n');
}

/** Writes `groups` spec files `specs/gNNNN.yaml` under `dir`; returns the specs folder. */
export function writeSpecs(dir, groups, size) {
  const specs = path.join(dir, 'specs');
  mkdirSync(specs, { recursive: true });
  for (let i = 0; i < groups; i += 1) {
    const id = groupId(i);
    writeFileSync(path.join(specs, `${id}.yaml`), groupSpecYaml(id, size));
  }
  return specs;
}

/** The instance files in `instancesDir`, sorted; dotfiles (the plugin's temps) left out. */
export function instanceFiles(instancesDir) {
  return readdirSync(instancesDir)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

/**
 * Deletes `count` instance files and appends a line to the body of `count` others, chosen by
 * position in the sorted listing (IDs are random, the rule is not): with n files, file
 * k·n/count is deleted and the one half a stride later edited, k = 0…count-1. With groups of
 * equal size, that is one instance in each of 2·count different groups.
 */
export function damageInstances(instancesDir, count) {
  const files = instanceFiles(instancesDir);
  const stride = Math.floor(files.length / count);
  if (stride < 2) throw new Error(`cannot pick 2×${count} instances out of ${files.length}`);
  const deleted = [];
  const edited = [];
  for (let k = 0; k < count; k += 1) {
    const gone = files[k * stride];
    const changed = files[k * stride + Math.floor(stride / 2)];
    unlinkSync(path.join(instancesDir, gone));
    appendFileSync(path.join(instancesDir, changed), 'echo edited by hand\n');
    deleted.push(gone);
    edited.push(changed);
  }
  return { deleted, edited };
}
