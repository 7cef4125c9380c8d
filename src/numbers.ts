// Strict on purpose: Number() would take '' as 0, '0x10' as 16 and ' 7 ' as 7, and a destroy budget
// of 0 from an empty variable in a CI script would be a surprise at best. Every driver reads its
// numbers through these, so a flag and an action input take the same values.

/** A whole number of at least `min`, written in decimal digits only; null for anything else. */
export function parseWholeNumber(text: string, min = 0): number | null {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

/** A percentage from 0 to 100, decimals allowed (`12.5`); null for anything else. */
export function parsePercent(text: string): number | null {
  const n = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
  return n >= 0 && n <= 100 ? n : null;
}
