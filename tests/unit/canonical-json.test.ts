import { canonicalJson, canonicalSha, MAX_DEPTH } from '../../src/group-spec/canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });

  it('hashes equal values equally regardless of key order', () => {
    expect(canonicalSha({ x: 1, y: 2 })).toBe(canonicalSha({ y: 2, x: 1 }));
    expect(canonicalSha({ x: 1 })).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });
});

describe('canonicalJson, as deep as specs nest', () => {
  const samples: unknown[] = [
    null,
    undefined,
    'text',
    -0,
    1e21,
    [undefined, null, 1, 'a', [2, [3]]],
    { b: undefined, a: [{ z: 1, y: [true, false] }], c: { e: 'x', d: null } },
    JSON.parse('{"__proto__": {"b": 1, "a": 2}, "constructor": 3}'),
    { n: NaN, i: Infinity, u: '\u2028\ud800' },
  ];

  it.each(samples.map((s) => [s]))('writes %j nested MAX_DEPTH deep as it writes it alone', (value) => {
    let deep: unknown = value;
    for (let i = 0; i < MAX_DEPTH; i++) deep = [deep];

    const text = canonicalJson(deep);

    expect(text).toBe(`${'['.repeat(MAX_DEPTH)}${canonicalJson(value)}${']'.repeat(MAX_DEPTH)}`);
  });
});
