import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, type GitRepo } from '../helpers/make-git-repo.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir, runTend, type TendRun } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { startGithubApi, type GithubApi, type IssueRecord } from '../helpers/start-github-api.js';

const TOKEN = 'ghp_driftIssuesToken9e8d7c6b';
const REPO = 'acme/fleet';
const LIST = 'GET /repos/{owner}/{repo}/commits/{ref}/statuses';
const CREATE = 'POST /repos/{owner}/{repo}/statuses/{sha}';
const LIST_ISSUES = 'GET /repos/{owner}/{repo}/issues';
const CREATE_ISSUE = 'POST /repos/{owner}/{repo}/issues';
const UPDATE_ISSUE = 'PATCH /repos/{owner}/{repo}/issues/{issue_number}';
const COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const FLEET = `${cattleYaml('web', 3)}---\n${cattleYaml('db', 1)}`;

describe('tend drift --drift-issues: drift as a tracked issue', () => {
  let work: ReturnType<typeof makeWorkdir>;
  let repo: GitRepo & { cleanup: () => void };
  let sha: string;
  let api: GithubApi;
  const outputs: string[] = [];
  /** In this process, but for the test that shows each run learns everything from GitHub, as a process of its own. */
  let runner: typeof runTend = runTendHere;

  const tend = async (args: string[]): Promise<TendRun> => {
    const run = await runner(work.dir, [...args, '--repo', repo.dir], {
      env: {
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_SYSTEM: '/dev/null',
        GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: api.url,
        TEND_GITHUB_RETRY_BASE: '5ms',
        TEND_GITHUB_WRITE_INTERVAL: '0',
      },
    });
    outputs.push(run.stdout, run.stderr);
    return run;
  };
  /** Each run posts its statuses too: how many depends on what was posted before, and is not what these tests are about. */
  const statusesAnyway = () => api.expect({ route: LIST, times: { min: 0, max: 2 } }, { route: CREATE, times: { min: 0, max: 6 } });
  const report = (command: string, more: string[] = []): Promise<TendRun> => {
    statusesAnyway();
    return tend([command, '--report', 'github', '--github-repo', REPO, '--drift-issues', ...more]);
  };
  const removeInstances = (group: string, count: number): void => {
    const files = instanceFiles(work.dir).filter((f) => f.startsWith(`${group}-`));
    for (const f of files.slice(0, count)) rmSync(path.join(work.dir, '.tend/instances', f));
  };
  const issues = (): IssueRecord[] => api.issues(REPO);

  beforeEach(async () => {
    runner = runTendHere;
    work = makeWorkdir();
    repo = makeGitRepo({ 'specs/fleet.yaml': FLEET }, work.dir);
    sha = repo.head();
    api = await startGithubApi({ tokens: [TOKEN] });
    await tend(['apply']);
  });

  afterEach(async () => {
    await api.stop();
    work.cleanup();
    for (const text of outputs) expect(text).not.toContain(TOKEN);
    outputs.length = 0;
  });

  it('opens one issue, updates it in place, closes it with a comment after an apply, and reopens it when the drift returns; each step a process of its own', async () => {
    runner = runTend;
    removeInstances('web', 1);
    api.expect({ route: LIST_ISSUES }, { route: CREATE_ISSUE });

    const first = await report('drift');

    expect(first.code).toBe(2);
    api.verify();
    expect(issues()).toHaveLength(1);
    const [issue] = issues();
    expect(issue).toMatchObject({ number: 1, state: 'open', title: 'tend: drift in group web', labels: ['tend-drift'], comments: [] });
    expect(issue!.body).toMatch(/^<!-- tend-drift \{"context":"tend","group":"web","since":"[^"]+"\} -->\n/);
    expect(issue!.body).toContain('| missing | 1 |');
    expect(issue!.body).toContain(`- **Enforced commit**: ${sha}`);
    expect(issue!.body).toMatch(/- \*\*Spec\*\*: `[^`]*fleet\.yaml`, line 1\n/);
    const since = /"since":"([^"]+)"/.exec(issue!.body)?.[1];

    removeInstances('web', 1);
    api.expect({ route: LIST_ISSUES }, { route: UPDATE_ISSUE });
    await report('drift');

    api.verify();
    expect(issues()).toHaveLength(1);
    expect(issues()[0]).toMatchObject({ number: 1, state: 'open', comments: [] });
    expect(issues()[0]!.body).toContain('| missing | 2 |');
    expect(issues()[0]!.body).toContain(`"since":"${since}"`);

    api.expect({ route: LIST_ISSUES });
    await report('drift');

    api.verify();
    expect(api.requests.filter((r) => r.route === UPDATE_ISSUE)).toHaveLength(1);

    api.expect({ route: LIST_ISSUES }, { route: COMMENT }, { route: UPDATE_ISSUE });
    const applied = await report('apply');

    expect(applied.code).toBe(0);
    api.verify();
    expect(issues()).toHaveLength(1);
    expect(issues()[0]).toMatchObject({ number: 1, state: 'closed', state_reason: 'completed' });
    expect(issues()[0]!.comments).toEqual([
      expect.stringMatching(new RegExp(`^The drift ended at \\S+: tend applied commit ${sha}\\. Closing\\.$`)),
    ]);

    removeInstances('web', 1);
    api.expect({ route: LIST_ISSUES }, { route: UPDATE_ISSUE });
    await report('drift');

    api.verify();
    expect(issues()).toHaveLength(1);
    expect(issues()[0]).toMatchObject({ number: 1, state: 'open', state_reason: 'reopened' });
    expect(issues()[0]!.body).not.toContain(`"since":"${since}"`);
    expect(api.requests.filter((r) => r.route === CREATE_ISSUE)).toHaveLength(1);
  });

  it('a drift fixed by hand: one comment saying so, and closed', async () => {
    removeInstances('db', 1);
    api.expect({ route: LIST_ISSUES }, { route: CREATE_ISSUE });
    await report('drift');
    await tend(['apply']);
    api.expect({ route: LIST_ISSUES }, { route: COMMENT }, { route: UPDATE_ISSUE });

    const run = await report('drift');

    expect(run.code).toBe(0);
    api.verify();
    expect(issues()[0]).toMatchObject({ title: 'tend: drift in group db', state: 'closed' });
    expect(issues()[0]!.comments).toEqual([expect.stringContaining(`fixed by hand: found in sync with commit ${sha}`)]);
  });

  it('beyond github.driftIssueLimit: one issue per group up to it, one summary issue for the rest', async () => {
    writeFileSync(path.join(work.dir, 'tend.config.yaml'), 'github:\n  driftIssueLimit: 1\n');
    removeInstances('web', 1);
    removeInstances('db', 1);
    api.expect({ route: LIST_ISSUES }, { route: CREATE_ISSUE, times: 2 });

    await report('drift');

    api.verify();
    expect(issues().map((i) => i.title)).toEqual(['tend: drift in group db', 'tend: drift in 1 more group']);
    expect(issues()[1]!.body).toContain('- **web**: drift: 1 missing');
  });

  it('a token without issues: write: one line, and the check still reports its drift', async () => {
    removeInstances('web', 1);
    const forbidden = { status: 403, body: { message: 'Resource not accessible by integration' } };
    api.expect({ route: LIST_ISSUES, reply: forbidden });

    const run = await report('drift');

    expect(run.code).toBe(2);
    api.verify();
    expect(run.stderr.split('\n').filter((l) => /issue/i.test(l))).toEqual([
      expect.stringMatching(/Resource not accessible by integration.*issues: write/),
    ]);
    expect(api.statuses(REPO, sha)[0]).toMatchObject({ context: 'tend', state: 'failure' });
  });
});
