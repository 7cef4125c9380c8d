const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** The longest timer Node keeps: a longer one fires at once, so a longer duration is refused. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/**
 * Parses `500ms`, `30s`, `2m`, `1h` (or a bare number of seconds, as YAML may give) into
 * milliseconds; null when malformed, negative or longer than MAX_DURATION_MS (about 24 days).
 * Strict: no spaces, signs, exponents or hex, so that a typo is an error and not a surprise.
 */
export function parseDuration(text: string | number): number | null {
  let ms: number;
  if (typeof text === 'number') {
    ms = text * 1000;
  } else {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
    if (!match) return null;
    ms = Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1000);
  }
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DURATION_MS) return null;
  return Math.round(ms);
}

/** `30s`, `2m`, `1.5s`, `50ms`: how people read a duration. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
