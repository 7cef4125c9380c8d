import type { Attachment, Tags } from '../spi.js';

/** flavor-vanilla's properties, absent fields filled in. */
export interface VanillaProperties {
  Init: string[];
  Tags: Tags;
  Attachments: Attachment[];
}

/** The fields vanilla reads from its properties, as InfraKit's flavor-vanilla Spec names them. */
export const VANILLA_FIELDS = ['Init', 'Tags', 'Attachments'] as const;

export type VanillaPropertiesResult = { ok: true; value: VanillaProperties } | { ok: false; problems: string[] };

/**
 * Reads flavor-vanilla properties as InfraKit's Go decoder did: null/absent means `{}`, null fields
 * are empty, unknown keys are ignored (the 2016 `Size`, other flavors' keys), and a key matches
 * its field case-insensitively when there is no exact match. Collects every wrong type.
 */
export function parseVanillaProperties(properties: unknown): VanillaPropertiesResult {
  if (properties == null) return { ok: true, value: { Init: [], Tags: {}, Attachments: [] } };
  if (!isRecord(properties)) return { ok: false, problems: ['properties: must be an object'] };
  const problems: string[] = [];
  const init = readInit(field(properties, 'Init'), problems);
  const tags = readTags(field(properties, 'Tags'), problems);
  const attachments = readAttachments(field(properties, 'Attachments'), problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { Init: init, Tags: tags, Attachments: attachments } };
}

function readInit(value: unknown, problems: string[]): string[] {
  if (value == null) return [];
  if (!Array.isArray(value) || !value.every((line) => typeof line === 'string')) {
    problems.push('Init: must be a list of strings');
    return [];
  }
  return value;
}

function readTags(value: unknown, problems: string[]): Tags {
  if (value == null) return {};
  if (!isRecord(value) || !Object.values(value).every((tag) => typeof tag === 'string')) {
    problems.push('Tags: must map names to strings');
    return {};
  }
  return value as Tags;
}

function readAttachments(value: unknown, problems: string[]): Attachment[] {
  if (value == null) return [];
  if (!Array.isArray(value)) {
    problems.push('Attachments: must be a list of {ID, Type}');
    return [];
  }
  const attachments: Attachment[] = [];
  value.forEach((item: unknown, i) => {
    const id = isRecord(item) ? field(item, 'ID') : undefined;
    const type = isRecord(item) ? field(item, 'Type') : undefined;
    if (typeof id === 'string' && typeof type === 'string') attachments.push({ ID: id, Type: type });
    else problems.push(`Attachments[${i}]: must be {ID, Type} with string values`);
  });
  return attachments;
}

function field(record: Record<string, unknown>, name: string): unknown {
  const key = fieldKey(record, name);
  return key === undefined ? undefined : record[key];
}

/** Go's encoding/json lookup: the key read for field `name`, the exact key, else the first key equal to it ignoring case. */
export function fieldKey(record: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(record, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((k) => k.toLowerCase() === lower);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
