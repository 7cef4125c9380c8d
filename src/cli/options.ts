import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseDuration } from '../duration.js';
import { parseShard, type Shard } from '../spec/shard.js';

/** Flags every command takes (README: Runner config: global). */
export interface GlobalFlags {
  config?: string;
  shard?: Shard;
  logFormat: 'text' | 'json';
}

/** Flags that override the runner config's `reconcile` and `source` keys. */
export interface PipelineFlags {
  specs?: string;
  json?: boolean;
  maxDestroy?: number;
  maxDestroyPercent?: number;
  prune?: boolean;
  concurrency?: number;
  mode?: 'correct' | 'report';
  healthTimeout?: number;
  lockTimeout?: number;
  force?: boolean;
}

export function count(name: string, min = 0) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}

function percent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('--max-destroy-percent must be a number from 0 to 100');
  return n;
}

function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new InvalidArgumentError('must be a duration such as 30s, 2m or 500ms (a number alone is seconds)');
  return ms;
}

function shard(value: string): Shard {
  const parsed = parseShard(value);
  if (!parsed) throw new InvalidArgumentError('must be K/N with 1 ≤ K ≤ N, e.g. 2/4');
  return parsed;
}

export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'runner config file (default: ./tend.config.yaml if present, else built-in defaults)')
    .option('--shard <K/N>', 'only handle groups whose ID hashes to shard K of N (for several runners on one repo)', shard)
    .addOption(
      new Option('--log-format <format>', 'how warnings and errors are written to stderr').choices(['text', 'json']).default('text'),
    );
}

export function addSpecsOption(cmd: Command): Command {
  return cmd.option('--specs <dir>', 'folder of group specs, searched recursively (default: the config\'s source.path, "specs")');
}

export function addPlanOptions(cmd: Command): Command {
  return addBudgetOptions(
    addSpecsOption(cmd)
      .option('--json', 'print the plan as JSON (the shape documented in the README) instead of text')
      .option('--concurrency <n>', 'groups observed and applied at once (default 8)', count('--concurrency', 1))
      .addOption(
        new Option('--mode <mode>', 'report: detect and report drift for every group, never change').choices(['correct', 'report']),
      ),
  ).option('--prune', 'destroy orphans: instances of groups no longer in the specs (never when the spec folder is missing or empty)');
}

export function addApplyOptions(cmd: Command): Command {
  return addLockOption(
    addPlanOptions(cmd).option(
      '--health-timeout <duration>',
      'how long a new instance may take to become healthy before the rollout pauses (default 2m)',
      duration,
    ),
  );
}

export function addDestroyOptions(cmd: Command): Command {
  return addLockOption(addBudgetOptions(addSpecsOption(cmd))).option('--force', 'ignore the destroy budget');
}

function addBudgetOptions(cmd: Command): Command {
  return cmd
    .option(
      '--max-destroy <n>',
      'destroy budget: most instances one run may destroy without replacing (default 10)',
      count('--max-destroy'),
    )
    .option('--max-destroy-percent <p>', "destroy budget: most of a group's instances one run may destroy, in % (default 50)", percent);
}

function addLockOption(cmd: Command): Command {
  return cmd.option(
    '--lock-timeout <duration>',
    'wait this long for another apply on the same state folder to finish (default: refuse at once)',
    duration,
  );
}
