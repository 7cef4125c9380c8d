import { InvalidArgumentError } from 'commander';
import { MAX_DURATION_MS, parseDuration } from '../duration.js';
import { parsePercent, parseWholeNumber } from '../numbers.js';
import { isListenAddress } from '../watch/listen-address.js';
import { parseShard, type Shard } from '../group-spec/shard.js';
import type { OptionValue, TextFormat } from '../config/option-types.js';

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

/** `--report github`, `--report console,github`, repeatable: the kinds, each known. */
export function reportKinds(value: string, previous: Array<'console' | 'github'> = []): Array<'console' | 'github'> {
  const kinds = value.split(',').map((k) => k.trim());
  for (const kind of kinds) {
    if (kind !== 'console' && kind !== 'github')
      throw new InvalidArgumentError('expected console or github (comma-separated, or the flag repeated)');
  }
  return [...new Set([...previous, ...(kinds as Array<'console' | 'github'>)])];
}

/** `owner/name` of a GitHub repository. */
export function githubRepo(value: string): string {
  if (!isGithubRepo(value)) throw new InvalidArgumentError('expected owner/name, such as acme/fleet');
  return value;
}

export function isGithubRepo(value: string): boolean {
  return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(value);
}

/** An http:// or https:// URL. */
export function httpUrl(value: string): string {
  if (!isHttpUrl(value)) throw new InvalidArgumentError('expected an http:// or https:// URL');
  return value;
}

export function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A status context: words with single slashes between them, such as tend/prod. */
export function statusContext(value: string): string {
  if (!/^[^/\s](?:[^/]*[^/\s])?(?:\/[^/\s](?:[^/]*[^/\s])?)*$/.test(value) || value.length > 100) {
    throw new InvalidArgumentError('expected a context such as tend or tend/prod (no leading, trailing or double slash)');
  }
  return value;
}

/** An address to listen on (`0.0.0.0`, `::1`, `localhost`), refused before anything starts when it is none (`999.1.1.1`). */
export function listenAddress(value: string): string {
  if (isListenAddress(value)) return value;
  throw new InvalidArgumentError('expected an IP address (0.0.0.0, 127.0.0.1, ::1) or a host name (localhost)');
}

/** How a flag of the options table reads its value; none for a switch (`--prune`) or a free text (`--ref`). */
export function parserOf(value: OptionValue): FlagParser | null {
  switch (value.kind) {
    case 'whole':
      // A port's upper bound is checked where it is used (watch-command.ts), in words that name the port.
      return wholeNumber(value.min);
    case 'percent':
      return percent;
    case 'duration':
      return duration;
    case 'shard':
      return shard;
    case 'report-kinds':
      // Repeatable: commander hands each parse what the flag came to so far.
      return reportKinds as FlagParser;
    case 'text':
      return textParsers[value.format] ?? null;
    default:
      return null;
  }
}

/** What commander calls with a flag's text (and, for a repeated flag, its value so far). */
type FlagParser = (text: string, previous: unknown) => unknown;

const textParsers: Partial<Record<TextFormat, (text: string) => string>> = {
  'github-repo': githubRepo,
  'http-url': httpUrl,
  'status-context': statusContext,
  'listen-address': listenAddress,
};
