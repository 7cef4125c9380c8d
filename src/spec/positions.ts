import type { SourcePos } from './types.js';

/** Turns character offsets of one file into 1-based line and column. */
export type PosAt = (offset: number) => SourcePos;

/**
 * Builds the offset → line:column lookup for one file's text in a single pass.
 * A leading byte-order mark is invisible in editors, so it does not count as a column.
 */
export function makePosAt(file: string, content: string): PosAt {
  const lineStarts = [0];
  for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) {
    lineStarts.push(i + 1);
  }
  const bom = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  return (offset) => {
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
