/** What `git cat-file --batch` is asked on stdin: one object id a line. */
export function batchRequest(oids: readonly string[]): string {
  return oids.map((oid) => `${oid}\n`).join('');
}

/**
 * Parses `git cat-file --batch` output, `<oid> SP <type> SP <size> LF <contents> LF` per object (or
 * `<oid> missing LF`), into each object's contents; a missing object is left out.
 */
export function parseBatch(output: Buffer): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  let at = 0;
  while (at < output.length) {
    const eol = output.indexOf(0x0a, at);
    if (eol < 0) break;
    const [oid = '', type, size] = output.toString('latin1', at, eol).split(' ');
    at = eol + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    objects.set(oid, output.subarray(at, at + length));
    at += length + 1;
  }
  return objects;
}
