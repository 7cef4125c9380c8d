import { readJsonValue } from '../../read-json.js';
import { writeExactJson } from '../wire/write-json.js';
import type { Attachment, InstanceDescription, InstanceSpec, Tags } from '../spi.js';
import { isInstanceId } from './instance-id.js';

/** How line 1 of every file tend writes begins; a file that does not begin so is not tend's. */
export const INSTANCE_FILE_MARKER = '# tend instance ';

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

/**
 * A tend-marked file read back: its header and body, or why the header cannot be trusted (edited
 * by hand, cut short, or copied from another instance), in words that fit "damaged tend header (…)".
 */
export type ParsedInstanceFile = { ok: true; header: InstanceHeader; body: string } | { ok: false; damage: string; copied: boolean };

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
function initFromBody(body: string): string {
  return body.endsWith('\n') ? body.slice(0, -1) : body;
}

/** The whole file: a comment line, the header as one line of JSON (numbers as the spec wrote them), then the body unchanged. */
export function formatInstanceFile(header: InstanceHeader, body: string): string {
  return `${INSTANCE_FILE_MARKER}${header.ID}; edits below show up as drift\n# ${writeExactJson(header)}\n${body}`;
}

/**
 * Reads the file named `id`, whose line 1 carries the marker, and never throws. The header counts
 * only when it is for `id`: a copy such as `web-1a2b3c4d.bak` holds another instance's header, and
 * claiming it would make tend manage (and destroy) the user's copy.
 */
const NEWLINE = 0x0a;

export function parseInstanceFile(id: string, bytes: Buffer): ParsedInstanceFile {
  // Decoded line by line from the bytes ('\n' is one byte in UTF-8, never inside a character): a
  // slice of one decoded text would keep the whole text alive as long as the body is kept.
  const first = bytes.indexOf(NEWLINE);
  if (first < 0) return edited('line 2 is missing');
  const second = bytes.indexOf(NEWLINE, first + 1);
  const line = bytes.toString('utf8', first + 1, second < 0 ? bytes.length : second);
  const body = second < 0 ? '' : bytes.toString('utf8', second + 1);
  if (!line.startsWith('# ')) return edited('line 2 does not start with "# "');
  let value: unknown;
  try {
    // Numbers JavaScript would change come back as written, so that they compare exactly with the spec's.
    value = readJsonValue(line.slice(2));
  } catch {
    return edited('line 2 is not JSON');
  }
  const header = asHeader(value);
  if (header === null) return edited('line 2 is JSON but not a tend header');
  if (header.ID !== id) {
    const owner = isInstanceId(header.ID) ? `instance ${header.ID}` : 'another instance';
    return { ok: false, damage: `it is the header of ${owner}, not of this file name: a copy?`, copied: true };
  }
  return { ok: true, header, body };
}

function edited(damage: string): ParsedInstanceFile {
  return { ok: false, damage, copied: false };
}

/** What describeInstances reports: the InfraKit Spec shape as Properties, with the body as it is now as Init. */
export function describeInstanceFile(header: InstanceHeader, body: string, withProperties: boolean): InstanceDescription {
  const description: InstanceDescription = { ID: header.ID, LogicalID: header.LogicalID, Tags: header.Tags };
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

function asHeader(value: unknown): InstanceHeader | null {
  if (!isRecord(value) || typeof value.ID !== 'string' || !isTags(value.Tags) || !isOptionalString(value.LogicalID)) return null;
  const spec = value.Spec;
  if (!isRecord(spec) || !isOptionalString(spec.LogicalID)) return null;
  if (spec.Tags != null && !isTags(spec.Tags)) return null;
  if (spec.Attachments != null && !Array.isArray(spec.Attachments)) return null;
  // Filled in where it was parsed, not copied: describe reads one header per instance, 100,000 at a time.
  value.LogicalID ??= null;
  spec.Properties ??= null;
  spec.Tags ??= {};
  spec.LogicalID ??= null;
  spec.Attachments ??= null;
  return value as unknown as InstanceHeader;
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
