import { jsonEqual } from '../../src/reconcile/json-equal.js';
import { canonicalJson } from '../../src/group-spec/canonical-json.js';

describe('jsonEqual', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['equal scalars', 'a', 'a', true],
    ['different scalars', 1, '1', false],
    ['null and undefined', null, undefined, true],
    ['0 and -0', 0, -0, true],
    ['keys in another order', { a: 1, b: { c: [1, 2], d: null } }, { b: { d: null, c: [1, 2] }, a: 1 }, true],
    ['a key holding undefined is absent', { a: 1, b: undefined }, { a: 1 }, true],
    ['a missing key', { a: 1, b: 2 }, { a: 1 }, false],
    ['an extra key', { a: 1 }, { a: 1, c: 3 }, false],
    ['arrays in another order', [1, 2], [2, 1], false],
    ['arrays of other lengths', [1], [1, 1], false],
    ['an array and an object', [], {}, false],
    ['undefined in an array is null', [undefined], [null], true],
    ['a nested difference', { a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, false],
    ['__proto__ as an own key', JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 2}'), false],
  ])('%s', (_name, a, b, equal) => {
    expect(jsonEqual(a, b)).toBe(equal);
    expect(jsonEqual(b, a)).toBe(equal);
    expect(canonicalJson(a) === canonicalJson(b)).toBe(equal);
  });

  it('compares nesting deeper than the stack could recurse', () => {
    const deep = (n: number, leaf: unknown): unknown => {
      let value = leaf;
      for (let i = 0; i < n; i++) value = [value];
      return value;
    };

    expect(jsonEqual(deep(100_000, 1), deep(100_000, 1))).toBe(true);
    expect(jsonEqual(deep(100_000, 1), deep(100_000, 2))).toBe(false);
  });
});
