import type { ObservedInstance, PlanAction } from './types.js';
import { classifyInstance, logicalIdOf } from './plan-classify.js';
import { oldestFirst } from './plan-order.js';

/**
 * Actions that give each logical ID exactly one instance of the current config: destroys of
 * duplicates and of instances whose logical ID is not in the spec (or who have none), then
 * creates for logical IDs without an instance, then replacements of kept bad instances.
 * Of several instances for one logical ID the one kept is a good one if any, then the oldest.
 */
export function planPets(instances: readonly ObservedInstance[], logicalIds: readonly string[], configSha: string): PlanAction[] {
  const wanted = [...new Set(logicalIds)];
  const byLogicalId = new Map<string, ObservedInstance[]>(wanted.map((lid) => [lid, []]));
  const strays: ObservedInstance[] = [];
  for (const instance of instances) {
    const lid = logicalIdOf(instance);
    const bucket = lid === null ? undefined : byLogicalId.get(lid);
    if (bucket) bucket.push(instance);
    else strays.push(instance);
  }

  const destroys: PlanAction[] = [];
  const creates: PlanAction[] = [];
  const replaces: PlanAction[] = [];
  for (const [logicalId, candidates] of byLogicalId) {
    const [kept, ...others] = candidates.sort((a, b) => goodThenOldest(a, b, configSha));
    if (!kept) {
      creates.push({ op: 'create', logicalId, reason: 'missing' });
      continue;
    }
    for (const other of others) destroys.push({ op: 'destroy', instance: other.id, reason: 'extra' });
    const condition = classifyInstance(kept, configSha);
    if (condition !== 'good') replaces.push({ op: 'replace', instance: kept.id, logicalId, reason: condition });
  }
  for (const stray of strays.sort(oldestFirst)) destroys.push({ op: 'destroy', instance: stray.id, reason: 'extra' });
  return [...destroys, ...creates, ...replaces];
}

function goodThenOldest(a: ObservedInstance, b: ObservedInstance, configSha: string): number {
  const aBad = classifyInstance(a, configSha) === 'good' ? 0 : 1;
  const bBad = classifyInstance(b, configSha) === 'good' ? 0 : 1;
  return aBad - bBad || oldestFirst(a, b);
}
