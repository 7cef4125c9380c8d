import type { Attachment, InstanceDescription, InstanceSpec, Tags } from '../spi.js';
import { GROUP_TAG, groupOfInstanceId } from './instance-id.js';

/** The provisioned spec as kept in the header; Init lives in the body so that it reads as a script. */
export interface StoredSpec {
  Properties: unknown;
  Tags: Tags;
  LogicalID: string | null;
  Attachments: Attachment[] | null;
}

/** Line 2 of an instance file: current tags (changed by label) and the spec it was provisioned with. */
export interface InstanceHeader {
  ID: string;
  LogicalID: string | null;
  Tags: Tags;
  Spec: StoredSpec;
}

/** `header` is null when line 2 is missing or no longer a header (edited by hand). */
export interface ParsedInstanceFile {
  header: InstanceHeader | null;
  /** Everything after line 2, byte for byte. */
  body: string;
}

/** The header for an instance provisioned from `spec`; copies the tags so later merges never alias. */
export function headerFromSpec(id: string, spec: InstanceSpec): InstanceHeader {
  const tags = { ...(spec.Tags ?? {}) };
  const logicalId = spec.LogicalID ?? null;
  return {
    ID: id,
    LogicalID: logicalId,
    Tags: tags,
    Spec: {
      Properties: spec.Properties ?? null,
      Tags: { ...tags },
      LogicalID: logicalId,
      Attachments: spec.Attachments ?? null,
    },
  };
}

/** The body that holds `init`: the text plus a final newline, or nothing for an empty Init. */
export function bodyFromInit(init: string): string {
  return init === '' ? '' : `${init}\n`;
}

/** The Init a body holds now: the body without its final newline (inverse of bodyFromInit). */
export function initFromBody(body: string): string {
  return body.endsWith('\n') ? body.slice(0, -1) : body;
}

/** The whole file: a comment line, the header as one line of JSON, then the body unchanged. */
export function formatInstanceFile(header: InstanceHeader, body: string): string {
  return `# tend instance ${header.ID}; edits below show up as drift\n# ${JSON.stringify(header)}\n${body}`;
}

/** Splits a file into header and body; never throws, a damaged header gives `header: null`. */
export function parseInstanceFile(text: string): ParsedInstanceFile {
  const first = text.indexOf('\n');
  if (first < 0) return { header: null, body: '' };
  const second = text.indexOf('\n', first + 1);
  const line = second < 0 ? text.slice(first + 1) : text.slice(first + 1, second);
  const body = second < 0 ? '' : text.slice(second + 1);
  if (!line.startsWith('# ')) return { header: null, body };
  try {
    return { header: asHeader(JSON.parse(line.slice(2))), body };
  } catch {
    return { header: null, body };
  }
}

/**
 * What describeInstances reports for the file named `id`: the InfraKit Spec shape as Properties
 * (with the body as it is now as Init), or, when the header is damaged, the ID, no Properties and
 * only the tags recoverable from the ID (see tagsOfDamaged), so a hand-mangled instance stays visible.
 */
export function describeInstanceFile(id: string, parsed: ParsedInstanceFile, withProperties: boolean): InstanceDescription {
  const { header, body } = parsed;
  if (header === null) return { ID: id, LogicalID: null, Tags: tagsOfDamaged(id) };
  const description: InstanceDescription = { ID: id, LogicalID: header.LogicalID, Tags: header.Tags };
  if (withProperties) {
    const spec = header.Spec;
    description.Properties = {
      Properties: spec.Properties,
      Tags: spec.Tags,
      Init: initFromBody(body),
      LogicalID: spec.LogicalID,
      Attachments: spec.Attachments,
    };
  }
  return description;
}

/**
 * A damaged file keeps its group when its name is `<group>-<8 hex>`, as provision names it: tend
 * observes groups by `tend.group`, so without it the file would be neither kept nor destroyed and
 * leak forever. Nothing else is claimed: without a config hash tend sees the instance as stale and
 * replaces it, and destroy needs only the ID. Any other name gets `{}`.
 */
function tagsOfDamaged(id: string): Tags {
  const group = groupOfInstanceId(id);
  return group === null ? {} : { [GROUP_TAG]: group };
}

function asHeader(value: unknown): InstanceHeader | null {
  if (!isRecord(value) || !isTags(value.Tags) || !isOptionalString(value.LogicalID)) return null;
  const spec = value.Spec;
  if (!isRecord(spec) || !isOptionalString(spec.LogicalID)) return null;
  if (spec.Tags != null && !isTags(spec.Tags)) return null;
  if (spec.Attachments != null && !Array.isArray(spec.Attachments)) return null;
  return {
    ID: typeof value.ID === 'string' ? value.ID : '',
    LogicalID: value.LogicalID ?? null,
    Tags: value.Tags,
    Spec: {
      Properties: spec.Properties ?? null,
      Tags: spec.Tags ?? {},
      LogicalID: spec.LogicalID ?? null,
      Attachments: (spec.Attachments as Attachment[] | null | undefined) ?? null,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOptionalString(value: unknown): value is string | null | undefined {
  return value == null || typeof value === 'string';
}

/** True for a plain object whose values are all strings. */
export function isTags(value: unknown): value is Tags {
  if (!isRecord(value)) return false;
  for (const key in value) if (typeof value[key] !== 'string') return false;
  return true;
}
