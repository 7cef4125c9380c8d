import { RawJson } from '../raw-json.js';
import { readJsonValue } from '../read-json.js';
import { canonicalNumber, isRawNumber } from '../exact-number.js';

/**
 * True when two JSON values are equal as canonical JSON would say (docs/specs.md: Group specs): numbers by
 * their exact value (a number kept as written, RawJson, against another or a plain number), object
 * keys in any order, keys holding `undefined` absent, `undefined` in arrays as null, `toJSON` applied. Compares in
 * place, without building the two texts, and iteratively, so that no depth can exhaust the stack.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  // Pairs still to compare, flat (left, right, left, right, …), and keys walked with for…in: a
  // watcher compares every instance's stored properties every tick, so no array per pair or per object.
  const pending: unknown[] = [a, b];
  while (pending.length > 0) {
    const y = pending.pop();
    const x = pending.pop();
    const left = asJson(x);
    const right = asJson(y);
    if (left === right) continue;
    if (isNumeric(left) && isNumeric(right)) {
      if (numberText(left) === numberText(right)) continue;
      return false;
    }
    if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null || isNumeric(left) || isNumeric(right)) {
      return false;
    }
    if (Array.isArray(left) !== Array.isArray(right)) return false;
    if (Array.isArray(left)) {
      const other = right as unknown[];
      if (left.length !== other.length) return false;
      for (let i = 0; i < left.length; i++) pending.push(left[i], other[i]);
      continue;
    }
    const l = left as Record<string, unknown>;
    const r = right as Record<string, unknown>;
    let count = 0;
    for (const key in l) {
      if (!Object.hasOwn(l, key) || l[key] === undefined) continue;
      if (!Object.hasOwn(r, key) || r[key] === undefined) return false;
      count++;
      pending.push(l[key], r[key]);
    }
    for (const key in r) if (Object.hasOwn(r, key) && r[key] !== undefined) count--;
    if (count !== 0) return false;
  }
  return true;
}

function isNumeric(value: unknown): value is number | RawJson {
  return typeof value === 'number' || (value instanceof RawJson && isRawNumber(value));
}

/** A number's exact value as text; numbers equal in value print alike (0 and -0 both as 0), NaN and Infinity both as null. */
function numberText(value: number | RawJson): string {
  return typeof value === 'number' ? JSON.stringify(value) : canonicalNumber(value.text);
}

/**
 * The value as JSON sees it: `undefined` as null, a number kept as written as itself, any other
 * raw JSON read exactly, and a value with `toJSON` as what it gives.
 */
function asJson(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof RawJson) return isRawNumber(value) ? value : readJsonValue(value.text);
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}
