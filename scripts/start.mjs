// `npm start [-- FLAGS]`: `tend apply` on specs/ with the bundled CLI, bundling first only when the
// bundle is missing or something it is built from is newer than it, so a second start is as fast
// as tend itself.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'dist/tend.mjs');
/** What the bundle is made from: a change to any of them makes it stale. */
const SOURCES = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

/** The latest modification time of a file, or of any file under a folder; 0 when it does not exist. */
function newest(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

const built = statSync(BUNDLE, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const changed = SOURCES.find((source) => newest(path.join(ROOT, source)) > built);
if (changed !== undefined) {
  process.stderr.write(built < 0 ? 'building dist/tend.mjs\n' : `rebuilding dist/tend.mjs: ${changed} changed\n`);
  const { status } = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

// tend runs in this process rather than a child, so that Ctrl-C and the exit code are its own.
process.argv.splice(2, 0, 'apply');
await import(pathToFileURL(BUNDLE).href);
