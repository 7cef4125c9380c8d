import { generateKeyPairSync } from 'node:crypto';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, type GitRepo } from '../helpers/make-git-repo.js';
import { instanceFiles, makeWorkdir, runTend, startTend, type TendRun } from '../helpers/run-tend.js';
import { runCliHere, runTendHere } from '../helpers/run-cli-in-process.js';
import { servePlugins } from '../../src/plugins/kit/index.js';
import { INSTANCE_CALL_WIDTH } from '../../src/reconcile/bounded.js';
import { CallGate } from '../helpers/call-gate.js';
import { MemoryInstancePlugin } from '../helpers/memory-plugins.js';
import { until } from '../helpers/until.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { rateLimited } from '../helpers/github-api-answers.js';
import { startGithubApi, type GithubApi } from '../helpers/start-github-api.js';

const TOKEN = 'ghp_tendTestToken4f1d9c2a7b';
const REPO = 'acme/fleet';
const LIST = 'GET /repos/{owner}/{repo}/commits/{ref}/statuses';
const CREATE = 'POST /repos/{owner}/{repo}/statuses/{sha}';

describe('tend --report github: commit statuses on the judged commit', () => {
  let work: ReturnType<typeof makeWorkdir>;
  let repo: GitRepo & { cleanup: () => void };
  let sha: string;
  let api: GithubApi;
  const outputs: string[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  const environment = (env: Record<string, string>): Record<string, string> => ({
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: api.url,
    TEND_GITHUB_RETRY_BASE: '5ms',
    TEND_GITHUB_WRITE_INTERVAL: '0',
    ...env,
  });
  /** One run through the CLI's entry in this process (no signal or exit is asked of it), as `tend` in a new process would run. */
  const tend = async (args: string[], env: Record<string, string> = {}): Promise<TendRun> => {
    const run = await runCliHere(work.dir, [...args, '--repo', repo.dir], { PATH: process.env.PATH, HOME: work.dir, ...environment(env) });
    outputs.push(run.stdout, run.stderr);
    return run;
  };
  /** The bundled CLI in a process of its own. */
  const spawned = async (args: string[], env: Record<string, string> = {}): Promise<TendRun> => {
    const run = await runTend(work.dir, [...args, '--repo', repo.dir, '--report', 'github', '--github-repo', REPO], {
      env: environment(env),
    });
    outputs.push(run.stdout, run.stderr);
    return run;
  };
  const report = (args: string[], env?: Record<string, string>): Promise<TendRun> =>
    tend([...args, '--report', 'github', '--github-repo', REPO], env);
  /** The latest state and description of each context on the commit, as GitHub shows them. */
  const shown = (commit = sha): Record<string, string> => {
    const latest: Record<string, string> = {};
    for (const s of api.statuses(REPO, commit)) latest[s.context] ??= `${s.state}: ${s.description}`;
    return latest;
  };
  const posted = (commit = sha): string[] =>
    api
      .statuses(REPO, commit)
      .map((s) => `${s.context} ${s.state}: ${s.description}`)
      .reverse();

  beforeEach(async () => {
    work = makeWorkdir();
    repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 2), 'specs/db.yaml': cattleYaml('db', 1) }, work.dir);
    sha = repo.head();
    api = await startGithubApi({ tokens: [TOKEN] });
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await api.stop();
    work.cleanup();
    for (const text of outputs) expect(text).not.toContain(TOKEN);
    outputs.length = 0;
  });

  it('marks a converged state success on the aggregate and on every group', async () => {
    await tend(['apply']);
    api.expect({ route: LIST }, { route: CREATE, times: 3 });

    const run = await report(['drift']);

    expect(run.code).toBe(0);
    expect(shown()).toEqual({
      tend: 'success: converged: 3 instances',
      'tend/web': 'success: converged: 2 instances',
      'tend/db': 'success: converged: 1 instance',
    });
    api.verify();
  });

  it('a 429 asking for a minute, beyond the report’s time: one line saying when, no early request, and the exit code kept', async () => {
    api.expect({ route: LIST, reply: rateLimited.tooMany(60) });

    const run = await spawned(['plan'], { TEND_GITHUB_RETRY_BASE: '1s', TEND_GITHUB_REPORT_TIMEOUT: '2s' });

    // Ended by itself, before the minute was up: a run waiting for it would be killed at its 20 s bound, without a code.
    expect(run.code).toBe(2);
    expect(api.requests).toHaveLength(1);
    const said = run.stderr.split('\n').filter((l) => /rate limit/i.test(l));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/GITHUB_RATE_LIMITED|GitHub reports: GitHub's rate limit: it takes requests again at \S+Z \(in \d+(\.\d)?s\)/);
    expect(run.stderr.split('\n').filter((l) => /github/i.test(l))).toHaveLength(1);
    api.verify();
  });

  it('marks drift failure with its exact counts, per group and in total', async () => {
    await tend(['apply']);
    repo.write('specs/web.yaml', cattleYaml('web', 2, { note: 'v2' }));
    sha = repo.commit('web v2');
    rmSync(path.join(work.dir, '.tend/instances', instanceFiles(work.dir).find((f) => f.startsWith('db-')) ?? 'none'));
    api.expect({ route: LIST }, { route: CREATE, times: 3 });

    const run = await report(['drift']);

    expect(run.code).toBe(2);
    expect(shown()).toEqual({
      tend: 'failure: drift: 1 missing, 2 stale',
      'tend/web': 'failure: drift: 2 stale',
      'tend/db': 'failure: drift: 1 missing',
    });
    api.verify();
  });

  it('says a plan with changes as success, in its numbers: +create ~replace -destroy', async () => {
    api.expect({ route: LIST }, { route: CREATE, times: 3 });

    const run = await report(['plan', '--status-context', 'tend/prod', '--status-url', 'https://ci.example/runs/5']);

    expect(run.code).toBe(2);
    expect(shown()).toEqual({
      'tend/prod': 'success: plan: +3 ~0 -0',
      'tend/prod/web': 'success: plan: +2 ~0 -0',
      'tend/prod/db': 'success: plan: +1 ~0 -0',
    });
    expect(api.statuses(REPO, sha).map((s) => s.target_url)).toEqual(Array(3).fill('https://ci.example/runs/5'));
    api.verify();
  });

  it('marks an apply pending while it runs, then success once converged, linked to the Actions run', async () => {
    api.expect({ route: LIST, times: 2 }, { route: CREATE, times: 6 });
    const actions = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'acme/ci',
      GITHUB_RUN_ID: '77',
    };

    const run = await report(['apply'], actions);

    expect(run.code).toBe(0);
    expect(posted()).toEqual([
      'tend pending: applying: +3 ~0 -0',
      'tend/db pending: applying: +1 ~0 -0',
      'tend/web pending: applying: +2 ~0 -0',
      'tend/db success: converged: 1 instance',
      'tend/web success: converged: 2 instances',
      'tend success: converged: 3 instances',
    ]);
    expect(new Set(api.statuses(REPO, sha).map((s) => s.target_url))).toEqual(new Set(['https://github.example/acme/ci/actions/runs/77']));
    api.verify();
  });

  it('never calls a paused rollout success', async () => {
    await tend(['apply']);
    // A plugin whose folder is a dangling link: it lists no instances, and every new one fails, even for root.
    work.write(
      'tend.config.yaml',
      'plugins:\n  instance-file: {type: file, dir: .tend/instances}\n  instance-broken: {type: file, dir: broken}\n  flavor-vanilla: {type: vanilla}\n',
    );
    symlinkSync(path.join(work.dir, 'nowhere'), path.join(work.dir, 'broken'));
    repo.write('specs/web.yaml', cattleYaml('web', 2).replace('Plugin: instance-file', 'Plugin: instance-broken'));
    sha = repo.commit('web moves to a plugin that cannot make instances');
    api.expect({ route: LIST, times: 2 }, { route: CREATE, times: 5 });

    const run = await report(['apply']);

    expect(run.code).toBe(1);
    expect(shown()).toEqual({
      tend: 'failure: not converged: 1 converged, 1 paused',
      'tend/web': expect.stringMatching(/^failure: paused after 0 of 2 replacements: /) as string,
      'tend/db': 'success: converged: 1 instance',
    });
    api.verify();
  });

  it('never calls an interrupted apply success', async () => {
    // web on a plugin served here, whose creates wait until the test lets them go: the signal lands while they are in flight.
    const gate = new CallGate();
    const server = await servePlugins({
      name: 'instance-memory',
      instance: new MemoryInstancePlugin('instance-memory', [], { gate }),
      socket: path.join(work.dir, 'memory.sock'),
    });
    cleanups.push(async () => {
      gate.open();
      await server.close();
    });
    work.write(
      'tend.config.yaml',
      'plugins:\n  instance-file: {type: file, dir: .tend/instances}\n  instance-memory: {type: rpc, socket: ./memory.sock}\n  flavor-vanilla: {type: vanilla}\n',
    );
    repo.write('specs/web.yaml', cattleYaml('web', INSTANCE_CALL_WIDTH + 1).replace('Plugin: instance-file', 'Plugin: instance-memory'));
    sha = repo.commit('web grows');
    api.expect({ route: LIST, times: 2 }, { route: CREATE, times: 6 });
    gate.hold();
    const { child, done } = startTend(work.dir, ['apply', '--repo', repo.dir, '--report', 'github', '--github-repo', REPO], {
      env: environment({}),
      timeoutMs: 60_000,
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await gate.held(INSTANCE_CALL_WIDTH);
    child.kill('SIGINT');
    await until(() => stderr.includes('SIGINT: finishing the calls in flight'));
    gate.open();

    const run = await done;
    outputs.push(run.stdout, run.stderr);

    expect(run.code).toBe(1);
    expect(shown().tend).toMatch(/^failure: interrupted: /);
    expect(shown()['tend/web']).toMatch(/^failure: interrupted/);
    expect(shown()['tend/db']).toBe('success: converged: 1 instance');
    api.verify();
  });

  it('marks an invalid commit error at the first problem, on that commit, leaving the last good one as it was', async () => {
    await tend(['apply']);
    api.expect({ route: LIST, times: 2 }, { route: CREATE, times: 4 });
    await report(['drift']);
    const good = sha;
    repo.write('specs/web.yaml', cattleYaml('web', 2).replace('Size: 2', 'Size: two'));
    const bad = repo.commit('typo');

    const run = await report(['drift']);

    expect(run.code).toBe(1);
    expect(shown(bad)).toEqual({ tend: 'error: invalid spec: specs/web.yaml:4' });
    expect(shown(good)).toEqual({
      tend: 'success: converged: 3 instances',
      'tend/web': 'success: converged: 2 instances',
      'tend/db': 'success: converged: 1 instance',
    });
    api.verify();
  });

  it('marks a blocked apply failure with the numbers, and changes nothing', async () => {
    await tend(['apply']);
    repo.write('specs/web.yaml', cattleYaml('web', 0));
    sha = repo.commit('scale web to zero');
    api.expect({ route: LIST }, { route: CREATE, times: 3 });

    const run = await report(['apply', '--max-destroy', '1', '--max-destroy-percent', '100', '--json']);

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ blocked: { destroy: 2, budget: 1 } });
    expect(instanceFiles(work.dir)).toHaveLength(3);
    expect(shown()).toEqual({
      tend: 'failure: blocked: would destroy 2, budget 1',
      'tend/web': 'failure: blocked: would destroy 2, budget 1',
      'tend/db': 'success: converged: 1 instance',
    });
    api.verify();
  });

  it('posts one status per context in all for three drift checks of an unchanged state, each a new process', async () => {
    await tend(['apply']);
    api.expect({ route: LIST, times: 3 }, { route: CREATE, times: 3 });

    // A process keeps nothing of the one before: from the second on, only what GitHub shows can keep it from posting again.
    for (let i = 0; i < 3; i++) expect((await spawned(['drift'])).code).toBe(0);

    expect(api.statuses(REPO, sha)).toHaveLength(3);
    api.verify();
  });

  it('ends in bounded time when GitHub hangs, saying so once, with the exit code of the run', async () => {
    await tend(['apply']);
    api.expect({ route: LIST, times: { min: 1, max: 4 }, reply: { status: 0, hang: true } });

    const run = await spawned(['drift'], { TEND_GITHUB_TIMEOUT: '200ms', TEND_GITHUB_REPORT_TIMEOUT: '500ms' });

    // Ended by itself: a run waiting on the hung API would be killed at its 20 s bound, without a code.
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No drift');
    expect(run.stderr.trim().split('\n')).toEqual([
      'warning: GitHub statuses: GitHub did not answer within 500ms; what was not posted is given up',
    ]);
    api.verify();
  });

  it('takes the repository and context from the config before GITHUB_REPOSITORY', async () => {
    await tend(['apply']);
    work.write('tend.config.yaml', 'github: {repo: acme/fleet, context: tend/cfg, perGroupLimit: 1}\n');
    api.expect({ route: LIST, when: (r) => r.params.repo === 'fleet' }, { route: CREATE, when: (r) => r.params.repo === 'fleet' });

    const run = await tend(['drift', '--report', 'github'], { GITHUB_REPOSITORY: 'acme/ci' });

    expect(run.code).toBe(0);
    expect(shown()).toEqual({ 'tend/cfg': 'success: converged: 3 instances' });
    api.verify();
  });

  it('says a refused token in one line, and still reconciles', async () => {
    api.expect({ route: LIST });

    const run = await report(['apply', '--log-format', 'json'], { GITHUB_TOKEN: 'ghp_wrongToken9a8b7c6d' });

    expect(run.code).toBe(0);
    expect(instanceFiles(work.dir)).toHaveLength(3);
    const lines = run.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { code?: string; msg: string });
    const said = lines.filter((l) => l.code?.startsWith('GITHUB'));
    expect(said.map((l) => l.code)).toEqual(['GITHUB_AUTH']);
    expect(said[0]?.msg).toContain('GitHub refused the credential (GITHUB_TOKEN)');
    expect(run.stderr).toContain('Bad credentials');
    expect(run.stderr).not.toContain('ghp_wrongToken9a8b7c6d');
    api.verify();
  });

  it('says a missing credential in one line before anything runs, and still reconciles', async () => {
    const run = await report(['apply'], { GITHUB_TOKEN: '' });

    expect(run.code).toBe(0);
    expect(instanceFiles(work.dir)).toHaveLength(3);
    expect(run.stderr.trim().split('\n')).toEqual([
      'error: --report github: no GitHub credential: set GITHUB_TOKEN, or TEND_GITHUB_APP_ID with TEND_GITHUB_APP_PRIVATE_KEY or TEND_GITHUB_APP_PRIVATE_KEY_FILE; no status is posted',
    ]);
    api.verify();
  });

  it('says once that a plain folder has no commit to post to, and still reconciles', async () => {
    work.write('local/web.yaml', cattleYaml('web', 1));

    const run = await runTendHere(work.dir, ['apply', '--specs', 'local', '--report', 'github', '--github-repo', REPO], {
      env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url },
    });
    outputs.push(run.stdout, run.stderr);

    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([
      'warning: --report github: the specs come from a folder, not a commit, so no commit status is posted (read them with --repo)',
    ]);
    api.verify();
  });

  it.each([
    [['--report', 'slack'], "option '--report <kinds>' argument 'slack' is invalid. expected console or github"],
    [
      ['--report', 'github', '--github-repo', 'fleet'],
      "option '--github-repo <owner/name>' argument 'fleet' is invalid. expected owner/name",
    ],
    [['--report', 'github'], '--report github needs the repository of the commits'],
    [['--report', 'github', '--github-repo', REPO, '--github-api-url', 'ftp://x'], 'expected an http:// or https:// URL'],
  ])('refuses %j before running anything', async (flags, message) => {
    const run = await tend(['apply', ...flags]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(instanceFiles(work.dir)).toEqual([]);
  });

  describe('as a GitHub App', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

    beforeEach(async () => {
      await api.stop();
      api = await startGithubApi({ app: { id: 4242, publicKey, installationId: 99 } });
    });

    it('finds its installation on the repository, takes a token for it, and posts with that token', async () => {
      writeFileSync(path.join(work.dir, 'app.pem'), pem);
      api.expect(
        { route: 'GET /repos/{owner}/{repo}/installation', when: (r) => r.params.owner === 'acme' && r.params.repo === 'fleet' },
        { route: 'POST /app/installations/{installation_id}/access_tokens' },
        { route: LIST, when: (r) => r.headers.authorization === `token ${api.issuedTokens[0]}` },
        { route: CREATE, times: 3, when: (r) => r.headers.authorization === `token ${api.issuedTokens[0]}` },
      );

      const run = await report(['plan'], { GITHUB_TOKEN: '', TEND_GITHUB_APP_ID: '4242', TEND_GITHUB_APP_PRIVATE_KEY_FILE: 'app.pem' });

      expect(run.code).toBe(2);
      expect(shown().tend).toBe('success: plan: +3 ~0 -0');
      expect(`${run.stdout}${run.stderr}`).not.toContain(api.issuedTokens[0]);
      expect(`${run.stdout}${run.stderr}`).not.toContain('PRIVATE KEY');
      api.verify();
    });

    it('says a key it cannot sign with in one line, sending nothing, and still reconciles', async () => {
      const run = await report(['apply'], { TEND_GITHUB_APP_ID: '4242', TEND_GITHUB_APP_PRIVATE_KEY: 'not a key at all' });

      expect(run.code).toBe(0);
      expect(instanceFiles(work.dir)).toHaveLength(3);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^error: GitHub statuses: could not sign in as GitHub App 4242 .*; no status is posted$/),
      ]);
      expect(run.stderr).not.toContain('not a key at all');
      expect(api.requests).toEqual([]);
      api.verify();
    });

    it('uses the installation it is given, with its key from a variable', async () => {
      api.expect(
        { route: 'POST /app/installations/{installation_id}/access_tokens', when: (r) => r.params.installation_id === '99' },
        { route: LIST },
        { route: CREATE, times: 3 },
      );

      const run = await report(['plan'], {
        TEND_GITHUB_APP_ID: '4242',
        TEND_GITHUB_APP_PRIVATE_KEY: pem.replaceAll('\n', '\\n'),
        TEND_GITHUB_APP_INSTALLATION_ID: '99',
      });

      expect(run.code).toBe(2);
      expect(shown().tend).toBe('success: plan: +3 ~0 -0');
      api.verify();
    });
  });
});
