import { createHash } from 'node:crypto';

/** One runner's share of the groups: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `K/N` (1 ≤ K ≤ N); null when malformed. */
export function parseShard(text: string): Shard | null {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : null;
}

/** Whether a group ID falls in the shard; stable across runs and machines (SHA-1 of the ID). */
export function inShard(groupId: string, shard: Shard | null): boolean {
  if (!shard || shard.count === 1) return true;
  const bucket = createHash('sha1').update(groupId).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
