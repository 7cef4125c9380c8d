/**
 * The plugin SPI: InfraKit's Instance/0.6.0 and Flavor/0.1.0 interfaces, field names as on the
 * wire, so that built-in, exec and JSON-RPC plugins are interchangeable behind the registry.
 */
export type Tags = Record<string, string>;

export interface Attachment {
  ID: string;
  Type: string;
}

/** What an instance plugin is asked to create. */
export interface InstanceSpec {
  Properties: unknown;
  Tags: Tags;
  Init: string;
  LogicalID: string | null;
  Attachments: Attachment[] | null;
}

/** An instance as its plugin reports it. With properties asked for, InfraKit-style plugins return the stored InstanceSpec. */
export interface InstanceDescription {
  ID: string;
  LogicalID: string | null;
  Tags: Tags;
  Properties?: unknown;
  /**
   * Beyond InfraKit, optional: the instance plugin's own view of the instance's health, where it has
   * one (a container that exited, or fails its HEALTHCHECK, is 2). Unhealthy here is unhealthy
   * whatever the flavor says; absent or 0 leaves the verdict to the flavor.
   */
  Health?: Health;
}

export type DestroyContext = 'terminate' | 'rolling_update';

/** The interface versions tend speaks and its plugin kit serves: Destroy takes a context from Instance/0.6.0 on. */
export const INSTANCE_INTERFACE = { Name: 'Instance', Version: '0.6.0' } as const;
export const FLAVOR_INTERFACE = { Name: 'Flavor', Version: '0.1.0' } as const;

/**
 * Every generation of the interfaces tend can talk to (InfraKit's, from 2016 on): the calls
 * are the same JSON throughout, except that `Label` exists from Instance/0.3.0 and `Destroy`
 * carries its context from 0.6.0; 0.6.1 and Flavor/0.1.1 changed only the handshake.
 */
export const INSTANCE_VERSIONS = ['0.1.0', '0.3.0', '0.5.0', '0.6.0', '0.6.1'] as const;
export const FLAVOR_VERSIONS = ['0.1.0', '0.1.1'] as const;

/**
 * What every plugin call carries: when its answer is due (ms since the epoch) and a signal that
 * cancels it. Out-of-process transports stop waiting at either and say so with a transient error;
 * built-in plugins answer at once and may ignore it. Callers that pass none get the plugin's
 * configured timeout.
 */
export interface CallContext {
  deadline?: number;
  signal?: AbortSignal;
}

/** What a plugin may say about properties it accepts; tend shows it as warnings, which never fail a spec. */
export interface ValidationNotes {
  warnings?: ValidationWarning[];
}

/** One thing the user should know about accepted properties, such as a key the plugin ignores. */
export interface ValidationWarning {
  /** The top-level key of the properties it is about; absent when it is about the properties as a whole. */
  key?: string;
  message: string;
  /** The keys the plugin reads, when `key` is none of them: tend suggests the closest ("did you mean"). */
  expected?: readonly string[];
}

export interface InstancePlugin {
  /** Resolves when the plugin accepts these instance properties, with notes or nothing; rejects with the plugin's reason. Safe to retry. */
  validate(properties: unknown, call?: CallContext): Promise<void | ValidationNotes>;
  /** Creates one instance and returns its ID. Not idempotent: retrying may create a second instance. */
  provision(spec: InstanceSpec, call?: CallContext): Promise<string>;
  /** Removes the instance; rejects if it does not exist, with code INSTANCE_GONE when the plugin says so. */
  destroy(id: string, context: DestroyContext, call?: CallContext): Promise<void>;
  /** Lists instances carrying every given tag (AND, a missing tag comparing as ""; `{}` = all). Read-only, safe to retry. */
  describeInstances(tags: Tags, properties?: boolean, call?: CallContext): Promise<InstanceDescription[]>;
  /** Merges the given tags into the instance's tags. Safe to retry. */
  label(id: string, tags: Tags, call?: CallContext): Promise<void>;
  /**
   * Optional, beyond InfraKit: calls `onChange` soon after instances appear, change or disappear
   * behind tend's back (bursts may be batched); returns the stop, after which it is never called.
   * Plugins without it are only ever polled.
   */
  watch?(onChange: (changes: readonly InstanceChange[]) => void): () => void;
}

/** One instance a watching plugin saw change. */
export interface InstanceChange {
  id: string;
  /** Its tags as last known to the plugin (read now, or remembered from before it disappeared); `{}` when unknown. */
  tags: Tags;
}

/** InfraKit's allocation as flavors see it. */
export interface Allocation {
  Size: number;
  LogicalIDs: string[] | null;
}

/** InfraKit passes the group ID and the group's target size as `Sequence`. */
export interface FlavorIndex {
  Group: string;
  Sequence: number;
}

/** 0 unknown, 1 healthy, 2 unhealthy. */
export type Health = 0 | 1 | 2;

export interface FlavorPlugin {
  /** Resolves when the flavor accepts these properties for this allocation, with notes or nothing; rejects with its reason. Safe to retry. */
  validate(properties: unknown, allocation: Allocation, call?: CallContext): Promise<void | ValidationNotes>;
  /** Returns the instance spec shaped by the flavor (Init, Tags, Attachments). Pure for a given input; safe to retry. */
  prepare(properties: unknown, spec: InstanceSpec, allocation: Allocation, index: FlavorIndex, call?: CallContext): Promise<InstanceSpec>;
  /** Reports whether the instance is ready to serve. Read-only, safe to retry. */
  healthy(properties: unknown, instance: InstanceDescription, call?: CallContext): Promise<Health>;
  /** Prepares the instance for removal (e.g. drains work off it). Safe to retry. */
  drain(properties: unknown, instance: InstanceDescription, call?: CallContext): Promise<void>;
}

export type PluginKind = 'instance' | 'flavor';

/** The configured plugin a spec's plugin name refers to: the part before a `/` sub-type (`flavor-kubernetes/manager`). */
export function pluginBaseName(name: string): string {
  return name.split('/', 1)[0] ?? '';
}

/** The sub-type of `name/subtype`, sent as `"Type"` on every call; "" when there is none. */
export function pluginSubtype(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? '' : name.slice(slash + 1);
}

/** Names configured plugins; the composition root builds one from the runner config. */
export interface PluginRegistry {
  /** The configured plugin names of one kind (what a spec's Instance or Flavor may name). */
  names(kind: PluginKind): ReadonlySet<string>;
  /** The instance plugin a spec names (`name` or `name/subtype`, bound to that sub-type); throws PLUGIN_NOT_CONFIGURED. */
  instance(name: string): InstancePlugin;
  /** The flavor plugin a spec names, bound to its sub-type; throws PLUGIN_NOT_CONFIGURED. */
  flavor(name: string): FlavorPlugin;
  /**
   * What to describe to see every instance: one entry per configured instance plugin and sub-type,
   * named as `instance()` takes it. `used` are the names specs give (their sub-types are listed);
   * a plugin no spec names is listed bare, for finding orphans. Without sub-types, plain names.
   */
  instancePlugins(used?: Iterable<string>): ReadonlyArray<readonly [string, InstancePlugin]>;
}
