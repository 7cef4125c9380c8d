import { readFileSync } from 'node:fs';
import { VERSION } from '../../src/cli/version.js';

describe('VERSION from source', () => {
  it("is package.json's version when nothing was built into it", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

    expect(VERSION).toBe(pkg.version);
  });
});
