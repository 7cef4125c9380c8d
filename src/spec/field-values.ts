import type { ProblemSink } from './problem-sink.js';
import type { SpecNode } from './spec-node.js';

const ID_PATTERN = /^[A-Za-z0-9_.-]{1,63}$/;

/** A string value; a number or boolean gets a hint to quote it (`ID: 2024` is a number in YAML). */
export function readString(node: SpecNode, path: string, sink: ProblemSink): string | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
  const quotable = node.kind === 'scalar' && node.value !== null;
  const hint = quotable ? `; quote it: "${String(node.value)}"` : '';
  sink.error('SPEC_TYPE', node.offset, path, `must be a string${hint}`);
  return undefined;
}

/** A count such as Size or MaxSurge: a whole number from 0 up to the largest exact integer. */
export function readCount(node: SpecNode, path: string, sink: ProblemSink): number | undefined {
  const value = node.kind === 'scalar' ? node.value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  sink.error(typeof value === 'number' ? 'SPEC_VALUE' : 'SPEC_TYPE', node.offset, path, 'must be an integer ≥ 0');
  return undefined;
}

/** A group or logical ID: a string of 1 to 63 letters, digits, `_`, `.` or `-` (safe in tags and file names). */
export function readId(node: SpecNode, path: string, sink: ProblemSink): string | undefined {
  const value = readString(node, path, sink);
  if (value === undefined) return undefined;
  if (ID_PATTERN.test(value)) return value;
  const shown = value.length > 70 ? `${value.slice(0, 67)}...` : value;
  const rule = "use 1 to 63 letters, digits, '_', '.' or '-'";
  sink.error('SPEC_BAD_ID', node.offset, path, `${JSON.stringify(shown)} is not a valid ID: ${rule}`);
  return undefined;
}
