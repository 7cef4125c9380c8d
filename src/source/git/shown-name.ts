import { Buffer, isUtf8 } from 'node:buffer';

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A tree path (bytes as latin1) as users see it: its text when it is UTF-8, else its valid UTF-8 as
 * text and every other byte, control character or backslash as a `\x` escape, as the folder source
 * shows such names.
 */
export function shownName(name: string): { text: string; utf8: boolean } {
  if (ASCII.test(name)) return { text: name, utf8: true };
  const bytes = Buffer.from(name, 'latin1');
  return isUtf8(bytes) ? { text: bytes.toString('utf8'), utf8: true } : { text: escape(bytes), utf8: false };
}

function escape(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes[i] as number);
    const char = length > 0 && isUtf8(bytes.subarray(i, i + length)) ? bytes.toString('utf8', i, i + length) : undefined;
    const code = char?.codePointAt(0) ?? 0;
    if (char === undefined || code < 0x20 || code === 0x7f || char === '\\') {
      out += char === '\\' ? '\\\\' : `\\x${(bytes[i] as number).toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      out += char;
      i += length;
    }
  }
  return out;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
}
