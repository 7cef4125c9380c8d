import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { git, HERMETIC_GIT_ENV, makeGitRepo, makeTempDir } from '../helpers/make-git-repo.js';
import { pullRequestEvent } from '../helpers/github-events.js';
import { runAction } from '../helpers/run-action.js';
import { cattleYaml } from '../helpers/spec-text.js';

/** A workspace as actions/checkout leaves it for a pull request: an empty repository, GitHub's merge commit fetched at depth 1, detached. */
function checkout(from: string, sha: string, into: string): string {
  mkdirSync(into);
  git(into, ['init', '-q']);
  execFileSync('git', ['fetch', '-q', '--depth', '1', from, sha], {
    cwd: into,
    env: { PATH: process.env.PATH, HOME: into, ...HERMETIC_GIT_ENV },
  });
  git(into, ['checkout', '-q', '--detach', 'FETCH_HEAD']);
  return into;
}

describe('the bundled action on a pull request', () => {
  let temp: ReturnType<typeof makeTempDir>;

  beforeEach(() => {
    temp = makeTempDir('tend-action-pr-');
  });

  afterEach(() => temp.cleanup());

  it("plans GitHub's merge commit in a shallow checkout and says which pull request and head it is about", async () => {
    const repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 2) }, temp.dir);
    const base = repo.head();
    repo.git(['checkout', '-q', '-b', 'scale-web']);
    repo.write('specs/web.yaml', cattleYaml('web', 4));
    const head = repo.commit('scale web to 4');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['merge', '-q', '--no-ff', '-m', 'Merge pull request #7', 'scale-web']);
    const merge = repo.head();
    const workspace = checkout(repo.dir, merge, path.join(temp.dir, 'workspace'));
    const payload = pullRequestEvent({ number: 7, headSha: head, baseSha: base, base: 'acme/fleet' });

    const run = await runAction(
      workspace,
      { command: 'plan', report: 'none' },
      { runnerDir: temp.dir, sha: merge, event: { name: 'pull_request', payload } },
    );

    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ changes: '4', drifted: 'true' });
    expect(run.summary).toContain(`specs/ at ${merge.slice(0, 12)} · pull request #7 (head ${head.slice(0, 12)})`);
    expect(run.summary).toContain('| web | correct | 4 | 0 | 4 missing | +4 ~0 -0 | changes planned |');
  });

  it('keeps the job summary under 1 MiB, whole rows only, with a note saying what was left out', async () => {
    const specs = Object.fromEntries(['a', 'b', 'c', 'd'].map((id) => [`specs/${id}.yaml`, cattleYaml(id, 10_000)]));
    const repo = makeGitRepo(specs, temp.dir);
    const sha = repo.head();

    const run = await runAction(
      repo.dir,
      { command: 'plan', report: 'none' },
      { runnerDir: temp.dir, sha, event: { name: 'workflow_dispatch', payload: {} } },
    );

    expect(run.code).toBe(0);
    expect(run.outputs.changes).toBe('40000');
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.byteLength(run.summary)).toBeGreaterThan(1024 * 1024 - 2048);
    expect(run.summary).toContain('| d | correct | 10000 | 0 | 10000 missing | +10000 ~0 -0 | changes planned |');
    expect(run.summary).toMatch(/> \*\*Truncated\*\* to fit GitHub's 1 MiB step summary: \d+ actions not shown\./);
    expect(run.summary).toMatch(/- `[a-d]` \+ create instance \(missing\)\n\n<\/details>\n\n> \*\*Truncated/);
    expect(statSync(run.outputs.plan as string).size).toBeGreaterThan(1024 * 1024);
  });
});
