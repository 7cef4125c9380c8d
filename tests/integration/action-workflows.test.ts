import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ACTION_DIR } from '../helpers/run-action.js';
import { REPO_ROOT } from '../helpers/run-tend.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: Job['concurrency'];
  jobs: Record<string, Job>;
}
interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { required?: boolean; default?: unknown }>;
  outputs: Record<string, unknown>;
}

const WORKFLOWS = path.join(REPO_ROOT, '.github/workflows');
const action = parse(readFileSync(path.join(ACTION_DIR, 'action.yml'), 'utf8')) as ActionYaml;
const workflows = readdirSync(WORKFLOWS)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((file) => ({ file, workflow: parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow }));
const tendSteps = workflows.flatMap(({ file, workflow }) =>
  Object.entries(workflow.jobs).flatMap(([name, job]) =>
    (job.steps ?? []).filter((s) => s.uses === './actions/tend').map((step) => ({ file, name, job, step })),
  ),
);
const command = (step: Step): unknown => step.with?.command;

describe('action.yml and the workflows that use it', () => {
  it('declares the runtime, an entry that exists, and the inputs and outputs of the README', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.mjs' });
    expect(existsSync(path.join(ACTION_DIR, action.runs.main))).toBe(true);
    expect(Object.keys(action.inputs).sort()).toEqual(
      [
        'command',
        'config',
        'github-token',
        'max-destroy',
        'max-destroy-percent',
        'prune',
        'report',
        'drift-issues',
        'shard',
        'specs',
        'status-context',
      ].sort(),
    );
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(action.inputs.report?.default).toBe('github');
    expect(Object.keys(action.outputs).sort()).toEqual(['changes', 'drifted', 'plan', 'summary']);
  });

  it('has the CI workflow and the three examples, each using the action', () => {
    expect(workflows.map((w) => w.file).sort()).toEqual([
      'ci.yml',
      'example-apply-on-push.yml',
      'example-drift-check.yml',
      'example-plan-on-pull-request.yml',
    ]);
    expect(new Set(tendSteps.map((s) => s.file)).size).toBe(4);
    expect(tendSteps.find((s) => s.file === 'ci.yml')?.step.with).toEqual({ command: 'plan' });
  });

  it('CI installs, lints, type-checks, tests, fails on a stale bundle, then runs the action', () => {
    const ci = workflows.find((w) => w.file === 'ci.yml')?.workflow as Workflow;
    const runs = Object.values(ci.jobs).flatMap((j) => (j.steps ?? []).map((s) => s.run ?? ''));
    const at = (text: string): number => runs.findIndex((r) => r.includes(text));
    const order = ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test', 'npm run bundle'].map(at);

    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(runs[at('npm run bundle')]).toContain('git diff --exit-code');
    const withAction = Object.values(ci.jobs).find((j) => (j.steps ?? []).some((s) => s.uses === './actions/tend'));
    expect(withAction?.needs).toBe('test');
  });

  it.each(tendSteps.map((s) => [`${s.file}: ${s.name}`, s.step] as const))(
    '%s gives only declared inputs, and every required one',
    (_, step) => {
      const declared = Object.keys(action.inputs);
      const required = Object.entries(action.inputs)
        .filter(([, i]) => i.required === true && i.default === undefined)
        .map(([name]) => name);

      expect(Object.keys(step.with ?? {}).filter((name) => !declared.includes(name))).toEqual([]);
      expect(required.filter((name) => !(name in (step.with ?? {})))).toEqual([]);
    },
  );

  it.each(workflows.map((w) => [w.file, w.workflow] as const))(
    '%s asks for no more than contents: read and statuses (checks) write, and issues: write only where drift issues are kept',
    (file, workflow) => {
      const tracksDrift = tendSteps.some((s) => s.file === file && s.step.with?.['drift-issues'] === true);
      const allowed: Record<string, string> = {
        contents: 'read',
        statuses: 'write',
        checks: 'write',
        ...(tracksDrift ? { issues: 'write' } : {}),
      };
      const sets = [workflow.permissions, ...Object.values(workflow.jobs).map((j) => j.permissions)].filter((p) => p !== undefined);

      expect(workflow.permissions).toBeDefined();
      expect(workflow.permissions?.contents).toBe('read');
      for (const permissions of sets)
        for (const [scope, level] of Object.entries(permissions)) expect(`${scope}: ${level}`).toBe(`${scope}: ${allowed[scope]}`);
    },
  );

  it.each(
    workflows
      .filter((w) => tendSteps.some((s) => s.file === w.file && s.step.with?.report !== 'none'))
      .map((w) => [w.file, w.workflow] as const),
  )('%s lets the action post what report: github posts: statuses and the check run', (_, workflow) => {
    expect(workflow.permissions).toMatchObject({ statuses: 'write', checks: 'write' });
  });

  it('pastes no expression into a script: outputs and event data reach a script through its environment', () => {
    const scripts = workflows.flatMap(({ file, workflow }) =>
      Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).filter((s) => s.run !== undefined).map((s) => `${file}: ${s.run}`)),
    );

    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((script) => script.includes('${{'))).toEqual([]);
  });

  it('never cancels an apply in progress', () => {
    const applies = tendSteps.filter((s) => command(s.step) === 'apply');

    expect(applies.length).toBeGreaterThan(0);
    for (const { file, job } of applies) {
      const workflow = workflows.find((w) => w.file === file)?.workflow as Workflow;
      const concurrency = job.concurrency ?? workflow.concurrency;
      expect(concurrency?.group).toBeTruthy();
      expect(concurrency?.['cancel-in-progress']).toBe(false);
      expect(Object.keys(workflow.on)).toEqual(['push']);
    }
  });

  it('plans on pull requests that touch the specs', () => {
    const plans = tendSteps.filter((s) => s.file.startsWith('example-') && command(s.step) === 'plan');
    const workflow = workflows.find((w) => w.file === plans[0]?.file)?.workflow as Workflow;

    expect(plans).toHaveLength(1);
    expect((workflow.on.pull_request as { paths: string[] }).paths).toContain('specs/**');
  });

  it('checks drift on a schedule off the top of the hour, fanned out over shards that cover 1/N to N/N, none failing the others', () => {
    const drifts = tendSteps.filter((s) => command(s.step) === 'drift');

    expect(drifts).toHaveLength(1);
    const { file, job, step } = drifts[0] as (typeof drifts)[number];
    const workflow = workflows.find((w) => w.file === file)?.workflow as Workflow;
    const crons = (workflow.on.schedule as Array<{ cron: string }>).map((s) => s.cron);
    expect(crons.length).toBeGreaterThan(0);
    for (const cron of crons) expect(cron.split(/\s+/)[0]).toMatch(/^([1-9]|[1-5]\d)$/);
    expect(job.strategy?.['fail-fast']).toBe(false);
    const shards = job.strategy?.matrix?.shard as string[];
    expect(shards).toEqual(shards.map((_, i) => `${i + 1}/${shards.length}`));
    expect(shards.length).toBeGreaterThan(1);
    expect(step.with?.shard).toBe('${{ matrix.shard }}');
    expect(step.with?.['drift-issues']).toBe(true);
    expect(workflow.permissions?.issues).toBe('write');
  });
});
