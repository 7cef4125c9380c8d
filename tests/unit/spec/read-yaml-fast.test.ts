import { loadSpecs } from '../../../src/spec/load-specs.js';
import { readYamlFast } from '../../../src/spec/read-yaml-fast.js';
import type { GroupSpec } from '../../../src/spec/types.js';
import { CTX, groupsOf, problemLines, webYaml } from '../../helpers/spec-fixtures.js';

/** A trailing comment the fast reader refuses (`!`), so the same text goes through the precise reader. */
const PRECISELY = '# precise!\n';

const plain = (groups: GroupSpec[]): unknown => groups.map((g) => ({ ...g, pos: { ...g.pos } }));

const TEXTS: Array<[string, string]> = [
  ['one group', webYaml()],
  [
    'a list of groups',
    `- ${webYaml({ id: 'a' }).trimEnd().replaceAll('\n', '\n  ')}\n- ${webYaml({ id: 'b' }).trimEnd().replaceAll('\n', '\n  ')}\n`,
  ],
  ['several documents', `${webYaml({ id: 'a' })}---\n${webYaml({ id: 'b' })}`],
  ['pets', webYaml({ allocation: '{LogicalIDs: [10.0.0.1, 10.0.0.2]}' })],
  ['the 2016 form', webYaml({ allocation: null, flavor: '{Plugin: flavor-vanilla, Properties: {Size: 2, Init: [a]}}' })],
  ['the 2017 wrapper', `Plugin: group\nProperties:\n  ${webYaml().trimEnd().replaceAll('\n', '\n  ')}\n`],
  [
    'odd scalars',
    webYaml({
      instance: '{Plugin: instance-file, Properties: {a: 0x1F, b: 0o17, c: .5, d: ~, e: "1e3", f: 1e3, g: yes, h: -12, i: 2001-12-14}}',
    }),
  ],
];

describe('the fast YAML reader', () => {
  it.each(TEXTS)('reads %s exactly as the precise reader does, positions included', (_what, text) => {
    const fast = groupsOf(loadSpecs([{ path: 'specs/x.yaml', content: text }], CTX));
    const precise = groupsOf(loadSpecs([{ path: 'specs/x.yaml', content: text + PRECISELY }], CTX));

    expect(readYamlFast(text)).not.toBeNull();
    expect(readYamlFast(text + PRECISELY)).toBeNull();
    expect(plain(fast)).toEqual(plain(precise));
  });

  it.each([
    ['a tag', 'a: !!str 5'],
    ['an anchor and alias', 'a: &x [1]\nb: *x'],
    ['a merge key', 'a: {<<: {b: 1}}'],
    ['a binary literal', 'a: 0b101'],
    ['a directive', '%YAML 1.1\n---\na: 1'],
    ['duplicate keys', 'a: 1\na: 2'],
    ['an empty document', '---\n---\na: 1'],
    ['an infinite number', 'a: .inf'],
    ['deep nesting', '['.repeat(200) + ']'.repeat(200)],
    ['broken syntax', 'a: [1, 2'],
  ])('leaves %s to the precise reader', (_what, text) => {
    expect(readYamlFast(text)).toBeNull();
  });

  it('reports a problem in a fast-readable file with its exact position', () => {
    expect(problemLines('specs/x.yaml', webYaml({ allocation: '{Size: 3, Sise: 4}' }))).toEqual([
      'specs/x.yaml:3:25  SPEC_UNKNOWN_KEY  Properties.Allocation.Sise: unknown key; did you mean "Size"?',
    ]);
  });

  it('names the exact position of a fast-read group when a later file repeats its ID', () => {
    const result = loadSpecs(
      [
        { path: 'specs/a.yaml', content: `# first\n\n${webYaml()}` },
        { path: 'specs/b.yaml', content: webYaml() },
      ],
      CTX,
    );

    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['group "web" is also defined at specs/a.yaml:3:1']);
  });
});
