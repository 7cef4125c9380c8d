import type { InstanceSpec, Tags } from '../spi.js';

/** The label holding what tend asked for when it made the container: labels cannot change, so this stays true. */
const SPEC_LABEL = 'tend.docker.spec';
export const GROUP_LABEL = 'tend.group';
const LOGICAL_ID_LABEL = 'tend.logical_id';

/** A container's labels as the engine lists them (also the image's own labels). */
export type Labels = Record<string, string>;

/** The labels a new container gets: the spec's extra labels, then tend's tags, then the spec it was made from. */
export function labelsFor(spec: InstanceSpec, extra: Labels): Labels {
  const record = {
    Properties: spec.Properties,
    Tags: spec.Tags,
    Init: spec.Init ?? '',
    LogicalID: spec.LogicalID,
    Attachments: spec.Attachments,
  };
  return { ...extra, ...spec.Tags, [SPEC_LABEL]: JSON.stringify(record) };
}

/** The spec a container was made from, read back from its label; null for a container tend did not make (or whose label is damaged). */
export function recordOf(labels: Labels): InstanceSpec | null {
  const text = labels[SPEC_LABEL];
  if (text === undefined) return null;
  try {
    const value = JSON.parse(text) as Partial<InstanceSpec> | null;
    if (typeof value !== 'object' || value === null || typeof value.Tags !== 'object' || value.Tags === null) return null;
    return {
      Properties: value.Properties ?? null,
      Tags: value.Tags,
      Init: typeof value.Init === 'string' ? value.Init : '',
      LogicalID: typeof value.LogicalID === 'string' ? value.LogicalID : null,
      Attachments: Array.isArray(value.Attachments) ? value.Attachments : null,
    };
  } catch {
    return null;
  }
}

/** The tags of a container: those tend gave it, as its labels hold them; every label but tend's record when it has none. */
export function tagsOf(labels: Labels, record: InstanceSpec | null): Tags {
  const tags: Tags = {};
  if (record !== null) {
    for (const key of Object.keys(record.Tags)) if (Object.hasOwn(labels, key)) tags[key] = labels[key] as string;
    return tags;
  }
  for (const [key, value] of Object.entries(labels)) if (key !== SPEC_LABEL) tags[key] = value;
  return tags;
}

/** The logical ID of a container: as recorded, else as its tags say. */
export function logicalIdOf(labels: Labels, record: InstanceSpec | null): string | null {
  return record !== null ? record.LogicalID : (labels[LOGICAL_ID_LABEL] ?? null);
}

/** What the engine accepts as a container name (and so as a pet's logical ID). */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A cattle container's name, `<group>-<8 hex>`, when the group makes a valid name; undefined lets the engine choose one. */
export function cattleName(group: string | undefined, suffix: string): string | undefined {
  const name = `${group ?? 'tend'}-${suffix}`;
  return CONTAINER_NAME.test(name) ? name : undefined;
}
