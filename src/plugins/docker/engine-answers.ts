import { errorMessage } from '../../errors.js';
import type { Labels } from './container-record.js';

// What the engine's answers say: a listed container, and an error's status and words.

/** One container of `GET /containers/json`, as far as tend reads it. */
export interface ContainerSummary {
  Id: string;
  Labels?: Labels;
  Image?: string;
  State?: string;
  Status?: string;
}

/** True for a list of containers, each with an ID: what an engine answers a list call with. */
export function isSummaryList(value: unknown): value is ContainerSummary[] {
  return Array.isArray(value) && value.every((c) => typeof c === 'object' && c !== null && typeof (c as { Id?: unknown }).Id === 'string');
}

/** The HTTP status of an engine's refusal; null for a failure that is not the engine's answer. */
export function status(err: unknown): number | null {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : null;
}

/** The engine's own words for a failure, without dockerode's `(HTTP code …)` framing. */
export function engineSaid(err: unknown): string {
  const json = (err as { json?: { message?: unknown } } | null)?.json;
  if (typeof json?.message === 'string') return json.message;
  return errorMessage(err)
    .replace(/^\(HTTP code \d+\) [^-]*- /, '')
    .trim();
}

/** The engine refused a name another container holds: 409 from Docker, 500 saying so from Podman. */
export function nameTaken(err: unknown): boolean {
  return status(err) === 409 || (status(err) === 500 && /name .* is already in use/.test(errorMessage(err)));
}

/** The 12 hex digits of a container ID that `docker ps` shows. */
export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** What an engine event's attributes hold beside the container's labels. */
const EVENT_FIELDS = new Set(['name', 'image', 'exitCode', 'containerExitCode', 'podId', 'signal', 'execID', 'health_status']);

/** An event's attributes without its fields, leaving the container's labels. */
export function withoutEventFields(attributes: Labels): Labels {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => !EVENT_FIELDS.has(key)));
}
