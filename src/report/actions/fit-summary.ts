/** GitHub's limit on one step's job summary: a larger one is refused, and the step fails. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** A part of the summary: its head always shown, its rows while they fit, its tail (closing a table or a tag) always. */
export interface Section {
  head: readonly string[];
  rows: readonly string[];
  tail?: readonly string[];
  /** What a row is, in the note when rows are left out: `groups`, `actions`, `problems`. */
  unit: string;
}

// Room kept for the note and the tails: both are short and made of ASCII.
const RESERVE = 1024;

/**
 * The sections as one Markdown text of at most `limit` bytes: when rows do not fit, the rest of them
 * (of this section and all after it) are left out, whole, and a note at the end says how many, and
 * where the whole result is, and what the limit is (`fitting`).
 */
export function fitSections(sections: readonly Section[], limit: number, whole: string, fitting = "GitHub's 1 MiB step summary"): string {
  const out: string[] = [];
  let used = 0;
  let full = false;
  const left = new Map<string, number>();
  const add = (line: string): void => {
    out.push(line);
    used += Buffer.byteLength(line, 'utf8') + 1;
  };
  for (const section of sections) {
    if (full) {
      left.set(section.unit, (left.get(section.unit) ?? 0) + section.rows.length);
      continue;
    }
    for (const line of section.head) add(line);
    let shown = 0;
    for (const line of section.rows) {
      if (used + Buffer.byteLength(line, 'utf8') + 1 > limit - RESERVE) break;
      add(line);
      shown++;
    }
    if (shown < section.rows.length) {
      full = true;
      left.set(section.unit, (left.get(section.unit) ?? 0) + section.rows.length - shown);
    }
    for (const line of section.tail ?? []) add(line);
  }
  if (full) {
    const counts = [...left].filter(([, n]) => n > 0).map(([unit, n]) => `${n} ${unit}`);
    add('');
    add(`> **Truncated** to fit ${fitting}: ${counts.join(', ')} not shown. ${whole}`);
  }
  return `${out.join('\n')}\n`;
}
