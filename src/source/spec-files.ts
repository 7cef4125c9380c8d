import { isUtf8, type Buffer } from 'node:buffer';
import path from 'node:path';

/** What a spec file is named, in a folder and in a tree alike (docs/specs.md: Group specs). */
const SPEC_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/** Group specs are small; a larger file is a mistake (or an attack), not a spec. */
export const MAX_SPEC_BYTES = 256 * 1024;

/** True for a name a spec file may have: `.json`, `.yaml` or `.yml`, in any case. */
export function isSpecName(name: string): boolean {
  return SPEC_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** Why a file of `size` bytes is not read as a spec. */
export function tooLarge(size: number): string {
  return `${size} bytes, over the ${MAX_SPEC_BYTES}-byte limit for a spec file`;
}

/** A name's valid UTF-8 as text, and every other byte, control character or backslash as a `\x` escape. */
export function escapeName(name: Buffer): string {
  let out = '';
  for (let i = 0; i < name.length;) {
    const length = sequenceLength(name[i] as number);
    const char = length > 0 && isUtf8(name.subarray(i, i + length)) ? name.toString('utf8', i, i + length) : undefined;
    const code = char?.codePointAt(0) ?? 0;
    if (char === undefined || code < 0x20 || code === 0x7f || char === '\\') {
      out += char === '\\' ? '\\\\' : `\\x${(name[i] as number).toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      out += char;
      i += length;
    }
  }
  return out;
}

/** How many bytes the UTF-8 sequence led by `lead` takes; 0 for a byte that cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
}
