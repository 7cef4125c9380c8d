import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { INSTANCE_FILE_MARKER } from './instance-file-format.js';
import type { TimeSlice } from './time-slice.js';

/**
 * The largest file read as an instance. Instance files are written from spec files of at most
 * 256 KiB (docs/specs.md: Group specs) and hold that spec's Properties once, its Tags twice and its Init,
 * JSON-escaped: well under 1 MiB. 4 MiB leaves room for that and still bounds what one tend-marked
 * file can cost a describe; provision refuses to write more, so tend always reads back what it wrote.
 */
export const MAX_INSTANCE_FILE_BYTES = 4 * 1024 * 1024;

/** The cap in words, for messages. */
export const SIZE_RULE = `an instance file is at most 4 MiB (${MAX_INSTANCE_FILE_BYTES} bytes)`;

/** Instance files are mostly under 1 KiB, so this first read is nearly always the whole file. */
const FIRST_READ_BYTES = 64 * 1024;
/** Past the first read, a large instance file is read in pieces of this size, up to the cap. */
const LATER_READ_BYTES = 1024 * 1024;

const MARKER = Buffer.from(INSTANCE_FILE_MARKER, 'utf8');

// Only regular files are instances: a symbolic link or FIFO swapped in after the folder was listed
// must neither redirect the read elsewhere nor block it forever (a FIFO then reads as empty).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const NOT_A_FILE = new Set(['ELOOP', 'ENXIO', 'EISDIR', 'EAGAIN']);
const UNREADABLE = new Set(['EACCES', 'EPERM']);

/** One file as far as tend needs it: its bytes only when line 1 carries tend's marker and it is not too large. */
export type InstanceFileRead =
  | { kind: 'absent' }
  | { kind: 'foreign' }
  | { kind: 'unreadable'; code: string }
  | { kind: 'too-large'; bytes: number }
  /** The file's bytes: a view valid only while the reader's `decide` runs. */
  | { kind: 'bytes'; bytes: Buffer };

/**
 * Reads files the way describe needs them, cheaply for 10,000 instances and safely for anything
 * else in the folder: open, one read of at most 64 KiB (the whole of a small file), then close.
 * No stat (but for the size of a file over the cap). A file whose first bytes are not the marker is
 * never read further, however large (a 2 GB database dump costs one 64 KiB read), and a tend-marked
 * one is read only up to the cap.
 Each file is read with the synchronous calls within the plugin's
 * time slice (time-slice.ts).
 */
export class InstanceFileReader {
  readonly #first = Buffer.allocUnsafe(FIRST_READ_BYTES);

  constructor(private readonly slice: TimeSlice) {}

  /**
   * Reads the file at `path` and gives what was found to `decide`, whose answer it returns; the
   * bytes are valid only while `decide` runs. Rejects only for errors that say nothing about the
   * file (EIO, EMFILE, …).
   */
  async read<T>(path: string, decide: (read: InstanceFileRead) => T): Promise<T> {
    await this.slice.turn();
    return this.#readNow(path, decide);
  }

  #readNow<T>(path: string, decide: (read: InstanceFileRead) => T): T {
    let file: number;
    try {
      file = openSync(path, OPEN_FLAGS);
    } catch (err) {
      return decide(fromError(err, 'absent'));
    }
    try {
      let read: InstanceFileRead;
      try {
        read = readOpen(file, this.#first);
      } catch (err) {
        // A folder or FIFO swapped in after listing fails here (EISDIR, EAGAIN); a file deleted meanwhile reads on.
        read = fromError(err, 'foreign');
      }
      return decide(read);
    } finally {
      closeSync(file);
    }
  }
}

function readOpen(file: number, first: Buffer): InstanceFileRead {
  // A regular file reads short only at its end, so one read is the whole of a small file.
  const got = readFully(file, first, 0, FIRST_READ_BYTES);
  if (got < MARKER.length || first.compare(MARKER, 0, MARKER.length, 0, MARKER.length) !== 0) return { kind: 'foreign' };
  if (got < FIRST_READ_BYTES) return { kind: 'bytes', bytes: first.subarray(0, got) };
  const pieces = [Buffer.from(first)];
  let total = got;
  while (total <= MAX_INSTANCE_FILE_BYTES) {
    const piece = Buffer.allocUnsafe(Math.min(LATER_READ_BYTES, MAX_INSTANCE_FILE_BYTES + 1 - total));
    const n = readFully(file, piece, 0, piece.length);
    pieces.push(piece.subarray(0, n));
    total += n;
    if (n < piece.length) return { kind: 'bytes', bytes: Buffer.concat(pieces, total) };
  }
  return { kind: 'too-large', bytes: fstatSync(file).size };
}

function fromError(err: unknown, onMissing: 'absent' | 'foreign'): InstanceFileRead {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') return { kind: onMissing };
  if (NOT_A_FILE.has(code)) return { kind: 'foreign' };
  if (UNREADABLE.has(code)) return { kind: 'unreadable', code };
  throw err;
}

/**
 * Reads until `length` bytes are in `buffer` at `offset` or the file ends; returns how many were
 * read. A regular file reads short only at its end, so a short read ends it without a second call
 * that would only say so: one read per small instance file.
 */
function readFully(file: number, buffer: Buffer, offset: number, length: number): number {
  let done = 0;
  while (done < length) {
    const wanted = length - done;
    const bytesRead = readSync(file, buffer, offset + done, wanted, null);
    done += bytesRead;
    if (bytesRead < wanted) break;
  }
  return done;
}
