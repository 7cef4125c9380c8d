// `npm test`: the whole suite, as CI runs it. The CLI and the Action are built first (the end-to-end
// tests run dist/tend.mjs and actions/tend/dist/index.mjs); then the type check, the linter, the
// format check and every test run side by side, as none of them needs another's result and the
// tests spend most of their time waiting on the processes, sockets and files they drive. The checks
// run at a lower priority (nice 10): they take the processor when the tests wait, never from them.
// The checks' output is printed as each one ends; the exit code is non-zero if any step failed.
import { spawn } from 'node:child_process';

const npm = 'npm';

/** Runs `npm run script` (under `nice` unless `live`), its output passed through (`live`) or gathered; resolves with its exit code and output. */
function run(script, live) {
  return new Promise((resolve) => {
    const [command, ...args] = live ? [npm, 'run', '--silent', script] : ['nice', '-n', '10', npm, 'run', '--silent', script];
    const child = spawn(command, args, { stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let said = '';
    child.stdout?.on('data', (d) => (said += d));
    child.stderr?.on('data', (d) => (said += d));
    child.on('close', (code, signal) => resolve({ script, code: code ?? (signal ? 1 : 0), said }));
  });
}

for (const script of ['build', 'bundle']) {
  const { code } = await run(script, true);
  if (code !== 0) process.exit(code);
}

const checks = ['typecheck', 'lint', 'format:check'].map((script) =>
  run(script, false).then((result) => {
    const mark = result.code === 0 ? 'passed' : `failed (exit code ${result.code})`;
    process.stderr.write(`\n> npm run ${script}: ${mark}\n${result.said}`);
    return result;
  }),
);
const results = await Promise.all([run('test:all', true), ...checks]);
const failed = results.filter((r) => r.code !== 0).map((r) => r.script);
if (failed.length > 0) {
  process.stderr.write(`\nnpm test: ${failed.join(', ')} failed\n`);
  process.exit(1);
}
