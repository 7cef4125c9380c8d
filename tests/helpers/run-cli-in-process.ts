import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';
import { tendEnv, type TendRun } from './run-tend.js';

/**
 * Runs one command line through the CLI's own entry, in this process, with `cwd` as its working
 * directory and `env` as its whole environment: a test that needs no process of its own (no
 * signal, no exit) saves starting one.
 */
export async function runCliHere(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<TendRun> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await runCli(args, { cwd, out, err, env });
  return { code, stdout, stderr };
}

/**
 * `runTend`'s twin in this process: the same environment as the spawned CLI gets (PATH, HOME the
 * working folder, then `options.env`), so that a test switches between the two by name, keeping
 * the spawned bundle for what only a process shows (signals, exit on a crash, two processes racing).
 */
export function runTendHere(cwd: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<TendRun> {
  return runCliHere(cwd, args, tendEnv(cwd, options.env));
}
