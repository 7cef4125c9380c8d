import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderSource } from '../../src/source/folder-source.js';
import { webYaml } from '../helpers/spec-fixtures.js';

/** A path under `dir` whose last part is these bytes: Linux file names are bytes, not text. */
function bytePath(dir: string, ...parts: Array<string | number[]>): Buffer {
  return Buffer.concat([Buffer.from(`${dir}/`), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))]);
}

const NAME_PROBLEM = 'its name is not UTF-8 (shown here with \\x escapes): rename it';

describe('FolderSource on names that are not UTF-8', () => {
  let dir: string;
  let specs: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tend-names-'));
    specs = path.join(dir, 'specs');
    mkdirSync(specs);
    writeFileSync(path.join(specs, 'web.yaml'), webYaml());
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = async () => (await new FolderSource('specs', dir).read()).files.map(({ path: p, unreadable }) => [p, unreadable]);

  it('names a spec file whose name is not UTF-8 as such, escaped, not as missing', async () => {
    writeFileSync(bytePath(specs, 'caf', [0xe9], '.yaml'), webYaml({ id: 'cafe' }));

    expect(await read()).toEqual([
      ['specs/caf\\xe9.yaml', NAME_PROBLEM],
      ['specs/web.yaml', undefined],
    ]);
  });

  it('names a folder whose name is not UTF-8, which may hold specs', async () => {
    mkdirSync(bytePath(specs, 'team', [0xff, 0xfe]));
    writeFileSync(Buffer.concat([bytePath(specs, 'team', [0xff, 0xfe]), Buffer.from('/db.yaml')]), webYaml({ id: 'db' }));

    expect(await read()).toEqual([
      [
        'specs/team\\xff\\xfe',
        "this folder's name is not UTF-8 (shown here with \\x escapes), so tend cannot read the specs it may hold: rename it",
      ],
      ['specs/web.yaml', undefined],
    ]);
  });

  it('shows the valid characters of such a name as they are, and escapes the rest, controls and backslashes too', async () => {
    writeFileSync(bytePath(specs, 'é', [0x01], '\\', [0xc0, 0xaf], '😀', [0xed, 0xa0, 0x80], '.yml'), '');

    expect(await read()).toEqual([
      ['specs/web.yaml', undefined],
      ['specs/é\\x01\\\\\\xc0\\xaf😀\\xed\\xa0\\x80.yml', NAME_PROBLEM],
    ]);
  });

  it('reports a link to a folder under such a name, and skips hidden entries and files that are not specs', async () => {
    symlinkSync(dir, bytePath(specs, 'link', [0xfe]));
    writeFileSync(bytePath(specs, 'notes', [0xe9], '.txt'), '');
    writeFileSync(bytePath(specs, '.hidden', [0xe9], '.yaml'), '');
    mkdirSync(bytePath(specs, '.git', [0xe9]));

    expect(await read()).toEqual([
      [
        'specs/link\\xfe',
        'a symbolic link to a folder, which tend does not follow, and its name is not UTF-8 (shown here with \\x escapes)',
      ],
      ['specs/web.yaml', undefined],
    ]);
  });
});

describe('FolderSource on a large folder', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tend-large-'));
    mkdirSync(path.join(dir, 'specs', 'team'), { recursive: true });
    for (let i = 0; i < 300; i++) writeFileSync(path.join(dir, 'specs', i % 2 ? 'team' : '', `g${i}.yaml`), webYaml({ id: `g${i}` }));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets timers run while it reads, and lists the files in order', async () => {
    let turns = 0;
    let counting = true;
    const count = (): void => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);

    const revision = await new FolderSource('specs', dir).read();
    counting = false;

    const paths = revision.files.map((f) => f.path);
    expect(turns).toBeGreaterThan(10);
    expect(paths).toHaveLength(300);
    expect(paths).toEqual([...paths].sort());
    expect(revision.files.every((f) => f.unreadable === undefined && f.content.includes('ID: g'))).toBe(true);
  });
});
