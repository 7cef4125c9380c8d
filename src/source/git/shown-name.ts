import { Buffer, isUtf8 } from 'node:buffer';
import { escapeName } from '../spec-files.js';

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A tree path (bytes as latin1) as users see it: its text when it is UTF-8, else its valid UTF-8 as
 * text and every other byte, control character or backslash as a `\x` escape, as the folder source
 * shows such names.
 */
export function shownName(name: string): { text: string; utf8: boolean } {
  if (ASCII.test(name)) return { text: name, utf8: true };
  const bytes = Buffer.from(name, 'latin1');
  return isUtf8(bytes) ? { text: bytes.toString('utf8'), utf8: true } : { text: escapeName(bytes), utf8: false };
}
