import { formatProblem } from '../spec/load-specs.js';
import type { SpecProblem } from '../spec/types.js';
import { judgeRevision, type Judgement } from '../reconcile/judge-revision.js';
import type { Revision } from '../source/spec-source.js';
import type { CommandContext } from './context.js';
import { print } from './io.js';

export type Planned = Extract<Judgement, { kind: 'planned' }> & { revision: Revision };

/** Reads the specs and plans; on invalid specs prints every problem and returns null (nothing is changed). */
export async function judgeOrReport(ctx: CommandContext): Promise<Planned | null> {
  const revision = await ctx.source.read();
  if (!revision.pathExists) ctx.log.warn(`spec folder ${revision.label} does not exist: no groups are desired, and nothing is pruned`);
  const judgement = await judgeRevision(revision, ctx.registry, ctx.judge);
  reportWarnings(ctx, judgement.warnings);
  if (judgement.kind === 'invalid') {
    reportProblems(ctx, judgement.problems);
    return null;
  }
  return { ...judgement, revision };
}

export function reportWarnings(ctx: CommandContext, warnings: SpecProblem[]): void {
  for (const w of warnings) ctx.log.warn(formatProblem(w));
}

export function reportProblems(ctx: CommandContext, problems: SpecProblem[]): void {
  for (const p of problems) print(ctx.io.err, formatProblem(p));
  const files = new Set(problems.map((p) => p.file)).size;
  print(
    ctx.io.err,
    `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} spec file${files === 1 ? '' : 's'}; nothing was changed.`,
  );
}
