import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { makeWorkdir } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';

// The spec cache is kept in the state folder between runs: a run parses again only the spec files
// whose text changed, and what it reads from the cache is what parsing would have given,
// positions of later problems included.

describe('the spec cache kept between runs', () => {
  let work: ReturnType<typeof makeWorkdir>;
  const cacheFile = (): string => path.join(work.dir, '.tend', 'spec-cache.json');

  beforeEach(() => {
    work = makeWorkdir();
  });

  afterEach(() => work.cleanup());

  it('is written into a state folder that exists, and never creates one', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 2));

    const first = await runTendHere(work.dir, ['validate']);
    const createdNone = !existsSync(path.join(work.dir, '.tend'));
    mkdirSync(path.join(work.dir, '.tend'));
    await runTendHere(work.dir, ['validate']);

    expect(first.code).toBe(0);
    expect(createdNone).toBe(true);
    expect(readFileSync(cacheFile(), 'utf8')).toContain('"id":"web"');
  });

  it('gives a later run the same groups, warnings at the same places, and reads a changed file afresh', async () => {
    mkdirSync(path.join(work.dir, '.tend'));
    // A warning about the second key of the flavor's properties, placed at that key, not at the properties.
    const spec = cattleYaml('web', 2).replace('      Tags: {tier: web}', '      Tagz: {tier: web}');
    work.write('specs/web.yaml', spec);

    const fresh = await runTendHere(work.dir, ['plan', '--json']);
    const cached = await runTendHere(work.dir, ['plan', '--json']);
    work.write('specs/web.yaml', spec.replace('    Size: 2', '    Size: 3'));
    const changed = await runTendHere(work.dir, ['plan', '--json']);

    expect([fresh.code, cached.code, changed.code]).toEqual([2, 2, 2]);
    expect(fresh.stderr).toMatch(/specs\/web\.yaml:13:7 +SPEC_PLUGIN_WARNING +Properties\.Flavor\.Properties\.Tagz/);
    expect(cached.stderr).toBe(fresh.stderr);
    expect(cached.stdout).toBe(fresh.stdout);
    expect((JSON.parse(changed.stdout) as { summary: Record<string, number> }).summary).toMatchObject({ create: 3 });
  });

  it('is ignored when it cannot be read', async () => {
    mkdirSync(path.join(work.dir, '.tend'));
    writeFileSync(cacheFile(), '{"tend": "0.0.0-other", "entries": [["x", 1, []]]}');
    work.write('specs/web.yaml', cattleYaml('web', 2));

    const other = await runTendHere(work.dir, ['validate']);
    writeFileSync(cacheFile(), '{not json');
    const garbled = await runTendHere(work.dir, ['validate']);

    expect([other.code, garbled.code]).toEqual([0, 0]);
    expect(garbled.stdout).toContain('1 group in 1 file, all valid');
    expect(readFileSync(cacheFile(), 'utf8')).toContain('"id":"web"');
  });
});
