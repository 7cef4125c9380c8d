import { loadSpecs } from '../../../src/group-spec/load-specs.js';
import { problemLine } from '../../../src/problem.js';
import { CTX, groupsOf, problemLines, webYaml } from '../../helpers/spec-fixtures.js';

describe('loadSpecs across files', () => {
  it('collects every problem of every file, sorted by file, line and column', () => {
    const files = [
      { path: 'specs/b.yaml', content: webYaml({ id: 'b', allocation: '{Size: -1}', extra: '  Mode: fix' }) },
      { path: 'specs/a.json', content: '{"ID": "a",\n "Properties": {}}' },
      { path: 'specs/c.yaml', content: webYaml({ id: 'c' }) },
    ];

    const result = loadSpecs(files, CTX);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map(problemLine)).toEqual([
      'specs/a.json:2:2  SPEC_REQUIRED  Properties.Instance: is required',
      'specs/a.json:2:2  SPEC_REQUIRED  Properties.Flavor: is required',
      'specs/a.json:2:2  SPEC_ALLOCATION  Properties.Allocation: needs Size or LogicalIDs',
      'specs/b.yaml:3:22  SPEC_VALUE  Properties.Allocation.Size: must be an integer ≥ 0',
      'specs/b.yaml:6:9  SPEC_VALUE  Properties.Mode: must be "correct" or "report"',
    ]);
  });

  it('reports a group ID used twice at the second, naming the first', () => {
    const files = [
      { path: 'specs/b.yaml', content: webYaml() },
      { path: 'specs/a.yaml', content: `- ${webYaml({ id: 'api' }).replaceAll('\n', '\n  ')}` },
      { path: 'specs/c.json', content: '[\n' + JSON.stringify({ ID: 'web' }) + ']' },
    ];

    const result = loadSpecs(files, CTX);

    expect(!result.ok && result.problems.map(problemLine)).toEqual([
      'specs/c.json:2:1  SPEC_REQUIRED  Properties: is required',
      'specs/c.json:2:7  SPEC_DUPLICATE_ID  ID: group "web" is also defined at specs/b.yaml:1:1',
    ]);
  });

  it.each([
    ['two documents', `${webYaml()}---\n${webYaml()}`, 'specs/a.yaml:7:5', 'specs/a.yaml:1:1'],
    [
      'one list',
      `- ${webYaml().trimEnd().replaceAll('\n', '\n  ')}\n- ${webYaml().trimEnd().replaceAll('\n', '\n  ')}\n`,
      'specs/a.yaml:6:7',
      'specs/a.yaml:1:3',
    ],
  ])('reports a group ID used twice in one file, in %s', (_what, content, second, first) => {
    const result = loadSpecs([{ path: 'specs/a.yaml', content }], CTX);

    expect(!result.ok && result.problems.map(problemLine)).toEqual([
      `${second}  SPEC_DUPLICATE_ID  ID: group "web" is also defined at ${first}`,
    ]);
  });

  it('reads the valid groups of all files in order, with their positions', () => {
    const files = [
      { path: 'specs/web.yaml', content: webYaml() },
      { path: 'specs/api.yaml', content: `# the API tier\n${webYaml({ id: 'api', instance: '{Plugin: instance-file}' })}` },
    ];

    const groups = groupsOf(loadSpecs(files, CTX));

    expect(groups.map((g) => g.id)).toEqual(['web', 'api']);
    expect(groups[0]?.pos).toEqual({
      group: { file: 'specs/web.yaml', line: 1, column: 1 },
      instanceProperties: { file: 'specs/web.yaml', line: 4, column: 49 },
      flavorProperties: { file: 'specs/web.yaml', line: 5, column: 48 },
    });
    expect(groups[1]?.pos.instanceProperties).toEqual({ file: 'specs/api.yaml', line: 5, column: 3 });
  });

  it('normalises defaults and explicit policies', () => {
    const explicit = webYaml({ extra: '  Updating: {MaxUnavailable: 0, MaxSurge: 2}\n  Mode: report' });

    const [group] = groupsOf(loadSpecs([{ path: 'specs/web.yaml', content: explicit }], CTX));

    expect(group?.updating).toEqual({ maxUnavailable: 0, maxSurge: 2 });
    expect(group?.mode).toBe('report');
  });

  it.each([
    ['one down at a time', '{MaxUnavailable: 1}', { maxUnavailable: 1, maxSurge: 0 }],
    ['a surge beside', '{MaxUnavailable: 2, MaxSurge: 1}', { maxUnavailable: 2, maxSurge: 1 }],
  ])('lets pets roll with %s', (_what, updating, expected) => {
    const content = webYaml({ allocation: '{LogicalIDs: [a, b]}', extra: `  Updating: ${updating}` });

    const [group] = groupsOf(loadSpecs([{ path: 'specs/web.yaml', content }], CTX));

    expect(group?.updating).toEqual(expected);
  });

  it('accepts Size 0 and treats empty YAML values as absent', () => {
    const content = webYaml({ allocation: '{Size: 0}', extra: '  Updating:\n  Mode:' });

    const [group] = groupsOf(loadSpecs([{ path: 'specs/web.yaml', content }], CTX));

    expect(group?.allocation).toEqual({ size: 0 });
    expect(group?.updating).toEqual({ maxUnavailable: 1, maxSurge: 0 });
    expect(group?.mode).toBe('correct');
  });

  it('lists only the plugins of the kind asked for, or "none"', () => {
    const lines = problemLines('specs/web.yaml', webYaml({ flavor: '{Plugin: flavor-swarm}' }), {
      instancePlugins: new Set(['instance-file']),
      flavorPlugins: new Set(['flavor-vanilla']),
    });
    const none = { instancePlugins: new Set<string>(), flavorPlugins: new Set<string>() };

    expect(lines).toEqual([
      'specs/web.yaml:5:20  SPEC_UNKNOWN_PLUGIN  Properties.Flavor.Plugin: flavor "flavor-swarm" is not configured (configured: flavor-vanilla)',
    ]);
    expect(problemLines('specs/web.yaml', webYaml(), none)[0]).toMatch(/\(configured: none\)$/);
  });

  it('says when a plugin is configured, but as the other kind', () => {
    const lines = problemLines('specs/web.yaml', webYaml({ instance: '{Plugin: flavor-vanilla}' }));

    expect(lines).toEqual([
      'specs/web.yaml:4:22  SPEC_UNKNOWN_PLUGIN  Properties.Instance.Plugin: "flavor-vanilla" is configured as a flavor plugin, not an instance plugin (instance plugins: instance-file)',
    ]);
  });
});

describe('loadSpecs reads YAML as plain data', () => {
  it('expands anchors and aliases written before their use', () => {
    const content = [
      'ID: web',
      'Properties:',
      '  Allocation: {Size: 3}',
      '  Instance: {Plugin: instance-file, Properties: &props {Note: v1}}',
      '  Flavor: {Plugin: flavor-vanilla, Properties: {Init: [echo hi], Copy: *props}}',
    ].join('\n');

    const [group] = groupsOf(loadSpecs([{ path: 'specs/web.yaml', content }], CTX));

    expect(group?.flavor.properties).toEqual({ Init: ['echo hi'], Copy: { Note: 'v1' } });
  });

  it('reports an alias used before its anchor', () => {
    const content = webYaml({
      instance: '{Plugin: instance-file, Properties: *props}',
      flavor: '{Plugin: flavor-vanilla, Properties: &props {}}',
    });

    expect(problemLines('specs/web.yaml', content)).toEqual([
      'specs/web.yaml:4:49  SPEC_SYNTAX  alias *props refers to no anchor before it',
    ]);
  });

  it('reports every duplicate key of a document', () => {
    const content = 'ID: a\nID: b\nProperties: {}\nProperties: {}\n';

    expect(problemLines('specs/web.yaml', content)).toEqual([
      'specs/web.yaml:2:1  SPEC_SYNTAX  duplicate key "ID"',
      'specs/web.yaml:4:1  SPEC_SYNTAX  duplicate key "Properties"',
    ]);
  });

  it('keeps YAML 1.2 core types even under a %YAML 1.1 directive', () => {
    const content = `%YAML 1.1\n---\n${webYaml({ instance: '{Plugin: instance-file, Properties: {on: yes, day: 2001-12-14, <<: {a: 1}}}' })}`;

    const [group] = groupsOf(loadSpecs([{ path: 'specs/web.yaml', content }], CTX));

    expect(group?.instance.properties).toEqual({ on: 'yes', day: '2001-12-14', '<<': { a: 1 } });
  });
});

describe('loadSpecs warns about files that hold no groups', () => {
  it.each([
    ['an empty file', 'specs/e.yaml', '', 'specs/e.yaml:1:1  SPEC_EMPTY_FILE  specs/e.yaml is empty: it holds no groups'],
    ['a blank JSON file', 'specs/e.json', ' \n', 'specs/e.json:1:1  SPEC_EMPTY_FILE  specs/e.json is empty: it holds no groups'],
    [
      'only comments',
      'specs/e.yaml',
      '# soon\n',
      'specs/e.yaml:1:1  SPEC_EMPTY_FILE  specs/e.yaml holds only comments: it holds no groups',
    ],
    ['an empty list', 'specs/e.json', '[]', 'specs/e.json:1:1  SPEC_EMPTY_FILE  specs/e.json holds an empty list: it holds no groups'],
    [
      'an empty document',
      'specs/e.yaml',
      '---\n',
      'specs/e.yaml:1:4  SPEC_EMPTY_FILE  specs/e.yaml has an empty document: it holds no groups',
    ],
  ])('%s', (_name, path, content, expected) => {
    const result = loadSpecs([{ path, content }], CTX);

    expect(result).toEqual({ ok: true, groups: [], warnings: [expect.objectContaining({ code: 'SPEC_EMPTY_FILE' })], blocks: [] });
    expect(result.warnings.map(problemLine)).toEqual([expected]);
  });

  it('still reads the other documents of a file with an empty one', () => {
    const result = loadSpecs([{ path: 'specs/w.yaml', content: `${webYaml()}---\n` }], CTX);

    expect(groupsOf(result).map((g) => g.id)).toEqual(['web']);
    expect(result.warnings.map((w) => w.code)).toEqual(['SPEC_EMPTY_FILE']);
  });
});

describe('loadSpecs reports files their source could not read', () => {
  it.each([
    ['permission denied', 'specs/locked.yaml'],
    ['too large (2.0 MiB; the limit is 1 MiB)', 'specs/big.yaml'],
    ['not UTF-8', 'specs/latin1.json'],
  ])('as one SPEC_FILE problem at 1:1 when %s', (reason, path) => {
    const files = [
      { path: 'specs/web.yaml', content: webYaml() },
      { path, content: '', unreadable: reason },
    ];

    const result = loadSpecs(files, CTX);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map(problemLine)).toEqual([`${path}:1:1  SPEC_FILE  cannot read this file: ${reason}`]);
  });

  it('reads nothing else from it, whatever content it carries', () => {
    const files = [
      { path: 'specs/a.yaml', content: webYaml({ id: 'web' }), unreadable: 'vanished between listing and reading' },
      { path: 'specs/b.yaml', content: webYaml({ id: 'web' }) },
    ];

    const result = loadSpecs(files, CTX);

    expect(!result.ok && result.problems).toEqual([
      {
        file: 'specs/a.yaml',
        line: 1,
        column: 1,
        code: 'SPEC_FILE',
        path: '',
        message: 'cannot read this file: vanished between listing and reading',
      },
    ]);
    expect(result.warnings).toEqual([]);
  });
});
