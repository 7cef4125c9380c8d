import { CTX, onlyGroup, problemLines, webYaml } from '../../helpers/spec-fixtures.js';

const F = 'specs/web.yaml';
const ID_RULE = "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'";
const PETS_ROLL = 'must be at least 1 for pets (LogicalIDs): a logical ID has one instance at a time, so replacing it means taking it down';

describe('loadSpecs reports each kind of problem at file:line:col with its key path', () => {
  it.each([
    [
      'an unknown key, with a suggestion',
      webYaml({ allocation: '{Sise: 3}' }),
      [
        `${F}:3:3  SPEC_ALLOCATION  Properties.Allocation: needs Size or LogicalIDs`,
        `${F}:3:16  SPEC_UNKNOWN_KEY  Properties.Allocation.Sise: unknown key; did you mean "Size"?`,
      ],
    ],
    [
      'an unknown key in a plugin section',
      webYaml({ instance: '{Plugin: instance-file, Propertes: {}}' }),
      [`${F}:4:37  SPEC_UNKNOWN_KEY  Properties.Instance.Propertes: unknown key; did you mean "Properties"?`],
    ],
    [
      'a key that differs only in case',
      webYaml({ extra: '  mode: report' }),
      [`${F}:6:3  SPEC_UNKNOWN_KEY  Properties.mode: unknown key; did you mean "Mode"?`],
    ],
    [
      'an unknown top-level key, listing the allowed ones',
      webYaml({ extra: 'Extra: 1' }),
      [`${F}:6:1  SPEC_UNKNOWN_KEY  Extra: unknown key; expected ID, Properties`],
    ],
    ['a missing ID, at the group', webYaml({ id: null }), [`${F}:1:1  SPEC_REQUIRED  ID: is required`]],
    ['a missing Flavor, at the Properties key', webYaml({ flavor: null }), [`${F}:2:1  SPEC_REQUIRED  Properties.Flavor: is required`]],
    [
      'a missing Plugin, at the section key',
      webYaml({ instance: '{Properties: {}}' }),
      [`${F}:4:3  SPEC_REQUIRED  Properties.Instance.Plugin: is required`],
    ],
    [
      'a section that is not a mapping',
      webYaml({ instance: 'instance-file' }),
      [`${F}:4:13  SPEC_TYPE  Properties.Instance: must be a mapping`],
    ],
    [
      'an Allocation that is not a mapping',
      webYaml({ allocation: '[3]' }),
      [`${F}:3:15  SPEC_TYPE  Properties.Allocation: must be a mapping`],
    ],
    [
      'a negative Size',
      webYaml({ allocation: '{Size: -1}' }),
      [`${F}:3:22  SPEC_VALUE  Properties.Allocation.Size: must be an integer ≥ 0`],
    ],
    [
      'a fractional Size',
      webYaml({ allocation: '{Size: 2.5}' }),
      [`${F}:3:22  SPEC_TYPE  Properties.Allocation.Size: must be an integer ≥ 0 in decimal digits, not 2.5`],
    ],
    [
      'a Size given as a string',
      webYaml({ allocation: '{Size: "3"}' }),
      [`${F}:3:22  SPEC_TYPE  Properties.Allocation.Size: must be an integer ≥ 0`],
    ],
    [
      'a Size beyond exact integers',
      webYaml({ allocation: '{Size: 1e300}' }),
      [`${F}:3:22  SPEC_TYPE  Properties.Allocation.Size: must be an integer ≥ 0 in decimal digits, not 1e300`],
    ],
    [
      'a Size in digits beyond exact integers',
      webYaml({ allocation: '{Size: 90071992547409919}' }),
      [`${F}:3:22  SPEC_VALUE  Properties.Allocation.Size: must be an integer ≥ 0`],
    ],
    ...(
      [
        ['0x10', 16],
        ['1e3', 1000],
        ['+5', 5],
        ['0o17', 15],
        ['2.0', 2],
      ] as const
    ).map(([written, value]): [string, string, string[]] => [
      `a Size written as ${written}`,
      webYaml({ allocation: `{Size: ${written}}` }),
      [`${F}:3:22  SPEC_TYPE  Properties.Allocation.Size: must be an integer ≥ 0 in decimal digits, not ${written}; write ${value}`],
    ]),
    [
      'a MaxUnavailable written as 0x1, and a MaxSurge as 1e0',
      webYaml({ extra: '  Updating: {MaxUnavailable: 0x1, MaxSurge: 1e0}' }),
      [
        `${F}:6:30  SPEC_TYPE  Properties.Updating.MaxUnavailable: must be an integer ≥ 0 in decimal digits, not 0x1; write 1`,
        `${F}:6:45  SPEC_TYPE  Properties.Updating.MaxSurge: must be an integer ≥ 0 in decimal digits, not 1e0; write 1`,
      ],
    ],
    [
      'a Size of the 2016 form written as 1e1',
      webYaml({ allocation: null, flavor: '{Plugin: flavor-vanilla, Properties: {Size: 1e1}}' }),
      [`${F}:4:55  SPEC_TYPE  Properties.Flavor.Properties.Size: must be an integer ≥ 0 in decimal digits, not 1e1; write 10`],
    ],
    [
      'both Size and LogicalIDs, at the second',
      webYaml({ allocation: '{Size: 3, LogicalIDs: [a]}' }),
      [`${F}:3:25  SPEC_ALLOCATION  Properties.Allocation: give either Size or LogicalIDs, not both`],
    ],
    [
      'no Allocation at all, at the Properties key',
      webYaml({ allocation: null }),
      [`${F}:2:1  SPEC_ALLOCATION  Properties.Allocation: needs Size or LogicalIDs`],
    ],
    [
      'Size given in Allocation and in the 2016 form',
      webYaml({ flavor: '{Plugin: flavor-vanilla, Properties: {Size: 2}}' }),
      [
        `${F}:5:49  SPEC_ALLOCATION  Properties.Flavor.Properties.Size: Size given twice; keep Properties.Allocation.Size and remove this one`,
      ],
    ],
    [
      'a bad Size in the 2016 form',
      webYaml({ allocation: null, flavor: '{Plugin: flavor-vanilla, Properties: {Size: -2}}' }),
      [`${F}:4:55  SPEC_VALUE  Properties.Flavor.Properties.Size: must be an integer ≥ 0`],
    ],
    [
      'a duplicate logical ID, at the duplicate',
      webYaml({ allocation: '{LogicalIDs: [a, b, a]}' }),
      [`${F}:3:35  SPEC_DUPLICATE_LOGICAL_ID  Properties.Allocation.LogicalIDs[2]: logical ID "a" is also listed at ${F}:3:29`],
    ],
    [
      'an empty LogicalIDs list',
      webYaml({ allocation: '{LogicalIDs: []}' }),
      [`${F}:3:28  SPEC_VALUE  Properties.Allocation.LogicalIDs: must list at least one logical ID`],
    ],
    [
      'LogicalIDs that is not a list',
      webYaml({ allocation: '{LogicalIDs: a}' }),
      [`${F}:3:28  SPEC_TYPE  Properties.Allocation.LogicalIDs: must be a list of logical IDs`],
    ],
    [
      'a logical ID with a space',
      webYaml({ allocation: '{LogicalIDs: [a b]}' }),
      [`${F}:3:29  SPEC_BAD_ID  Properties.Allocation.LogicalIDs[0]: "a b" is not a valid ID: ${ID_RULE}`],
    ],
    ['a group ID with a space', webYaml({ id: 'web app' }), [`${F}:1:5  SPEC_BAD_ID  ID: "web app" is not a valid ID: ${ID_RULE}`]],
    [
      'a group ID of 64 characters',
      webYaml({ id: 'a'.repeat(64) }),
      [`${F}:1:5  SPEC_BAD_ID  ID: "${'a'.repeat(64)}" is not a valid ID: ${ID_RULE}`],
    ],
    ...['.', '..', '.web', '-web', '"-"'].map((id): [string, string, string[]] => [
      `a group ID ${id} that starts with a dot or a dash`,
      webYaml({ id }),
      [`${F}:1:5  SPEC_BAD_ID  ID: ${JSON.stringify(id.replaceAll('"', ''))} is not a valid ID: ${ID_RULE}`],
    ]),
    [
      'logical IDs that start with a dot or a dash, each at its place',
      webYaml({ allocation: '{LogicalIDs: [a, .b, -c, _d, 1.e]}' }),
      [
        `${F}:3:32  SPEC_BAD_ID  Properties.Allocation.LogicalIDs[1]: ".b" is not a valid ID: ${ID_RULE}`,
        `${F}:3:36  SPEC_BAD_ID  Properties.Allocation.LogicalIDs[2]: "-c" is not a valid ID: ${ID_RULE}`,
      ],
    ],
    ['a group ID that YAML reads as a number', webYaml({ id: '2024' }), [`${F}:1:5  SPEC_TYPE  ID: must be a string; quote it: "2024"`]],
    ...['1.0', '007', '0x1F', '1e3', 'True'].map((id): [string, string, string[]] => [
      `a group ID ${id}, quoted in the hint as written`,
      webYaml({ id }),
      [`${F}:1:5  SPEC_TYPE  ID: must be a string; quote it: "${id}"`],
    ]),
    [
      'logical IDs that YAML reads as numbers, quoted as written',
      webYaml({ allocation: '{LogicalIDs: [1.0, 007]}' }),
      [
        `${F}:3:29  SPEC_TYPE  Properties.Allocation.LogicalIDs[0]: must be a string; quote it: "1.0"`,
        `${F}:3:34  SPEC_TYPE  Properties.Allocation.LogicalIDs[1]: must be a string; quote it: "007"`,
      ],
    ],
    [
      'a number behind an alias, quoted as its anchor wrote it',
      webYaml({ allocation: '{LogicalIDs: [&n 1.50, *n]}' }),
      [
        `${F}:3:32  SPEC_TYPE  Properties.Allocation.LogicalIDs[0]: must be a string; quote it: "1.50"`,
        `${F}:3:38  SPEC_TYPE  Properties.Allocation.LogicalIDs[1]: must be a string; quote it: "1.50"`,
      ],
    ],
    [
      'a plugin that is not configured, named without its sub-type',
      webYaml({ flavor: '{Plugin: flavor-swarm/manager}' }),
      [`${F}:5:20  SPEC_UNKNOWN_PLUGIN  Properties.Flavor.Plugin: flavor "flavor-swarm" is not configured (configured: flavor-vanilla)`],
    ],
    [
      'a plugin name that is only a sub-type',
      webYaml({ instance: '{Plugin: /x}' }),
      [`${F}:4:22  SPEC_VALUE  Properties.Instance.Plugin: must name a configured plugin, as "name" or "name/type"`],
    ],
    [
      'Updating that allows no replacement',
      webYaml({ extra: '  Updating: {MaxUnavailable: 0}' }),
      [`${F}:6:3  SPEC_VALUE  Properties.Updating: MaxUnavailable and MaxSurge cannot both be 0: no instance could ever be replaced`],
    ],
    [
      'pets that would roll with MaxUnavailable 0',
      webYaml({ allocation: '{LogicalIDs: [a, b]}', extra: '  Updating: {MaxUnavailable: 0, MaxSurge: 1}' }),
      [`${F}:6:30  SPEC_VALUE  Properties.Updating.MaxUnavailable: ${PETS_ROLL}`],
    ],
    [
      'pets with MaxUnavailable and MaxSurge both 0, at MaxUnavailable only',
      webYaml({ allocation: '{LogicalIDs: [a]}', extra: '  Updating: {MaxUnavailable: 0, MaxSurge: 0}' }),
      [`${F}:6:30  SPEC_VALUE  Properties.Updating.MaxUnavailable: ${PETS_ROLL}`],
    ],
    [
      'Size and LogicalIDs together, without guessing that pets were meant',
      webYaml({ allocation: '{Size: 1, LogicalIDs: [a]}', extra: '  Updating: {MaxUnavailable: 0, MaxSurge: 1}' }),
      [`${F}:3:25  SPEC_ALLOCATION  Properties.Allocation: give either Size or LogicalIDs, not both`],
    ],
    [
      'a negative MaxSurge',
      webYaml({ extra: '  Updating: {MaxSurge: -1}' }),
      [`${F}:6:24  SPEC_VALUE  Properties.Updating.MaxSurge: must be an integer ≥ 0`],
    ],
    ['an unknown Mode', webYaml({ extra: '  Mode: fix' }), [`${F}:6:9  SPEC_VALUE  Properties.Mode: must be "correct" or "report"`]],
    [
      'a property number JSON cannot carry',
      webYaml({ instance: '{Plugin: instance-file, Properties: {x: .inf}}' }),
      [`${F}:4:53  SPEC_VALUE  Properties.Instance.Properties.x: must be a finite number (JSON has no infinity or NaN)`],
    ],
  ])('%s', (_name, content, expected) => {
    const lines = problemLines(F, content);

    expect(lines).toEqual(expected);
  });
});

describe('loadSpecs reports document-level problems', () => {
  it.each([
    [
      'a wrapper naming another plugin',
      'Plugin: manager\nProperties: {}\n',
      [`${F}:1:9  SPEC_WRAPPER  Plugin: tend runs groups; "Plugin": "manager" is not a group spec`],
    ],
    [
      'a wrapper whose Properties is not a mapping',
      '{Plugin: group, Properties: 3}\n',
      [`${F}:1:29  SPEC_TYPE  Properties: must be a group spec (a mapping)`],
    ],
    ['a wrapper without Properties', '{Plugin: group}\n', [`${F}:1:1  SPEC_REQUIRED  Properties: is required`]],
    ['a list item that is not a mapping', '- 42\n', [`${F}:1:3  SPEC_TYPE  list item 1 must be a group spec (a mapping)`]],
    [
      'a document that is a bare string',
      'just text\n',
      [`${F}:1:1  SPEC_TYPE  the document must be a group spec (a mapping) or a list of them`],
    ],
    ['a duplicate YAML key', 'ID: a\nID: b\n', [`${F}:2:1  SPEC_SYNTAX  duplicate key "ID"`]],
    ['a tab used as indentation', 'ID: web\nProperties:\n\tMode: report\n', [`${F}:3:1  SPEC_SYNTAX  Tabs are not allowed as indentation`]],
    [
      'a code-looking tag',
      'ID: !!js/function "function () {}"\n',
      [`${F}:1:5  SPEC_SYNTAX  Unresolved tag: !!js/function; specs hold plain data, without custom tags`],
    ],
    ['a binary value', 'ID: !!binary aGVsbG8=\n', [`${F}:1:14  SPEC_TYPE  unsupported !!binary value: specs hold plain JSON data`]],
  ])('%s', (_name, content, expected) => {
    const lines = problemLines(F, content);

    expect(lines).toEqual(expected);
  });
});

describe('loadSpecs holds .json files to JSON', () => {
  it.each([
    [
      'a stray comma',
      '{\n  "ID": "web",\n  "Properties": {,}\n}',
      "3:18  SPEC_SYNTAX  invalid JSON: expected a double-quoted key, found ','",
    ],
    ['a trailing comma', '{"ID": "web",}', "1:14  SPEC_SYNTAX  invalid JSON: expected a double-quoted key, found '}'"],
    ['a missing comma', '{"ID": "web"\n "Properties": {}}', `2:2  SPEC_SYNTAX  invalid JSON: expected ',' or '}', found '"'`],
    ['a comment', '{"ID": "web" // the web tier\n}', '1:14  SPEC_SYNTAX  invalid JSON: comments are not part of JSON'],
    ['an unterminated string', '{"ID": "web', '1:8  SPEC_SYNTAX  invalid JSON: unterminated string'],
    ['a bare word', '{"ID": web}', "1:8  SPEC_SYNTAX  invalid JSON: expected a value, found 'w'"],
    ['a bad escape', '{"ID": "w\\eb"}', '1:10  SPEC_SYNTAX  invalid JSON: invalid escape in string'],
    ['a raw newline in a string', '{"ID": "w\neb"}', '1:10  SPEC_SYNTAX  invalid JSON: byte 0x0a inside a string'],
    ['a second value', '{}\n{}', "2:1  SPEC_SYNTAX  invalid JSON: unexpected '{' after the end of the JSON value"],
    ['an early end', '{"ID": ', '1:8  SPEC_SYNTAX  invalid JSON: unexpected end of file'],
    ['a duplicate key', '{"ID": "a", "ID": "b"}', '1:13  SPEC_SYNTAX  duplicate key "ID"'],
    [
      'a number where a string belongs, quoted as written',
      '{"Plugin": 1.0, "Properties": {}}',
      '1:12  SPEC_TYPE  Plugin: must be a string; quote it: "1.0"',
    ],
    ['nesting past the limit', '['.repeat(101) + ']'.repeat(101), '1:101  SPEC_SYNTAX  nested deeper than 100 levels'],
  ])('%s', (_name, content, expected) => {
    const lines = problemLines('specs/web.json', content);

    expect(lines).toEqual([`specs/web.json:${expected}`]);
  });
});

describe('loadSpecs quotes a number in a .json file as it was written', () => {
  it('in the group ID and in logical IDs', () => {
    const content = [
      '{"ID": 1.50, "Properties": {',
      '  "Allocation": {"LogicalIDs": [1.0, 7E+0, true]},',
      '  "Instance": {"Plugin": "instance-file"}, "Flavor": {"Plugin": "flavor-vanilla"}}}',
    ].join('\n');

    expect(problemLines('specs/web.json', content)).toEqual([
      'specs/web.json:1:8  SPEC_TYPE  ID: must be a string; quote it: "1.50"',
      'specs/web.json:2:33  SPEC_TYPE  Properties.Allocation.LogicalIDs[0]: must be a string; quote it: "1.0"',
      'specs/web.json:2:38  SPEC_TYPE  Properties.Allocation.LogicalIDs[1]: must be a string; quote it: "7E+0"',
      'specs/web.json:2:44  SPEC_TYPE  Properties.Allocation.LogicalIDs[2]: must be a string; quote it: "true"',
    ]);
  });
});

describe('loadSpecs takes tend’s own integers in decimal digits only, in .json files too', () => {
  it.each([
    ['1e3', 1000],
    ['16.0', 16],
    ['1E1', 10],
  ])('Size: %s', (written, value) => {
    const content = [
      '{"ID": "web", "Properties": {',
      `  "Allocation": {"Size": ${written}},`,
      '  "Instance": {"Plugin": "instance-file"}, "Flavor": {"Plugin": "flavor-vanilla"}}}',
    ].join('\n');

    expect(problemLines('specs/web.json', content)).toEqual([
      `specs/web.json:2:26  SPEC_TYPE  Properties.Allocation.Size: must be an integer ≥ 0 in decimal digits, not ${written}; write ${value}`,
    ]);
  });
});

describe('loadSpecs caps the size of a group at the runner’s maxGroupSize', () => {
  const over = (what: string, limit: number): string =>
    `${what} over the limit of ${limit} instances per group; to allow more, raise reconcile.maxGroupSize in tend.config.yaml or pass --max-group-size`;

  it.each([
    [
      'a Size past the default of 10,000',
      webYaml({ allocation: '{Size: 10001}' }),
      `3:22  SPEC_VALUE  Properties.Allocation.Size: ${over('10001 is', 10_000)}`,
    ],
    [
      'a Size that would exhaust the heap',
      webYaml({ allocation: '{Size: 1000000000}' }),
      `3:22  SPEC_VALUE  Properties.Allocation.Size: ${over('1000000000 is', 10_000)}`,
    ],
    [
      'a Size in the 2016 form',
      webYaml({ allocation: null, flavor: '{Plugin: flavor-vanilla, Properties: {Size: 20000}}' }),
      `4:55  SPEC_VALUE  Properties.Flavor.Properties.Size: ${over('20000 is', 10_000)}`,
    ],
  ])('%s', (_what, content, expected) => {
    expect(problemLines(F, content)).toEqual([`${F}:${expected}`]);
  });

  it('accepts a group of exactly the limit', () => {
    expect(onlyGroup(F, webYaml({ allocation: '{Size: 10000}' })).allocation).toEqual({ size: 10_000 });
    expect(onlyGroup(F, webYaml({ allocation: '{Size: 3}' }), { ...CTX, maxGroupSize: 3 }).allocation).toEqual({ size: 3 });
  });

  it('follows the limit the runner gives, for Size and for LogicalIDs (at the list, each ID still checked)', () => {
    const ctx = { ...CTX, maxGroupSize: 2 };

    expect(problemLines(F, webYaml({ allocation: '{Size: 3}' }), ctx)).toEqual([
      `${F}:3:22  SPEC_VALUE  Properties.Allocation.Size: ${over('3 is', 2)}`,
    ]);
    expect(problemLines(F, webYaml({ allocation: '{LogicalIDs: [a, b, a]}' }), ctx)).toEqual([
      `${F}:3:28  SPEC_VALUE  Properties.Allocation.LogicalIDs: ${over('3 logical IDs are', 2)}`,
      `${F}:3:35  SPEC_DUPLICATE_LOGICAL_ID  Properties.Allocation.LogicalIDs[2]: logical ID "a" is also listed at ${F}:3:29`,
    ]);
  });

  it('counts a LogicalIDs list past the default limit', () => {
    const ids = Array.from({ length: 10_001 }, (_, i) => `i${i}`).join(', ');

    expect(problemLines(F, webYaml({ allocation: `{LogicalIDs: [${ids}]}` }))).toEqual([
      `${F}:3:28  SPEC_VALUE  Properties.Allocation.LogicalIDs: ${over('10001 logical IDs are', 10_000)}`,
    ]);
  });
});
