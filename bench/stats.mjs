/** The median of a non-empty list of numbers (the mean of the middle two for an even count). */
export function median(values) {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The largest value, ignoring nulls (a child that died before reporting); null if none is left. */
export function maxKnown(values) {
  const known = values.filter((v) => v !== null);
  return known.length === 0 ? null : Math.max(...known);
}

/** Rounds to `digits` decimals, for figures meant to be read rather than recomputed. */
export function round(value, digits = 1) {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
