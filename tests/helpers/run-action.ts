import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './run-tend.js';

/** The bundled action, committed, exactly as a runner runs it (action.yml's `runs.main`). */
export const ACTION_DIR = path.join(REPO_ROOT, 'actions/tend');
export const ACTION = path.join(ACTION_DIR, 'dist/index.mjs');
/** The token the runner hands the action for `${{ github.token }}`: never to be seen in a log. */
export const RUNNER_TOKEN = 'ghs_runnerTokenMustNeverBeLogged0001';

interface ActionYaml {
  inputs: Record<string, { required?: boolean; default?: string }>;
}

export interface ActionRun {
  code: number | null;
  /** The step's log: workflow commands (`::error file=…::`) and plain lines. */
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** What the step wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
}

export interface ActionOptions {
  event?: { name: string; payload: unknown };
  sha?: string;
  env?: Record<string, string>;
  /** Where RUNNER_TEMP, GITHUB_OUTPUT and the summary live; the test's own folder, removed with it. */
  runnerDir: string;
}

/**
 * Runs the bundled action in `workspace` as a runner does: from a copy of actions/tend with no
 * node_modules to fall back on (the entry and the chunks it loads), every input as `INPUT_<NAME>`
 * with the name upper-cased and its hyphens kept, the defaults of action.yml for inputs not given,
 * the runner's files and variables. Bounded in time.
 */
export function runAction(workspace: string, inputs: Record<string, string>, options: ActionOptions): Promise<ActionRun> {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run \`npm run bundle\` (npm test does)`);
  const temp = mkdtempSync(path.join(options.runnerDir, 'runner-'));
  const action = path.join(temp, 'action');
  cpSync(ACTION_DIR, action, { recursive: true });
  const above = nodeModulesAbove(action);
  if (above.length > 0)
    throw new Error(`the action's copy could load packages from ${above.join(', ')}: run the tests under another temp folder`);
  const outputFile = path.join(temp, 'output');
  const summaryFile = path.join(temp, 'step-summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: temp,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/fleet',
    GITHUB_SERVER_URL: 'https://github.com',
    // Never the real GitHub from a test: a closed local port, unless the test gives its stand-in.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '4242',
    ...inputEnv(inputs),
    ...options.env,
  };
  if (options.sha) env.GITHUB_SHA = options.sha;
  if (options.event) {
    env.GITHUB_EVENT_NAME = options.event.name;
    env.GITHUB_EVENT_PATH = path.join(temp, 'event.json');
    writeFileSync(env.GITHUB_EVENT_PATH, JSON.stringify(options.event.payload));
  }
  const child = spawn(process.execPath, [path.join(action, path.relative(ACTION_DIR, ACTION))], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, outputs: readOutputs(outputFile), summary: readFileSync(summaryFile, 'utf8') }),
    );
  });
}

/** Every folder from `dir` up to the root that Node would search for packages. */
function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'node_modules'))) found.push(path.join(at, 'node_modules'));
    if (path.dirname(at) === at) return found;
  }
}

/** The inputs as the runner sets them: each given one, and every declared default (the token's expression stands for the runner's token). */
function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const declared = (parse(readFileSync(path.join(ACTION_DIR, 'action.yml'), 'utf8')) as ActionYaml).inputs;
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    if (input.default !== undefined) values[name] = input.default === '${{ github.token }}' ? RUNNER_TOKEN : input.default;
  }
  Object.assign(values, inputs);
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks, as the runner reads them. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, name, delimiter] = open as unknown as [string, string, string];
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}
