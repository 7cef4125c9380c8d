import { TendError } from '../errors.js';
import { parsePercent, parseWholeNumber } from '../numbers.js';
import { parseShard, type Shard } from '../group-spec/shard.js';

export type ActionCommand = 'plan' | 'apply' | 'drift' | 'validate';
/** Where a run reports beyond the log and the job summary: `github` (commit statuses), or `none`. */
export type ReportTarget = 'github' | 'none';

/** The action's inputs (actions/tend/action.yml), read strictly: a value that cannot be used is an error naming the input. */
export interface ActionInputs {
  command: ActionCommand;
  specs?: string;
  config?: string;
  githubToken: string;
  maxDestroy?: number;
  maxDestroyPercent?: number;
  prune?: boolean;
  shard: Shard | null;
  report: ReportTarget;
  statusContext?: string;
  /** Drift issues for `drift` and `apply` (the config's `github.driftIssues` when not given). */
  driftIssues?: boolean;
}

const COMMANDS: readonly ActionCommand[] = ['plan', 'apply', 'drift', 'validate'];
const REPORTS: readonly ReportTarget[] = ['github', 'none'];

/**
 * Reads every input through `get` (an input's value, '' when not given), collecting every problem
 * before failing: one USAGE error lists them all. An input left empty means the runner config decides.
 */
export function readInputs(get: (name: string) => string): ActionInputs {
  const problems: string[] = [];
  const given = (name: string): string | undefined => get(name).trim() || undefined;
  const parsed = <T>(name: string, parse: (text: string) => T | null, expected: string): T | undefined => {
    const text = given(name);
    if (text === undefined) return undefined;
    const value = parse(text);
    if (value === null) problems.push(`input ${name} is ${JSON.stringify(text)}: expected ${expected}`);
    return value ?? undefined;
  };
  const oneOf =
    <T extends string>(choices: readonly T[]) =>
    (text: string) =>
      choices.includes(text as T) ? (text as T) : null;

  const command = parsed('command', oneOf(COMMANDS), `one of ${COMMANDS.join(', ')}`);
  if (given('command') === undefined) problems.push(`input command is required: one of ${COMMANDS.join(', ')}`);
  const inputs: ActionInputs = {
    command: command ?? 'plan',
    specs: given('specs'),
    config: given('config'),
    githubToken: get('github-token').trim(),
    maxDestroy: parsed('max-destroy', (t) => parseWholeNumber(t), 'a whole number ≥ 0, such as 10'),
    maxDestroyPercent: parsed('max-destroy-percent', parsePercent, 'a percentage from 0 to 100, such as 50'),
    prune: parsed('prune', (t) => (t === 'true' ? true : t === 'false' ? false : null), 'true or false'),
    shard: parsed('shard', (t) => (/^\d+\/\d+$/.test(t) ? parseShard(t) : null), 'K/N with 1 ≤ K ≤ N, such as 2/4') ?? null,
    report: parsed('report', oneOf(REPORTS), `one of ${REPORTS.join(', ')}`) ?? 'github',
    statusContext: given('status-context'),
    driftIssues: parsed('drift-issues', (t) => (t === 'true' ? true : t === 'false' ? false : null), 'true or false'),
  };
  if (problems.length > 0) throw new TendError('USAGE', `${problems.join('; ')} (see the inputs in actions/tend/action.yml)`);
  return inputs;
}
