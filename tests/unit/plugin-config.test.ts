import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProblemsError } from '../../src/errors.js';
import { loadConfig } from '../../src/config/load-config.js';
import { problemLine } from '../../src/problem.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tend-plugin-config-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function load(yaml: string) {
  writeFileSync(path.join(dir, 'tend.config.yaml'), yaml);
  return loadConfig(undefined, dir);
}

async function problems(yaml: string): Promise<string[]> {
  try {
    await load(yaml);
  } catch (err) {
    if (err instanceof ProblemsError) return err.problems.map((p) => problemLine({ ...p, file: 'tend.config.yaml' }));
    throw err;
  }
  throw new Error('expected problems');
}

describe('rpc and exec plugins in the runner config', () => {
  it('resolves addresses, programs and timeouts (30s by default), relative paths from the config folder', async () => {
    const config = await load(
      [
        'plugins:',
        '  a: {type: rpc, socket: ./run/a.sock, timeout: 1s}',
        '  b: {type: rpc, url: "tcp://127.0.0.1:24864"}',
        '  c: {type: rpc}',
        '  d: {type: rpc, dir: ./plugins}',
        '  e: {type: exec, command: [./bin/e.sh, --flag], env: {ZONE: eu}}',
        '  f: {type: exec, kind: flavor, command: [python3, f.py], timeout: 2m, shell: true}',
        '',
      ].join('\n'),
    );

    expect(config.plugins).toEqual({
      a: { type: 'rpc', address: { socket: path.join(dir, 'run/a.sock') }, timeoutMs: 1000 },
      b: { type: 'rpc', address: { url: 'tcp://127.0.0.1:24864' }, timeoutMs: 30_000 },
      c: { type: 'rpc', address: { dir: null }, timeoutMs: 30_000 },
      d: { type: 'rpc', address: { dir: path.join(dir, 'plugins') }, timeoutMs: 30_000 },
      e: {
        type: 'exec',
        kind: 'instance',
        command: [path.join(dir, 'bin/e.sh'), '--flag'],
        timeoutMs: 30_000,
        env: { ZONE: 'eu' },
        shell: false,
      },
      f: { type: 'exec', kind: 'flavor', command: ['python3', 'f.py'], timeoutMs: 120_000, env: {}, shell: true },
    });
  });

  it.each([
    [
      'both a socket and a url',
      'plugins:\n  a: {type: rpc, socket: /s, url: "tcp://h:1"}\n',
      /plugins\.a: give at most one of socket, url and dir/,
    ],
    [
      'an unknown key, listing those of its type',
      'plugins:\n  a: {type: rpc, sockets: /s}\n',
      /plugins\.a\.sockets: unknown key \(allowed: type, socket, url, dir, timeout\)/,
    ],
    ['an unknown type', 'plugins:\n  a: {type: grpc}\n', /plugins\.a: type must be one of: file, vanilla, exec, rpc/],
    ['a timeout that is not a duration', 'plugins:\n  a: {type: rpc, timeout: soon}\n', /plugins\.a\.timeout: must be a duration/],
    ['a zero timeout', 'plugins:\n  a: {type: exec, command: [x], timeout: 0s}\n', /plugins\.a\.timeout: must be a duration/],
    ['an exec plugin without a command', 'plugins:\n  a: {type: exec}\n', /plugins\.a/],
    ['an empty command', 'plugins:\n  a: {type: exec, command: []}\n', /plugins\.a\.command/],
    ['an unknown kind', 'plugins:\n  a: {type: exec, kind: group, command: [x]}\n', /plugins\.a\.kind/],
    ['an env value that is not text', 'plugins:\n  a: {type: exec, command: [x], env: {N: 1}}\n', /plugins\.a\.env\.N/],
  ])('refuses %s', async (_case, yaml, expected) => {
    const found = await problems(yaml);

    expect(found.join('\n')).toMatch(expected);
  });
});

describe('docker plugins in the runner config', () => {
  it('resolves the host (a relative socket from the config folder), the stop grace (10s by default) and credentials', async () => {
    const config = await load(
      [
        'plugins:',
        '  a: {type: docker}',
        '  b: {type: docker, host: "unix://run/engine.sock", stopTimeout: 0s, timeout: 5s}',
        '  c: {type: docker, host: "tcp://127.0.0.1:2375", credentials: [{username: me, password: pw, serveraddress: r.example.com}]}',
        '',
      ].join('\n'),
    );

    expect(config.plugins).toEqual({
      a: { type: 'docker', host: null, stopTimeoutMs: 10_000, timeoutMs: 30_000, credentials: [] },
      b: { type: 'docker', host: `unix://${path.join(dir, 'run/engine.sock')}`, stopTimeoutMs: 0, timeoutMs: 5000, credentials: [] },
      c: {
        type: 'docker',
        host: 'tcp://127.0.0.1:2375',
        stopTimeoutMs: 10_000,
        timeoutMs: 30_000,
        credentials: [{ username: 'me', password: 'pw', serveraddress: 'r.example.com' }],
      },
    });
  });

  it.each([
    ['a host that is not unix:// or tcp://', 'plugins:\n  a: {type: docker, host: "ssh://me@engine"}\n', /plugins\.a\.host/],
    [
      'a stop grace that is not a duration',
      'plugins:\n  a: {type: docker, stopTimeout: soon}\n',
      /plugins\.a\.stopTimeout: must be a duration/,
    ],
    ['credentials without a password', 'plugins:\n  a: {type: docker, credentials: [{username: me}]}\n', /plugins\.a\.credentials/],
    ['an unknown key', 'plugins:\n  a: {type: docker, socket: /s}\n', /plugins\.a\.socket: unknown key/],
  ])('refuses %s', async (_case, yaml, expected) => {
    const found = await problems(yaml);

    expect(found.join('\n')).toMatch(expected);
  });
});
