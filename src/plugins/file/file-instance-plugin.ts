import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PluginError } from '../../errors.js';
import type { DestroyContext, InstanceDescription, InstancePlugin, InstanceSpec, Tags } from '../spi.js';
import { writeFileAtomic } from './atomic-write.js';
import {
  bodyFromInit,
  describeInstanceFile,
  formatInstanceFile,
  headerFromSpec,
  isTags,
  parseInstanceFile,
} from './instance-file-format.js';
import { GROUP_TAG, isInstanceId, makeInstanceId } from './instance-id.js';
import { matchesTags } from './match-tags.js';
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
 * IDs are checked before any path is built, so nothing outside `dir` is ever read or written.
 */
export class FileInstancePlugin implements InstancePlugin {
  readonly #dir: string;
  readonly #name: string;
  readonly #randomSuffix: () => string;

  constructor(options: FileInstancePluginOptions) {
    this.#dir = resolve(options.dir);
    this.#name = options.name ?? 'file';
    this.#randomSuffix = options.randomSuffix ?? (() => randomBytes(4).toString('hex'));
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
    const group = spec.Tags?.[GROUP_TAG];
    try {
      const id = this.#freshId(group);
      const header = headerFromSpec(id, spec);
      this.#write(id, formatInstanceFile(header, bodyFromInit(spec.Init ?? '')));
      return id;
    } catch (err) {
      throw toPluginError(this.#name, 'provision', err);
    }
  }

  /** Deletes the instance file; rejects when there is none. */
  async destroy(id: string, _context: DestroyContext): Promise<void> {
    const path = this.#pathOf('destroy', id);
    try {
      unlinkSync(path);
    } catch (err) {
      throw toPluginError(this.#name, 'destroy', err, id);
    }
  }

  /** Lists instance files in ID order; a missing folder is an empty list. */
  async describeInstances(tags: Tags, properties = false): Promise<InstanceDescription[]> {
    const filter = tags ?? {};
    const found: InstanceDescription[] = [];
    for (const id of this.#listIds()) {
      const text = this.#readIfPresent(id);
      if (text === null) continue; // destroyed while listing
      const description = describeInstanceFile(id, parseInstanceFile(text), properties);
      if (matchesTags(description.Tags, filter)) found.push(description);
    }
    return found;
  }

  /** Merges tags into the instance's current tags (the stored spec keeps its own, as in InfraKit). */
  async label(id: string, tags: Tags): Promise<void> {
    const path = this.#pathOf('label', id);
    if (!isTags(tags)) throw new PluginError(this.#name, 'label', 'tags must map names to strings');
    try {
      const { header, body } = parseInstanceFile(readFileSync(path, 'utf8'));
      if (header === null) {
        throw new PluginError(
          this.#name,
          'label',
          `instance ${id} has a damaged header (line 2 of ${path}); restore it or destroy the instance`,
        );
      }
      const labelled = { ...header, ID: id, Tags: { ...header.Tags, ...tags } };
      writeFileAtomic(this.#dir, id, formatInstanceFile(labelled, body));
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

  /** A new ID that names no existing file; 8 hex digits collide now and then among thousands. */
  #freshId(group: string | undefined): string {
    for (;;) {
      const id = makeInstanceId(group, this.#randomSuffix());
      if (!existsSync(join(this.#dir, id))) return id;
    }
  }

  #write(id: string, content: string): void {
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

  #readIfPresent(id: string): string | null {
    try {
      return readFileSync(join(this.#dir, id), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw toPluginError(this.#name, 'describeInstances', err);
    }
  }
}
