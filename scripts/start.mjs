// `npm start [-- FLAGS]`: `tend watch` on this repository's own specs/ with the bundled CLI, a tick
// every 2 s, until Ctrl-C. In a clone (a Git repository with a commit) it watches the repository
// itself at its current branch, so that editing a spec and committing it converges; elsewhere (an
// unpacked tarball) it watches the specs/ folder. The bundle is built first only when it is missing
// or something it is built from is newer than it, so a second start is as fast as tend itself.
//
// package.json runs it as `trap : INT; node scripts/start.mjs`. A terminal's Ctrl-C signals npm, the
// shell npm runs the script in, and tend alike; a shell that died of that SIGINT would make npm exit
// 130 whatever tend did. Trapped, the shell waits for tend, which finishes its calls in flight and
// exits 0, and npm exits with tend's code. A second Ctrl-C still stops tend at once (130).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'dist/tend.mjs');
/** What the bundle is made from: a change to any of them makes it stale. */
const SOURCES = [
  'src',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.mjs',
  'scripts/build-page.mjs',
  'scripts/node-bundle.mjs',
];

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

/** The branch HEAD is on, when ROOT is a Git repository with at least one commit; else null. */
function currentBranch() {
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (git(['rev-parse', '--verify', '--quiet', 'HEAD']).status !== 0) return null;
  const branch = git(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return branch.status === 0 ? branch.stdout.trim() : 'HEAD';
}

const branch = currentBranch();
const source = branch === null ? ['--specs', 'specs'] : ['--repo', '.', '--ref', branch, '--path', 'specs'];
process.stderr.write(
  branch === null
    ? 'npm start: watching the specs/ folder (not a Git repository); Ctrl-C stops\n'
    : `npm start: watching specs/ on branch ${branch} of this repository: commit an edit and it converges; Ctrl-C stops\n`,
);
// tend runs in this process rather than a child, so that Ctrl-C and the exit code are its own.
process.chdir(ROOT);
// The status page on a free port of this machine only: its address is in the log (`the status page: http://…`).
process.argv.splice(2, 0, 'watch', ...source, '--interval', '2s', '--metrics-port', '0', '--listen', '127.0.0.1');
await import(pathToFileURL(BUNDLE).href);
