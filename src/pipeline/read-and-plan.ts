import { ProblemsError, TendError } from '../errors.js';
import type { Logger } from '../log.js';
import { problemFields, problemLine, type Problem } from '../problem.js';
import { checkSpecs, validateAndPlan, type CheckOptions, type ValidateAndPlanOptions } from '../reconcile/validate-and-plan.js';
import type { Revision } from '../source/spec-source.js';
import type { GroupSpec } from '../group-spec/types.js';
import type { ReadPorts } from './ports.js';
import { failed, type Failed, type ReadAndPlanResult } from './results.js';

/** A revision's specs read and checked, plugins' own checks included, with nothing observed. */
export type ValidateResult = Failed | { kind: 'valid'; revision: Revision; groups: GroupSpec[] };

/**
 * Reads the source (or takes the revision given), validates it and plans it: validated specs, what the plugins
 * describe, and the plan between them (docs/commands.md: JSON output). A missing spec path, invalid specs or a source that
 * cannot be read are failures that change nothing; warnings are logged as they are found.
 */
export async function readAndPlan(ports: ReadPorts, options: ValidateAndPlanOptions, given?: Revision): Promise<ReadAndPlanResult> {
  const revision = given ? checkPath(given) : await readRevision(ports);
  if ('kind' in revision) return revision;
  const planned = await validateAndPlan(revision, ports.registry, options);
  logWarnings(ports.log, planned.warnings);
  if (planned.kind === 'invalid') return invalidSpecs(planned.problems, revision);
  const { plan } = planned;
  if (planned.groups.length === 0 && options.shard === null && !options.only) warnNoGroups(ports.log, revision);
  else if (options.policy.prune && options.policy.mode === 'report' && plan.orphans.length > 0) {
    ports.log.warn('--prune is ignored in report mode, which never changes anything');
  }
  return { kind: 'planned', revision, plan, groups: planned.groups, observation: planned.observation };
}

/** Reads and checks a revision's specs without asking the plugins what exists. */
export async function validateSpecs(ports: ReadPorts, options: CheckOptions): Promise<ValidateResult> {
  const revision = await readRevision(ports);
  if ('kind' in revision) return revision;
  const result = await checkSpecs(revision, ports.registry, options);
  logWarnings(ports.log, result.warnings);
  if (!result.ok) return invalidSpecs(result.problems, revision);
  if (result.groups.length === 0) warnNoGroups(ports.log, revision);
  return { kind: 'valid', revision, groups: result.groups };
}

/** The revision, or why there is none to judge: the source failed, or the spec path is not in it. */
async function readRevision(ports: ReadPorts): Promise<Revision | Failed> {
  let revision: Revision;
  try {
    revision = await ports.source.read();
  } catch (err) {
    if (err instanceof TendError) return failed(err);
    throw err;
  }
  return checkPath(revision);
}

/** The revision, or SPEC_PATH_MISSING: a typo in the spec path must not read as "no groups wanted" (that would pass CI, and could prune). */
function checkPath(revision: Revision): Revision | Failed {
  if (revision.pathExists) return revision;
  const message = `spec folder ${revision.label} does not exist (check --specs, or --path and source.path)`;
  return failed(new TendError('SPEC_PATH_MISSING', message), [], revision);
}

/**
 * Every problem of an invalid revision, and the one-line verdict: nothing of it is applied. When
 * only plugins refused it, the verdict is theirs on that call: transient, since the same commit may
 * pass once a plugin recovers (a watcher judges it again with backoff); tend's own problems are final.
 */
function invalidSpecs(problems: readonly Problem[], revision: Revision): Failed {
  const files = new Set(problems.map((p) => p.file)).size;
  const message = `${plural(problems.length, 'problem')} in ${plural(files, 'spec file')}; nothing was changed.`;
  const transient = problems.every((p) => p.code === 'SPEC_PLUGIN_REJECTED');
  return failed(new ProblemsError('SPEC_INVALID', message, problems, { transient }), problems, revision);
}

function logWarnings(log: Logger, warnings: readonly Problem[]): void {
  for (const w of warnings) log.warn(problemLine(w), { ...problemFields(w) });
}

function warnNoGroups(log: Logger, revision: Revision): void {
  log.warn(`${revision.label} holds no groups: nothing is wanted, and nothing is pruned`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
