import type { SourcePos } from './types.js';

/** Turns character offsets of one file into 1-based line and column. */
export type PosAt = (offset: number) => SourcePos;

/**
 * The offset → line:column lookup for one file's text, its line index built in one pass when first asked.
 * A leading byte-order mark is invisible in editors, so it does not count as a column.
 */
export function makePosAt(file: string, content: string): PosAt {
  // Built on first use: most files are valid and never asked for a position.
  let lineStarts: number[] | undefined;
  const bom = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  return (offset) => {
    lineStarts ??= findLineStarts(content);
    const at = Math.max(0, Math.min(offset, content.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] as number) <= at) low = mid;
      else high = mid - 1;
    }
    const start = lineStarts[low] as number;
    const skip = low === 0 && at > 0 ? bom : 0;
    return { file, line: low + 1, column: at - start - skip + 1 };
  };
}

function findLineStarts(content: string): number[] {
  const starts = [0];
  for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
