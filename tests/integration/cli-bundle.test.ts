import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, sourceEnv } from '../helpers/make-git-repo.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { CLI, REPO_ROOT, instanceFiles, makeWorkdir, runTend } from '../helpers/run-tend.js';

const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

/** Every folder from `dir` up to the root that Node would search for packages. */
function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'node_modules'))) found.push(path.join(at, 'node_modules'));
    if (path.dirname(at) === at) return found;
  }
}

describe('the bundled CLI on its own', () => {
  let work: ReturnType<typeof makeWorkdir>;
  let cli: string;

  beforeEach(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 2) });
    cpSync(path.dirname(CLI), path.join(work.dir, 'dist'), { recursive: true });
    cli = path.join(work.dir, 'dist', path.basename(CLI));
  });

  afterEach(() => work.cleanup());

  it('has no node_modules to fall back on where the copy runs', () => {
    expect(nodeModulesAbove(work.dir)).toEqual([]);
  });

  it("prints package.json's version", async () => {
    const run = await runTend(work.dir, ['--version'], { cli });

    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('validates, plans and applies (taking the apply lock)', async () => {
    const validated = await runTend(work.dir, ['validate'], { cli });
    const planned = await runTend(work.dir, ['plan'], { cli });
    const applied = await runTend(work.dir, ['apply'], { cli });
    const replanned = await runTend(work.dir, ['plan'], { cli });

    expect([validated.code, planned.code, applied.code, replanned.code]).toEqual([0, 2, 0, 0]);
    expect(applied.stderr).toBe('');
    expect(instanceFiles(work.dir)).toHaveLength(2);
  });

  it('writes JSON logs (pino)', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 1).replace('Size: 1', 'Size: -1'));

    const run = await runTend(work.dir, ['--log-format', 'json', 'validate'], { cli });

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr.split('\n')[0] ?? '')).toMatchObject({
      level: 50,
      file: 'specs/web.yaml',
      path: 'Properties.Allocation.Size',
    });
  });

  it('reads and checks a config file (ajv)', async () => {
    work.write('tend.config.yaml', 'plugins:\n  instance-file: {type: file, dir: vms}\n  flavor-vanilla: {type: vanilla}\n');
    const applied = await runTend(work.dir, ['apply'], { cli });
    work.write('tend.config.yaml', 'reconcile: {maxDestory: 4}\n');
    const refused = await runTend(work.dir, ['plan'], { cli });

    expect(applied.code).toBe(0);
    expect(existsSync(path.join(work.dir, 'vms'))).toBe(true);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^tend\.config\.yaml:1:\d+ {2}CONFIG_INVALID {2}reconcile\.maxDestory: unknown key/m);
  });

  it('reads a commit (simple-git) and reports to GitHub (octokit), each from a chunk of its own', async () => {
    const repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 1) }, work.dir);
    const env = { ...sourceEnv(work.dir), GITHUB_TOKEN: 'not-a-token', TEND_GITHUB_RETRY_BASE: '5ms' };
    const args = ['plan', '--repo', repo.dir, '--report', 'github', '--github-repo', 'acme/fleet'];

    const run = await runTend(work.dir, [...args, '--github-api-url', 'http://127.0.0.1:9'], { cli, env });

    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Revision [0-9a-f]{12} \(main\)/);
    expect(run.stderr).toMatch(/GitHub statuses: could not read the statuses/);
    expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|not-a-token/);
  });
});
