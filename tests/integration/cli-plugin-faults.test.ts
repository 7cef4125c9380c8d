import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { makeWorkdir, REPO_ROOT, runTend } from '../helpers/run-tend.js';

// One apply over groups whose plugins each go wrong in another way: each such group fails naming
// its plugin and the call, the group on a working plugin converges, and the exit code is 1 (README: Exit codes).

const FAULTY = path.join(REPO_ROOT, 'tests/fixtures/plugins/faulty-plugin.mjs');
const FAIL_SH = path.join(REPO_ROOT, 'tests/fixtures/plugins/fail-provision.sh');

function group(id: string, instancePlugin: string): string {
  return [
    `ID: ${id}`,
    'Properties:',
    '  Allocation: {Size: 1}',
    '  Instance:',
    `    Plugin: ${instancePlugin}`,
    '    Properties: {Note: x}',
    '  Flavor:',
    '    Plugin: flavor-vanilla',
    '    Properties: {Init: [echo hi]}',
    '',
  ].join('\n');
}

function startFaulty(socket: string, fault: string, method: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [FAULTY, socket, fault, method], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`faulty plugin exited with ${code}`)));
  });
}

interface GroupOut {
  id: string;
  outcome: string;
  error: string | null;
}

describe('plugins that fail', () => {
  let work: ReturnType<typeof makeWorkdir>;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    work = makeWorkdir();
  });

  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    work.cleanup();
  });

  it('fail their own groups, naming plugin and call; the others converge; exit 1', async () => {
    const faults = {
      crash: ['crash', 'Instance.Provision'],
      hang: ['hang', 'Instance.DescribeInstances'],
      garbage: ['garbage', 'Instance.DescribeInstances'],
      version: ['version', ''],
    };
    for (const [name, [fault, method]] of Object.entries(faults))
      children.push(await startFaulty(path.join(work.dir, `${name}.sock`), fault as string, method as string));
    work.write(
      'tend.config.yaml',
      [
        'plugins:',
        '  instance-file: {type: file, dir: .tend/instances}',
        '  flavor-vanilla: {type: vanilla}',
        '  instance-missing: {type: rpc, socket: ./nowhere.sock}',
        '  instance-crash: {type: rpc, socket: ./crash.sock}',
        '  instance-hang: {type: rpc, socket: ./hang.sock, timeout: 1s}',
        '  instance-garbage: {type: rpc, socket: ./garbage.sock}',
        '  instance-version: {type: rpc, socket: ./version.sock}',
        `  instance-exec: {type: exec, command: [${JSON.stringify(FAIL_SH)}]}`,
        '',
      ].join('\n'),
    );
    for (const name of ['file', 'missing', 'crash', 'hang', 'garbage', 'version', 'exec'])
      work.write(`specs/${name}.yaml`, group(name, `instance-${name}`));

    const run = await runTend(work.dir, ['apply', '--json'], { timeoutMs: 20_000 });
    const groups = new Map((JSON.parse(run.stdout) as { groups: GroupOut[] }).groups.map((g) => [g.id, g]));

    // Ended by itself: a run waiting on the hung plugin past its 1 s timeout would be killed at 20 s, without a code.
    expect(run.code).toBe(1);
    expect(groups.get('file')).toMatchObject({ outcome: 'converged', error: null });
    const failed = (id: string) => groups.get(id) as GroupOut;
    for (const id of ['missing', 'crash', 'hang', 'garbage', 'version', 'exec']) expect(failed(id).outcome).toBe('failed');
    expect(failed('missing').error).toMatch(/instance-missing: Instance\.DescribeInstances: .*nowhere\.sock: cannot connect \(ENOENT\)/);
    expect(failed('crash').error).toMatch(/instance-crash: Instance\.Provision: .*connection dropped before the answer/);
    expect(failed('hang').error).toContain('instance-hang: Instance.DescribeInstances: no answer within 1s');
    expect(failed('garbage').error).toContain('instance-garbage: Instance.DescribeInstances: answer is not JSON: "<html>oops</html>\\n"');
    expect(failed('version').error).toContain('instance-version: Instance.DescribeInstances: Handshake: implements neither Instance');
    expect(failed('version').error).toContain('it offers Instance/0.9.0');
    expect(failed('exec').error).toContain('instance-exec: Instance.Provision: quota exceeded for instances in eu-west-1');
  });
});
