import { cattleYaml } from '../helpers/spec-text.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { CLI, instanceFiles, makeWorkdir } from '../helpers/run-tend.js';

describe('tend as a command-line tool', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 1) });
  });

  afterEach(() => work.cleanup());

  it.each(['validate', 'plan', 'apply', 'drift', 'describe', 'destroy'])('explains `%s` with --help', async (command) => {
    const help = await runTendHere(work.dir, [command, '--help']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: tend ${command}`);
    expect(help.stdout.length).toBeGreaterThan(200);
    for (const global of ['--config <file>', '--shard <K/N>', '--log-format <format>']) expect(help.stdout).toContain(global);
  });

  it('stops writing quietly when its reader goes away (tend plan | head), still exiting with its own code', async () => {
    // 9,000 planned creates print far more than a pipe holds, so most of the plan is written after the reader left.
    work.write('specs/web.yaml', cattleYaml('web', 9000));
    const child = spawn(process.execPath, [CLI, 'plan', '--max-group-size', '9000'], {
      cwd: work.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20_000,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());

    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(stderr).toBe('');
    expect(code).toBe(2);
  });

  it('explains `watch` for specs from a folder as well as from a commit', async () => {
    const help = await runTendHere(work.dir, ['watch', '--help']);

    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('A new commit (or changed folder) is validated');
  });

  it('refuses a --listen address that is none before anything starts, naming the flag', async () => {
    const run = await runTendHere(work.dir, ['watch', '--specs', 'specs', '--metrics-port', '0', '--listen', '999.1.1.1']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "option '--listen <address>' argument '999.1.1.1' is invalid. expected an IP address (0.0.0.0, 127.0.0.1, ::1) or a host name (localhost)",
    );
    expect(run.stderr).not.toContain('watching');
    expect(existsSync(path.join(work.dir, '.tend/apply.lock'))).toBe(false);
    expect(instanceFiles(work.dir)).toEqual([]);
  });

  it('lists every command in the top-level help', async () => {
    const help = await runTendHere(work.dir, ['--help']);

    expect(help.code).toBe(0);
    for (const command of ['validate', 'plan', 'apply', 'drift', 'describe', 'destroy']) expect(help.stdout).toContain(command);
  });

  it('reports unknown config keys with file:line and exits 1', async () => {
    work.write('tend.config.yaml', 'reconcile:\n  maxDestroy: 3\n  maxDestory: 4\n');

    const run = await runTendHere(work.dir, ['plan']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tend\.config\.yaml:3:3 {2}CONFIG_INVALID {2}reconcile\.maxDestory: unknown key/m);
  });

  it.each([
    [['plan', '--specs', 'specs', '--repo', '.'], '--specs names a folder and --repo a repository: give one of them'],
    [['plan', '--ref', 'main'], '--ref and --path say where to look in a repository'],
    [['validate', '--path', 'deploy'], '--ref and --path say where to look in a repository'],
  ])('refuses %j, saying why', async (args, message) => {
    const run = await runTendHere(work.dir, args);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it('lists the allowed values of a config key that takes a few', async () => {
    work.write('tend.config.yaml', 'reconcile:\n  mode: fix\n');

    const run = await runTendHere(work.dir, ['plan']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tend.config.yaml:2:9  CONFIG_INVALID  reconcile.mode: must be one of: correct, report');
  });

  it.each([['a value on a line of its own after a key with one', 'reconcile: x\n  mode: correct\n', 'Nested mappings']])(
    'says a broken config’s parse problem once (%s)',
    async (_what, text, message) => {
      work.write('tend.config.yaml', text);

      const run = await runTendHere(work.dir, ['plan']);
      const lines = run.stderr.split('\n').filter((l) => l.includes('CONFIG_INVALID'));

      expect(run.code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(message);
    },
  );

  it('has nothing to destroy for a group without instances, and exits 0', async () => {
    const run = await runTendHere(work.dir, ['destroy', 'ghost']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No instances of group ghost: nothing to destroy');
  });

  it('takes plugins and defaults from the config file, paths relative to it', async () => {
    work.write(
      'conf/tend.config.yaml',
      'source: {path: ../specs}\nplugins:\n  instance-file: {type: file, dir: ../state/vms}\n  flavor-vanilla: {type: vanilla}\n',
    );

    const run = await runTendHere(work.dir, ['apply', '--config', 'conf/tend.config.yaml']);
    const described = await runTendHere(work.dir, ['describe', '--config', 'conf/tend.config.yaml', '--json']);

    expect(run.code).toBe(0);
    expect(JSON.parse(described.stdout)).toHaveLength(1);
  });

  it('names an unconfigured plugin with what is configured', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 1).replace('flavor-vanilla', 'flavor-swarm'));

    const run = await runTendHere(work.dir, ['validate']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SPEC_UNKNOWN_PLUGIN');
    expect(run.stderr).toContain('"flavor-swarm" is not configured (configured: flavor-vanilla)');
  });

  it("places a plugin's rejection of its properties at their line in the spec", async () => {
    work.write('specs/web.yaml', cattleYaml('web', 1).replace('Init: [echo hello]', 'Init: echo hello'));

    const run = await runTendHere(work.dir, ['plan']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^specs\/web\.yaml:12:7 {2}SPEC_PLUGIN_REJECTED {2}Properties\.Flavor\.Properties: .*Init/m);
  });

  it.each([
    ['binary junk', 'junk.yaml', Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0x1b, 0x5b]).toString('latin1').repeat(200)],
    [
      'an alias bomb',
      'bomb.yaml',
      [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
      ].join('\n'),
    ],
    ['20,000-deep JSON nesting', 'deep.json', '['.repeat(20_000) + ']'.repeat(20_000)],
    ['20,000-deep YAML nesting', 'deep.yaml', '{a: '.repeat(20_000) + '1' + '}'.repeat(20_000)],
  ])('reads %s as a spec error, never a crash', async (_what, file, text) => {
    work.write(`specs/${file}`, text);

    const run = await runTendHere(work.dir, ['validate']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^specs/${file.replace('.', '\\.')}:\\d+:\\d+ {2}SPEC_`, 'm'));
    expect(run.stderr).not.toMatch(/\n\s+at |RangeError|this is a bug/);
  });
});
