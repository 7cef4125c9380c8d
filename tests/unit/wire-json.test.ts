import { RawJson } from '../../src/raw-json.js';
import { readJson } from '../../src/read-json.js';
import { sortedTags, writeJson } from '../../src/plugins/wire/write-json.js';

// Properties are opaque to tend, as they were to InfraKit: written back as they came, byte for byte.

describe('readJson and writeJson', () => {
  it.each([
    '{"Note":"Instance properties version 1.0"}',
    '{"b":1,"a":[true,false,null,"x"]}',
    '{"big":12345678901234567890,"id":8924550627569702762}',
    '{"fraction":1.50,"exp":1E3,"neg":-0,"small":1e-7}',
    '{"2":"two","1":"one","b":{"10":1,"9":2}}',
    '{"s":"\\u003c\\u0026\\u003e \\" \\\\ \\n ü"}',
    '[[],{},[{"a":[1.0]}]]',
  ])('round-trips %s byte for byte', (text) => {
    expect(writeJson(readJson(text))).toBe(text);
  });

  it('gives plain values where JavaScript keeps them exactly, so comparisons see them', () => {
    expect(readJson('{"a":1,"b":[1.5,"x"]}')).toEqual({ a: 1, b: [1.5, 'x'] });
    expect(readJson('{"a":12345678901234567890}')).toEqual({ a: new RawJson('12345678901234567890') });
  });

  it('compacts raw values as Go does', () => {
    expect(writeJson(readJson('{ "1" : [ 1.50 , "a b" ] }'))).toBe('{"1":[1.50,"a b"]}');
  });

  it('refuses text that is not one JSON value', () => {
    for (const text of ['{"a":', '{"a":1}x', '{"1":01}', "{'a':1}", '']) expect(() => readJson(text)).toThrow(SyntaxError);
  });

  it('writes maps with sorted keys, integer-like ones too, and escapes like Go', () => {
    expect(writeJson({ Tags: sortedTags({ b: '1', a: '<&>' }) })).toBe('{"Tags":{"a":"\\u003c\\u0026\\u003e","b":"1"}}');
    expect(writeJson(sortedTags({ '9': 'x', '10': 'y', a: 'z' }))).toBe('{"10":"y","9":"x","a":"z"}');
  });

  it('lets in-process code read a raw value as its value', () => {
    expect(JSON.stringify({ p: new RawJson('{"2":1,"1":2}') })).toBe('{"p":{"1":2,"2":1}}');
  });
});
