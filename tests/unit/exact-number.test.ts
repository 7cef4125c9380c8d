import { canonicalJson } from '../../src/group-spec/canonical-json.js';
import { canonicalNumber, exactNumber, jsonNumberText } from '../../src/exact-number.js';
import { RawJson } from '../../src/raw-json.js';
import { jsonEqual } from '../../src/reconcile/json-equal.js';

describe('numbers as written', () => {
  it.each([
    ['1', '1'],
    ['1.50', '1.50'],
    ['1E3', '1E3'],
    ['12345678901234567890', '12345678901234567890'],
    ['+5', '5'],
    ['.5', '0.5'],
    ['-.5e3', '-0.5e3'],
    ['5.', '5'],
    ['007', '7'],
    ['0x1F', '31'],
    ['0o17', '15'],
    ['0xFFFFFFFFFFFFFFFFFF', '4722366482869645213695'],
  ])('YAML %s is JSON %s', (written, json) => {
    expect(jsonNumberText(written)).toBe(json);
  });

  it.each(['.inf', '-.Inf', '.nan'])('YAML %s has no JSON form', (written) => {
    expect(jsonNumberText(written)).toBeNull();
  });

  it('keeps a plain number where JavaScript writes it back the same, else the text', () => {
    expect(exactNumber('1.5')).toBe(1.5);
    expect(exactNumber('9007199254740991')).toBe(9007199254740991);
    expect(exactNumber('1.50')).toEqual(new RawJson('1.50'));
    expect(exactNumber('12345678901234567890')).toEqual(new RawJson('12345678901234567890'));
  });

  it.each([
    // A double holds these exactly: written as JavaScript writes them, as config_sha always did.
    ['1.50', '1.5'],
    ['1e3', '1000'],
    ['-0', '0'],
    ['18446744073709551616', '18446744073709552000'],
    ['0.000000000931322574615478515625', '9.313225746154785e-10'],
    ['0.1', '0.1'],
    // No double holds these: their exact value, in the same notation.
    ['12345678901234567890', '12345678901234567890'],
    ['12345678901234567890.000', '12345678901234567890'],
    ['0.10000000000000001', '0.10000000000000001'],
    ['1.2345678901234567890123e40', '1.2345678901234567890123e+40'],
    ['1e999', '1e+999'],
  ])('%s hashes and compares as %s', (written, canonical) => {
    expect(canonicalNumber(written)).toBe(canonical);
  });

  it('hashes and compares numbers by exact value, inside any value', () => {
    const a = { n: new RawJson('12345678901234567890'), m: [new RawJson('1.50')] };
    const same = { m: [1.5], n: new RawJson('1234567890123456789e1') };
    const other = { n: new RawJson('12345678901234567891'), m: [1.5] };

    expect(canonicalJson(a)).toBe('{"m":[1.5],"n":12345678901234567890}');
    expect(canonicalJson(same)).toBe(canonicalJson(a));
    expect(jsonEqual(a, same)).toBe(true);
    expect(jsonEqual(a, other)).toBe(false);
    expect(canonicalJson(other)).not.toBe(canonicalJson(a));
  });
});
