import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { INSTANCE_FILE_MARKER } from './instance-file-format.js';

/**
 * The largest file read as an instance. Instance files are written from spec files of at most
 * 256 KiB (README: Group specs) and hold that spec's Properties once, its Tags twice and its Init,
 * JSON-escaped: well under 1 MiB. 4 MiB leaves room for that and still bounds what one tend-marked
 * file can cost a describe; provision refuses to write more, so tend always reads back what it wrote.
 */
export const MAX_INSTANCE_FILE_BYTES = 4 * 1024 * 1024;

/** The cap in words, for messages. */
export const SIZE_RULE = `an instance file is at most 4 MiB (${MAX_INSTANCE_FILE_BYTES} bytes)`;

/** Instance files are mostly under 1 KiB, so this first read is nearly always the whole file. */
const FIRST_READ_BYTES = 64 * 1024;

const MARKER = Buffer.from(INSTANCE_FILE_MARKER, 'utf8');

// Only regular files are instances: a symbolic link or FIFO swapped in after the folder was listed
// must neither redirect the read elsewhere nor block it forever.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const NOT_A_FILE = new Set(['ELOOP', 'ENXIO', 'EISDIR']);
const UNREADABLE = new Set(['EACCES', 'EPERM']);

/** One file as far as tend needs it: its text only when line 1 carries tend's marker and it is not too large. */
export type InstanceFileRead =
  | { kind: 'absent' }
  | { kind: 'foreign' }
  | { kind: 'unreadable'; code: string }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'text'; text: string };

/**
 * Reads files the way describe needs them, cheaply for 10,000 instances and safely for anything
 * else in the folder: open, fstat, one read of at most 64 KiB, close. A file whose first bytes are
 * not the marker is never read further, however large (a 2 GB database dump costs one 64 KiB read).
 * Not safe to share across concurrent calls; the file plugin's calls are synchronous.
 */
export class InstanceFileReader {
  readonly #first = Buffer.allocUnsafe(FIRST_READ_BYTES);

  /** The file at `path`; throws only for errors that say nothing about the file (EIO, EMFILE, …). */
  read(path: string): InstanceFileRead {
    let fd: number;
    try {
      fd = openSync(path, OPEN_FLAGS);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOENT') return { kind: 'absent' };
      if (NOT_A_FILE.has(code)) return { kind: 'foreign' };
      if (UNREADABLE.has(code)) return { kind: 'unreadable', code };
      throw err;
    }
    try {
      return this.#readOpen(fd);
    } finally {
      closeSync(fd);
    }
  }

  #readOpen(fd: number): InstanceFileRead {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'foreign' };
    const size = stats.size;
    const got = readFully(fd, this.#first, 0, Math.min(size, FIRST_READ_BYTES));
    if (got < MARKER.length || this.#first.compare(MARKER, 0, MARKER.length, 0, MARKER.length) !== 0) {
      return { kind: 'foreign' };
    }
    if (size > MAX_INSTANCE_FILE_BYTES) return { kind: 'too-large', bytes: size };
    if (got < FIRST_READ_BYTES || got >= size) return { kind: 'text', text: this.#first.toString('utf8', 0, got) };
    // Sizes come from fstat, so a file growing while it is read is cut at that size, never past the cap.
    const whole = Buffer.allocUnsafe(size);
    this.#first.copy(whole, 0, 0, got);
    const total = got + readFully(fd, whole, got, size - got);
    return { kind: 'text', text: whole.toString('utf8', 0, total) };
  }
}

/** Reads up to `length` bytes into `buffer` at `offset`, fewer only at the end of the file. */
function readFully(fd: number, buffer: Buffer, offset: number, length: number): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, offset + done, length - done, null);
    if (n === 0) break;
    done += n;
  }
  return done;
}
