import { INTEGER_KEY, RawJson } from '../../raw-json.js';

/** What Go's encoder escapes in every string, which InfraKit's plugins and clients send. */
const GO_ESCAPED = /[<>&\u2028\u2029]/g;
const HAS_GO_ESCAPED = /[<>&\u2028\u2029]/;
const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Compact JSON as InfraKit's Go code writes it: like JSON.stringify, but with RawJson values
 * written as their original text and `<`, `>`, `&`, U+2028 and U+2029 escaped (which they can only
 * be inside strings, so the whole text may be escaped at once).
 */
export function writeJson(value: unknown): string {
  const out = writeExactJson(value);
  return HAS_GO_ESCAPED.test(out) ? out.replace(GO_ESCAPED, (c) => GO_ESCAPES[c] ?? c) : out;
}

/** Compact JSON as JSON.stringify writes it, but with RawJson values written as their original text (numbers as written). */
export function writeExactJson(value: unknown): string {
  const raws: string[] = [];
  const marker = `\u0000raw${Math.random().toString(36).slice(2)}:`;
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key, replaced: unknown) {
    // `this[key]` is the value before its toJSON ran: the only place a RawJson can still be seen.
    const original = this[key];
    if (original instanceof RawJson) {
      raws.push(original.text);
      return `${marker}${raws.length - 1}`;
    }
    return replaced;
  });
  if (text === undefined) return 'null';
  if (raws.length === 0) return text;
  const quoted = JSON.stringify(marker).slice(0, -1);
  return text.replace(new RegExp(`${escapeRegExp(quoted)}(\\d+)"`, 'g'), (_, i: string) => raws[Number(i)] ?? 'null');
}

/** Tags as Go writes a map: keys sorted (as text, which a JavaScript object cannot keep for integer-like keys). */
export function sortedTags(tags: Record<string, string> | null | undefined): Record<string, string> | RawJson {
  const given = tags ?? {};
  const keys = Object.keys(given).sort();
  if (keys.some((key) => INTEGER_KEY.test(key))) {
    return new RawJson(`{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(given[key])}`).join(',')}}`);
  }
  const sorted: Record<string, string> = {};
  for (const key of keys) sorted[key] = given[key] as string;
  return sorted;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
