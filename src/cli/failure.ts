import { ProblemsError } from '../errors.js';
import type { Logger } from '../log.js';
import { problemFields, problemLine, type Problem } from '../problem.js';
import { failureJson, failureReason } from '../report/failure-json.js';
import { print, type CliIo } from './io.js';

/**
 * The one place a command's failure becomes words: every problem at its place, then what went
 * wrong and, where tend knows, how to fix it, on stderr; with `--json`, the same as one JSON object
 * on stdout. Returns the exit code, 1.
 */
export function reportFailure(io: CliIo, log: Logger, json: boolean, err: unknown, problems: readonly Problem[] = []): number {
  const all = problems.length > 0 ? problems : err instanceof ProblemsError ? err.problems : [];
  for (const p of all) log.problem(problemLine(p), { ...problemFields(p) });
  const reason = failureReason(err);
  if (all.length > 0) log.problem(reason.message, { code: reason.code });
  else log.error(reason.message, { code: reason.code });
  if (json) print(io.out, failureJson(reason, all));
  return 1;
}
