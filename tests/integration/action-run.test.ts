import { readFileSync } from 'node:fs';
import { makeGitRepo, makeTempDir, type GitRepo } from '../helpers/make-git-repo.js';
import { pushEvent } from '../helpers/github-events.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';
import { instanceFiles } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';

interface PlanJson {
  revision: string | null;
  groups: Array<{ id: string; outcome?: string }>;
  summary: { create: number };
}

describe('the bundled action, run as a runner runs it, on a push', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let repo: GitRepo;
  let sha: string;

  // Commit statuses and check runs have their own tests, against the GitHub stand-in (action-github.test.ts).
  const act = (inputs: Record<string, string>): Promise<ActionRun> =>
    runAction(
      repo.dir,
      { report: 'none', ...inputs },
      {
        runnerDir: temp.dir,
        sha,
        event: { name: 'push', payload: pushEvent({ before: '0'.repeat(40), after: sha, repository: 'acme/fleet' }) },
      },
    );
  const commit = (files: Record<string, string>): void => {
    for (const [file, text] of Object.entries(files)) repo.write(file, text);
    sha = repo.commit();
  };

  beforeEach(() => {
    temp = makeTempDir('tend-action-');
    repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 2), 'specs/db.yaml': cattleYaml('db', 1) }, temp.dir);
    sha = repo.head();
  });

  afterEach(() => temp.cleanup());

  it('plan: a plan with changes is not a failed step; the outputs, the plan JSON and the summary table say what would change at GITHUB_SHA, whatever an earlier step did to the work tree', async () => {
    // An earlier step's edit, never committed.
    repo.write('specs/web.yaml', cattleYaml('web', 9));

    const run = await act({ command: 'plan' });

    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ drifted: 'true', changes: '3', summary: 'Plan: 3 to create, 0 to replace, 0 to destroy.' });
    const plan = JSON.parse(readFileSync(run.outputs.plan as string, 'utf8')) as PlanJson;
    expect(run.outputs.plan?.startsWith(temp.dir)).toBe(true);
    expect(plan.revision).toBe(sha);
    expect(plan.groups.map((g) => g.id)).toEqual(['db', 'web']);
    expect(run.summary).toContain('### tend plan');
    expect(run.summary).toContain(`specs/ at ${sha.slice(0, 12)} · push of ${sha.slice(0, 12)}`);
    expect(run.summary).toContain('| group | mode | desired | observed | drift | actions | outcome |');
    expect(run.summary).toContain('| web | correct | 2 | 0 | 2 missing | +2 ~0 -0 | changes planned |');
    expect(run.summary).toContain('| db | correct | 1 | 0 | 1 missing | +1 ~0 -0 | changes planned |');
    expect(instanceFiles(repo.dir)).toEqual([]);
  });

  it('apply converges (exit 0), then plan and drift find nothing; an apply the destroy budget blocks fails the step and changes nothing', async () => {
    const applied = await act({ command: 'apply' });
    const planned = await act({ command: 'plan', report: 'none' });
    const drift = await act({ command: 'drift', report: 'none' });
    commit({ 'specs/web.yaml': cattleYaml('web', 0) });
    const blocked = await act({ command: 'apply', 'max-destroy': '1' });

    expect(applied.code).toBe(0);
    expect(applied.outputs.summary).toMatch(/^Apply complete: 2 converged/);
    expect((JSON.parse(readFileSync(applied.outputs.plan as string, 'utf8')) as PlanJson).groups.map((g) => g.outcome)).toEqual([
      'converged',
      'converged',
    ]);
    expect(applied.summary).toContain('| web | correct | 2 | 0 | 2 missing | +2 ~0 -0 | converged |');
    expect(instanceFiles(repo.dir)).toHaveLength(3);
    expect(planned).toMatchObject({ code: 0, outputs: { drifted: 'false', changes: '0' } });
    expect(drift).toMatchObject({ code: 0, outputs: { drifted: 'false', summary: 'No drift: 2 groups in sync.' } });
    expect(drift.stdout).not.toContain('::notice::');
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/^::error::Blocked by the destroy budget: would destroy 2 instances, budget 1/m);
    expect(blocked.summary).toContain('> Blocked by the destroy budget');
    expect(instanceFiles(repo.dir)).toHaveLength(3);
  });

  it('drift found is a finding (exit 0, drifted true); an apply that does not converge fails the step', async () => {
    commit({ 'specs/web.yaml': cattleYaml('web', 2, { mode: 'report' }) });

    const drift = await act({ command: 'drift' });
    const applied = await act({ command: 'apply' });

    expect(drift).toMatchObject({ code: 0, outputs: { drifted: 'true' } });
    expect(drift.outputs.summary).toMatch(/^Drift: 2 of 2 groups drifted/);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(/^::error::Apply incomplete: 1 converged, 1 drifted/m);
    expect(applied.summary).toContain('drifted');
  });

  it('spec problems are error annotations at their file, line and column; the step fails; plan holds the failure JSON', async () => {
    commit({
      'specs/web.yaml':
        'ID: web\nProperties:\n  Allocation:\n    Size: many\n  Instance: {Plugin: instance-file}\n  Flavor: {Plugin: flavor-vanilla}\n',
    });

    const run = await act({ command: 'plan' });
    const valid = await act({ command: 'validate' });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error title=SPEC_TYPE,file=specs/web.yaml,line=4,col=11::Properties.Allocation.Size: must be an integer ≥ 0',
    );
    expect(run.stdout).toMatch(/^::error::1 problem in 1 spec file; nothing was changed\.$/m);
    expect(JSON.parse(readFileSync(run.outputs.plan as string, 'utf8'))).toMatchObject({ error: { code: 'SPEC_INVALID' } });
    expect(run.outputs).toMatchObject({ drifted: 'false', changes: '0' });
    expect(run.summary).toContain('**Failed** (`SPEC_INVALID`)');
    expect(run.summary).toContain('| specs/web.yaml:4:11 | SPEC_TYPE | Properties.Allocation.Size | must be an integer ≥ 0 |');
    expect(valid.code).toBe(1);
    expect(valid.stdout).toContain('::error title=SPEC_TYPE,file=specs/web.yaml,line=4,col=11::');
  });

  it('validate: exit 0 for valid specs, with the one line as the summary output', async () => {
    const run = await act({ command: 'validate' });

    expect(run.code).toBe(0);
    expect(run.outputs.summary).toMatch(/: 2 groups in 2 files, all valid\.$/);
    expect(JSON.parse(readFileSync(run.outputs.plan as string, 'utf8'))).toEqual({ revision: sha, files: 2, groups: ['db', 'web'] });
  });

  it('spec warnings are warning annotations at their line', async () => {
    commit({ 'specs/web.yaml': cattleYaml('web', 1).replace('      Init: [echo hello]', '      Inits: [echo hello]') });

    const run = await act({ command: 'plan' });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^::warning title=SPEC_PLUGIN_WARNING,file=specs\/web.yaml,line=12,col=7::Properties.Flavor.Properties.Inits: /m,
    );
  });

  it('a runner config problem is an annotation in the config file, and fails the step', async () => {
    commit({ 'tend.config.yaml': 'reconcile:\n  maxDestroy: lots\n' });

    const run = await act({ command: 'plan' });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=CONFIG_INVALID,file=tend.config.yaml,line=2,col=15::reconcile.maxDestroy: /m);
    expect(run.summary).toContain('`CONFIG_INVALID`');
  });

  it('inputs are read strictly: every bad one is named, and the step fails before anything runs', async () => {
    const run = await act({ command: 'destroy', 'max-destroy': '0x10', shard: '4/3' });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('input command is "destroy": expected one of plan, apply, drift, validate');
    expect(run.stdout).toContain('input max-destroy is "0x10": expected a whole number ≥ 0');
    expect(run.stdout).toContain('input shard is "4/3"');
    expect(run.summary).toContain('`USAGE`');
  });
});

describe('the bundled action when a plugin cannot be asked', () => {
  it('fails the step, as the CLI exits 1, with the group in error in the summary, and lets no data act as a workflow command', async () => {
    const temp = makeTempDir('tend-action-plugin-');
    try {
      const repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 1) }, temp.dir);
      // The plugin's error quotes this path, line break and all, as a plugin may quote a spec's value.
      const blocked = 'blocked\n::add-mask::injected';
      repo.write(
        'tend.config.yaml',
        `plugins:\n  instance-file: {type: file, dir: ${JSON.stringify(blocked)}}\n  flavor-vanilla: {type: vanilla}\n`,
      );
      repo.write(blocked, 'a file where the instance folder should be\n');
      const sha = repo.commit();

      const run = await runAction(
        repo.dir,
        { command: 'plan', report: 'none' },
        { runnerDir: temp.dir, sha, event: { name: 'workflow_dispatch', payload: {} } },
      );

      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::1 group could not be observed/m);
      expect(run.summary).toMatch(/\| web \| correct \| 1 \| 0 \| \? \| — \| error: .*blocked ::add-mask::injected/);
      const stopped = /^::stop-commands::(\S+)\n([^]*?)^::\1::$/m.exec(run.stdout);
      expect(stopped?.[2]).toMatch(/^::add-mask::injected/m);
      expect(run.stdout.replace(stopped?.[0] ?? '', '')).not.toContain('injected');
    } finally {
      temp.cleanup();
    }
  });
});
