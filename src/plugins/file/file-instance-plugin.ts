import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { errorMessage, PluginError } from '../../errors.js';
import { FILE_READ_WIDTH, mapBounded } from '../../map-bounded.js';
import type { DestroyContext, InstanceChange, InstanceDescription, InstancePlugin, InstanceSpec, Tags } from '../spi.js';
import { writeFileAtomic } from './atomic-write.js';
import { claimInstanceFile, type InstanceFileClaim } from './claim-instance-file.js';
import { bodyFromInit, describeInstanceFile, formatInstanceFile, headerFromSpec, isTags } from './instance-file-format.js';
import { GROUP_TAG, isInstanceId, makeInstanceId } from './instance-id.js';
import { matchesTags } from './match-tags.js';
import { InstanceFileReader, MAX_INSTANCE_FILE_BYTES, SIZE_RULE } from './read-instance-file.js';
import { TimeSlice } from './time-slice.js';
import { sweepTempFiles } from './sweep-temp-files.js';
import { toPluginError } from './to-plugin-error.js';
import { DescribeCache } from './describe-cache.js';
import { watchFolder } from './watch-folder.js';

export interface FileInstancePluginOptions {
  /** The folder holding one file per instance; created on first provision. */
  dir: string;
  /** The configured plugin name, used in error messages; default `file`. */
  name?: string;
  /** The 8 hex digits after the group in a new ID; replaceable so tests can force collisions. */
  randomSuffix?: () => string;
  /** Told about what the caller should know but need not stop for; default: nothing is said. */
  onWarning?: (message: string) => void;
  /** How long watch() gathers a burst of file events before telling them; default 10 ms. */
  watchDebounceMs?: number;
  /** How long file calls run back to back before the event loop gets a turn; default 5 ms, 0 for a turn before every call. */
  sliceMs?: number;
}

/** How many IDs of files this plugin removed are remembered, so that late events of their removal are not told. */
const GONE_KEPT = 4096;

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
  readonly #slice: TimeSlice;
  readonly #reader: InstanceFileReader;
  readonly #described = new DescribeCache();
  readonly #debounceMs: number;
  /** The sweep of an interrupted apply's temps, once started: every change waits for it. */
  #swept: Promise<void> | null = null;
  /** Tags of the instances last described or made, so a file deleted by hand can still be told by its group. */
  #tags = new Map<string, Tags>();
  /** While watching: what each file looked like after tend's own last change to it, so that change is not told back. */
  #own: Map<string, Promise<string>> | null = null;
  /** IDs picked for provisions in flight, so that two at once never pick the same one. */
  readonly #picked = new Set<string>();
  /**
   * IDs whose files this plugin's own changes left absent (a destroy), the latest GONE_KEPT of them:
   * their own-change record is dropped once an event finds the file gone, and a later event of the
   * same change (fs events of one change may come in several batches) must still not be told.
   */
  readonly #gone = new Set<string>();
  /** The describe in progress: describes run one at a time, as the cache of files read is one. */
  #describing: Promise<unknown> = Promise.resolve();

  constructor(options: FileInstancePluginOptions) {
    this.#dir = resolve(options.dir);
    this.#name = options.name ?? 'file';
    this.#randomSuffix = options.randomSuffix ?? (() => randomBytes(4).toString('hex'));
    this.#slice = new TimeSlice(options.sliceMs);
    this.#reader = new InstanceFileReader(this.#slice);
    this.#warn = options.onWarning ?? (() => undefined);
    this.#debounceMs = options.watchDebounceMs ?? 10;
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
    await this.#sweepOnce();
    let id: string | undefined;
    try {
      id = await this.#freshId(spec.Tags?.[GROUP_TAG]);
      const content = formatInstanceFile(headerFromSpec(id, spec), bodyFromInit(spec.Init ?? ''));
      await this.#ownChange(id, this.#write('provision', id, content));
      this.#tags.set(id, spec.Tags ?? {});
      return id;
    } catch (err) {
      throw toPluginError(this.#name, 'provision', err);
    } finally {
      if (id !== undefined) this.#picked.delete(id);
    }
  }

  /** Deletes the instance file; rejects when there is none, or when the file is not a tend instance with this ID. */
  async destroy(id: string, _context: DestroyContext): Promise<void> {
    const path = this.#pathOf('destroy', id);
    await this.#sweepOnce();
    try {
      await this.#claimOrRefuse('destroy', id, path);
      await this.#ownChange(id, unlink(path));
    } catch (err) {
      throw toPluginError(this.#name, 'destroy', err, id);
    }
  }

  /** Lists instance files in ID order; a missing folder is an empty list. Warns about each damaged file. */
  async describeInstances(tags: Tags, properties = false): Promise<InstanceDescription[]> {
    const described = this.#describing.then(() => this.#describe(tags ?? {}, properties));
    this.#describing = described.catch(() => undefined);
    return described;
  }

  async #describe(filter: Tags, properties: boolean): Promise<InstanceDescription[]> {
    const found: InstanceDescription[] = [];
    const everything = Object.keys(filter).length === 0;
    const cached = everything && this.#described.begin();
    const ids = await this.#listIds();
    const claims = await mapBounded(ids, FILE_READ_WIDTH, (id) => {
      // A listed name is a valid ID, so it cannot leave the folder; joined without path.join's normalising.
      const path = `${this.#dir}${sep}${id}`;
      return cached
        ? this.#described.claim(id, path, () => this.#claim('describeInstances', path, id))
        : this.#claim('describeInstances', path, id);
    });
    const known = everything ? new Map<string, Tags>() : this.#tags;
    claims.forEach((claim, i) => {
      const id = ids[i] as string;
      if (claim.kind === 'damaged') this.#warn(leftAlone(`${this.#dir}${sep}${id}`, claim));
      if (claim.kind !== 'instance') return;
      const description = describeInstanceFile(claim.header, claim.body, properties);
      known.set(id, description.Tags);
      if (matchesTags(description.Tags, filter)) found.push(description);
    });
    if (cached) this.#described.end();
    this.#tags = known;
    return found;
  }

  /**
   * Tells of instance files created, edited or deleted by anyone but this plugin, a burst at a time,
   * with each one's tags as in the file (or as last described, for a file now gone); `{}` when
   * unknown (a file that is not tend's). Changes this plugin makes itself are not told.
   */
  watch(onChange: (changes: readonly InstanceChange[]) => void): () => void {
    this.#own ??= new Map();
    const stop = watchFolder({
      dir: this.#dir,
      debounceMs: this.#debounceMs,
      changed: (id) => this.#changed(id),
      onChange,
      onEvent: (id) => this.#described.changed(id),
      onFailure: (err) => {
        this.#described.watched = false;
        this.#warn(`${this.#dir}: no longer watched (${errorMessage(err)}); changes are found by polling`);
      },
    });
    this.#described.watched = true;
    return () => {
      this.#described.watched = false;
      stop();
    };
  }

  async #changed(id: string): Promise<{ tags: Tags } | null> {
    const path = `${this.#dir}${sep}${id}`;
    try {
      // Waits for this plugin's own change to the file, if one is under way, before looking; and
      // again if one began while it looked (a destroy's unlink racing the fingerprint of a label).
      let own = this.#own?.get(id);
      let after: string | undefined;
      let now: string;
      for (;;) {
        while (own !== undefined) {
          after = await own;
          const latest = this.#own?.get(id);
          if (latest === own) break;
          own = latest;
        }
        now = await fingerprint(path);
        const latest = this.#own?.get(id);
        if (latest === own) break;
        own = latest;
      }
      if (after === now) {
        if (now === 'absent' && own !== undefined && this.#own?.get(id) === own) {
          this.#own?.delete(id);
          this.#remember(id);
        }
        return null;
      }
      if (own === undefined && now === 'absent' && this.#gone.has(id)) return null;
      const claim = await this.#claim('watch', path, id);
      if (claim.kind === 'instance') return { tags: claim.header.Tags };
    } catch {
      // A file that cannot be looked at now is still a change: describe will say what is wrong with it.
    }
    return { tags: this.#tags.get(id) ?? {} };
  }

  #remember(id: string): void {
    this.#gone.delete(id);
    this.#gone.add(id);
    if (this.#gone.size > GONE_KEPT) this.#gone.delete(this.#gone.values().next().value as string);
  }

  /**
   * Makes `change` to the file `id` as this plugin's own: while watching, its events are not told
   * back (an event that comes while it is under way waits for it, then compares the file with what
   * the change left), and the next describe reads the file again.
   */
  async #ownChange(id: string, change: Promise<void>): Promise<void> {
    this.#described.changed(id);
    if (this.#own !== null) {
      const path = `${this.#dir}${sep}${id}`;
      // Never rejects: a fingerprint that cannot be taken matches no event, which is then told.
      const after = change.then(
        () => fingerprint(path),
        () => fingerprint(path),
      );
      this.#own.set(
        id,
        after.catch(() => ''),
      );
    }
    try {
      await change;
    } finally {
      this.#described.changed(id);
    }
  }

  /** Merges tags into the instance's current tags (the stored spec keeps its own, as in InfraKit). */
  async label(id: string, tags: Tags): Promise<void> {
    const path = this.#pathOf('label', id);
    if (!isTags(tags)) throw new PluginError(this.#name, 'label', 'tags must map names to strings');
    await this.#sweepOnce();
    try {
      const { header, body } = await this.#claimOrRefuse('label', id, path);
      const labelled = { ...header, Tags: { ...header.Tags, ...tags } };
      await this.#ownChange(id, this.#write('label', id, formatInstanceFile(labelled, body)));
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

  async #claim(method: string, path: string, id: string): Promise<InstanceFileClaim> {
    try {
      return await claimInstanceFile(this.#reader, path, id);
    } catch (err) {
      throw toPluginError(this.#name, method, err);
    }
  }

  /** The instance in `path`, read again just before a change, so a file swapped in since describe is never touched. */
  async #claimOrRefuse(method: string, id: string, path: string): Promise<Extract<InstanceFileClaim, { kind: 'instance' }>> {
    const claim = await this.#claim(method, path, id);
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
  #sweepOnce(): Promise<void> {
    this.#swept ??= sweepTempFiles(this.#dir).catch((err: unknown) => {
      this.#warn(`${this.#dir}: could not remove the temporary files of an interrupted apply (${errorMessage(err)})`);
    });
    return this.#swept;
  }

  /**
   * A new ID that names no existing file, nor one another provision in flight has picked; 8 hex
   * digits collide now and then among thousands. The caller lets go of it in #picked when done.
   */
  async #freshId(group: string | undefined): Promise<string> {
    for (;;) {
      const id = makeInstanceId(group, this.#randomSuffix());
      if (this.#picked.has(id)) continue;
      this.#picked.add(id);
      await this.#slice.turn();
      if (!existsSync(join(this.#dir, id))) return id;
      this.#picked.delete(id);
    }
  }

  /** Writes atomically, refusing a file describe could not read back (it would be made again on every apply). */
  async #write(method: string, id: string, content: string): Promise<void> {
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > MAX_INSTANCE_FILE_BYTES) {
      const what = method === 'provision' ? 'the new instance' : `instance ${id}`;
      const fix = "make the spec's Properties, Init or Tags smaller";
      throw new PluginError(this.#name, method, `${what} would be ${bytes} bytes; ${SIZE_RULE}: ${fix}`);
    }
    await this.#slice.turn();
    try {
      writeFileAtomic(this.#dir, id, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(this.#dir, { recursive: true });
      writeFileAtomic(this.#dir, id, content);
    }
  }

  async #listIds(): Promise<string[]> {
    try {
      return (await readdir(this.#dir, { withFileTypes: true }))
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

/** What a file is now, as far as telling tend's own change from anyone else's needs: gone, or its inode, size and time. */
async function fingerprint(path: string): Promise<string> {
  try {
    const found = await stat(path);
    return `${found.ino}:${found.size}:${found.mtimeMs}`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'absent';
    throw err;
  }
}
