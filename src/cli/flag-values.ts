import { InvalidArgumentError } from 'commander';
import { MAX_DURATION_MS, parseDuration } from '../duration.js';
import { parsePercent, parseWholeNumber } from '../numbers.js';
import { parseShard, type Shard } from '../spec/shard.js';

// Each parser names what the flag takes; commander puts the flag and the value before it. They are
// strict (src/numbers.ts).

/** A whole number of at least `min`, written in decimal digits only. */
export function wholeNumber(min = 0) {
  return (value: string): number => {
    const n = parseWholeNumber(value, min);
    if (n === null) throw new InvalidArgumentError(`expected a whole number ≥ ${min}, such as ${Math.max(min, 10)}`);
    return n;
  };
}

/** A percentage from 0 to 100, decimals allowed (`12.5`). */
export function percent(value: string): number {
  const n = parsePercent(value);
  if (n === null) throw new InvalidArgumentError('expected a percentage from 0 to 100, such as 50');
  return n;
}

/** A duration such as `30s`, `2m`, `500ms` or a bare number of seconds. */
export function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) {
    const days = Math.floor(MAX_DURATION_MS / 86_400_000);
    throw new InvalidArgumentError(`expected a duration such as 30s, 2m or 500ms (a number alone is seconds), at most ${days} days`);
  }
  return ms;
}

/** `K/N`: shard K of N, 1 ≤ K ≤ N. */
export function shard(value: string): Shard {
  const parsed = /^\d+\/\d+$/.test(value) ? parseShard(value) : null;
  if (!parsed) throw new InvalidArgumentError('expected K/N with 1 ≤ K ≤ N, such as 2/4');
  return parsed;
}
