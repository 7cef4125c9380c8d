import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitBinary } from '../../../src/source/git/own-session.js';

describe('gitBinary', () => {
  let dir: string;
  const program = (name: string, mode = 0o755): void => {
    writeFileSync(path.join(dir, name), '#!/bin/sh\n');
    chmodSync(path.join(dir, name), mode);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tend-setsid-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs git through setsid when the PATH has both', () => {
    program('git');
    program('setsid');

    expect(gitBinary(`/nonexistent${path.delimiter}${dir}`)).toEqual(['setsid', 'git']);
  });

  it.each([
    ['no setsid', ['git']],
    ['no git (which git alone then says)', ['setsid']],
    ['a setsid that cannot be run', ['git', 'setsid:644']],
    ['nothing', []],
  ])('runs git alone with %s', (_case, programs) => {
    for (const entry of programs) {
      const [name, mode] = entry.split(':');
      program(name as string, mode === undefined ? 0o755 : Number.parseInt(mode, 8));
    }

    expect(gitBinary(dir)).toBe('git');
  });

  it('runs git alone without a PATH', () => {
    expect(gitBinary(undefined)).toBe('git');
  });
});
