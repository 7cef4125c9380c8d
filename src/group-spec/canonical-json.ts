import { createHash } from 'node:crypto';
import { RawJson } from '../raw-json.js';
import { readJsonValue } from '../read-json.js';
import { canonicalNumber, isRawNumber } from '../exact-number.js';

/** Deepest nesting tend accepts in any value it hashes or compares; deeper input is rejected at read time. */
export const MAX_DEPTH = 100;

/**
 * JSON with object keys sorted at every level and no whitespace, so equal values give equal text.
 * A number kept as written (a RawJson) is written as its exact value (canonicalNumber): as
 * JavaScript writes it when a double holds it exactly, so `1.50` and `1.5` give the same text.
 * Spec values nest at most MAX_DEPTH levels (deeper ones are refused when read), well within what
 * the engine's own JSON.stringify, several times faster than a loop, can write.
 */
export function canonicalJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value ?? null, function (this: Record<string, unknown>, key: string, replaced: unknown) {
    // `this[key]` is the value before its toJSON ran: the only place a RawJson can still be seen.
    const original = this[key];
    if (original instanceof RawJson) {
      raws.push(canonicalRaw(original));
      return `${RAW_MARKER}${raws.length - 1}`;
    }
    return sortKeys(replaced);
  });
  if (raws.length === 0) return text;
  return text.replace(RAW_MARKERS, (_, i: string) => raws[Number(i)] ?? 'null');
}

/** Stands in for a raw value while JSON.stringify runs: a NUL and a random word, which no spec can guess. */
const RAW_MARKER = `\u0000raw${Math.random().toString(36).slice(2)}:`;
const RAW_MARKERS = new RegExp(`"\\\\u0000${RAW_MARKER.slice(1)}(\\d+)"`, 'g');

/** A RawJson's canonical text: a number's exact value, or a plugin's raw object read exactly and sorted. */
function canonicalRaw(raw: RawJson): string {
  return isRawNumber(raw) ? canonicalNumber(raw.text) : canonicalJson(readJsonValue(raw.text));
}

/** Each plain object again, with its keys in order (own data properties, `__proto__` included). */
function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]),
  );
}

/** base64url(SHA-1(canonicalJson(value))): the form of `config_sha` (docs/specs.md: Group specs). */
export function canonicalSha(value: unknown): string {
  return createHash('sha1').update(canonicalJson(value)).digest('base64url');
}
