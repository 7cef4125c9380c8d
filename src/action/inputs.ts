import type { InputValues } from '../config/option-shapes.js';
import type { OptionValue, TendOption } from '../config/option-types.js';
import { options, optionNamed } from '../config/options.js';
import { parseDuration } from '../duration.js';
import { TendError } from '../errors.js';
import { parsePercent, parseWholeNumber } from '../numbers.js';
import { parseShard, type Shard } from '../group-spec/shard.js';

export type ActionCommand = 'plan' | 'apply' | 'drift' | 'validate';
/** Where a run reports beyond the log and the job summary: `github` (commit statuses), or `none`. */
export type ReportTarget = 'github' | 'none';

/**
 * The action's inputs (actions/tend/action.yml, the options table's `input`s), read strictly: a
 * value that cannot be used is an error naming the input. Each is named as its option
 * (`max-destroy` is `maxDestroy`); one left empty is absent, and the runner config decides.
 */
export type ActionInputs = Omit<InputValues, 'command' | 'githubToken' | 'report' | 'shard'> & {
  command: ActionCommand;
  githubToken: string;
  report: ReportTarget;
  shard: Shard | null;
};

/**
 * Reads every input through `get` (an input's value, '' when not given), collecting every problem
 * before failing: one USAGE error lists them all. An input left empty means the runner config decides.
 */
export function readInputs(get: (name: string) => string): ActionInputs {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const option of options as readonly TendOption[]) {
    const input = option.input;
    if (input === undefined) continue;
    const text = get(input.name).trim();
    const reader = readerOf(input.value ?? option.value);
    if (text === '') {
      if (input.required) problems.push(`input ${input.name} is required: ${reader.expected}`);
      continue;
    }
    const value = reader.read(text);
    if (value === null) problems.push(`input ${input.name} is ${JSON.stringify(text)}: expected ${reader.expected}`);
    else values[option.name] = value;
  }
  if (problems.length > 0) throw new TendError('USAGE', `${problems.join('; ')} (see the inputs in actions/tend/action.yml)`);
  const read = values as InputValues;
  return {
    ...read,
    command: read.command ?? 'plan',
    // The token is posted as given, masked; the runner fills in `${{ github.token }}` when the workflow gives none.
    githubToken: read.githubToken ?? '',
    report: read.report ?? optionNamed('report').input.default,
    shard: read.shard ?? null,
  };
}

/** How an input of each kind is read, and what it takes in words; the same values as the flag of the same option. */
function readerOf(value: OptionValue): { read: (text: string) => unknown; expected: string } {
  switch (value.kind) {
    case 'whole':
      return { read: (t) => parseWholeNumber(t, value.min), expected: `a whole number ≥ ${value.min}, such as ${Math.max(value.min, 10)}` };
    case 'percent':
      return { read: parsePercent, expected: 'a percentage from 0 to 100, such as 50' };
    case 'boolean':
      return { read: (t) => (t === 'true' ? true : t === 'false' ? false : null), expected: 'true or false' };
    case 'choice':
      return { read: (t) => (value.choices.includes(t) ? t : null), expected: `one of ${value.choices.join(', ')}` };
    case 'duration':
      return { read: parseDuration, expected: 'a duration such as 30s, 2m or 500ms (a number alone is seconds)' };
    case 'shard':
      return { read: (t) => (/^\d+\/\d+$/.test(t) ? parseShard(t) : null), expected: 'K/N with 1 ≤ K ≤ N, such as 2/4' };
    default:
      return { read: (t) => t, expected: 'a value' };
  }
}
