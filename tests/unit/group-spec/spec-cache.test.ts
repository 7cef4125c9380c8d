import { loadSpecs } from '../../../src/group-spec/load-specs.js';
import { createSpecCache } from '../../../src/group-spec/spec-cache.js';
import type { SpecFile } from '../../../src/group-spec/types.js';
import { CTX, groupsOf, webYaml } from '../../helpers/spec-fixtures.js';

/** A commit's spec files: `web`, `db` and `cache`, each with a blob id standing for its text. */
function revision(changes: Partial<Record<'web' | 'db' | 'cache', string>> = {}): SpecFile[] {
  return (['web', 'db', 'cache'] as const).map((id) => {
    const content = changes[id] ?? webYaml({ id });
    return { path: `specs/${id}.yaml`, content, blob: `blob-of-${content}` };
  });
}

describe('the spec cache', () => {
  it('reads a file again only when its blob changed', () => {
    const cache = createSpecCache();

    const first = loadSpecs(revision(), CTX, cache);
    const second = loadSpecs(revision({ db: webYaml({ id: 'db', allocation: '{Size: 5}' }) }), CTX, cache);

    expect(cache).toMatchObject({ misses: 4, hits: 2 });
    expect(groupsOf(second).map((g) => [g.id, g.allocation])).toEqual([
      ['web', { size: 3 }],
      ['db', { size: 5 }],
      ['cache', { size: 3 }],
    ]);
    expect(groupsOf(second)[0]).toEqual(groupsOf(first)[0]);
  });

  it('gives a cached file the same groups, positions included, as reading it afresh', () => {
    const cache = createSpecCache();
    loadSpecs(revision(), CTX, cache);

    const cached = groupsOf(loadSpecs(revision(), CTX, cache));
    const fresh = groupsOf(loadSpecs(revision(), CTX));

    expect(cache.hits).toBe(3);
    expect(cached).toEqual(fresh);
    expect(cached.map((g) => g.pos.group)).toEqual(fresh.map((g) => g.pos.group));
  });

  it('reads again what depends on the runner: other plugins, another size limit, another path', () => {
    const cache = createSpecCache();
    loadSpecs(revision(), CTX, cache);

    loadSpecs(revision(), { ...CTX, maxGroupSize: 2 }, cache);
    const moved = revision().map((f) => ({ ...f, path: f.path.replace('specs/', 'prod/') }));
    loadSpecs(moved, CTX, cache);

    expect(cache).toMatchObject({ hits: 0, misses: 9 });
  });

  it('never keeps a file with a problem, so it is always reported afresh; a file without a blob id is kept by its text', () => {
    const cache = createSpecCache();
    const broken = revision({ cache: webYaml({ id: 'cache', allocation: '{Size: -1}' }) });
    const plain = revision().map(({ blob: _blob, ...file }) => file);

    const results = [loadSpecs(broken, CTX, cache), loadSpecs(broken, CTX, cache)];
    loadSpecs(plain, CTX, cache);
    loadSpecs(plain, CTX, cache);

    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(cache).toMatchObject({ hits: 5, misses: 7 });
  });

  it('still finds a group ID repeated across files when one of them comes from the cache', () => {
    const cache = createSpecCache();
    loadSpecs(revision(), CTX, cache);

    const result = loadSpecs([...revision(), { path: 'specs/web-again.yaml', content: webYaml(), blob: 'other' }], CTX, cache);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['SPEC_DUPLICATE_ID']);
  });

  it('forgets the files that neither the last revision nor the one before it held', () => {
    const cache = createSpecCache();
    const sizes = ['{Size: 4}', '{Size: 5}', '{Size: 6}'];

    for (const allocation of sizes) loadSpecs(revision({ db: webYaml({ id: 'db', allocation }) }), CTX, cache);
    const kept = cache.size;
    const before = cache.misses;
    loadSpecs(revision({ db: webYaml({ id: 'db', allocation: sizes[1] }) }), CTX, cache);
    loadSpecs(revision({ db: webYaml({ id: 'db', allocation: sizes[0] }) }), CTX, cache);

    // web and cache, and the db of the last two revisions; db's first version was read again.
    expect(kept).toBe(4);
    expect(cache.misses - before).toBe(1);
    expect(cache.size).toBe(4);
  });

  it('keeps no more spec text than it is allowed, dropping the least recently used first', () => {
    const files = revision();
    const allowed = files[1]!.content.length + files[2]!.content.length;
    const cache = createSpecCache({ maxBytes: allowed });

    loadSpecs(files, CTX, cache);
    const kept = cache.size;
    loadSpecs(files.slice(1), CTX, cache);

    expect(kept).toBe(2);
    expect(cache.bytes).toBe(allowed);
    expect(cache.hits).toBe(2);
  });
});
