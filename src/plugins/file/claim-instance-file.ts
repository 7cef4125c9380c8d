import { type InstanceHeader, parseInstanceFile } from './instance-file-format.js';
import { type InstanceFileRead, type InstanceFileReader, SIZE_RULE } from './read-instance-file.js';

/**
 * Whether the file named `id` is a tend instance. `foreign` files are not tend's and are left
 * alone without a word; `damaged` ones carry tend's marker but cannot be trusted, and are left
 * alone too, with `problem` saying why and `fix` what the user can do (the caller warns). Only an
 * `instance` may be described, labelled or destroyed.
 */
export type InstanceFileClaim =
  | { kind: 'instance'; header: InstanceHeader; body: string }
  | { kind: 'absent' }
  | { kind: 'foreign' }
  | { kind: 'damaged'; problem: string; fix: string };

const RESTORE = 'restore the header, or move or delete the file';
const MOVE = 'move the file out of this folder, or delete it';

/** Reads `path` (the file named `id`) and decides; rejects only with what the reader rejects with. */
export function claimInstanceFile(reader: InstanceFileReader, path: string, id: string): Promise<InstanceFileClaim> {
  return reader.read(path, (read) => decide(read, id));
}

function decide(read: InstanceFileRead, id: string): InstanceFileClaim {
  switch (read.kind) {
    case 'absent':
    case 'foreign':
      return read;
    case 'unreadable':
      return {
        kind: 'damaged',
        problem: `cannot be read (${read.code}), so tend cannot tell whether it is an instance`,
        fix: 'make it readable, or move it out of this folder',
      };
    case 'too-large':
      return { kind: 'damaged', problem: `damaged tend header (the file is ${read.bytes} bytes; ${SIZE_RULE})`, fix: MOVE };
    case 'bytes': {
      const parsed = parseInstanceFile(id, read.bytes);
      if (!parsed.ok) return { kind: 'damaged', problem: `damaged tend header (${parsed.damage})`, fix: parsed.copied ? MOVE : RESTORE };
      return { kind: 'instance', header: parsed.header, body: parsed.body };
    }
  }
}
