import { errorMessage } from '../errors.js';
import { findGroups } from './find-groups.js';
import { compareProblems } from './format-problem.js';
import { parseDocuments } from './parse-documents.js';
import { makePosAt } from './positions.js';
import { createProblemSink } from './problem-sink.js';
import type { ProblemSink } from './problem-sink.js';
import { readGroup } from './read-group.js';
import type { GroupSpec, SourcePos, SpecContext, SpecFile, SpecLoadResult, SpecProblem } from './types.js';

export { formatProblem } from './format-problem.js';

/**
 * Reads the spec files of one revision into validated, normalised groups (design §3). Pure and
 * total: it never throws, and it collects every problem of every file, sorted by file, line and
 * column, before returning. `ok` is true only when no file has a problem; warnings never fail a load.
 */
export function loadSpecs(files: SpecFile[], ctx: SpecContext): SpecLoadResult {
  const groups: GroupSpec[] = [];
  const problems: SpecProblem[] = [];
  const warnings: SpecProblem[] = [];
  const firstById = new Map<string, SourcePos>();
  for (const file of files) {
    const sink = createProblemSink(file.path, makePosAt(file.path, file.content));
    try {
      readFile(file, ctx, sink, firstById, groups);
    } catch (err) {
      sink.error('SPEC_SYNTAX', 0, '', `cannot read this file: ${errorMessage(err)}`);
    }
    // Not push(...list): a file with a huge number of problems would overflow the argument limit.
    for (const p of sink.problems) problems.push(p);
    for (const w of sink.warnings) warnings.push(w);
  }
  warnings.sort(compareProblems);
  if (problems.length > 0) return { ok: false, problems: problems.sort(compareProblems), warnings };
  return { ok: true, groups, warnings };
}

/** Adds the file's valid groups to `groups`, and its problems, duplicate IDs included, to `sink`. */
function readFile(
  file: SpecFile,
  ctx: SpecContext,
  sink: ProblemSink,
  firstById: Map<string, SourcePos>,
  groups: GroupSpec[],
): void {
  for (const root of parseDocuments(file, sink)) {
    for (const node of findGroups(root, sink)) {
      const read = readGroup(node, ctx, sink);
      if (read.spec) groups.push(read.spec);
      if (!read.id) continue;
      const first = firstById.get(read.id.value);
      if (first) {
        const where = `${first.file}:${first.line}:${first.column}`;
        sink.error('SPEC_DUPLICATE_ID', read.id.offset, 'ID', `group "${read.id.value}" is also defined at ${where}`);
      } else {
        firstById.set(read.id.value, sink.posAt(node.offset));
      }
    }
  }
}
