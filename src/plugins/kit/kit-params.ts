import { RawJson } from '../../raw-json.js';
import { plainTags } from '../wire/remote-instance.js';
import type { Allocation, FlavorIndex, InstanceDescription, InstanceSpec } from '../spi.js';

export type Params = Record<string, unknown>;

/** The params object of a request: an object, the first element of an array, or `{}` when absent (as gorilla/rpc reads them). */
export function paramsOf(params: unknown): Params {
  const value: unknown = Array.isArray(params) ? (params as unknown[])[0] : params;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Params) : {};
}

/** A field matched as Go's encoding/json does: the exact name, else any spelling of it in another case. */
export function field(params: Params, name: string): unknown {
  if (Object.hasOwn(params, name)) return params[name];
  const lower = name.toLowerCase();
  const key = Object.keys(params).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : params[key];
}

/** A string field, '' when absent or not a string (Go's zero value). */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function object(value: unknown): Params {
  const v = value instanceof RawJson ? value.toJSON() : value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Params) : {};
}

/** An instance Spec as the SPI takes it; absent fields are Go's zero values. */
export function specOf(value: unknown): InstanceSpec {
  const s = object(value);
  const logicalId = field(s, 'LogicalID');
  const attachments = field(s, 'Attachments');
  return {
    Properties: field(s, 'Properties') ?? null,
    Tags: plainTags(field(s, 'Tags')),
    Init: text(field(s, 'Init')),
    LogicalID: typeof logicalId === 'string' ? logicalId : null,
    Attachments: Array.isArray(attachments) ? (attachments as InstanceSpec['Attachments']) : null,
  };
}

export function allocationOf(value: unknown): Allocation {
  const a = object(value);
  const ids = field(a, 'LogicalIDs');
  const size = field(a, 'Size');
  return {
    Size: typeof size === 'number' ? size : 0,
    LogicalIDs: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : null,
  };
}

export function indexOf(value: unknown): FlavorIndex {
  const i = object(value);
  const sequence = field(i, 'Sequence');
  return { Group: text(field(i, 'Group')), Sequence: typeof sequence === 'number' ? sequence : 0 };
}

export function instanceOf(value: unknown): InstanceDescription {
  const d = object(value);
  const logicalId = field(d, 'LogicalID');
  const description: InstanceDescription = {
    ID: text(field(d, 'ID')),
    LogicalID: typeof logicalId === 'string' ? logicalId : null,
    Tags: plainTags(field(d, 'Tags')),
  };
  const properties = field(d, 'Properties');
  if (properties !== undefined && properties !== null) description.Properties = properties;
  return description;
}
