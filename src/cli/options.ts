import { Option, type Command } from 'commander';
import type { Shard } from '../group-spec/shard.js';
import { duration, githubRepo, httpUrl, listenAddress, percent, reportKinds, shard, statusContext, wholeNumber } from './flag-values.js';

/** Flags every command takes (README: Commands: global). */
export interface GlobalFlags {
  config?: string;
  shard?: Shard;
  logFormat: 'text' | 'json';
}

/** Where a run is reported beside the console (README: Commit statuses); they override the config's `github` keys. */
export interface ReportFlags {
  report?: Array<'console' | 'github'>;
  githubRepo?: string;
  githubApiUrl?: string;
  statusContext?: string;
  statusUrl?: string;
  /** `--drift-issues`: drift checks keep one issue per drifted group (the config's `github.driftIssues`). */
  driftIssues?: boolean;
}

/** Flags that override the runner config's `reconcile` and `source` keys. */
export interface PipelineFlags extends ReportFlags {
  specs?: string;
  repo?: string;
  ref?: string;
  path?: string;
  json?: boolean;
  maxDestroy?: number;
  maxDestroyPercent?: number;
  maxGroupSize?: number;
  prune?: boolean;
  concurrency?: number;
  mode?: 'correct' | 'report';
  healthTimeout?: number;
  lockTimeout?: number;
  force?: boolean;
  interval?: number;
  driftSchedule?: string;
  timezone?: string;
  webhookPort?: number;
  metricsPort?: number;
  listen?: string;
}

export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'runner config file (default: ./tend.config.yaml if present, else built-in defaults)')
    .option('--shard <K/N>', 'only handle groups whose ID hashes to shard K of N (for several runners on one repo)', shard)
    .addOption(
      new Option('--log-format <format>', 'how warnings and errors are written to stderr').choices(['text', 'json']).default('text'),
    );
}

export function addJsonOption(cmd: Command, what: string): Command {
  return cmd.option('--json', `print ${what} as JSON on stdout, and on failure {"error": {code, message}, "problems": [...]}`);
}

/** Where the specs come from: a folder, or a Git repository at a ref. */
export function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('--specs <dir>', 'folder of group specs, searched recursively (default: the config\'s source.path, "specs")')
    .option('--repo <url>', 'read the specs from this Git repository instead: a path, file://, git://, http(s):// or ssh:// URL')
    .option('--ref <ref>', "with --repo: the branch, tag or full commit SHA to read (default: the remote's default branch)")
    .option('--path <dir>', 'with --repo: the spec folder inside the repository (default: source.path, "specs")');
}

/** For every command that reads the specs. */
export function addSpecsOptions(cmd: Command): Command {
  return addSourceOptions(cmd).option(
    '--max-group-size <n>',
    'largest group a spec may ask for, in instances: a larger one is a spec error (default 10000)',
    wholeNumber(1),
  );
}

export function addPlanOptions(cmd: Command): Command {
  return addBudgetOptions(
    addJsonOption(addSpecsOptions(cmd), 'the plan (the shape documented in the README)')
      .option('--concurrency <n>', 'groups observed and applied at once (default 8)', wholeNumber(1))
      .addOption(
        new Option('--mode <mode>', 'report: detect and report drift for every group, never change').choices(['correct', 'report']),
      ),
  ).option('--prune', 'destroy orphans: instances of groups no longer in the specs (never when the spec folder is empty)');
}

/** For every command whose runs are reported: plan, drift, apply (and a watcher's). */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .option(
      '--report <kinds>',
      'also report to github (commit statuses on the judged commit); console is always on; repeat or comma-separate',
      reportKinds,
    )
    .option(
      '--github-repo <owner/name>',
      'with --report github: the repository of the commits (default: github.repo, else GITHUB_REPOSITORY)',
      githubRepo,
    )
    .option('--github-api-url <url>', 'with --report github: the REST API (default: GITHUB_API_URL, else https://api.github.com)', httpUrl)
    .option(
      '--status-context <context>',
      'with --report github: the status context, and the prefix of one per group (default: github.context, "tend")',
      statusContext,
    )
    .option(
      '--status-url <url>',
      'with --report github: where the statuses link to (default: the Actions run, in GitHub Actions)',
      httpUrl,
    );
}

/** For the runs whose drift is tracked as issues: drift checks, applies (which close them) and the watcher. */
export function addDriftIssueOption(cmd: Command): Command {
  return cmd.option(
    '--drift-issues',
    'with --report github: one issue per drifted group, updated while the drift lasts and closed when it ends (github.driftIssues; needs issues: write)',
  );
}

export function addApplyOptions(cmd: Command): Command {
  return addLockOption(
    addReportOptions(addPlanOptions(cmd)).option(
      '--health-timeout <duration>',
      'how long a new instance may take to become healthy before the rollout pauses (default 2m)',
      duration,
    ),
  );
}

export function addDestroyOptions(cmd: Command): Command {
  return addLockOption(addBudgetOptions(addSpecsOptions(cmd))).option('--force', 'ignore the destroy budget');
}

function addBudgetOptions(cmd: Command): Command {
  return cmd
    .option('--max-destroy <n>', 'destroy budget: most instances one run may destroy without replacing (default 10)', wholeNumber(0))
    .option('--max-destroy-percent <p>', "destroy budget: most of a group's instances one run may destroy, in % (default 50)", percent);
}

function addLockOption(cmd: Command): Command {
  return cmd.option(
    '--lock-timeout <duration>',
    'wait this long for another apply on the same state folder to finish (default: refuse at once)',
    duration,
  );
}

/** `tend watch`: the source, the reconcile and report flags of apply (no --json: it logs lines), and the watcher's own. */
export function addWatchOptions(cmd: Command): Command {
  return addReportOptions(addBudgetOptions(addSpecsOptions(cmd)))
    .option('--concurrency <n>', 'groups observed and applied at once (default 8)', wholeNumber(1))
    .addOption(new Option('--mode <mode>', 'report: detect and report drift for every group, never change').choices(['correct', 'report']))
    .option('--prune', 'destroy orphans on full ticks (never when the spec folder is empty)')
    .option(
      '--health-timeout <duration>',
      'how long a new instance may take to become healthy before the rollout pauses (default 2m)',
      duration,
    )
    .option(
      '--interval <duration>',
      'time between two ticks, from the end of one to the start of the next (default 30s, at least 1s)',
      duration,
    )
    .option(
      '--drift-schedule <cron>',
      'cron expression (5 fields, or 6 with seconds) of the full drift checks; "off" for none (default */15 * * * *)',
    )
    .option('--timezone <zone>', "IANA time zone the drift schedule is read in (default: the machine's)")
    .option(
      '--webhook-port <port>',
      'serve POST /hooks/github here (secret from TEND_WEBHOOK_SECRET), and /healthz and /metrics',
      wholeNumber(0),
    )
    .option('--metrics-port <port>', 'serve /healthz and /metrics on this port instead', wholeNumber(0))
    .option('--listen <address>', 'address the webhook and metrics ports listen on (default 0.0.0.0)', listenAddress);
}
