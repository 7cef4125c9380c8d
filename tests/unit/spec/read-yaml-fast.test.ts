import { isDeepStrictEqual } from 'node:util';
import { loadSpecs } from '../../../src/spec/load-specs.js';
import { problemLine } from '../../../src/problem.js';
import { readYamlFast } from '../../../src/spec/read-yaml-fast.js';
import type { GroupSpec, SpecRead } from '../../../src/spec/types.js';
import { CTX, groupsOf, problemLines, seededRandom, webYaml } from '../../helpers/spec-fixtures.js';

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
    'quoted numbers, URLs and colons in plain text',
    webYaml({ instance: '{Plugin: instance-file, Properties: {port: "8080", v: "1.0", url: "http://x/?q=1#f", image: nginx:1.27}}' }),
  ],
  [
    'odd scalars',
    webYaml({
      instance: '{Plugin: instance-file, Properties: {a: 0x1F, b: 0o17, c: .5, d: ~, e: "1e3", f: 1e3, g: yes, h: -12, i: 2001-12-14}}',
    }),
  ],
];

describe('the fast YAML reader', () => {
  it.each(TEXTS)('reads %s exactly as the precise reader does, positions included', (_what, text) => {
    const fast = loadSpecs([{ path: 'specs/x.yaml', content: text }], CTX);
    const precise = loadSpecs([{ path: 'specs/x.yaml', content: text + PRECISELY }], CTX);

    expect(readYamlFast(text)).not.toBeNull();
    expect(readYamlFast(text + PRECISELY)).toBeNull();
    expect(plain(groupsOf(fast))).toEqual(plain(groupsOf(precise)));
    expect(plainBlocks(fast)).toEqual(plainBlocks(precise));
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
    // Where js-yaml reads otherwise than the precise reader, which is always right.
    ['an explicit key that is a list', '? [ID]\n: web\n'],
    ['a flow list as a key', '[a]: b\n'],
    ['a flow mapping as a key', '{a: 1}: b\n'],
    ['a flow list as a key in a flow mapping', '{a: 1, [b]}\n'],
    ['a hex number as a key', '0x1F: a\n'],
    ['an empty key', '{: a}\n'],
    ['a number too large for a double', 'a: 1e999\n'],
    ['a signed float without a leading digit', 'a: -.5\n'],
    ['a signed hex number', 'a: -0x1F\n'],
    ['minus zero', 'a: -0\n'],
    ['a lone CR as a line break', 'a: 1\rb: 2\n'],
    ['a flow list continued less indented', 'a:\n  b: [1,\n  2]\n'],
    ['a quoted string continued less indented', "a:\n  b: 'x\n\n  y'\n"],
    ['a comment inside a flow mapping', '{a: 1, #c\n b: 2}\n'],
    ['an implicit key past 1024 characters', `${'k'.repeat(1100)}: 1\n`],
    ['a block mapping on the --- line', '--- a: 1\n'],
    ['a comment right after a flow list', 'a: [b]#c\n'],
    ['an escape beyond U+FFFF', 'a: "\\U00110000"\n'],
    ['an empty list item before a nested one', 'a:\n  - -\n  - b\n'],
    ['a tab-indented line in a block scalar', 'a: |\n  x\n\t\n'],
    ['a block scalar whose leading blank line holds spaces', 'a: |-\n     \n    #\n'],
    ['a block scalar with an indentation indicator', '|2\n   x\n'],
    ['a byte-order mark inside the text', 'a: 1\n\uFEFFb: 2\n'],
    ['a value after a comment line', 'a:\n# c\n  b\nd: 1\n'],
  ])('leaves %s to the precise reader', (_what, text) => {
    expect(readYamlFast(text)).toBeNull();
  });

  it('reports an explicit key that is a list as the precise reader does', () => {
    const content = `? [ID]\n: web\n${webYaml({ id: null })}`;

    expect(problemLines('specs/x.yaml', content)).toEqual(['specs/x.yaml:1:3  SPEC_SYNTAX  a mapping key must be a plain string']);
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

/** Plugin properties, opaque to tend, where any value is valid: most mutations land here. */
const PROPERTIES = [
  'note: a plain',
  '  multi-line note',
  "quoted: 'it''s \"here\"'",
  'script: |',
  '  echo one',
  '  echo two',
  'folded: >-',
  '  one',
  '  two',
  'list: [1, 2.5, true, ~, "x", {k: v}]',
  'map: {a: 1, b: [c, d]}',
  'items:',
  '  - name: first',
  '    port: 80',
  '  - [x, y]',
  'empty:',
  'url: http://example.com/?q=1',
];

/** Valid specs to mutate, block and flow style: cattle, pets in a list, the 2016 form in a 2017 wrapper. */
const BASES = [
  { head: ['ID: web', 'Properties:', '  Allocation: {Size: 3}', '  Instance:'], flavor: '{}' },
  { head: ['- ID: api # pets', '  Properties:', '    Allocation:', '      LogicalIDs: [10.0.0.1, db-2]', '    Instance:'], flavor: '{}' },
  { head: ['---', 'Plugin: group', 'Properties:', '  ID: old', '  Properties:', '    Instance:'], flavor: '{Size: 2}' },
].map(({ head, flavor }) => {
  const indent = ' '.repeat((head.at(-1)?.search(/\S/) ?? 0) + 2);
  const lines = [...head, `${indent}Plugin: instance-file`, `${indent}Properties:`, ...PROPERTIES.map((line) => `${indent}  ${line}`)];
  return [...lines, `${indent.slice(2)}Flavor: {Plugin: flavor-vanilla, Properties: ${flavor}}`, ''].join('\n');
});

/** Values and keys where YAML readers are known to part ways. */
const VALUES = [
  ...['0x1F', '-0x1F', '0o17', '0b11', '1_000', '.5', '-.5', '+.5', '5.', '1e3', '1e999', '-0', '+0', '007', '.inf', '.NaN', '1:20'],
  ...['~', 'Null', 'TRUE', 'yes', '2001-12-14', '"\\x41\\u263A"', '"\\U0001F600"', "'a''b'", '"8080"', '""', '[]', '{}', '[a, [b]]'],
  ...['{a}', '[a: b]', '{a:1}', '{"a":1}', '[? a]', '- -', '|\n  x', '>-\n  x\n  y', '"a\n  b"', 'a\n  b', '[1,\n2]', 'x #c', '[x]#c'],
];
const KEYS = ['ID', 'Size', 'Plugin', '0x1F', '1', '1.0', '~', 'true', '"a"', '[a]', '{a: 1}', '? a\n', '__proto__', 'NaN', '""'];
const SPICE = ['{', '}', '[', ']', ':', ',', '"', "'", '\n', '\t', ' ', '- ', '#', '? ', '|', '\r', '\uFEFF', '---\n', '-\n'];

function mutate(text: string, next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  let out = text;
  for (let edit = 1 + Math.floor(next() * 2); edit > 0; edit--) {
    const roll = next();
    const spots = [...out.matchAll(roll < 0.55 ? /(?<=: |- |\[|, )[^\n,\]}]*/g : /(?<=^ *(?:- )?)[A-Za-z]+(?=:)/gm)];
    const spot = spots.length > 0 ? pick(spots) : undefined;
    if (roll < 0.8 && spot) {
      const at = spot.index;
      out = out.slice(0, at) + pick(roll < 0.55 ? VALUES : KEYS) + out.slice(at + spot[0].length);
    } else {
      const at = Math.floor(next() * (out.length + 1));
      out = out.slice(0, at) + (next() < 0.3 ? '' : pick(SPICE)) + out.slice(at + (next() < 0.3 ? 1 : 0));
    }
  }
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** The plugin blocks of a load as plain data, with where they and each of their top-level keys sit. */
function plainBlocks(read: SpecRead): unknown {
  return read.blocks.map(({ at, ...block }) => {
    const keys = typeof block.properties === 'object' && block.properties !== null ? Object.keys(block.properties) : [];
    return { ...block, at: at(), keys: keys.map((key) => [key, at(key)]) };
  });
}

/** Everything a load tells, positions included, as plain data. */
function outcome(result: SpecRead): unknown {
  const warnings = result.warnings.map(problemLine);
  const blocks = plainBlocks(result);
  if (!result.ok) return { problems: result.problems.map(problemLine), warnings, blocks };
  return { groups: plain(result.groups), warnings, blocks };
}

describe('the fast and the precise YAML readers agree', () => {
  it('on a few hundred mutated specs, seeded', () => {
    const bases = BASES.map((text) => readYamlFast(text) !== null && loadSpecs([{ path: 'specs/x.yaml', content: text }], CTX).ok);
    const next = seededRandom(2024);
    const disagreements: string[] = [];
    let fastClean = 0;

    for (let i = 0; i < 600; i++) {
      const text = mutate(BASES[i % BASES.length] as string, next);
      // Text the fast reader refuses goes to the precise reader either way.
      if (readYamlFast(text) === null) continue;
      const fast = outcome(loadSpecs([{ path: 'specs/x.yaml', content: text }], CTX));
      const precise = outcome(loadSpecs([{ path: 'specs/x.yaml', content: text + PRECISELY }], CTX));
      if (!isDeepStrictEqual(fast, precise)) disagreements.push(text);
      if ('groups' in (fast as object)) fastClean++;
    }

    expect(bases).toEqual([true, true, true]);
    expect(disagreements).toEqual([]);
    // Only clean files keep the fast reading: enough of them must be in the sample for it to mean anything.
    expect(fastClean).toBeGreaterThan(80);
  });
});
