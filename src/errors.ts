import type { Problem } from './problem.js';

/** Stable error codes; callers branch on `code`, never on message text. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'SPEC_INVALID'
  | 'SPEC_PATH_MISSING'
  | 'SPECS_NOT_FOUND'
  | 'GIT_REF_NOT_FOUND'
  | 'GIT_UNREACHABLE'
  | 'GIT_AUTH'
  | 'GIT_NOT_A_REPO'
  | 'GIT_ERROR'
  | 'PLUGIN_NOT_CONFIGURED'
  | PluginErrorCode
  | 'LOCKED'
  | 'LOCK_LOST'
  | 'BLOCKED'
  | 'NOT_IN_SHARD'
  | 'USAGE'
  | 'INTERNAL'
  // Commit statuses (docs/github.md: Commit statuses): reported, never a run's failure.
  | 'GITHUB_AUTH'
  | 'GITHUB_FORBIDDEN'
  | 'GITHUB_LIMIT'
  | 'GITHUB_REJECTED'
  | 'GITHUB_UNREACHABLE'
  | 'GITHUB_RATE_LIMITED'
  | 'GITHUB_NO_COMMIT';

export interface TendErrorOptions {
  cause?: unknown;
  /** True when retrying later may succeed without the input changing. */
  transient?: boolean;
}

/** The one base error of tend: a stable code, a message that says how to fix it, and a cause. */
export class TendError extends Error {
  readonly code: ErrorCode;
  readonly transient: boolean;

  constructor(code: ErrorCode, message: string, options: TendErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'TendError';
    this.code = code;
    this.transient = options.transient ?? false;
  }
}

/** Input that cannot be used as it is, with every problem found in it, each at its file, line and column. */
export class ProblemsError extends TendError {
  readonly problems: readonly Problem[];

  constructor(code: 'CONFIG_INVALID' | 'SPEC_INVALID', message: string, problems: readonly Problem[], options: TendErrorOptions = {}) {
    super(code, message, options);
    this.name = 'ProblemsError';
    this.problems = problems;
  }
}

/**
 * How a plugin call failed: the plugin said no (PLUGIN_ERROR), gave no answer in time
 * (PLUGIN_TIMEOUT, transient), could not be reached or hung up (PLUGIN_UNREACHABLE, transient),
 * said it cannot give an answer now (PLUGIN_UNAVAILABLE, transient: an exec plugin's exit 75),
 * answered something that is not the protocol (PLUGIN_PROTOCOL), or was asked to destroy an
 * instance that is already gone (INSTANCE_GONE: the destroy's goal holds), or was cut short by
 * the caller's signal (INTERRUPTED, transient).
 */
export type PluginErrorCode =
  'PLUGIN_ERROR' | 'PLUGIN_TIMEOUT' | 'PLUGIN_UNREACHABLE' | 'PLUGIN_UNAVAILABLE' | 'PLUGIN_PROTOCOL' | 'INSTANCE_GONE' | 'INTERRUPTED';

export interface PluginErrorOptions extends TendErrorOptions {
  code?: PluginErrorCode;
  /** A rejection of properties: each problem at the key path in the properties it is about. */
  problems?: readonly PropertyProblem[];
}

/** One thing wrong in a plugin's properties, at a key path within them (`["Config", "Cmd", "0"]`). */
export interface PropertyProblem {
  path: readonly string[];
  message: string;
}

/** A plugin call failed; `plugin` is the configured name, `method` the SPI method. */
export class PluginError extends TendError {
  readonly plugin: string;
  readonly method: string;
  readonly problems: readonly PropertyProblem[];

  constructor(plugin: string, method: string, message: string, options: PluginErrorOptions = {}) {
    super(options.code ?? 'PLUGIN_ERROR', `${plugin}: ${method}: ${message}`, options);
    this.name = 'PluginError';
    this.plugin = plugin;
    this.method = method;
    this.problems = options.problems ?? [];
  }
}

/**
 * A failure as outcomes carry it to the last step (docs/commands.md: JSON output): its stable code, its
 * words, and whether retrying later may help without anything changing (a timeout, an unreachable
 * plugin) or not (an invalid spec, a plugin that refuses).
 */
export interface RunError {
  code: string;
  message: string;
  transient: boolean;
}

/** The failure `err` is, as a RunError: a TendError keeps its code, anything else gets `code`. */
export function runError(err: unknown, code: ErrorCode = 'PLUGIN_ERROR'): RunError {
  if (err instanceof TendError) return { code: err.code, message: err.message, transient: err.transient };
  return { code, message: errorMessage(err), transient: false };
}

/** The same failure, said after what led to it: `stopped after creating 3 of 10: …`. */
export function explained(error: RunError, before: string): RunError {
  return { ...error, message: `${before}: ${error.message}` };
}

/** The stop of a run by a signal or a lost lock, at some point: transient, since running again finishes it. */
export function interruption(message: string): RunError {
  return { code: 'INTERRUPTED', message, transient: true };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
