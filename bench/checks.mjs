// What each measured step must have done; a step that did something else makes its timing
// meaningless, so these throw and the bench stops.

/** Thrown when a step did not do what it should; carries the child's output tail for the reader. */
export class StepError extends Error {
  constructor(step, message, result) {
    const tail = result ? `\n--- stderr (tail) ---\n${tailOf(result.stderr)}\n--- stdout (tail) ---\n${tailOf(result.stdout)}` : '';
    super(`${step}: ${message}${tail}`);
    this.name = 'StepError';
  }
}

function tailOf(text, lines = 15) {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n') || '(empty)';
}

/** Throws unless the child ended by itself with exit code `expected`. */
export function expectExit(step, result, expected) {
  if (result.timedOut) throw new StepError(step, `timed out after ${Math.round(result.wallMs)} ms (killed)`, result);
  if (result.code !== expected) {
    const how = result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`;
    throw new StepError(step, `${how}, expected ${expected}`, result);
  }
}

/** The docs/commands.md: JSON output and Safety plan object a `--json` run printed; throws when stdout is not that. */
export function planOf(step, result) {
  try {
    const plan = JSON.parse(result.stdout);
    if (!Array.isArray(plan.groups) || typeof plan.summary !== 'object') throw new Error('no groups or summary');
    return plan;
  } catch (err) {
    throw new StepError(step, `stdout is not the plan JSON (${err.message})`, result);
  }
}

/** Sums every group's drift counts, by kind. */
export function driftTotals(plan) {
  const totals = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };
  for (const group of plan.groups) {
    for (const [kind, n] of Object.entries(group.drift ?? {})) totals[kind] = (totals[kind] ?? 0) + n;
  }
  return totals;
}

/** Throws unless the plan has exactly the drift in `expected` (kinds not named must be 0) and no orphans. */
export function expectDrift(step, result, plan, expected) {
  const totals = driftTotals(plan);
  const wrong = Object.entries(totals).filter(([kind, n]) => n !== (expected[kind] ?? 0));
  if (wrong.length > 0) {
    const want = JSON.stringify({ ...Object.fromEntries(Object.keys(totals).map((k) => [k, 0])), ...expected });
    throw new StepError(step, `drift ${JSON.stringify(totals)}, expected ${want}`, result);
  }
  if ((plan.orphans ?? []).length > 0) throw new StepError(step, `unexpected orphans ${JSON.stringify(plan.orphans)}`, result);
  if (plan.blocked) throw new StepError(step, `plan blocked: ${JSON.stringify(plan.blocked)}`, result);
}

/** Throws unless a run's summary holds the given counts (e.g. `{groups: 1000, drifted: 200}`). */
export function expectSummary(step, result, plan, expected) {
  for (const [key, n] of Object.entries(expected)) {
    if (plan.summary[key] !== n) {
      throw new StepError(step, `summary.${key} is ${plan.summary[key]}, expected ${n}`, result);
    }
  }
}

/** Throws unless the instance folder holds exactly `expected` files. */
export function expectFileCount(step, files, expected) {
  if (files.length !== expected) throw new StepError(step, `${files.length} instance files, expected ${expected}`);
}
