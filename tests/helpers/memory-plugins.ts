import type {
  Allocation,
  DestroyContext,
  FlavorIndex,
  FlavorPlugin,
  Health,
  InstanceDescription,
  InstancePlugin,
  InstanceSpec,
  PluginKind,
  PluginRegistry,
  Tags,
} from '../../src/plugins/spi.js';
import { PluginError, TendError, type RunError } from '../../src/errors.js';
import type { CallGate } from './call-gate.js';
import type { GroupMode, GroupSpec } from '../../src/group-spec/types.js';
import type { AppliedGroup, AppliedOrphan, AppliedPlan, Outcome } from '../../src/reconcile/applied-plan.js';
import type {
  BudgetBlock,
  DriftCounts,
  GroupPlan,
  Observation,
  ObservedInstance,
  ObservedOrphan,
  OrphanPlan,
  Plan,
  PlanAction,
} from '../../src/reconcile/types.js';

/** Every plugin call of a test, in order, as short words: `provision new-1`, `destroy old-2 terminate`. */
export type CallLog = string[];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface MemoryInstanceKnobs {
  /** Provision calls (counting from 1, failed ones included) that reject. */
  failProvisionOn?: number[];
  /** Instance IDs whose destroy rejects. */
  failDestroyFor?: string[];
  /** How long each provision and destroy takes, to make calls overlap. */
  delayMs?: number;
  /** Put before every ID this plugin makes, to tell two plugins' instances apart. */
  idPrefix?: string;
  /** Where each provision and destroy waits before it takes effect, while the test holds it. */
  gate?: CallGate;
}

/** An instance plugin holding instances in a Map; new IDs are new-1, new-2…, seeded ones old-1, old-2… (after idPrefix). */
export class MemoryInstancePlugin implements InstancePlugin {
  readonly instances = new Map<string, InstanceSpec>();
  /** Each group's instance count after every change, starting with its seeded count. */
  readonly liveHistory = new Map<string, number[]>();
  inFlight = 0;
  maxInFlight = 0;
  private provisions = 0;
  private created = 0;
  private seeded = 0;

  constructor(
    readonly name: string,
    private readonly log: CallLog,
    private readonly knobs: MemoryInstanceKnobs = {},
  ) {}

  async validate(): Promise<void> {}

  async provision(spec: InstanceSpec): Promise<string> {
    const call = ++this.provisions;
    await this.busy();
    if (this.knobs.failProvisionOn?.includes(call)) {
      this.log.push(`provision failed`);
      throw new TendError('PLUGIN_ERROR', `${this.name}: provision: quota exceeded`);
    }
    const id = `${this.knobs.idPrefix ?? ''}new-${++this.created}`;
    this.instances.set(id, spec);
    this.log.push(`provision ${id}`);
    this.recordLive(spec.Tags['tend.group']);
    return id;
  }

  async destroy(id: string, context: DestroyContext): Promise<void> {
    await this.busy();
    const spec = this.instances.get(id);
    if (spec === undefined) {
      this.log.push(`destroy ${id} failed`);
      throw new PluginError(this.name, 'destroy', `instance ${id} not found`, { code: 'INSTANCE_GONE' });
    }
    if (this.knobs.failDestroyFor?.includes(id)) {
      this.log.push(`destroy ${id} failed`);
      throw new TendError('PLUGIN_ERROR', `${this.name}: destroy: cannot destroy ${id}`);
    }
    this.instances.delete(id);
    this.log.push(`destroy ${id} ${context}`);
    this.recordLive(spec.Tags['tend.group']);
  }

  async describeInstances(tags: Tags, properties = false): Promise<InstanceDescription[]> {
    this.log.push('describe');
    // InfraKit's filter: every entry must match, a tag the instance lacks comparing as "".
    return [...this.instances]
      .filter(([, spec]) => Object.entries(tags).every(([key, value]) => (spec.Tags[key] ?? '') === value))
      .map(([id, spec]) => ({ ID: id, LogicalID: spec.LogicalID, Tags: spec.Tags, ...(properties ? { Properties: { ...spec } } : {}) }));
  }

  async label(id: string, tags: Tags): Promise<void> {
    this.log.push(`label ${id}`);
    const spec = this.instances.get(id);
    if (spec === undefined) throw new TendError('PLUGIN_ERROR', `${this.name}: label: instance ${id} not found`);
    spec.Tags = { ...spec.Tags, ...tags };
  }

  /** Adds instances of a group as if made earlier (not logged); returns them as observe() would. */
  seed(group: string, configSha: string, members: number | string[]): ObservedInstance[] {
    const logicalIds = typeof members === 'number' ? Array.from({ length: members }, () => null) : members;
    for (const logicalId of logicalIds) {
      const tags: Tags = { 'tend.group': group, 'tend.config_sha': configSha };
      if (logicalId !== null) tags['tend.logical_id'] = logicalId;
      const spec = { Properties: null, Tags: tags, Init: '', LogicalID: logicalId, Attachments: null };
      this.instances.set(`${this.knobs.idPrefix ?? ''}old-${++this.seeded}`, spec);
    }
    this.liveHistory.set(group, [this.count(group)]);
    return this.observed(group);
  }

  /** The group's instances as observe() would report them. */
  observed(group: string): ObservedInstance[] {
    return [...this.instances]
      .filter(([, spec]) => spec.Tags['tend.group'] === group)
      .map(([id, spec]) => ({
        id,
        plugin: this.name,
        logicalId: spec.LogicalID,
        tags: spec.Tags,
        modified: false,
        health: 1,
        created: spec.Tags['tend.created'] ?? '',
      }));
  }

  count(group: string): number {
    return this.observed(group).length;
  }

  private async busy(): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await sleep(this.knobs.delayMs ?? 0);
    await this.knobs.gate?.pass();
    this.inFlight--;
  }

  private recordLive(group: string | undefined): void {
    if (group === undefined) return;
    this.liveHistory.set(group, [...(this.liveHistory.get(group) ?? []), this.count(group)]);
  }
}

export interface MemoryFlavorKnobs {
  /** Instance IDs that always report unhealthy (2). */
  unhealthy?: string[];
  /** How many polls of each instance answer unknown (0) before it is healthy. */
  unknownPolls?: number;
  /** Laid over the prepared spec's tags, as a flavor that tries to rewrite tend's tags would. */
  overrideTags?: Tags;
  /** Prepare returns a spec without any of the tags it was given. */
  dropTags?: boolean;
}

/** A flavor that adds `Properties.Tags` like vanilla and reports health from its knobs. */
export class MemoryFlavorPlugin implements FlavorPlugin {
  readonly prepared: Array<{ spec: InstanceSpec; allocation: Allocation; index: FlavorIndex }> = [];
  private readonly polls = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly log: CallLog,
    private readonly knobs: MemoryFlavorKnobs = {},
  ) {}

  async validate(): Promise<void> {}

  async prepare(properties: unknown, spec: InstanceSpec, allocation: Allocation, index: FlavorIndex): Promise<InstanceSpec> {
    this.log.push(`prepare ${index.Group}${spec.LogicalID === null ? '' : `/${spec.LogicalID}`}`);
    this.prepared.push({ spec, allocation, index });
    const own = (properties as { Tags?: Tags } | null)?.Tags ?? {};
    const kept = this.knobs.dropTags === true ? {} : spec.Tags;
    return { ...spec, Tags: { ...kept, ...own, ...this.knobs.overrideTags }, Init: 'echo hello' };
  }

  async healthy(_properties: unknown, instance: InstanceDescription): Promise<Health> {
    this.log.push(`healthy ${instance.ID}`);
    const polls = (this.polls.get(instance.ID) ?? 0) + 1;
    this.polls.set(instance.ID, polls);
    if (this.knobs.unhealthy?.includes(instance.ID)) return 2;
    return polls <= (this.knobs.unknownPolls ?? 0) ? 0 : 1;
  }

  async drain(_properties: unknown, instance: InstanceDescription): Promise<void> {
    this.log.push(`drain ${instance.ID}`);
  }
}

/** A registry over named memory plugins; unknown names throw PLUGIN_NOT_CONFIGURED like the real one. */
export class MemoryPluginRegistry implements PluginRegistry {
  constructor(
    private readonly instances: Record<string, InstancePlugin>,
    private readonly flavors: Record<string, FlavorPlugin>,
  ) {}

  names(kind: PluginKind): ReadonlySet<string> {
    return new Set(Object.keys(kind === 'instance' ? this.instances : this.flavors));
  }

  instance(name: string): InstancePlugin {
    const plugin = this.instances[name];
    if (plugin === undefined) throw new TendError('PLUGIN_NOT_CONFIGURED', `instance plugin "${name}" is not configured`);
    return plugin;
  }

  flavor(name: string): FlavorPlugin {
    const plugin = this.flavors[name];
    if (plugin === undefined) throw new TendError('PLUGIN_NOT_CONFIGURED', `flavor plugin "${name}" is not configured`);
    return plugin;
  }

  instancePlugins(): ReadonlyArray<readonly [string, InstancePlugin]> {
    return Object.entries(this.instances);
  }
}

export interface MemoryWorldKnobs {
  instance?: MemoryInstanceKnobs;
  flavor?: MemoryFlavorKnobs;
}

/** One shared call log, an `instance-mem` and a `flavor-mem` plugin, and a registry naming them. */
export function memoryWorld(knobs: MemoryWorldKnobs = {}) {
  const log: CallLog = [];
  const instances = new MemoryInstancePlugin('instance-mem', log, knobs.instance);
  const flavor = new MemoryFlavorPlugin('flavor-mem', log, knobs.flavor);
  const registry = new MemoryPluginRegistry({ 'instance-mem': instances }, { 'flavor-mem': flavor });
  return { log, instances, flavor, registry };
}

export interface GroupSpecShape {
  size?: number;
  logicalIds?: string[];
  maxUnavailable?: number;
  maxSurge?: number;
  mode?: GroupMode;
  instancePlugin?: string;
  flavorTags?: Tags;
}

/** A validated group spec for tests: cattle of `size` (default 3) unless logicalIds are given; config hash `sha-new`. */
export function groupSpec(id: string, shape: GroupSpecShape = {}): GroupSpec {
  const pos = { file: 'specs/test.yaml', line: 1, column: 1 };
  return {
    id,
    allocation: shape.logicalIds === undefined ? { size: shape.size ?? 3 } : { logicalIds: shape.logicalIds },
    instance: { plugin: shape.instancePlugin ?? 'instance-mem', properties: { Note: id } },
    flavor: { plugin: 'flavor-mem', properties: { Tags: shape.flavorTags ?? { tier: 'test' } } },
    updating: { maxUnavailable: shape.maxUnavailable ?? 1, maxSurge: shape.maxSurge ?? 0 },
    mode: shape.mode ?? 'correct',
    configSha: 'sha-new',
    pos: { group: pos, instanceProperties: pos, flavorProperties: pos },
  };
}

/** The plan of one group, as the planner would make it for these actions. */
export function groupPlan(
  spec: GroupSpec,
  actions: PlanAction[],
  shape: { observed?: number; error?: string; drift?: Partial<DriftCounts> } = {},
): GroupPlan {
  const drift: DriftCounts = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0, ...shape.drift };
  return {
    id: spec.id,
    mode: spec.mode,
    desired: { size: spec.allocation.size ?? spec.allocation.logicalIds.length, configSha: spec.configSha },
    observed: { instances: shape.observed ?? 0 },
    drift,
    actions,
    error: shape.error === undefined ? null : { code: 'PLUGIN_ERROR', message: shape.error, transient: false },
  };
}

/** A plan over these groups; `summary` is not read by apply, so it stays zero. */
export function planOf(groups: GroupPlan[], extra: { orphans?: OrphanPlan[]; blocked?: BudgetBlock } = {}): Plan {
  return {
    revision: 'rev-1',
    groups,
    orphans: extra.orphans ?? [],
    summary: { groups: groups.length, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 },
    blocked: extra.blocked ?? null,
  };
}

/** A group as apply leaves it, with this outcome. */
export function withOutcome(group: GroupPlan, outcome: Outcome, outcomeError: RunError | null = null): AppliedGroup {
  return { ...group, outcome, outcomeError };
}

/** A plan as apply leaves it: these groups, each with its outcome; orphans not pruned unless they say how. */
export function appliedPlanOf(
  groups: AppliedGroup[],
  extra: { orphans?: Array<OrphanPlan & Partial<AppliedOrphan>>; blocked?: BudgetBlock } = {},
): AppliedPlan {
  const orphans = (extra.orphans ?? []).map((o) => ({ outcome: null, outcomeError: null, ...o }));
  return { ...planOf(groups, { blocked: extra.blocked }), groups, orphans };
}

/** An observation holding these groups' instances and orphans. */
export function observationOf(groups: Record<string, ObservedInstance[]>, orphans: ObservedOrphan[] = []): Observation {
  return {
    groups: new Map(Object.entries(groups).map(([id, instances]) => [id, { instances, error: null }])),
    orphans,
    unreachable: [],
  };
}
