import type { Logger } from '../log.js';
import type { Reporter, RunEvent } from '../pipeline/reporter.js';
import type { RunResult } from '../pipeline/results.js';
import { planJson } from '../report/plan-json.js';
import { blockedLine, planText, type Phrasing } from '../report/plan-text.js';
import type { Revision } from '../source/spec-source.js';
import { reportFailure } from './failure.js';
import { print, type CliIo } from './io.js';
import { progressReporter } from './progress.js';

/**
 * The CLI's reporter: progress lines per group while a run goes (on a terminal), then, once it is
 * over, the plan in words (`phrasing`) or, with `json`, the one JSON object of docs/commands.md: JSON output;
 * a failure as problem lines and an error line (and as JSON with `json`).
 */
export function consoleReporter(io: CliIo, log: Logger, options: { json: boolean; phrasing: Phrasing }): Reporter {
  const progress = progressReporter(io.err);
  return {
    report(event: RunEvent): void {
      if (event.kind === 'progress') progress?.(event.group, event.message);
      else if (event.kind === 'finished') render(io, log, options, event.result);
    },
  };
}

function render(io: CliIo, log: Logger, { json, phrasing }: { json: boolean; phrasing: Phrasing }, result: RunResult): void {
  if (result.kind === 'failed') {
    reportFailure(io, log, json, result.error, result.problems);
    return;
  }
  const { plan } = result;
  const said = result.kind === 'blocked' ? 'plan' : phrasing;
  print(io.out, json ? planJson(result) : `${revisionLine(result.revision)}${planText(result, said)}`);
  // The text form ends with the blocked line already; JSON readers still get it on stderr.
  if (result.kind === 'blocked' && json && plan.blocked) print(io.err, blockedLine(plan.blocked));
  if (result.kind !== 'applied') return;
  for (const o of result.plan.orphans) {
    if (o.outcomeError) log.error(`prune of ${o.group}: ${o.outcomeError.message}`, { code: o.outcomeError.code });
  }
}

/** `Revision 9f1c2ab0e4d1 (refs/heads/main) of …`, first in the text summary of specs read from a commit. */
function revisionLine(revision: Revision): string {
  if (revision.sha === null) return '';
  const ref = revision.ref === null ? '' : ` (${revision.ref.replace(/^refs\/(heads|tags)\//, '')})`;
  return `Revision ${revision.sha.slice(0, 12)}${ref}: ${revision.label}\n\n`;
}
