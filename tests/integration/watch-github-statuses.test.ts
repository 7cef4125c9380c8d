import { jest } from '@jest/globals';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, makeTempDir, type GitRepo } from '../helpers/make-git-repo.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { startGitDaemon, type GitDaemon } from '../helpers/start-git-daemon.js';
import { startGithubApi, type GithubApi } from '../helpers/start-github-api.js';
import type { RunningWatch } from '../helpers/start-watch.js';
import { watchHere, type WatchHereOptions } from '../helpers/watch-here.js';
import { until } from '../helpers/until.js';

jest.setTimeout(60_000);

const TOKEN = 'ghp_tendWatchToken9c3e1b7d5a';
const REPO = 'acme/fleet';
const LIST = 'GET /repos/{owner}/{repo}/commits/{ref}/statuses';
const CREATE = 'POST /repos/{owner}/{repo}/statuses/{sha}';
/** Every read is a conditional one, answered 304 while nothing changed: as many as the ticks make. */
const READS = { route: LIST, times: { min: 1, max: 10_000 } };

describe('tend watch --report github: commit statuses from the watcher', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let repo: GitRepo;
  let daemon: GitDaemon;
  let api: GithubApi;
  let work: string;
  const watchers: RunningWatch[] = [];
  const outputs: string[] = [];
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: api.url,
    TEND_GITHUB_RETRY_BASE: '5ms',
    TEND_GITHUB_WRITE_INTERVAL: '0',
    ...extra,
  });
  const source = (): string[] => ['--repo', daemon.url('specs.git'), '--ref', 'main', '--path', 'specs'];

  /** `tend watch --report github` in this process (its wiring is the CLI's), ticking every `intervalMs`. */
  async function watch(flags: WatchHereOptions['flags'], extraEnv?: Record<string, string>, intervalMs = 250): Promise<RunningWatch> {
    const given = {
      repo: daemon.url('specs.git'),
      ref: 'main',
      path: 'specs',
      report: ['github' as const],
      githubRepo: REPO,
      driftSchedule: 'off',
      ...flags,
    };
    const w = await watchHere(work, { flags: given, intervalMs, env: env(extraEnv) });
    watchers.push(w);
    return w;
  }

  /** Commits the file and pushes it to the served repository; returns the commit's SHA. */
  function push(file: string, text: string): string {
    repo.write(file, text);
    const sha = repo.commit();
    repo.git(['push', '-q', 'origin', 'main']);
    return sha;
  }

  /** What GitHub holds on a commit, oldest first, as `context state: description`. */
  const posted = (sha: string): string[] =>
    api
      .statuses(REPO, sha)
      .map((s) => `${s.context} ${s.state}: ${s.description}`)
      .reverse();
  const reads = (): number => api.requests.filter((r) => r.route === LIST).length;
  const creates = (): number => api.requests.filter((r) => r.route === CREATE).length;

  beforeEach(async () => {
    temp = makeTempDir('tend-watch-github-');
    work = path.join(temp.dir, 'work');
    repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 2), 'specs/db.yaml': cattleYaml('db', 1) }, temp.dir);
    repo.bareClone(temp.dir, 'specs.git');
    repo.git(['remote', 'add', 'origin', path.join(temp.dir, 'specs.git')]);
    daemon = await startGitDaemon(temp.dir);
    api = await startGithubApi({ tokens: [TOKEN] });
    mkdirSync(work);
  });

  afterEach(async () => {
    for (const w of watchers.splice(0)) outputs.push((await w.stop('SIGKILL')).stdout, w.stderr());
    await api.stop();
    await daemon.stop();
    temp.cleanup();
    for (const text of outputs) expect(text).not.toContain(TOKEN);
    outputs.length = 0;
  });

  it('posts each tick on the commit it applied, an invalid commit as error on its own SHA, and nothing more while converged', async () => {
    const first = repo.head();
    api.expect(READS, { route: CREATE, times: 12 });

    const w = await watch({});
    await until(() => posted(first).length === 6, 20_000);
    const good = push('specs/web.yaml', cattleYaml('web', 3));
    await until(() => posted(good).length === 5, 20_000);
    const bad = push('specs/web.yaml', `${cattleYaml('web', 4)}\n  Broken: [\n`);
    await until(() => posted(bad).length === 1, 20_000);
    const idle = reads();
    await until(() => reads() >= idle + 3, 20_000);
    const stopped = await w.stop();

    expect(stopped.code).toBe(0);
    expect(posted(first)).toEqual([
      'tend pending: applying: +3 ~0 -0',
      'tend/db pending: applying: +1 ~0 -0',
      'tend/web pending: applying: +2 ~0 -0',
      'tend/db success: converged: 1 instance',
      'tend/web success: converged: 2 instances',
      'tend success: converged: 3 instances',
    ]);
    expect(posted(good)).toEqual([
      'tend pending: applying: +1 ~0 -0',
      'tend/web pending: applying: +1 ~0 -0',
      'tend/db success: converged: 1 instance',
      'tend/web success: converged: 3 instances',
      'tend success: converged: 4 instances',
    ]);
    expect(posted(bad)).toEqual([expect.stringMatching(/^tend error: invalid spec: specs\/web\.yaml:\d+$/)]);
    expect(api.requests.filter((r) => r.route === CREATE).at(-1)?.params.sha).toBe(bad);
    expect(creates()).toBe(12);
    expect(instanceFiles(work)).toHaveLength(4);
    api.verify();
  });

  it('reports the scheduled drift checks with drift words on the enforced commit, and neither kind of run re-posts over the other', async () => {
    const sha = repo.head();
    expect((await runTendHere(work, ['apply', ...source()], { env: env() })).code).toBe(0);
    api.expect(READS, { route: CREATE, times: 7 });

    // Report mode: the watcher judges and never heals, so the deleted instance stays missing for the checks to find.
    const w = await watch({ mode: 'report', driftSchedule: '* * * * * *' });
    await until(() => posted(sha).length === 3, 20_000);
    rmSync(path.join(work, '.tend/instances', instanceFiles(work).find((f) => f.startsWith('web-')) ?? 'none'));
    await until(() => posted(sha).length === 7, 20_000);
    const mark = w.stderr().length;
    // Three drift checks, each followed by a tick: each kind judges the same again.
    await w.waitFor(/(drift check of .*drifted[^]*1 of 2 groups drifted in report mode, nothing changed[^]*){3}/, 20_000, mark);
    const stopped = await w.stop();

    expect(stopped.code).toBe(0);
    expect(posted(sha).slice(0, 3)).toEqual([
      'tend/db success: converged: 1 instance',
      'tend/web success: converged: 2 instances',
      'tend success: converged: 3 instances',
    ]);
    expect(posted(sha).slice(3).sort()).toEqual([
      'tend failure: drift: 1 missing',
      'tend failure: not converged: 1 converged, 1 drifted',
      'tend/web failure: drift: 1 missing',
      'tend/web failure: drift: 1 missing (report mode)',
    ]);
    expect(creates()).toBe(7);
    api.verify();
  });

  it('--drift-issues: a drift check opens one issue, later checks keep it, and after a restart the tick that heals the group closes it', async () => {
    const sha = repo.head();
    expect((await runTendHere(work, ['apply', ...source()], { env: env() })).code).toBe(0);
    api.expect(
      READS,
      { route: CREATE, times: { min: 3, max: 20 } },
      { route: 'GET /repos/{owner}/{repo}/issues', times: { min: 4, max: 10_000 } },
      { route: 'POST /repos/{owner}/{repo}/issues' },
      { route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments' },
      { route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}' },
    );
    const listings = (): number => api.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/issues').length;

    rmSync(path.join(work, '.tend/instances', instanceFiles(work).find((f) => f.startsWith('web-')) ?? 'none'));
    const reporting = await watch({ mode: 'report', driftSchedule: '* * * * * *', driftIssues: true });
    await until(() => api.issues(REPO).length === 1 && listings() >= 3, 20_000);
    expect((await reporting.stop()).code).toBe(0);
    const healing = await watch({ driftIssues: true });
    await until(() => api.issues(REPO)[0]?.state === 'closed', 20_000);
    await healing.stop();

    expect(api.issues(REPO)).toHaveLength(1);
    expect(api.issues(REPO)[0]).toMatchObject({ title: 'tend: drift in group web', labels: ['tend-drift'] });
    expect(api.issues(REPO)[0]?.comments).toEqual([expect.stringContaining(`tend applied commit ${sha}`)]);
    api.verify();
  });

  it('keeps ticking and healing while GitHub hangs: each tick waits for it only as long as the report may take', async () => {
    api.expect({ route: LIST, times: { min: 1, max: 1000 }, reply: { status: 0, hang: true } });

    // Ticks a second apart: each waits on the hung API for the report's 300 ms at most.
    const w = await watch({}, { TEND_GITHUB_TIMEOUT: '200ms', TEND_GITHUB_REPORT_TIMEOUT: '300ms' }, 1000);
    await until(() => instanceFiles(work).length === 3, 20_000);
    push('specs/web.yaml', cattleYaml('web', 4));
    await until(() => instanceFiles(work).length === 5, 20_000);
    rmSync(path.join(work, '.tend/instances', instanceFiles(work)[0] as string));
    await until(() => instanceFiles(work).length === 5, 20_000);
    const asked = api.requests.length;
    await until(() => api.requests.length >= asked + 3, 20_000);
    const stopped = await w.stop();

    // Ended once stopped: a watcher waiting on the hung API would not end within the test's bound.
    expect(stopped.code).toBe(0);
    expect(w.stderr().match(/GitHub did not answer within 300ms/g)).toHaveLength(1);
    expect(api.requests.every((r) => r.route === LIST)).toBe(true);
    api.verify();
  });

  it('lists the report flags in tend watch --help', async () => {
    const help = await runTendHere(work, ['watch', '--help']);

    expect(help.code).toBe(0);
    for (const flag of [
      '--report <kinds>',
      '--github-repo <owner/name>',
      '--github-api-url <url>',
      '--status-context <context>',
      '--status-url <url>',
      '--drift-issues',
    ])
      expect(help.stdout).toContain(flag);
    expect(help.stdout).toMatch(/--report github: each tick is posted as an apply on the commit it enforced/);
  });

  it('says a missing credential once at start, and watches on without posting', async () => {
    const w = await watch({}, { GITHUB_TOKEN: '' });

    await until(() => instanceFiles(work).length === 3, 20_000);
    const stopped = await w.stop();

    expect(stopped.code).toBe(0);
    expect(w.stderr().match(/no GitHub credential/g)).toHaveLength(1);
    expect(w.stderr()).toMatch(/--report github: no GitHub credential: set GITHUB_TOKEN.*; no status is posted/);
    expect(api.requests).toEqual([]);
  });
});
