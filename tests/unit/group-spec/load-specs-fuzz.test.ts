import { readFileSync } from 'node:fs';
import { loadSpecs } from '../../../src/group-spec/load-specs.js';
import { CTX, seededRandom, webYaml } from '../../helpers/spec-fixtures.js';

const SPICE = ['{', '}', '[', ']', ':', ',', '"', "'", '\n', '\t', ' ', '-', '&a', '*a', '!!', '#', '\u0000', '\uFEFF', '---', '?', '|'];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const roll = next();
    if (roll < 0.4) out = out.slice(0, at) + out.slice(at + 1);
    else if (roll < 0.8) out = out.slice(0, at) + (SPICE[Math.floor(next() * SPICE.length)] as string) + out.slice(at);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x10000)) + out.slice(at);
  }
  return out;
}

describe('loadSpecs on mutated specs', () => {
  const cattle = readFileSync(new URL('../../fixtures/infrakit/cattle.json', import.meta.url), 'utf8');

  it.each([
    ['YAML', 'specs/web.yaml', webYaml({ extra: '  Updating: {MaxSurge: 1}' }), 1],
    ['JSON', 'specs/cattle.json', cattle, 2],
  ])('never throws and never fails unexpectedly on %s', (_format, path, text, seed) => {
    const next = seededRandom(seed);
    const files = Array.from({ length: 1000 }, () => ({ path, content: mutate(text, next) }));

    const results = files.map((file) => loadSpecs([file], CTX));

    const unexpected = results.flatMap((r) => (r.ok ? [] : r.problems.filter((p) => p.message.startsWith('cannot read'))));
    expect(unexpected).toEqual([]);
    expect(results.every((r) => r.ok || r.problems.every((p) => p.line >= 1 && p.column >= 1))).toBe(true);
  });
});
