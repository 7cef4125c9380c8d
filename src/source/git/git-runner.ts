import { randomUUID } from 'node:crypto';
import { CALL_MARK, endStragglers } from './end-stragglers.js';
import type { GitEnv } from './git-env.js';
import { gitBinary } from './own-session.js';

/** Why a git child did not do its job; its text is raw git output, to be redacted before anyone sees it. */
export class GitFailure extends Error {
  constructor(
    /** The git command, e.g. `fetch`. */
    readonly command: string,
    /** exit: git said no (the text is its stderr); timeout: killed at the deadline; refused: simple-git's guards refused the call. */
    readonly reason: 'exit' | 'timeout' | 'refused',
    text: string,
  ) {
    super(text);
    this.name = 'GitFailure';
  }
}

/**
 * Runs git through simple-git, in tend's own bare mirror only (never in the user's repository), with
 * hooks off, the environment of `gitEnv`, in a session of its own (see gitBinary), and a deadline.
 * Output is collected as bytes: file names in a tree and blob contents need not be UTF-8.
 */
export class GitRunner {
  readonly #binary: ReturnType<typeof gitBinary>;

  constructor(private readonly gitEnv: GitEnv) {
    this.#binary = gitBinary(gitEnv.env.PATH);
  }

  /** Runs `git <args>` in `cwd` and resolves with its stdout; rejects with a GitFailure. */
  async run(cwd: string, args: string[], signal: AbortSignal, input?: string): Promise<Buffer> {
    const { simpleGit } = await import('simple-git');
    const mark = randomUUID();
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const git = simpleGit({
      baseDir: cwd,
      binary: this.#binary,
      abort: signal,
      // The mirror has no hooks of its own; this also overrules a hooksPath in the user's global config.
      config: ['core.hooksPath=/dev/null'],
      allowEnvironment: this.gitEnv.allowEnvironment,
      unsafe: { ...this.gitEnv.unsafe, allowUnsafeHooksPath: true },
      input: () => input,
      // simple-git treats a failure that printed nothing as a success; tend does not.
      errors: (error, result) => (error === undefined && result.exitCode !== 0 ? Buffer.from(`git exited with ${result.exitCode}`) : error),
    })
      .env({ ...this.gitEnv.env, [CALL_MARK]: mark })
      .outputHandler((_command, out, err) => {
        out.on('data', (chunk: Buffer) => stdout.push(chunk));
        err.on('data', (chunk: Buffer) => stderr.push(chunk));
      });
    try {
      // cat-file has simple-git's one task that answers in bytes: a megabyte of blobs is not decoded as text only to be dropped.
      if (args[0] === 'cat-file') return (await git.binaryCatFile(args.slice(1))) as Buffer;
      await git.raw(args);
    } catch (err) {
      const failed = failure(args[0] ?? '', err, Buffer.concat(stderr).toString('utf8'), signal);
      if (failed.reason === 'timeout') endStragglers(mark);
      throw failed;
    }
    return Buffer.concat(stdout);
  }
}

function failure(command: string, err: unknown, stderr: string, signal: AbortSignal): GitFailure {
  const plugin = err instanceof Error && 'plugin' in err ? err.plugin : undefined;
  if (signal.aborted || plugin === 'abort' || plugin === 'timeout') return new GitFailure(command, 'timeout', stderr);
  if (plugin !== undefined) return new GitFailure(command, 'refused', err instanceof Error ? err.message : String(err));
  return new GitFailure(command, 'exit', stderr.trim() === '' && err instanceof Error ? err.message : stderr);
}
