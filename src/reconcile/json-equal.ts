/**
 * True when two JSON values are equal as canonical JSON would say (README: Group specs): object
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
    if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) {
      // Numbers equal in value print alike (0 and -0 both as 0); NaN and Infinity both print as null.
      if (typeof left === 'number' && typeof right === 'number' && !Number.isFinite(left) && !Number.isFinite(right)) continue;
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

/** The value as JSON sees it: `undefined` as null, and a value with `toJSON` (a plugin's raw JSON text) as what it gives. */
function asJson(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}
