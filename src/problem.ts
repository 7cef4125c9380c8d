/** Where a value sits in an input file; lines and columns count from 1. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

/**
 * One problem with an input (a spec or the runner config), kept structured until a reporter
 * renders it: `file:line:col  CODE  path: message` for people, the fields themselves for JSON.
 */
export interface Problem extends Position {
  code: string;
  /** Key path inside the document, e.g. `Properties.Allocation.Size`; '' for the document. */
  path: string;
  message: string;
}

/** One line per problem, as the CLI prints it: `file:line:col  CODE  path: message`. */
export function problemLine(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.code}  ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** The problem's fields in a fixed order, for JSON output and JSON log lines. */
export function problemFields(p: Problem): Problem {
  return { file: p.file, line: p.line, column: p.column, code: p.code, path: p.path, message: p.message };
}

/** Orders problems by file, then line, then column; ties keep the order they were found in. */
export function compareProblems(a: Position, b: Position): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}
