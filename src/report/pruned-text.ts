import type { AppliedOrphan } from '../reconcile/applied-plan.js';

/** A summary line names this many pruned groups at most, and counts the rest. */
const NAMED = 3;

/**
 * `pruned old, legacy`: the groups whose orphans an apply destroyed, so that a summary line says what
 * left (`pruned 7 groups: a, b, c, …` when there are many); null when nothing was pruned.
 */
export function prunedText(orphans: readonly AppliedOrphan[]): string | null {
  const names = orphans.filter((o) => o.outcome === 'destroyed').map((o) => o.group);
  if (names.length === 0) return null;
  if (names.length <= NAMED) return `pruned ${names.join(', ')}`;
  return `pruned ${names.length} groups: ${names.slice(0, NAMED).join(', ')}, …`;
}
