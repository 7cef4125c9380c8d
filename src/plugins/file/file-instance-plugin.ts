import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { errorMessage, PluginError } from '../../errors.js';
import type { DestroyContext, InstanceDescription, InstancePlugin, InstanceSpec, Tags } from '../spi.js';
import { writeFileAtomic } from './atomic-write.js';
import { claimInstanceFile, type InstanceFileClaim } from './claim-instance-file.js';
import { bodyFromInit, describeInstanceFile, formatInstanceFile, headerFromSpec, isTags } from './instance-file-format.js';
import { GROUP_TAG, isInstanceId, makeInstanceId } from './instance-id.js';
import { matchesTags } from './match-tags.js';
import { InstanceFileReader, MAX_INSTANCE_FILE_BYTES, SIZE_RULE } from './read-instance-file.js';
import { sweepTempFiles } from './sweep-temp-files.js';
import { toPluginError } from './to-plugin-error.js';

export interface FileInstancePluginOptions {
  /** The folder holding one file per instance; created on first provision. */
  dir: string;
  /** The configured plugin name, used in error messages; default `file`. */
  name?: string;
  /** The 8 hex digits after the group in a new ID; replaceable so tests can force collisions. */
  randomSuffix?: () => string;
  /** Told about what the caller should know but need not stop for; default: nothing is said. */
  onWarning?: (message: string) => void;
}

const ID_RULE = 'must be 1-128 of A-Z a-z 0-9 _ . - and not start with "."';

/**
 * InfraKit's instance-file, made safe: an instance is the file `<dir>/<ID>` holding its tags, the
 * spec it was provisioned with and its Init as a readable body (see instance-file-format.ts).
 * IDs are checked before any path is built, so nothing outside `dir` is ever read or written, and
 * only files carrying tend's header for their own name are instances: anything else in `dir` is
 * never described, labelled or destroyed (see claim-instance-file.ts).
 */
export class FileInstancePlugin implements InstancePlugin {
  readonly #dir: string;
  readonly #name: string;
  readonly #randomSuffix: () => string;
  readonly #warn: (message: string) => void;
  readonly #reader = new InstanceFileReader();
  #swept = false;

  constructor(options: FileInstancePluginOptions) {
    this.#dir = resolve(options.dir);
    this.#name = options.name ?? 'file';
    this.#randomSuffix = options.randomSuffix ?? (() => randomBytes(4).toString('hex'));
    this.#warn = options.onWarning ?? (() => undefined);
  }

  /** Accepts an object, or null/absent as `{}` (InfraKit's instance-file crashed on null). */
  async validate(properties: unknown): Promise<void> {
    if (properties == null || (typeof properties === 'object' && !Array.isArray(properties))) return;
    const got = Array.isArray(properties) ? 'a list' : `a ${typeof properties}`;
    throw new PluginError(this.#name, 'validate', `instance properties must be an object, got ${got}`);
  }

  /** Writes a new instance file atomically and returns its ID, `<tend.group>-<8 hex>`. */
  async provision(spec: InstanceSpec): Promise<string> {
    if (spec.Tags != null && !isTags(spec.Tags)) {
      throw new PluginError(this.#name, 'provision', 'Tags must map names to strings');
    }
    this.#sweepOnce();
    try {
      const id = this.#freshId(spec.Tags?.[GROUP_TAG]);
      const content = formatInstanceFile(headerFromSpec(id, spec), bodyFromInit(spec.Init ?? ''));
      this.#write('provision', id, content);
      return id;
    } catch (err) {
      throw toPluginError(this.#name, 'provision', err);
    }
  }

  /** Deletes the instance file; rejects when there is none, or when the file is not a tend instance with this ID. */
  async destroy(id: string, _context: DestroyContext): Promise<void> {
    const path = this.#pathOf('destroy', id);
    this.#sweepOnce();
    try {
      this.#claimOrRefuse('destroy', id, path);
      unlinkSync(path);
    } catch (err) {
      throw toPluginError(this.#name, 'destroy', err, id);
    }
  }

  /** Lists instance files in ID order; a missing folder is an empty list. Warns about each damaged file. */
  async describeInstances(tags: Tags, properties = false): Promise<InstanceDescription[]> {
    const filter = tags ?? {};
    const found: InstanceDescription[] = [];
    for (const id of this.#listIds()) {
      // A listed name is a valid ID, so it cannot leave the folder; joined without path.join's normalising.
      const path = `${this.#dir}${sep}${id}`;
      const claim = this.#claim('describeInstances', path, id);
      if (claim.kind === 'damaged') this.#warn(leftAlone(path, claim));
      if (claim.kind !== 'instance') continue;
      const description = describeInstanceFile(claim.header, claim.body, properties);
      if (matchesTags(description.Tags, filter)) found.push(description);
    }
    return found;
  }

  /** Merges tags into the instance's current tags (the stored spec keeps its own, as in InfraKit). */
  async label(id: string, tags: Tags): Promise<void> {
    const path = this.#pathOf('label', id);
    if (!isTags(tags)) throw new PluginError(this.#name, 'label', 'tags must map names to strings');
    this.#sweepOnce();
    try {
      const { header, body } = this.#claimOrRefuse('label', id, path);
      const labelled = { ...header, Tags: { ...header.Tags, ...tags } };
      this.#write('label', id, formatInstanceFile(labelled, body));
    } catch (err) {
      throw toPluginError(this.#name, 'label', err, id);
    }
  }

  #pathOf(method: string, id: string): string {
    if (!isInstanceId(id)) {
      throw new PluginError(this.#name, method, `invalid instance ID ${JSON.stringify(id)}: ${ID_RULE}`);
    }
    return join(this.#dir, id);
  }

  #claim(method: string, path: string, id: string): InstanceFileClaim {
    try {
      return claimInstanceFile(this.#reader, path, id);
    } catch (err) {
      throw toPluginError(this.#name, method, err);
    }
  }

  /** The instance in `path`, read again just before a change, so a file swapped in since describe is never touched. */
  #claimOrRefuse(method: string, id: string, path: string): Extract<InstanceFileClaim, { kind: 'instance' }> {
    const claim = this.#claim(method, path, id);
    switch (claim.kind) {
      case 'instance':
        return claim;
      case 'absent':
        throw new PluginError(this.#name, method, `instance ${id} not found`, { code: 'INSTANCE_GONE' });
      case 'foreign':
        throw new PluginError(this.#name, method, `${path} is not a tend instance file (line 1 is not tend's); tend leaves it alone`);
      case 'damaged':
        throw new PluginError(this.#name, method, `instance ${id} is not changed: ${leftAlone(path, claim)}`);
    }
  }

  /**
   * Removes the temps of a process killed mid-write, once per process and only before a change:
   * changes run under the apply lock, reads do not, and a concurrent plan must never delete the
   * temp of the apply in progress. A failed sweep leaves the temps for the next apply.
   */
  #sweepOnce(): void {
    if (this.#swept) return;
    this.#swept = true;
    try {
      sweepTempFiles(this.#dir);
    } catch (err) {
      this.#warn(`${this.#dir}: could not remove the temporary files of an interrupted apply (${errorMessage(err)})`);
    }
  }

  /** A new ID that names no existing file; 8 hex digits collide now and then among thousands. */
  #freshId(group: string | undefined): string {
    for (;;) {
      const id = makeInstanceId(group, this.#randomSuffix());
      if (!existsSync(join(this.#dir, id))) return id;
    }
  }

  /** Writes atomically, refusing a file describe could not read back (it would be made again on every apply). */
  #write(method: string, id: string, content: string): void {
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > MAX_INSTANCE_FILE_BYTES) {
      const what = method === 'provision' ? 'the new instance' : `instance ${id}`;
      const fix = "make the spec's Properties, Init or Tags smaller";
      throw new PluginError(this.#name, method, `${what} would be ${bytes} bytes; ${SIZE_RULE}: ${fix}`);
    }
    try {
      writeFileAtomic(this.#dir, id, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(this.#dir, { recursive: true });
      writeFileAtomic(this.#dir, id, content);
    }
  }

  #listIds(): string[] {
    try {
      return readdirSync(this.#dir, { withFileTypes: true })
        .filter((entry) => entry.isFile() && isInstanceId(entry.name))
        .map((entry) => entry.name)
        .sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw toPluginError(this.#name, 'describeInstances', err);
    }
  }
}

/** The warning for a damaged file: which file, what is wrong, and what the user can do. */
function leftAlone(path: string, claim: Extract<InstanceFileClaim, { kind: 'damaged' }>): string {
  return `${path}: ${claim.problem}; tend leaves this file alone: ${claim.fix}`;
}
