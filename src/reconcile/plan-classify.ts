import type { DriftKind, ObservedInstance } from './types.js';
import { TAG_CONFIG_SHA, TAG_LOGICAL_ID } from './tags.js';

/** The drift kinds that are corrected by replacing an instance. */
export type ReplaceReason = Extract<DriftKind, 'stale' | 'modified' | 'unhealthy'>;

/** How one observed instance stands against its group's spec. */
export type InstanceCondition = 'good' | ReplaceReason;

/**
 * Judges one instance: `stale` when its config hash is not the group's, else `modified` when its
 * plugin reports an out-of-band change, else `unhealthy` when its flavor says so, else `good`.
 * Staleness wins because a stale instance is replaced whatever else is wrong with it.
 */
export function classifyInstance(instance: ObservedInstance, configSha: string): InstanceCondition {
  if (instance.tags[TAG_CONFIG_SHA] !== configSha) return 'stale';
  if (instance.modified) return 'modified';
  if (instance.health === 2) return 'unhealthy';
  return 'good';
}

/** Rank of a condition when picking what to give up first: the worse, the lower. */
export function conditionRank(condition: InstanceCondition): number {
  switch (condition) {
    case 'stale':
      return 0;
    case 'modified':
      return 1;
    case 'unhealthy':
      return 2;
    case 'good':
      return 3;
  }
}

/** A pet's logical ID: the plugin's own field, else the tag tend put on it; null for none. */
export function logicalIdOf(instance: ObservedInstance): string | null {
  return instance.logicalId ?? instance.tags[TAG_LOGICAL_ID] ?? null;
}
