import { makeGitRepo, makeTempDir, type GitRepo } from '../helpers/make-git-repo.js';
import { pullRequestEvent, pushEvent } from '../helpers/github-events.js';
import { runAction, RUNNER_TOKEN, type ActionRun } from '../helpers/run-action.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { startGithubApi, type GithubApi } from '../helpers/start-github-api.js';

const REPO = 'acme/fleet';
const RUN_URL = 'https://github.com/acme/fleet/actions/runs/4242';
const LIST = 'GET /repos/{owner}/{repo}/commits/{ref}/statuses';
const CREATE = 'POST /repos/{owner}/{repo}/statuses/{sha}';
const CREATE_CHECK = 'POST /repos/{owner}/{repo}/check-runs';
const UPDATE_CHECK = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}';
const LIST_ISSUES = 'GET /repos/{owner}/{repo}/issues';
const CREATE_ISSUE = 'POST /repos/{owner}/{repo}/issues';
const FORBIDDEN = {
  status: 403,
  body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' },
};

/** Two groups in one file, so that the second starts on a line of its own. */
const FLEET = `${cattleYaml('web', 2)}---\n${cattleYaml('db', 1)}`;
const lineOf = (text: string, line: string): number => text.split('\n').indexOf(line) + 1;

interface Annotation {
  path: string;
  start_line: number;
  annotation_level: string;
  message: string;
  title?: string;
  start_column?: number;
}

describe('the bundled action with report: github: commit statuses and the check run', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let repo: GitRepo;
  let api: GithubApi;
  const runs: ActionRun[] = [];

  const act = async (inputs: Record<string, string>, sha: string, event: { name: string; payload: unknown }): Promise<ActionRun> => {
    const env = { GITHUB_API_URL: api.url, TEND_GITHUB_WRITE_INTERVAL: '0', TEND_GITHUB_RETRY_BASE: '5ms' };
    const run = await runAction(repo.dir, inputs, { runnerDir: temp.dir, sha, event, env });
    runs.push(run);
    return run;
  };
  const push = (inputs: Record<string, string>, sha: string): Promise<ActionRun> =>
    act(inputs, sha, { name: 'push', payload: pushEvent({ before: '0'.repeat(40), after: sha, repository: REPO }) });
  /** The latest state and description of each context on the commit, as GitHub shows them. */
  const shown = (sha: string): Record<string, string> => {
    const latest: Record<string, string> = {};
    for (const s of api.statuses(REPO, sha)) latest[s.context] ??= `${s.state}: ${s.description}`;
    return latest;
  };
  const annotations = (): Annotation[] => (api.checkRuns(REPO)[0]?.output.annotations ?? []) as unknown as Annotation[];
  const notices = (run: ActionRun): string[] => run.stdout.split('\n').filter((l) => l.startsWith('::notice'));

  beforeEach(async () => {
    temp = makeTempDir('tend-action-github-');
    repo = makeGitRepo({ 'specs/fleet.yaml': FLEET }, temp.dir);
    api = await startGithubApi({ tokens: [RUNNER_TOKEN] });
  });

  afterEach(async () => {
    await api.stop();
    temp.cleanup();
    // The runner reads `::add-mask::` and hides the value from then on: it is the one line allowed to hold the token.
    for (const run of runs.splice(0)) {
      const lines = `${run.stdout}${run.stderr}`.split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(lines.join('\n')).not.toContain(RUNNER_TOKEN);
      expect(run.summary).not.toContain(RUNNER_TOKEN);
      expect(Object.values(run.outputs).join('\n')).not.toContain(RUNNER_TOKEN);
    }
  });

  it("pull_request: statuses and the check run go on the pull request's head, not the merge commit judged", async () => {
    const base = repo.head();
    repo.git(['checkout', '-q', '-b', 'scale-web']);
    repo.write('specs/fleet.yaml', FLEET.replace('Size: 2', 'Size: 4'));
    const head = repo.commit('scale web to 4');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['merge', '-q', '--no-ff', '-m', 'Merge pull request #7', 'scale-web']);
    const merge = repo.head();
    const payload = pullRequestEvent({ number: 7, headSha: head, baseSha: base, base: REPO });
    api.expect({ route: LIST, when: (r) => r.params.ref === head }, { route: CREATE, times: 3 }, { route: CREATE_CHECK });

    const run = await act({ command: 'plan' }, merge, { name: 'pull_request', payload });

    expect(run.code).toBe(0);
    api.verify();
    expect(shown(head)).toEqual({
      tend: 'success: plan: +5 ~0 -0',
      'tend/web': 'success: plan: +4 ~0 -0',
      'tend/db': 'success: plan: +1 ~0 -0',
    });
    expect(api.statuses(REPO, merge)).toEqual([]);
    expect(api.statuses(REPO, head).map((s) => s.target_url)).toEqual(Array(3).fill(RUN_URL));
    expect(api.checkRuns(REPO)).toMatchObject([
      {
        name: 'tend',
        head_sha: head,
        status: 'completed',
        conclusion: 'success',
        details_url: RUN_URL,
        output: { title: 'plan: +5 ~0 -0' },
      },
    ]);
    expect(api.checkRuns(REPO)[0]?.output.summary).toContain('| web | correct | 4 | 0 | 4 missing | +4 ~0 -0 | changes planned |');
    expect(annotations()).toEqual([
      {
        path: 'specs/fleet.yaml',
        start_line: 1,
        end_line: 1,
        annotation_level: 'warning',
        message: 'drift: 4 missing → plan: +4 ~0 -0',
        title: 'tend: group web',
      },
      {
        path: 'specs/fleet.yaml',
        start_line: lineOf(FLEET, 'ID: db'),
        end_line: lineOf(FLEET, 'ID: db'),
        annotation_level: 'warning',
        message: 'drift: 1 missing → plan: +1 ~0 -0',
        title: 'tend: group db',
      },
    ]);
    expect(notices(run)).toEqual([]);
  });

  it('push: an apply marks the pushed commit pending, then success, and its check run success with nothing to mark; a plan a safety rule then blocks: failure on the statuses and the check run, with the block in words', async () => {
    const first = repo.head();
    api.expect({ route: LIST, times: 2 }, { route: CREATE, times: 6 }, { route: CREATE_CHECK });

    const applied = await push({ command: 'apply' }, first);

    expect(applied.code).toBe(0);
    api.verify();
    expect(
      api
        .statuses(REPO, first)
        .map((s) => `${s.context} ${s.state}: ${s.description}`)
        .reverse(),
    ).toEqual([
      'tend pending: applying: +3 ~0 -0',
      'tend/web pending: applying: +2 ~0 -0',
      'tend/db pending: applying: +1 ~0 -0',
      'tend/web success: converged: 2 instances',
      'tend/db success: converged: 1 instance',
      'tend success: converged: 3 instances',
    ]);
    expect(api.checkRuns(REPO)).toMatchObject([{ head_sha: first, conclusion: 'success', output: { title: 'converged: 3 instances' } }]);
    expect(annotations()).toEqual([]);

    repo.write('specs/fleet.yaml', FLEET.replace('Size: 2', 'Size: 0'));
    const sha = repo.commit('scale web to zero');
    api.expect({ route: LIST }, { route: CREATE, times: 3 }, { route: CREATE_CHECK });

    await push({ command: 'plan', 'max-destroy': '1' }, sha);

    api.verify();
    expect(shown(sha)).toEqual({
      tend: 'failure: blocked: would destroy 2, budget 1',
      'tend/web': 'failure: blocked: would destroy 2, budget 1',
      'tend/db': 'success: converged: 1 instance',
    });
    expect(api.checkRuns(REPO)[1]).toMatchObject({
      head_sha: sha,
      conclusion: 'failure',
      output: { title: 'blocked: would destroy 2, budget 1' },
    });
  });

  it('a spec warning (a key the flavor does not know) is a warning annotation of the check run, at its line', async () => {
    const text = FLEET.replace('      Init: [echo hello]', '      Init: [echo hello]\n      Inits: [typo]');
    repo.write('specs/fleet.yaml', text);
    const sha = repo.commit('a typo the flavor ignores');
    api.expect({ route: LIST }, { route: CREATE, times: 3 }, { route: CREATE_CHECK });

    const run = await push({ command: 'plan' }, sha);

    expect(run.code).toBe(0);
    api.verify();
    expect(api.checkRuns(REPO)).toMatchObject([{ conclusion: 'success' }]);
    const warnings = annotations().filter((a) => a.title === 'SPEC_PLUGIN_WARNING');
    expect(warnings.map((a) => `${a.path}:${a.start_line} ${a.annotation_level} ${a.message}`)).toEqual([
      `specs/fleet.yaml:${lineOf(text, '      Inits: [typo]')} warning Properties.Flavor.Properties.Inits: flavor-vanilla: unknown key, ignored; did you mean "Init"?`,
    ]);
  });

  it('a pull request from a fork posts nothing, says so in one notice, and the step does not fail', async () => {
    const head = repo.head();
    const payload = pullRequestEvent({ number: 9, headSha: head, baseSha: head, base: REPO, head: 'octocat/fleet' });

    const run = await act({ command: 'plan' }, head, { name: 'pull_request', payload });

    expect(run.code).toBe(0);
    expect(api.requests).toEqual([]);
    api.verify();
    expect(notices(run)).toHaveLength(1);
    expect(notices(run)[0]).toMatch(/pull request #9 comes from a fork.*no commit status or check run is posted/);
    expect(run.outputs.changes).toBe('3');
  });

  it('statuses refused with a 403 ("Resource not accessible by integration"): one notice, no failure; the check run still comes', async () => {
    const sha = repo.head();
    api.expect({ route: LIST, reply: FORBIDDEN }, { route: CREATE_CHECK });

    const run = await push({ command: 'drift' }, sha);

    expect(run.code).toBe(0);
    api.verify();
    expect(notices(run)).toHaveLength(1);
    expect(notices(run)[0]).toMatch(/Resource not accessible by integration; no commit status is posted.*statuses: write/);
    expect(run.stdout).not.toMatch(/^::(error|warning)/m);
    expect(api.checkRuns(REPO)).toMatchObject([{ conclusion: 'failure', output: { title: 'drift: 3 missing' } }]);
  });

  it('drift-issues: true: one issue per drifted group at its spec line; a second run finds them again and opens none', async () => {
    const sha = repo.head();
    api.expect(
      { route: LIST, times: 2 },
      { route: CREATE, times: 3 },
      { route: CREATE_CHECK, times: 2 },
      { route: LIST_ISSUES, times: 2 },
      { route: CREATE_ISSUE, times: 2 },
    );

    const runs = [
      await push({ command: 'drift', 'drift-issues': 'true' }, sha),
      await push({ command: 'drift', 'drift-issues': 'true' }, sha),
    ];

    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    api.verify();
    expect(api.issues(REPO).map((i) => `#${i.number} ${i.state} ${i.title} [${i.labels.join()}]`)).toEqual([
      '#1 open tend: drift in group db [tend-drift]',
      '#2 open tend: drift in group web [tend-drift]',
    ]);
    expect(api.issues(REPO)[0]?.body).toContain(`- **Spec**: \`specs/fleet.yaml\`, line ${lineOf(FLEET, 'ID: db')}`);
    expect(runs.flatMap(notices)).toEqual([]);
  });

  it('drift issues refused (no issues: write): one notice; the statuses and the check run still come', async () => {
    const sha = repo.head();
    api.expect({ route: LIST }, { route: CREATE, times: 3 }, { route: CREATE_CHECK }, { route: LIST_ISSUES, reply: FORBIDDEN });

    const run = await push({ command: 'drift', 'drift-issues': 'true' }, sha);

    expect(run.code).toBe(0);
    api.verify();
    expect(notices(run)).toEqual([
      expect.stringMatching(/Resource not accessible by integration; no drift issue is written.*issues: write/),
    ]);
    expect(shown(sha).tend).toBe('failure: drift: 3 missing');
  });

  it('no checks: write (a 403 on the check run): one notice, no failure; the statuses are posted', async () => {
    const sha = repo.head();
    api.expect({ route: LIST }, { route: CREATE, times: 3 }, { route: CREATE_CHECK, reply: FORBIDDEN });

    const run = await push({ command: 'drift' }, sha);

    expect(run.code).toBe(0);
    api.verify();
    expect(notices(run)).toHaveLength(1);
    expect(notices(run)[0]).toMatch(/Resource not accessible by integration; no check run is posted.*checks: write/);
    expect(run.stdout).not.toMatch(/^::(error|warning)/m);
    expect(shown(sha).tend).toBe('failure: drift: 3 missing');
  });

  it('more than 50 annotations: the first 50 in the create, the rest in an update, each at its group line', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `g${String(i).padStart(2, '0')}`);
    const many = ids.map((id) => cattleYaml(id, 1)).join('---\n');
    repo.write('specs/fleet.yaml', many);
    const sha = repo.commit('sixty groups');
    const count = (n: number) => (r: { body: unknown }) =>
      (r.body as { output: { annotations: unknown[] } }).output.annotations.length === n;
    // Past github.perGroupLimit (50) groups, only the aggregate context is posted.
    api.expect({ route: LIST }, { route: CREATE }, { route: CREATE_CHECK, when: count(50) }, { route: UPDATE_CHECK, when: count(10) });

    const run = await push({ command: 'drift' }, sha);

    expect(run.code).toBe(0);
    api.verify();
    expect(shown(sha)).toEqual({ tend: 'failure: drift: 60 missing' });
    expect(annotations().map((a) => `${a.path}:${a.start_line} ${a.title}: ${a.message}`)).toEqual(
      ids.map((id) => `specs/fleet.yaml:${lineOf(many, `ID: ${id}`)} tend: group ${id}: drift: 1 missing`),
    );
  });

  it('each shard of a matrix has a check run of its own, marking only its own groups', async () => {
    const sha = repo.head();
    api.expect({ route: LIST, times: 2 }, { route: CREATE, times: 4 }, { route: CREATE_CHECK, times: 2 });

    const shards = [await push({ command: 'drift', shard: '1/2' }, sha), await push({ command: 'drift', shard: '2/2' }, sha)];

    expect(shards.map((r) => r.code)).toEqual([0, 0]);
    api.verify();
    const checks = api.checkRuns(REPO);
    expect(checks.map((c) => c.name)).toEqual(['tend (shard 1/2)', 'tend (shard 2/2)']);
    // Every group marked once, by the one shard it belongs to.
    expect(checks.flatMap((c) => c.output.annotations.map((a) => a.title)).sort()).toEqual(['tend: group db', 'tend: group web']);
  });

  it('invalid specs: the status says error at file:line, the check run fails with the problem at its line and column', async () => {
    repo.write('specs/fleet.yaml', FLEET.replace('Size: 1', 'Size: many'));
    const sha = repo.commit('a typo');
    api.expect({ route: LIST }, { route: CREATE }, { route: CREATE_CHECK });

    const run = await push({ command: 'plan' }, sha);

    expect(run.code).toBe(1);
    api.verify();
    const line = lineOf(FLEET, '    Size: 1');
    expect(shown(sha)).toEqual({ tend: `error: invalid spec: specs/fleet.yaml:${line}` });
    expect(api.checkRuns(REPO)).toMatchObject([{ conclusion: 'failure', output: { title: `invalid spec: specs/fleet.yaml:${line}` } }]);
    expect(annotations()).toEqual([
      {
        path: 'specs/fleet.yaml',
        start_line: line,
        end_line: line,
        start_column: 11,
        end_column: 11,
        annotation_level: 'failure',
        message: 'Properties.Allocation.Size: must be an integer ≥ 0',
        title: 'SPEC_TYPE',
      },
    ]);
  });
});
