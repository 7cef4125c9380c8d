import type { PosAt } from './positions.js';
import type { SpecProblem, SpecProblemCode } from './types.js';

/** Problems (or warnings) kept per file; past that, one last entry says how many more there were. */
export const MAX_PROBLEMS_PER_FILE = 50;

/** Collects the problems and warnings of one spec file, placing each at an offset of that file. */
export interface ProblemSink {
  readonly file: string;
  readonly posAt: PosAt;
  /** How many problems were reported so far, kept or not: compare it before and after a check. */
  readonly problemCount: number;
  readonly warningCount: number;
  error(code: SpecProblemCode, offset: number, path: string, message: string): void;
  warn(code: SpecProblemCode, offset: number, path: string, message: string): void;
  /**
   * The problems in file order: all of them up to MAX_PROBLEMS_PER_FILE + 1, else the first
   * MAX_PROBLEMS_PER_FILE and, at the next one's place and with its code, `… and N more problems in this file`.
   */
  problems(): SpecProblem[];
  /** The warnings, capped as the problems are. */
  warnings(): SpecProblem[];
}

interface Reported {
  code: SpecProblemCode;
  offset: number;
  path: string;
  message: string;
}

/**
 * A sink for one file; `posAt` maps offsets of that file's text. Offsets order problems as lines and
 * columns do, so only the earliest few are kept, and none of the others is ever placed or built:
 * a 256 KiB list of numbers (the largest spec file a source passes), one problem per item, costs a
 * counter, not 65,536 objects.
 */
export function createProblemSink(file: string, posAt: PosAt): ProblemSink {
  const problems = createKeeper();
  const warnings = createKeeper();
  return {
    file,
    posAt,
    get problemCount() {
      return problems.count;
    },
    get warningCount() {
      return warnings.count;
    },
    error: (code, offset, path, message) => problems.add(code, offset, path, message),
    warn: (code, offset, path, message) => warnings.add(code, offset, path, message),
    problems: () => problems.list(posAt, 'problems'),
    warnings: () => warnings.list(posAt, 'warnings'),
  };
}

/** The earliest MAX_PROBLEMS_PER_FILE + 1 reports by offset (ties in the order found), and how many came in all. */
function createKeeper() {
  const limit = MAX_PROBLEMS_PER_FILE + 1;
  const kept: Reported[] = [];
  const keeper = {
    count: 0,
    add(code: SpecProblemCode, offset: number, path: string, message: string): void {
      keeper.count++;
      const last = kept[kept.length - 1];
      if (kept.length === limit && last && last.offset <= offset) return;
      let at = kept.length;
      while (at > 0 && (kept[at - 1] as Reported).offset > offset) at--;
      kept.splice(at, 0, { code, offset, path, message });
      if (kept.length > limit) kept.pop();
    },
    list(posAt: PosAt, what: string): SpecProblem[] {
      const place = (r: Reported, path: string, message: string): SpecProblem => ({ ...posAt(r.offset), code: r.code, path, message });
      if (keeper.count <= limit) return kept.map((r) => place(r, r.path, r.message));
      const shown = kept.slice(0, MAX_PROBLEMS_PER_FILE).map((r) => place(r, r.path, r.message));
      const more = keeper.count - MAX_PROBLEMS_PER_FILE;
      shown.push(place(kept[MAX_PROBLEMS_PER_FILE] as Reported, '', `… and ${more} more ${what} in this file`));
      return shown;
    },
  };
  return keeper;
}
