import type { PosAt } from './positions.js';
import type { SpecProblem, SpecProblemCode } from './types.js';

/** Collects the problems and warnings of one spec file, placing each at an offset of that file. */
export interface ProblemSink {
  readonly file: string;
  readonly posAt: PosAt;
  readonly problems: SpecProblem[];
  readonly warnings: SpecProblem[];
  error(code: SpecProblemCode, offset: number, path: string, message: string): void;
  warn(code: SpecProblemCode, offset: number, path: string, message: string): void;
}

/** A sink for one file; `posAt` maps offsets of that file's text. */
export function createProblemSink(file: string, posAt: PosAt): ProblemSink {
  const problems: SpecProblem[] = [];
  const warnings: SpecProblem[] = [];
  return {
    file,
    posAt,
    problems,
    warnings,
    error: (code, offset, path, message) => problems.push({ ...posAt(offset), code, path, message }),
    warn: (code, offset, path, message) => warnings.push({ ...posAt(offset), code, path, message }),
  };
}
