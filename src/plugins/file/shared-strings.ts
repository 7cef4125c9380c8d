import type { InstanceFileClaim } from './claim-instance-file.js';

type Instance = Extract<InstanceFileClaim, { kind: 'instance' }>;

/** Longest text shared: the values instances repeat (a revision, an image, a group's Init) are short; a long one is kept as read. */
const MAX_SHARED_LENGTH = 256;
/** Most texts remembered at once; the table starts afresh when full, so it never outgrows a few hundred KiB. */
const MAX_SHARED = 16_384;

/**
 * One copy of each short text the kept instance files repeat. Each file's header is parsed on its
 * own, so 10,000 instances of one revision hold 20,000 copies of the same revision SHA (the tags and
 * the stored spec's tags), 10,000 of their image, their group's Init, and so on: most of what a
 * watcher keeps between ticks. Strings are immutable, so sharing one changes nothing but memory.
 */
export class SharedStrings {
  #texts = new Map<string, string>();

  /** The claim with its header's and body's repeated texts replaced by the copies already kept; `id` is the file's name. */
  share(claim: Instance, id: string): Instance {
    const { header } = claim;
    if (header.ID === id) header.ID = id;
    this.#values(header.Tags);
    const spec = header.Spec as unknown as Record<string, unknown>;
    if (isPlainObject(spec.Tags)) this.#values(spec.Tags);
    if (isPlainObject(spec.Properties)) this.#values(spec.Properties);
    return { kind: 'instance', header, body: this.#text(claim.body) };
  }

  #values(record: Record<string, unknown>): void {
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value === 'string') record[key] = this.#text(value);
    }
  }

  #text(value: string): string {
    if (value.length > MAX_SHARED_LENGTH) return value;
    const kept = this.#texts.get(value);
    if (kept !== undefined) return kept;
    if (this.#texts.size >= MAX_SHARED) this.#texts = new Map();
    this.#texts.set(value, value);
    return value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
