import { spawn } from 'node:child_process';
import { PluginError } from '../../errors.js';
import { callLimit } from '../call-limit.js';
import { INSTANCE_VERSIONS, type CallContext } from '../spi.js';
import { readJson } from '../../read-json.js';
import type { WireCaller } from '../wire/wire-caller.js';
import { writeJson } from '../wire/write-json.js';

export interface ExecOptions {
  name: string;
  /** The program and its first arguments; the method name is added last. */
  command: readonly string[];
  timeoutMs: number;
  /** The whole environment of the program beside PATH: nothing else of tend's is passed on. */
  env: Record<string, string>;
  /** Run the command through /bin/sh (its words joined by spaces, the method as "$1"). */
  shell: boolean;
  /** The PATH the program is given: the run's (/usr/bin:/bin when the run has none). */
  path: string | undefined;
  /** Where the program runs: the run's working directory. */
  cwd: string;
}

/** The most a program may print on stdout (its answer) and what is kept of its stderr (the message). */
const MAX_STDOUT = 64 * 1024 * 1024;
const MAX_STDERR = 16 * 1024;
/** The exit status that says "not a verdict: a temporary failure, try again later" (sysexits.h). */
const EX_TEMPFAIL = 75;

/**
 * A plugin that is a program run once per call (`command… Instance.Provision`), the call's params
 * on stdin and its result on stdout as the JSON-RPC payloads (so a plugin can move between
 * transports); exit 0 with nothing printed is `{}`. A non-zero exit is the plugin's error, its
 * stderr the message, except exit 75 (EX_TEMPFAIL in sysexits.h): no verdict, try again later.
 * Past the deadline the program's whole process group is killed.
 */
export class ExecCaller implements WireCaller {
  readonly name: string;

  constructor(private readonly options: ExecOptions) {
    this.name = options.name;
  }

  async instanceVersion(): Promise<string> {
    return INSTANCE_VERSIONS.at(-1) as string;
  }

  call(method: string, params: unknown, call: CallContext | undefined): Promise<unknown> {
    const { command, shell } = this.options;
    const [program, ...args] = shell ? ['/bin/sh', '-c', `${command.join(' ')} "$@"`, this.name] : command;
    const limit = callLimit(call, this.options.timeoutMs);
    return new Promise<unknown>((resolve, reject) => {
      const child = spawn(program as string, [...args, method], {
        env: { PATH: this.options.path ?? '/usr/bin:/bin', ...this.options.env },
        cwd: this.options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group, so that a timeout kills whatever the program started too.
        detached: true,
      });
      const fail = (err: PluginError): void => {
        killGroup(child.pid);
        reject(err);
      };
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outSize = 0;
      let errSize = 0;
      let failed = false;
      const onAbort = (): void => {
        failed = true;
        fail(limit.error(this.name, method));
      };
      limit.signal.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => {
        outSize += chunk.length;
        if (outSize > MAX_STDOUT && !failed) {
          failed = true;
          fail(new PluginError(this.name, method, `printed more than ${MAX_STDOUT} bytes`, { code: 'PLUGIN_PROTOCOL' }));
        } else out.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (errSize < MAX_STDERR) err.push(chunk.subarray(0, MAX_STDERR - errSize));
        errSize += chunk.length;
      });
      child.stdin.on('error', () => undefined); // A program that exits without reading its input is fine.
      child.on('error', (e: NodeJS.ErrnoException) => {
        if (failed) return;
        failed = true;
        reject(
          new PluginError(this.name, method, `cannot run ${JSON.stringify(program)}: ${e.code ?? e.message}`, {
            code: 'PLUGIN_UNREACHABLE',
          }),
        );
      });
      child.on('close', (code, signal) => {
        limit.signal.removeEventListener('abort', onAbort);
        limit.dispose();
        if (failed) return;
        const stderr = Buffer.concat(err).toString('utf8').trim();
        if (code === EX_TEMPFAIL) {
          const message = stderr === '' ? 'not available now (exit code 75): try again later' : stderr;
          reject(new PluginError(this.name, method, message, { code: 'PLUGIN_UNAVAILABLE', transient: true }));
          return;
        }
        if (code !== 0) {
          const status = code === null ? `killed by ${signal}` : `exit code ${code}`;
          reject(new PluginError(this.name, method, stderr === '' ? status : stderr, { transient: false }));
          return;
        }
        const stdout = Buffer.concat(out).toString('utf8');
        if (stdout.trim() === '') return resolve({});
        try {
          resolve(readJson(stdout));
        } catch {
          reject(
            new PluginError(this.name, method, `printed something that is not JSON: ${JSON.stringify(stdout.slice(0, 120))}`, {
              code: 'PLUGIN_PROTOCOL',
            }),
          );
        }
      });
      child.stdin.end(writeJson(params));
    });
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
