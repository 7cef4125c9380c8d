import { problemFields, type Problem } from '../problem.js';

/** What went wrong, as every `--json` command prints it on failure: its stable code and the words for people. */
export interface FailureReason {
  code: string;
  message: string;
}

/**
 * The one JSON object a `--json` command prints when it cannot produce its result (README: JSON
 * output): `{"error": {"code", "message"}, "problems": [{file, line, column, code, path, message}]}`,
 * `problems` empty unless spec or config problems are the cause.
 */
export function failureJson(error: FailureReason, problems: readonly Problem[] = []): string {
  return JSON.stringify({ error: { code: error.code, message: error.message }, problems: problems.map(problemFields) }, null, 2);
}
