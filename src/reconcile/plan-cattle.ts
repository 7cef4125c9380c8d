import type { ObservedInstance, PlanAction } from './types.js';
import { classifyInstance, conditionRank, type InstanceCondition, type ReplaceReason } from './plan-classify.js';
import { newestFirst, oldestFirst } from './plan-order.js';

interface Judged<C extends InstanceCondition = InstanceCondition> {
  instance: ObservedInstance;
  condition: C;
}

/**
 * Actions that bring N interchangeable instances to `size` of the current config: destroys of
 * extras, then creates, then replacements of the bad instances that are kept.
 * Extras are the bad ones first (they would be replaced anyway), worst first, then the newest
 * good ones, so that the instances that have proved themselves longest stay.
 */
export function planCattle(instances: readonly ObservedInstance[], size: number, configSha: string): PlanAction[] {
  const judged = instances.map((instance) => ({ instance, condition: classifyInstance(instance, configSha) }));
  const bad = judged.filter(isBad).sort(worstThenNewest);
  const good = judged.filter((j) => !isBad(j)).sort((a, b) => newestFirst(a.instance, b.instance));
  const extra = Math.max(0, instances.length - size);
  const doomed = [...bad, ...good].slice(0, extra);
  const keptBad = bad.slice(Math.min(extra, bad.length)).sort(worstThenOldest);

  const destroys = doomed.map((j): PlanAction => ({ op: 'destroy', instance: j.instance.id, reason: 'extra' }));
  const creates = Array.from({ length: Math.max(0, size - instances.length) }, (): PlanAction => ({
    op: 'create',
    reason: 'missing',
  }));
  const replaces = keptBad.map((j): PlanAction => ({ op: 'replace', instance: j.instance.id, reason: j.condition }));
  return [...destroys, ...creates, ...replaces];
}

function isBad(judged: Judged): judged is Judged<ReplaceReason> {
  return judged.condition !== 'good';
}

function worstThenNewest(a: Judged, b: Judged): number {
  return conditionRank(a.condition) - conditionRank(b.condition) || newestFirst(a.instance, b.instance);
}

function worstThenOldest(a: Judged, b: Judged): number {
  return conditionRank(a.condition) - conditionRank(b.condition) || oldestFirst(a.instance, b.instance);
}
