import type { Position, Problem } from '../problem.js';

/** Where a value sits in a spec file; lines and columns count from 1. */
export type SourcePos = Position;

export type SpecProblemCode =
  | 'SPEC_FILE'
  | 'SPEC_SYNTAX'
  | 'SPEC_UNKNOWN_KEY'
  | 'SPEC_TYPE'
  | 'SPEC_REQUIRED'
  | 'SPEC_VALUE'
  | 'SPEC_ALLOCATION'
  | 'SPEC_DUPLICATE_ID'
  | 'SPEC_DUPLICATE_LOGICAL_ID'
  | 'SPEC_BAD_ID'
  | 'SPEC_UNKNOWN_PLUGIN'
  | 'SPEC_WRAPPER'
  | 'SPEC_PLUGIN_REJECTED'
  | 'SPEC_PLUGIN_WARNING'
  | 'SPEC_EMPTY_FILE';

/** One problem in one spec file, printed as `file:line:col  CODE  path: message`; `path` is the key path inside the group spec. */
export interface SpecProblem extends Problem {
  code: SpecProblemCode;
}

/** A spec file's text as read from a source; `path` is relative to the working directory, as users see it. */
export interface SpecFile {
  path: string;
  content: string;
  /** The Git blob id of the content, when it came from a commit: the same id is the same text, parsed once. */
  blob?: string;
  /** Why the source could not read it (unreadable, too large, not UTF-8, vanished); content is then ''. */
  unreadable?: string;
}

export interface PluginRef {
  /** Configured plugin name, possibly with a sub-type: `flavor-kubernetes/manager`. */
  plugin: string;
  /** Opaque to tend; passed to the plugin as is. */
  properties: unknown;
}

export type GroupMode = 'correct' | 'report';

/** A validated, normalised group spec. */
export interface GroupSpec {
  id: string;
  /** Exactly one of size and logicalIds is set. */
  allocation: { size: number; logicalIds?: undefined } | { size?: undefined; logicalIds: string[] };
  instance: PluginRef;
  flavor: PluginRef;
  updating: { maxUnavailable: number; maxSurge: number };
  mode: GroupMode;
  /** base64url(SHA-1(canonical JSON of {Instance, Flavor})), docs/specs.md: Group specs. */
  configSha: string;
  /** Where the group starts, and where its plugin properties sit, for pointing at later problems. */
  pos: { group: SourcePos; instanceProperties: SourcePos; flavorProperties: SourcePos };
}

export type SpecLoadResult =
  { ok: true; groups: GroupSpec[]; warnings: SpecProblem[] } | { ok: false; problems: SpecProblem[]; warnings: SpecProblem[] };

/**
 * A well-formed Instance or Flavor block of a group, whether or not the rest of the group and the
 * revision are valid, for its plugin to check (docs/specs.md: Group specs). A flavor block is given only
 * when its group's allocation could be read too, as a flavor validates its properties against it.
 */
export type PluginBlock =
  (PluginBlockBase & { kind: 'instance' }) | (PluginBlockBase & { kind: 'flavor'; allocation: GroupSpec['allocation'] });

interface PluginBlockBase {
  /** As the spec names it, sub-type included. */
  plugin: string;
  properties: unknown;
  /**
   * Where the properties sit or, when `key` is one of their top-level keys (or a path of keys and
   * list indexes within them), where the deepest of it that is there does; found when asked.
   */
  at: (key?: string | readonly string[]) => SourcePos;
}

/** What loadSpecs returns: the load, and the plugin blocks of every group, valid or not. */
export type SpecRead = SpecLoadResult & { blocks: PluginBlock[] };

/** What the spec reader needs to know about the runner: which plugin names are configured, by kind. */
export interface SpecContext {
  instancePlugins: ReadonlySet<string>;
  flavorPlugins: ReadonlySet<string>;
  /** The most instances one group may ask for, by Size or by LogicalIDs; DEFAULT_MAX_GROUP_SIZE when absent. */
  maxGroupSize?: number;
}
