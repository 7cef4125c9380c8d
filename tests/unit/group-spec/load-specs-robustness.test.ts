import { RawJson } from '../../../src/raw-json.js';
import { loadSpecs } from '../../../src/group-spec/load-specs.js';
import type { SpecLoadResult } from '../../../src/group-spec/types.js';
import { CTX, webYaml } from '../../helpers/spec-fixtures.js';

const DEPTH = 20_000;

/** Speed is the benchmark's business; a hang or a quadratic blow-up still fails here on jest's test timeout. */
function timedLoad(path: string, content: string): { result: SpecLoadResult } {
  return { result: loadSpecs([{ path, content }], CTX) };
}

function codes(result: SpecLoadResult): string[] {
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`);
}

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const prev = 'abcdefghi'[i] as string;
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
].join('\n');

describe('loadSpecs never throws, whatever the input', () => {
  it.each([
    ['deeply nested JSON lists', 'specs/x.json', '['.repeat(DEPTH) + ']'.repeat(DEPTH), '1:101 SPEC_SYNTAX nested deeper than 100 levels'],
    [
      'deeply nested JSON objects',
      'specs/x.json',
      '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH),
      '1:501 SPEC_SYNTAX nested deeper than 100 levels',
    ],
    [
      'deeply nested YAML flow lists',
      'specs/x.yaml',
      '['.repeat(DEPTH) + ']'.repeat(DEPTH),
      '1:101 SPEC_SYNTAX nested deeper than 100 levels',
    ],
    [
      'deeply nested YAML flow maps',
      'specs/x.yaml',
      '{a: '.repeat(DEPTH) + '1' + '}'.repeat(DEPTH),
      '1:401 SPEC_SYNTAX nested deeper than 100 levels',
    ],
    ['deeply nested YAML block lists', 'specs/x.yaml', '- '.repeat(DEPTH) + '1', '1:201 SPEC_SYNTAX nested deeper than 100 levels'],
    ['a billion laughs', 'specs/x.yaml', billionLaughs, '5:8 SPEC_SYNTAX too much data once aliases are expanded (over 10341 values)'],
    ['a self-referencing alias', 'specs/x.yaml', 'a: &a [1, *a]\n', '1:11 SPEC_SYNTAX nested deeper than 100 levels'],
    [
      'binary junk',
      'specs/x.yaml',
      '\u0000\u0001\u00ff\u00fe\u0000 junk \u0007',
      '1:1 SPEC_TYPE the document must be a group spec (a mapping) or a list of them',
    ],
    ['binary junk as JSON', 'specs/x.json', '\u0000{}', '1:1 SPEC_SYNTAX invalid JSON: expected a value, found byte 0x00'],
    ['an alias to nothing', 'specs/x.yaml', 'ID: *nowhere\n', '1:5 SPEC_SYNTAX alias *nowhere refers to no anchor before it'],
    [
      'a huge flat JSON object',
      'specs/x.json',
      `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
      '1:1 SPEC_REQUIRED is required',
    ],
    [
      'a huge flat YAML mapping',
      'specs/x.yaml',
      Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`).join('\n'),
      '1:1 SPEC_UNKNOWN_KEY unknown key; expected ID, Properties',
    ],
    [
      'an unfinished flow mapping',
      'specs/x.yaml',
      '{ID: web, Properties: [',
      '1:24 SPEC_SYNTAX Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ])('%s', (_name, path, content, expected) => {
    const { result } = timedLoad(path, content);

    expect(codes(result)[0]).toBe(expected);
  });

  it('refuses nesting beyond the limit that aliases build', () => {
    const fifty = '['.repeat(50) + ']'.repeat(50);
    const content = `a: &a ${fifty}\nb: ${'['.repeat(55)}*a${']'.repeat(55)}\n`;

    const { result } = timedLoad('specs/x.yaml', content);

    expect(codes(result)).toEqual(['2:59 SPEC_SYNTAX nested deeper than 100 levels']);
  });

  it('reads huge numbers without losing the group', () => {
    const content = webYaml({ instance: '{Plugin: instance-file, Properties: {big: 123456789012345678901234567890}}' });

    const { result } = timedLoad('specs/x.yaml', content);

    expect(result.ok && result.groups[0]?.instance.properties).toEqual({ big: new RawJson('123456789012345678901234567890') });
  });

  it('keeps a number beyond what a double can hold as written in JSON files too, rather than as infinity', () => {
    const content = webJson('{"Plugin": "instance-file", "Properties": [1e999, -1e999]}');

    const { result } = timedLoad('specs/x.json', content);

    expect(result.ok && result.groups[0]?.instance.properties).toEqual([new RawJson('1e999'), new RawJson('-1e999')]);
  });

  it('reads a spec with a byte-order mark and CRLF line ends, counting columns as editors do', () => {
    const content = `\uFEFF${webYaml({ allocation: '{Size: -1}' }).replaceAll('\n', '\r\n')}`;

    const { result } = timedLoad('specs/x.yaml', content);

    expect(codes(result)).toEqual(['3:22 SPEC_VALUE must be an integer ≥ 0']);
  });

  it('reads a JSON spec with a byte-order mark', () => {
    const content = '\uFEFF{"ID": 5}';

    const { result } = timedLoad('specs/x.json', content);

    expect(codes(result)[0]).toBe('1:1 SPEC_REQUIRED is required');
  });

  it('keeps a key named __proto__ as plain data', () => {
    const content = webYaml({ instance: '{Plugin: instance-file, Properties: {__proto__: {polluted: true}}}' });

    const { result } = timedLoad('specs/x.yaml', content);

    const properties = result.ok ? (result.groups[0]?.instance.properties as object) : {};
    expect(Object.keys(properties)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** A valid JSON group spec `web` with the given Instance section. */
function webJson(instance: string): string {
  return `{"ID": "web", "Properties": {"Allocation": {"Size": 1}, "Instance": ${instance}, "Flavor": {"Plugin": "flavor-vanilla"}}}`;
}
