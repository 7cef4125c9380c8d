import type { Logger } from '../../src/log.js';
import { openGithubCheckRun } from '../../src/report/github/open-github-check-run.js';
import type { RunView } from '../../src/report/github/run-view.js';
import { groupPlan, groupSpec, planOf } from '../helpers/memory-plugins.js';
import { startGithubApi, type GithubApi } from '../helpers/start-github-api.js';

const TOKEN = 'ghp_checkRunToken1a2b3c4d';
const SHA = 'c'.repeat(40);
const CREATE_CHECK = 'POST /repos/{owner}/{repo}/check-runs';
const UPDATE_CHECK = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';

/** A drift check of `n` groups each missing an instance, their specs at lines 1, 11, 21, … of one file. */
function drifted(n: number): RunView[] {
  const groups = Array.from({ length: n }, (_, i) =>
    groupPlan(groupSpec(`g${i}`, { size: 1 }), [], { observed: 0, drift: { missing: 1 } }),
  );
  const plan = planOf(groups);
  const places = new Map(groups.map((g, i) => [g.id, { file: 'specs/all.yaml', line: 1 + 10 * i, column: 1 }]));
  const revision = { sha: 'd'.repeat(40) };
  return [
    { kind: 'judged', revision, plan, places },
    { kind: 'finished', result: { kind: 'planned', revision, plan } },
  ];
}

describe('GithubCheckRun: one run as a check run, through octokit', () => {
  let api: GithubApi;
  let lines: Array<{ level: string; message: string; code: unknown }>;
  const log: Logger = {
    info: (message, fields) => lines.push({ level: 'info', message, code: fields?.code }),
    warn: (message, fields) => lines.push({ level: 'warn', message, code: fields?.code }),
    error: (message, fields) => lines.push({ level: 'error', message, code: fields?.code }),
    problem: (message, fields) => lines.push({ level: 'problem', message, code: fields?.code }),
  };
  const report = async (events: RunView[]): Promise<void> => {
    const checkRun = openGithubCheckRun(
      {
        repo: { owner: 'acme', name: 'fleet' },
        apiUrl: api.url,
        credential: { kind: 'token', token: TOKEN },
        userAgent: 'tend/test',
        timing: { requestTimeoutMs: 5000, retryBaseMs: 5, writeIntervalMs: 0 },
        reportTimeoutMs: 10_000,
        name: 'tend',
        sha: SHA,
        detailsUrl: null,
        phrasing: 'drift',
        command: 'drift',
        about: 'Specs: specs/',
        pathOf: (file) => file,
      },
      log,
    );
    for (const event of events) await checkRun.report(event);
  };

  beforeEach(async () => {
    lines = [];
    api = await startGithubApi({ tokens: [TOKEN] });
  });

  afterEach(async () => {
    await api.stop();
    for (const line of lines) expect(line.message).not.toContain(TOKEN);
  });

  it('sends 120 annotations as 50 with the create, then updates of 50 and 20, in order', async () => {
    api.expect({ route: CREATE_CHECK }, { route: UPDATE_CHECK, times: 2 });

    await report(drifted(120));

    const sent = api.requests.map((r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length);
    expect(sent).toEqual([50, 50, 20]);
    const [run] = api.checkRuns('acme/fleet');
    expect(run?.output.annotations.map((a) => a.start_line)).toEqual(Array.from({ length: 120 }, (_, i) => 1 + 10 * i));
    expect(lines).toEqual([]);
    api.verify();
  });

  it('a refused create is one warning with GitHub’s words, and no update follows', async () => {
    const refused = { status: 422, body: { message: 'Validation Failed', errors: [{ message: 'head_sha is not a commit' }] } };
    api.expect({ route: CREATE_CHECK, reply: refused });

    await report(drifted(60));

    expect(lines.map((l) => `${l.level} ${String(l.code)} ${l.message}`)).toEqual([
      `warn GITHUB_REJECTED GitHub check run: could not create the check run tend on ${SHA.slice(0, 12)} of acme/fleet: 422 Validation Failed: head_sha is not a commit`,
    ]);
    api.verify();
  });

  it('a 403 with no one expecting it is a warning (GITHUB_FORBIDDEN), never a rejection', async () => {
    api.expect({ route: CREATE_CHECK, reply: { status: 403, body: { message: 'Resource not accessible by integration' } } });

    await expect(report(drifted(1))).resolves.toBeUndefined();

    expect(lines.map((l) => `${l.level} ${String(l.code)}`)).toEqual(['warn GITHUB_FORBIDDEN']);
    api.verify();
  });
});
