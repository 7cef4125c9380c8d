import { errorMessage } from '../errors.js';
import { findGroups } from './find-groups.js';
import { compareProblems } from '../problem.js';
import { parseDocuments } from './parse-documents.js';
import { placeWith, pluginBlocks } from './plugin-blocks.js';
import { makePosAt } from './positions.js';
import { createProblemSink, MAX_PROBLEMS_PER_FILE } from './problem-sink.js';
import type { ProblemSink } from './problem-sink.js';
import { readGroup, type GroupRead } from './read-group.js';
import { readYamlFast } from './read-yaml-fast.js';
import type { SpecCache } from './spec-cache.js';
import type { SpecNode } from './spec-node.js';
import type { GroupSpec, PluginBlock, SourcePos, SpecContext, SpecFile, SpecProblem, SpecRead } from './types.js';

/** Where each group ID was first defined; a function, as fast-read files find their positions only when asked. */
type FirstById = Map<string, () => SourcePos>;

/** What the files read so far hold: their valid groups and the plugin blocks of all their groups. */
interface Found {
  groups: GroupSpec[];
  blocks: PluginBlock[];
}

/**
 * Reads the spec files of one revision into validated, normalised groups (README: Group specs). Pure and
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
    if (readCleanYamlFast(file, ctx, firstById, found, cache)) continue;
    const sink = createProblemSink(file.path, makePosAt(file.path, file.content));
    let reads: GroupRead[] = [];
    try {
      reads = readFile(file, ctx, sink, firstById);
    } catch (err) {
      sink.error('SPEC_SYNTAX', 0, '', `cannot read this file: ${errorMessage(err)}`);
    }
    const complete = sink.problemCount <= MAX_PROBLEMS_PER_FILE + 1;
    const place = placeWith(sink);
    for (const read of reads) {
      if (read.spec) found.groups.push(read.spec);
      if (complete) found.blocks.push(...pluginBlocks(read, place));
    }
    problems.push(...sink.problems());
    warnings.push(...sink.warnings());
  }
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
      const { file: where, line, column } = first();
      sink.error('SPEC_DUPLICATE_ID', read.id.offset, 'ID', `group "${read.id.value}" is also defined at ${where}:${line}:${column}`);
    } else {
      const pos = sink.posAt(node.offset);
      firstById.set(read.id.value, () => pos);
    }
  }
  return reads.map(({ read }) => read);
}

function readGroups(roots: SpecNode[], ctx: SpecContext, sink: ProblemSink): Array<{ node: SpecNode; read: GroupRead }> {
  return roots.flatMap((root) => findGroups(root, sink).map((node) => ({ node, read: readGroup(node, ctx, sink) })));
}

/**
 * The fast path for the common case, a clean YAML file: read without positions, and if that finds
 * nothing to report, keep its groups and look their positions up only if something asks (a plugin
 * rejecting a group or warning about it, a later duplicate ID). Returns false, adding nothing, when
 * the file must be read precisely: anything to report is always reported from the precise reader, with positions.
 */
function readCleanYamlFast(file: SpecFile, ctx: SpecContext, firstById: FirstById, found: Found, cache?: SpecCache): boolean {
  if (file.path.toLowerCase().endsWith('.json')) return false;
  const unknown = (): SourcePos => ({ file: file.path, line: 1, column: 1 });
  const reads = cache?.get(file, ctx) ?? readClean(file, ctx, unknown);
  if (!reads) return false;
  // A group ID repeated, in an earlier file or in this one, is a problem to report precisely.
  const ids = new Set<string>();
  const repeats = (id: string): boolean => {
    if (firstById.has(id) || ids.has(id)) return true;
    ids.add(id);
    return false;
  };
  if (reads.some((read) => !read.spec || repeats(read.spec.id))) return false;
  cache?.set(file, ctx, reads);

  let precise: Array<{ spec: GroupSpec | undefined; blocks: PluginBlock[] }> | undefined;
  // A clean file reads the same both ways, group for group and block for block.
  const preciseRead = (i: number) => {
    precise ??= readPrecisely(file, ctx);
    return precise[i];
  };
  const placedLater = (i: number, kind: PluginBlock['kind'], key?: string | readonly string[]): SourcePos =>
    preciseRead(i)
      ?.blocks.find((b) => b.kind === kind)
      ?.at(key) ?? unknown();
  reads.forEach((read, i) => {
    // A copy per load: a cached read serves every revision that holds the same blob.
    const spec = { ...(read.spec as GroupSpec) };
    Object.defineProperty(spec, 'pos', {
      enumerable: true,
      get: () => preciseRead(i)?.spec?.pos ?? { group: unknown(), instanceProperties: unknown(), flavorProperties: unknown() },
    });
    firstById.set(spec.id, () => spec.pos.group);
    found.groups.push(spec);
    found.blocks.push(...pluginBlocks(read, (kind) => (key) => placedLater(i, kind, key)));
  });
  return true;
}

/** The groups of a YAML file the fast reader reads with nothing to report, or null when it must be read precisely. */
function readClean(file: SpecFile, ctx: SpecContext, unknown: () => SourcePos): GroupRead[] | null {
  const roots = readYamlFast(file.content);
  if (!roots) return null;
  const scratch = createProblemSink(file.path, unknown);
  const reads = readGroups(roots, ctx, scratch).map(({ read }) => read);
  return scratch.problemCount === 0 && scratch.warningCount === 0 ? reads : null;
}

function readPrecisely(file: SpecFile, ctx: SpecContext): Array<{ spec: GroupSpec | undefined; blocks: PluginBlock[] }> {
  const sink = createProblemSink(file.path, makePosAt(file.path, file.content));
  const place = placeWith(sink);
  return readFile(file, ctx, sink, new Map()).map((read) => ({ spec: read.spec, blocks: pluginBlocks(read, place) }));
}
