import type { GroupMode, GroupSpec } from '../group-spec/types.js';
import type { RunError } from '../errors.js';
import type { Health, Tags } from '../plugins/spi.js';

export type DriftKind = 'missing' | 'extra' | 'stale' | 'modified' | 'unhealthy';
export type DriftCounts = Record<DriftKind, number>;

/** One instance as observed, already judged against its group's spec by observe(). */
export interface ObservedInstance {
  id: string;
  /** The configured instance plugin that reported it (a group may span two after its plugin changed). */
  plugin: string;
  logicalId: string | null;
  tags: Tags;
  /** The plugin reports properties that differ from what the spec would provision (out-of-band change). */
  modified: boolean;
  health: Health;
  /** From the `tend.created` tag; '' when unknown (counts as oldest). */
  created: string;
}

/** What observe() found for one desired group; `error` set when its plugins could not be asked. */
export interface ObservedGroup {
  instances: ObservedInstance[];
  error: RunError | null;
}

/** Instances whose `tend.group` names no group of the revision. */
export interface ObservedOrphan {
  group: string;
  /** The configured instance plugin that reported them. */
  plugin: string;
  instances: ObservedInstance[];
}

export interface Observation {
  groups: Map<string, ObservedGroup>;
  orphans: ObservedOrphan[];
  /** Instance plugins that could not be asked, with why: their groups carry the error, their orphans are unknown. */
  unreachable: Array<{ plugin: string; error: RunError }>;
}

export type ActionOp = 'create' | 'destroy' | 'replace';

export interface PlanAction {
  op: ActionOp;
  /** The instance destroyed or replaced; absent for create. */
  instance?: string;
  /** The logical ID a pet is created or replaced for. */
  logicalId?: string;
  reason: DriftKind | 'prune' | 'destroy';
}

export interface GroupPlan {
  id: string;
  mode: GroupMode;
  desired: { size: number; configSha: string };
  observed: { instances: number };
  drift: DriftCounts;
  /** In order: destroys of extras, creates, then replacements (executed rolling). */
  actions: PlanAction[];
  /** Why the group could not be observed, so nothing is known of it; null when it was. */
  error: RunError | null;
}

export interface OrphanPlan {
  group: string;
  instances: number;
  action: 'keep' | 'destroy';
}

export interface BudgetBlock {
  reason: string;
  destroy: number;
  budget: number;
  /** The group whose percentage limit was exceeded; absent for the absolute limit. */
  group?: string;
  /** For the percentage limit of a prune: how many instances tend manages (the groups' and the orphans'); absent otherwise. */
  managed?: number;
}

export interface PlanSummary {
  groups: number;
  drifted: number;
  create: number;
  destroy: number;
  replace: number;
  errors: number;
}

/** The plan JSON of docs/commands.md: JSON output and Safety (contract); what apply makes of it is an AppliedPlan (applied-plan.ts). */
export interface Plan {
  revision: string | null;
  groups: GroupPlan[];
  orphans: OrphanPlan[];
  summary: PlanSummary;
  blocked: BudgetBlock | null;
}

export interface PlanPolicy {
  maxDestroy: number;
  maxDestroyPercent: number;
  prune: boolean;
  /** False when the revision's spec path was missing or empty: then nothing is ever pruned. */
  pruneAllowed: boolean;
  /** `report` forces every group into report mode. */
  mode: GroupMode;
}

/** Everything plan() needs; plan() is pure. */
export interface PlanInput {
  revision: string | null;
  groups: GroupSpec[];
  observation: Observation;
  policy: PlanPolicy;
}
