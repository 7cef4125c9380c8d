import type { ProblemSink } from './problem-sink.js';
import type { SpecNode } from './spec-node.js';

/** No leading `.` or `-`: not `.` or `..`, no dotfile, no command-line option (docs/specs.md: Group specs). */
const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
const ID_RULE = "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'";

/**
 * A string value; a number or boolean gets a hint to quote it as written (`ID: 1.0` is the number 1 in
 * YAML and JSON, so the hint says `"1.0"`, not `"1"`).
 */
export function readString(node: SpecNode, path: string, sink: ProblemSink): string | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
  const quotable = node.kind === 'scalar' && node.value !== null;
  const hint = quotable ? `; quote it: "${node.source ?? String(node.value)}"` : '';
  sink.error('SPEC_TYPE', node.offset, path, `must be a string${hint}`);
  return undefined;
}

/**
 * A count such as Size or MaxSurge: a whole number from 0 up to the largest exact integer, written
 * in decimal digits only, as tend's config and flags take numbers (`parseWholeNumber`). A number in
 * another form (`0x10`, `0o17`, `1e3`, `+5`, `2.0`) is SPEC_TYPE, naming what was written; a
 * negative or too large integer is SPEC_VALUE.
 */
export function readCount(node: SpecNode, path: string, sink: ProblemSink): number | undefined {
  const value = node.kind === 'scalar' ? node.value : undefined;
  if (typeof value !== 'number') {
    sink.error('SPEC_TYPE', node.offset, path, 'must be an integer ≥ 0');
    return undefined;
  }
  const written = node.kind === 'scalar' ? (node.source ?? String(value)) : '';
  if (/^[0-9]+$/.test(written) && Number.isSafeInteger(value)) return value;
  if (!/^-?[0-9]+$/.test(written)) {
    const instead = Number.isSafeInteger(value) && value >= 0 ? `; write ${value}` : '';
    sink.error('SPEC_TYPE', node.offset, path, `must be an integer ≥ 0 in decimal digits, not ${written}${instead}`);
    return undefined;
  }
  sink.error('SPEC_VALUE', node.offset, path, 'must be an integer ≥ 0');
  return undefined;
}

/**
 * A group or logical ID: a string of 1 to 63 letters, digits, `_`, `.` or `-` that does not start with
 * `.` or `-` (safe in tags, file names and command lines). A leading `.` would also be lost where an ID
 * names a file: the file plugin strips it, so `.web` would name its instances as `web` does.
 */
export function readId(node: SpecNode, path: string, sink: ProblemSink): string | undefined {
  const value = readString(node, path, sink);
  if (value === undefined) return undefined;
  if (ID_PATTERN.test(value)) return value;
  const shown = value.length > 70 ? `${value.slice(0, 67)}...` : value;
  sink.error('SPEC_BAD_ID', node.offset, path, `${JSON.stringify(shown)} is not a valid ID: ${ID_RULE}`);
  return undefined;
}
