import { formatProblem } from '../spec/load-specs.js';
import type { SpecProblem } from '../spec/types.js';
import { judgeRevision, type Judgement } from '../reconcile/judge-revision.js';
import type { Revision } from '../source/spec-source.js';
import type { CommandContext } from './context.js';

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
  warnIgnoredPrune(ctx, judgement, revision);
  return { ...judgement, revision };
}

/** --prune asked for, yet orphans kept: say why, so that "kept" does not read as a mistake. */
function warnIgnoredPrune(ctx: CommandContext, judgement: Extract<Judgement, { kind: 'planned' }>, revision: Revision): void {
  const { prune, mode } = ctx.judge.policy;
  if (!prune || !judgement.plan.orphans.some((o) => o.action === 'keep')) return;
  if (mode === 'report') ctx.log.warn('--prune is ignored in report mode, which never changes anything');
  else ctx.log.warn(`--prune is ignored: ${revision.label} holds no groups, and an emptied spec folder must never destroy everything`);
}

export function reportWarnings(ctx: CommandContext, warnings: SpecProblem[]): void {
  for (const w of warnings) ctx.log.warn(formatProblem(w), { ...w });
}

export function reportProblems(ctx: CommandContext, problems: SpecProblem[]): void {
  for (const p of problems) ctx.log.problem(formatProblem(p), { ...p });
  const files = new Set(problems.map((p) => p.file)).size;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  ctx.log.problem(`${plural(problems.length, 'problem')} in ${plural(files, 'spec file')}; nothing was changed.`);
}
