import { PluginError } from '../../errors.js';
import type { Allocation, FlavorIndex, FlavorPlugin, Health, InstanceDescription, InstanceSpec, Tags, ValidationNotes } from '../spi.js';
import { isRecord, parseVanillaProperties, type VanillaProperties } from './vanilla-properties.js';
import { vanillaWarnings } from './vanilla-warnings.js';

export interface VanillaFlavorOptions {
  /** The configured plugin name, used in error messages; default `vanilla`. */
  name?: string;
}

/** Tags under this prefix are tend's bookkeeping (docs/commands.md: Drift); a flavor may not overwrite them. */
const RESERVED_PREFIX = 'tend.';

/**
 * InfraKit's flavor-vanilla: adds Init lines, Tags and Attachments to the instance spec. It has
 * no view of the instances, so every instance is healthy and draining does nothing.
 */
export class VanillaFlavor implements FlavorPlugin {
  readonly #name: string;

  constructor(options: VanillaFlavorOptions = {}) {
    this.#name = options.name ?? 'vanilla';
  }

  /**
   * Rejects properties of the wrong shape, naming every bad field; accepts the rest, with a warning
   * for each key it ignores. The allocation is not used.
   */
  async validate(properties: unknown, _allocation: Allocation): Promise<ValidationNotes | undefined> {
    this.#parse('validate', properties);
    const warnings = isRecord(properties) ? vanillaWarnings(properties) : [];
    return warnings.length > 0 ? { warnings } : undefined;
  }

  /** A new spec: Init lines appended, flavor tags merged in (tend.* tags stay the spec's), attachments appended. */
  async prepare(properties: unknown, spec: InstanceSpec, _allocation: Allocation, _index: FlavorIndex): Promise<InstanceSpec> {
    const flavor = this.#parse('prepare', properties);
    const attachments = [...(spec.Attachments ?? []), ...flavor.Attachments].map(({ ID, Type }) => ({ ID, Type }));
    return {
      Properties: spec.Properties,
      Tags: mergeTags(spec.Tags ?? {}, flavor.Tags),
      Init: joinInit(spec.Init ?? '', flavor.Init),
      LogicalID: spec.LogicalID ?? null,
      Attachments: attachments.length > 0 ? attachments : null,
    };
  }

  /** Always 1 (healthy): vanilla knows nothing about what runs on the instance. */
  async healthy(_properties: unknown, _instance: InstanceDescription): Promise<Health> {
    return 1;
  }

  /** Nothing to drain. */
  async drain(_properties: unknown, _instance: InstanceDescription): Promise<void> {}

  #parse(method: string, properties: unknown): VanillaProperties {
    const result = parseVanillaProperties(properties);
    if (!result.ok) throw new PluginError(this.#name, method, result.problems.join('; '));
    return result.value;
  }
}

/** As InfraKit: the spec's Init (when not empty) then the flavor's lines, joined by newlines. */
function joinInit(specInit: string, lines: string[]): string {
  return (specInit === '' ? lines : [specInit, ...lines]).join('\n');
}

/** The flavor's tags win, except over tend.* tags the spec already has. */
function mergeTags(specTags: Tags, flavorTags: Tags): Tags {
  const merged = new Map(Object.entries(specTags));
  for (const [key, value] of Object.entries(flavorTags)) {
    if (key.startsWith(RESERVED_PREFIX) && merged.has(key)) continue;
    merged.set(key, value);
  }
  return Object.fromEntries(merged);
}
