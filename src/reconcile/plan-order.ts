import type { ObservedInstance } from './types.js';

/** Code-point order, so plans do not depend on the machine's locale. */
function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Sort comparator: oldest first by `created` (ISO 8601, so text order is time order; '' is the
 * oldest), ties broken by ID, so that the same observation always gives the same plan.
 */
export function oldestFirst(a: ObservedInstance, b: ObservedInstance): number {
  return compareText(a.created, b.created) || compareText(a.id, b.id);
}

/** Sort comparator: the exact reverse of `oldestFirst`. */
export function newestFirst(a: ObservedInstance, b: ObservedInstance): number {
  return oldestFirst(b, a);
}
