import { makeGitRepo, type GitRepo } from '../helpers/make-git-repo.js';
import { makeWorkdir, runTend, type TendRun } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';
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

  const tend = async (args: string[], env: Record<string, string> = {}): Promise<TendRun> => {
    const run = await runTend(work.dir, [...args, '--repo', repo.dir], {
      env: {
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_SYSTEM: '/dev/null',
        GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: api.url,
        TEND_GITHUB_RETRY_BASE: '5ms',
        TEND_GITHUB_WRITE_INTERVAL: '0',
        ...env,
      },
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
  const posted = (commit = sha): Array<[string, string, string | null]> =>
    api
      .statuses(REPO, commit)
      .map((s) => [s.context, s.state, s.description])
      .reverse();

  beforeEach(async () => {
    work = makeWorkdir();
    repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 2), 'specs/db.yaml': cattleYaml('db', 1) }, work.dir);
    sha = repo.git(['rev-parse', 'HEAD']);
    api = await startGithubApi({ tokens: [TOKEN] });
  });

  afterEach(async () => {
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
});
