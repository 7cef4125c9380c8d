import { errorMessage } from '../errors.js';
import { findGroups } from './find-groups.js';
import { compareProblems } from '../problem.js';
import { parseDocuments } from './parse-documents.js';
import { placeWith, pluginBlocks } from './plugin-blocks.js';
import { makePosAt } from './positions.js';
import { createProblemSink, MAX_PROBLEMS_PER_FILE } from './problem-sink.js';
import type { ProblemSink } from './problem-sink.js';
import { readGroup, type GroupRead } from './read-group.js';
import type { CachedGroup, SpecCache } from './spec-cache.js';
import type { SpecNode } from './spec-node.js';
import type { GroupSpec, PluginBlock, SourcePos, SpecContext, SpecFile, SpecProblem, SpecRead } from './types.js';

/** Where each group ID was first defined. */
type FirstById = Map<string, SourcePos>;

/** What the files read so far hold: their valid groups and the plugin blocks of all their groups. */
interface Found {
  groups: GroupSpec[];
  blocks: PluginBlock[];
}

/**
 * Reads the spec files of one revision into validated, normalised groups (docs/specs.md: Group specs). Pure and
 * total: it never throws, and it collects the problems of every file, sorted by file, line and
 * column, before returning: at most MAX_PROBLEMS_PER_FILE + 1 per file (problem-sink.ts), and for a
 * file its source could not read, one SPEC_FILE problem at 1:1. `ok` is true only when no file has a
 * problem; warnings never fail a load. `blocks` are the well-formed plugin blocks of every group,
 * valid or not, so that the plugins can check them in the same pass; a file whose problems were cut
 * short gives none, since what its plugins found could not be shown beside them.
 */
export function loadSpecs(files: SpecFile[], ctx: SpecContext, cache?: SpecCache): SpecRead {
  const found: Found = { groups: [], blocks: [] };
  const problems: SpecProblem[] = [];
  const warnings: SpecProblem[] = [];
  const firstById: FirstById = new Map();
  for (const file of files) {
    if (file.unreadable !== undefined) {
      problems.push(unreadableFile(file.path, file.unreadable));
      continue;
    }
    if (cache && fromCache(file, ctx, cache, firstById, found)) continue;
    const sink = createProblemSink(file.path, makePosAt(file.path, file.content));
    let reads: GroupRead[] = [];
    try {
      reads = readFile(file, ctx, sink, firstById);
    } catch (err) {
      sink.error('SPEC_SYNTAX', 0, '', `cannot read this file: ${errorMessage(err)}`);
    }
    const complete = sink.problemCount <= MAX_PROBLEMS_PER_FILE + 1;
    const place = placeWith(sink);
    const clean = sink.problemCount === 0 && sink.warningCount === 0;
    const kept: CachedGroup[] = [];
    for (const read of reads) {
      const blocks = complete ? pluginBlocks(read, place) : [];
      if (read.spec) found.groups.push(read.spec);
      found.blocks.push(...blocks);
      if (clean && read.spec) kept.push({ spec: read.spec, blocks });
    }
    if (clean && cache) cache.set(file, ctx, kept);
    problems.push(...sink.problems());
    warnings.push(...sink.warnings());
  }
  cache?.endRevision();
  warnings.sort(compareProblems);
  const { groups, blocks } = found;
  if (problems.length > 0) return { ok: false, problems: problems.sort(compareProblems), warnings, blocks };
  return { ok: true, groups, warnings, blocks };
}

/** A file the source could not read is one problem, at its start: nothing else can be said of it. */
function unreadableFile(path: string, reason: string): SpecProblem {
  return { file: path, line: 1, column: 1, code: 'SPEC_FILE', path: '', message: `cannot read this file: ${reason}` };
}

/** The file's groups as read, in order; its problems, duplicate IDs included, go to `sink`. */
function readFile(file: SpecFile, ctx: SpecContext, sink: ProblemSink, firstById: FirstById): GroupRead[] {
  const reads = readGroups(parseDocuments(file, sink), ctx, sink);
  for (const { node, read } of reads) {
    if (!read.id) continue;
    const first = firstById.get(read.id.value);
    if (first) {
      const { file: where, line, column } = first;
      sink.error('SPEC_DUPLICATE_ID', read.id.offset, 'ID', `group "${read.id.value}" is also defined at ${where}:${line}:${column}`);
    } else {
      firstById.set(read.id.value, sink.posAt(node.offset));
    }
  }
  return reads.map(({ read }) => read);
}

function readGroups(roots: SpecNode[], ctx: SpecContext, sink: ProblemSink): Array<{ node: SpecNode; read: GroupRead }> {
  return roots.flatMap((root) => findGroups(root, sink).map((node) => ({ node, read: readGroup(node, ctx, sink) })));
}

/**
 * Adds the groups of a file read before with nothing to report, positions included, and returns
 * true; false, adding nothing, when it was not read before or when one of its group IDs is taken
 * (then it is read again, to report that at its place).
 */
function fromCache(file: SpecFile, ctx: SpecContext, cache: SpecCache, firstById: FirstById, found: Found): boolean {
  const cached = cache.get(file, ctx);
  if (!cached) return false;
  const ids = new Set<string>();
  for (const { spec } of cached) {
    if (firstById.has(spec.id) || ids.has(spec.id)) return false;
    ids.add(spec.id);
  }
  for (const { spec, blocks } of cached) {
    firstById.set(spec.id, spec.pos.group);
    // A copy per load: a cached read serves every revision that holds the same content.
    found.groups.push({ ...spec });
    found.blocks.push(...blocks);
  }
  return true;
}
