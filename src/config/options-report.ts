import type { TendOption } from './option-types.js';

const REPORTED = ['plan', 'drift', 'apply', 'watch'] as const;

/** Where a run is reported beside the console: commit statuses, check runs and drift issues on GitHub. */
export const reportOptions = [
  {
    name: 'report',
    topic: 'report',
    value: { kind: 'report-kinds' },
    help: 'also report to github (commit statuses on the judged commit); console is always on; repeat or comma-separate',
    flag: { name: '--report <kinds>', commands: REPORTED },
    input: {
      name: 'report',
      value: { kind: 'choice', choices: ['github', 'none'] },
      default: 'github',
      help: "where the result goes beyond the log and the job summary: github (commit statuses and a check run on the pull request's head or the pushed commit; a fork's pull request gets neither) or none",
    },
  },
  {
    name: 'githubToken',
    topic: 'report',
    value: { kind: 'text', format: 'any' },
    help: 'the token commit statuses, the check run and drift issues are posted with (statuses: write, checks: write); masked, never logged',
    docs: 'The CLI reads GITHUB_TOKEN, or a GitHub App from TEND_GITHUB_APP_ID and its key (docs/github.md: Commit statuses).',
    input: { name: 'github-token', default: '${{ github.token }}' },
  },
  {
    name: 'githubRepo',
    topic: 'report',
    key: 'github.repo',
    value: { kind: 'text', format: 'github-repo' },
    env: 'GITHUB_REPOSITORY',
    help: 'with --report github: the repository of the commits, owner/name',
    flag: { name: '--github-repo <owner/name>', commands: REPORTED },
  },
  {
    name: 'githubApiUrl',
    topic: 'report',
    value: { kind: 'text', format: 'http-url' },
    env: 'GITHUB_API_URL',
    default: 'https://api.github.com',
    help: 'with --report github: the REST API',
    flag: { name: '--github-api-url <url>', commands: REPORTED },
  },
  {
    name: 'statusContext',
    topic: 'report',
    key: 'github.context',
    value: { kind: 'text', format: 'status-context' },
    default: 'tend',
    help: 'with --report github: the commit status context, the prefix of one per group, and the name of the check run',
    flag: { name: '--status-context <context>', commands: REPORTED },
    input: { name: 'status-context', help: 'the commit status context, the prefix of one per group, and the name of the check run' },
  },
  {
    name: 'statusUrl',
    topic: 'report',
    value: { kind: 'text', format: 'http-url' },
    defaultText: 'the Actions run, in GitHub Actions',
    help: 'with --report github: where the statuses link to',
    flag: { name: '--status-url <url>', commands: REPORTED },
  },
  {
    name: 'perGroupLimit',
    topic: 'report',
    key: 'github.perGroupLimit',
    value: { kind: 'whole', min: 0 },
    default: 50,
    help: 'each group gets a status context of its own while the revision has at most this many groups',
  },
  {
    name: 'driftIssues',
    topic: 'report',
    key: 'github.driftIssues',
    value: { kind: 'boolean' },
    default: false,
    help: 'with --report github: drift checks keep one issue per drifted group (label tend-drift), updated while the drift lasts and closed when it ends (needs issues: write)',
    flag: { name: '--drift-issues', commands: ['drift', 'apply', 'watch'] },
    input: {
      name: 'drift-issues',
      help: 'set to true for drift and apply to keep one issue per drifted group (label tend-drift), updated while the drift lasts and closed when it ends (needs permissions issues: write)',
    },
  },
  {
    name: 'driftIssueLimit',
    topic: 'report',
    key: 'github.driftIssueLimit',
    value: { kind: 'whole', min: 1 },
    default: 20,
    help: 'the most drift issues open at once; the other drifted groups are listed in one summary issue',
  },
] as const satisfies readonly TendOption[];
