import { TendError, errorMessage } from '../errors.js';
import { problemFields, type Problem } from '../problem.js';

/** What went wrong, as every `--json` command prints it on failure: its stable code and the words for people. */
export interface FailureReason {
  code: string;
  message: string;
}

/**
 * The one JSON object a `--json` command prints when it cannot produce its result (docs/commands.md: JSON
 * output): `{"error": {"code", "message"}, "problems": [{file, line, column, code, path, message}]}`,
 * `problems` empty unless spec or config problems are the cause.
 */
export function failureJson(error: FailureReason, problems: readonly Problem[] = []): string {
  return JSON.stringify({ error: { code: error.code, message: error.message }, problems: problems.map(problemFields) }, null, 2);
}

/** What went wrong, for any driver's one catch: a TendError keeps its code, an operating system's error its own (`EACCES`), anything else is a bug. */
export function failureReason(err: unknown): FailureReason {
  if (err instanceof TendError) return { code: err.code, message: err.message };
  // An error from the operating system (permission denied, no space left, …) is the user's to fix, not a bug.
  if (isSystemError(err)) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: `${errorMessage(err)} (this is a bug in tend; please report it)` };
}

function isSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return (
    err instanceof Error &&
    typeof (err as NodeJS.ErrnoException).code === 'string' &&
    typeof (err as NodeJS.ErrnoException).syscall === 'string'
  );
}
