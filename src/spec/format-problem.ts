import type { SpecProblem } from './types.js';

/** One line per problem, as the CLI prints it: `file:line:col  CODE  path: message`. */
export function formatProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.code}  ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Orders problems by file, then line, then column; ties keep the order they were found in. */
export function compareProblems(a: SpecProblem, b: SpecProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}
