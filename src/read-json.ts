import type { JSONScanner } from 'jsonc-parser';
import { createScanner } from 'jsonc-parser/lib/umd/impl/scanner.js';
import { exactNumber } from './exact-number.js';
import { INTEGER_KEY, RawJson } from './raw-json.js';
import type { SpecEntry, SpecNode, SpecScalarNode } from './group-spec/spec-node.js';

/** Where reading JSON stopped, and why. */
export interface JsonProblem {
  offset: number;
  message: string;
}

export interface JsonTreeOptions {
  /** Deepest nesting accepted, and what to say past it. */
  maxDepth: number;
  tooDeep: string;
  /** A spec refuses a key given twice; the plugin wire keeps both entries, as they came. */
  duplicateKeys: 'refuse' | 'keep';
}

// jsonc-parser's token and error codes (declared as const enums, which isolated modules cannot import).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL = 7;
const TRUE = 8;
const FALSE = 9;
const STRING = 10;
const NUMBER = 11;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const EOF = 17;
const UNEXPECTED_END_OF_STRING = 2;
const UNEXPECTED_END_OF_NUMBER = 3;

type Collection = Extract<SpecNode, { kind: 'map' | 'seq' }>;
interface Open {
  node: Collection;
  /** The key whose value comes next, in a mapping. */
  key: { text: string; offset: number } | undefined;
  keys: Set<string>;
}

/**
 * Reads one JSON value into SpecNodes that know their offsets, numbers keeping the text they were
 * written with (`source`), held to strict JSON (RFC 8259) as InfraKit's Go decoder held it: no
 * comments, trailing commas or bare words. Shared by `.json` spec files and the plugin wire.
 *
 * jsonc-parser's scanner does the lexing (strings, escapes, numbers, offsets); the structure is
 * assembled here, because no JSON library keeps all that tend needs: jsonc-parser's own parser
 * recurses once per level (deep input would exhaust the stack), lets trailing commas and comments
 * through, and gives numbers as doubles; lossless-json keeps numbers as written but no positions,
 * and neither tells a key given twice. Iterative, so any input is safe.
 */
export function readJsonTree(text: string, options: JsonTreeOptions): { root: SpecNode } | { problem: JsonProblem } {
  const scanner = createScanner(text, false);
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  const open: Open[] = [];
  let root: SpecNode | undefined;
  const attach = (value: SpecNode): JsonProblem | undefined => {
    const parent = open[open.length - 1];
    if (!parent) root = value;
    else if (parent.node.kind === 'seq') parent.node.items.push(value);
    else if (parent.key) {
      const { text: key, offset } = parent.key;
      parent.key = undefined;
      if (parent.keys.has(key) && options.duplicateKeys === 'refuse') return { offset, message: `duplicate key ${JSON.stringify(key)}` };
      parent.keys.add(key);
      const entry: SpecEntry = { key, keyOffset: offset, value };
      parent.node.entries.push(entry);
    }
    return undefined;
  };
  let mode: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    const token = nextToken(scanner);
    const at = scanner.getTokenOffset();
    if (typeof token !== 'number') return { problem: token };
    const top = open[open.length - 1];
    if (!top && mode === 'after') {
      if (token === EOF && root) return { root };
      return invalid(at, `unexpected ${describe(text, at)} after the end of the JSON value`);
    }
    if (token === EOF) return invalid(at, 'unexpected end of file');
    let problem: JsonProblem | undefined;
    if (top && mode === 'key') {
      if (token !== STRING) return invalid(at, `expected a double-quoted key, found ${describe(text, at)}`);
      const bad = stringProblem(scanner, text);
      if (bad) return { problem: bad };
      top.key = { text: scanner.getTokenValue(), offset: at };
      const colon = nextToken(scanner);
      if (typeof colon !== 'number') return { problem: colon };
      if (colon !== COLON)
        return invalid(scanner.getTokenOffset(), `expected ':' after the key, found ${describe(text, scanner.getTokenOffset())}`);
      mode = 'value';
    } else if (top && mode === 'after') {
      const closer = top.node.kind === 'map' ? CLOSE_BRACE : CLOSE_BRACKET;
      if (token === COMMA) mode = closer === CLOSE_BRACE ? 'key' : 'value';
      else if (token === closer) problem = close(open, scanner, attach);
      else return invalid(at, `expected ',' or '${closer === CLOSE_BRACE ? '}' : ']'}', found ${describe(text, at)}`);
    } else if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (open.length >= options.maxDepth) return { problem: { offset: at, message: options.tooDeep } };
      const isMap = token === OPEN_BRACE;
      const node: Collection = isMap ? { kind: 'map', offset: at, entries: [] } : { kind: 'seq', offset: at, items: [] };
      open.push({ node, key: undefined, keys: new Set() });
      mode = isMap ? 'key' : 'value';
      // An empty collection closes at once; anything else is read as a key or a value.
      const pos = scanner.getPosition();
      const following = nextToken(scanner);
      if (following === (isMap ? CLOSE_BRACE : CLOSE_BRACKET)) {
        problem = close(open, scanner, attach);
        mode = 'after';
      } else {
        scanner.setPosition(pos);
      }
    } else {
      const scalar = scalarOf(token, scanner, text);
      if ('message' in scalar) return { problem: scalar };
      problem = attach(scalar);
      mode = 'after';
    }
    if (problem) return { problem };
  }
}

/** Closes the innermost collection, whose closer was just read. */
function close(open: Open[], scanner: JSONScanner, attach: (value: SpecNode) => JsonProblem | undefined): JsonProblem | undefined {
  const { node } = open.pop() as Open;
  if (node.kind === 'map') node.end = scanner.getPosition();
  return attach(node);
}

/** The next token that is not white space; a problem for a comment, which JSON does not have. */
function nextToken(scanner: JSONScanner): number | JsonProblem {
  for (;;) {
    const token: number = scanner.scan();
    if (token === LINE_COMMENT || token === BLOCK_COMMENT) {
      return invalidAt(scanner.getTokenOffset(), 'comments are not part of JSON');
    }
    if (token < LINE_COMMENT || token > 15) return token;
  }
}

function scalarOf(token: number, scanner: JSONScanner, text: string): SpecScalarNode | JsonProblem {
  const offset = scanner.getTokenOffset();
  switch (token) {
    case STRING:
      return stringProblem(scanner, text) ?? { kind: 'scalar', offset, value: scanner.getTokenValue() };
    case NUMBER: {
      const source = text.slice(offset, offset + scanner.getTokenLength());
      if ((scanner.getTokenError() as number) === UNEXPECTED_END_OF_NUMBER) return invalidAt(offset, `incomplete number ${source}`);
      return { kind: 'scalar', offset, value: Number(source), source };
    }
    case TRUE:
    case FALSE:
      return { kind: 'scalar', offset, value: token === TRUE, source: token === TRUE ? 'true' : 'false' };
    case NULL:
      return { kind: 'scalar', offset, value: null };
    default:
      return invalidAt(offset, `expected a value, found ${describe(text, offset)}`);
  }
}

/** Where and why the string token just scanned is not valid JSON, found on its text: the scanner tells only that it is not. */
function stringProblem(scanner: JSONScanner, text: string): JsonProblem | undefined {
  if ((scanner.getTokenError() as number) === 0) return undefined;
  const start = scanner.getTokenOffset();
  const end = start + scanner.getTokenLength();
  // A string cut short by a line break ends before it: the break is looked at too.
  for (let i = start + 1; i <= end && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) return invalidAt(i, `${describe(text, i)} inside a string`);
    if (code === 0x5c) {
      if (!/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i + 1, i + 6))) return invalidAt(i, 'invalid escape in string');
      i++;
    }
  }
  return invalidAt(start, (scanner.getTokenError() as number) === UNEXPECTED_END_OF_STRING ? 'unterminated string' : 'invalid string');
}

function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const code = text.charCodeAt(offset);
  return code < 0x20 || code === 0x7f ? `byte 0x${code.toString(16).padStart(2, '0')}` : `'${text[offset] as string}'`;
}

function invalidAt(offset: number, message: string): JsonProblem {
  return { offset, message: `invalid JSON: ${message}` };
}

function invalid(offset: number, message: string): { problem: JsonProblem } {
  return { problem: invalidAt(offset, message) };
}

/** Strings (with the colon that makes one a key) and number tokens, the rest of JSON being punctuation and words. */
const TOKENS = /"(?:[^"\\]|\\.)*"(\s*:)?|-?\d[\d.eE+-]*/g;

/** Deepest nesting read off the wire. */
const WIRE_MAX_DEPTH = 512;

/**
 * Whether JSON.parse would change something in the text: a number it cannot print back as sent,
 * or (when `keys`) an integer-like key.
 */
function lossy(text: string, keys: boolean): boolean {
  for (const match of text.matchAll(TOKENS)) {
    const token = match[0];
    if (token.startsWith('"')) {
      if (keys && match[1] !== undefined && INTEGER_KEY.test(token.slice(1, token.lastIndexOf('"')))) return true;
    } else if (JSON.stringify(Number(token)) !== token) return true;
  }
  return false;
}

/**
 * Parses JSON so that nothing a plugin sent is changed when written back (InfraKit passed
 * Properties along as raw JSON, so a plugin may rely on its own bytes coming back):
 * values JavaScript would alter come back as RawJson holding their compact text (a number as
 * written, an object with integer-like or repeated keys), the rest as plain values. Text JavaScript
 * reads exactly, nearly all of it, is left to JSON.parse. Throws a SyntaxError for text that is not
 * one JSON value.
 */
export function readJson(text: string): unknown {
  if (!lossy(text, true)) return JSON.parse(text) as unknown;
  return toValue(parseTree(text), text, true);
}

/**
 * The same value with every object plain (integer-like keys reordered, a repeated key's last value
 * kept): for storing, comparing and hashing, where only values count. Numbers stay exact.
 */
export function readJsonValue(text: string): unknown {
  if (!lossy(text, false)) return JSON.parse(text) as unknown;
  return toValue(parseTree(text), text, false);
}

function parseTree(text: string): SpecNode {
  const read = readJsonTree(text, { maxDepth: WIRE_MAX_DEPTH, tooDeep: 'nested too deep', duplicateKeys: 'keep' });
  if ('problem' in read) throw new SyntaxError(`${read.problem.message} at offset ${read.problem.offset}`);
  return read.root;
}

/** Iterative, so that no depth the reader accepts can exhaust the stack. */
function toValue(root: SpecNode, text: string, keepObjects: boolean): unknown {
  let result: unknown = null;
  const stack: Array<{ node: SpecNode; put: (v: unknown) => void }> = [{ node: root, put: (v) => (result = v) }];
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    const { node, put } = task;
    if (node.kind === 'map') {
      if (keepObjects && node.end !== undefined && !keepsOrder(node)) {
        put(new RawJson(compact(text.slice(node.offset, node.end))));
        continue;
      }
      const out: Record<string, unknown> = {};
      put(out);
      for (const entry of node.entries) {
        // Own data property even for a key named "__proto__".
        Object.defineProperty(out, entry.key, { value: null, writable: true, enumerable: true, configurable: true });
        stack.push({ node: entry.value, put: (v) => (out[entry.key] = v) });
      }
    } else if (node.kind === 'seq') {
      const out = new Array<unknown>(node.items.length);
      put(out);
      node.items.forEach((item, i) => stack.push({ node: item, put: (v) => (out[i] = v) }));
    } else {
      put(typeof node.value === 'number' ? exactNumber(node.source ?? String(node.value)) : node.value);
    }
  }
  return result;
}

/** True when a JavaScript object keeps the mapping as sent: no integer-like key (listed first) and no key twice. */
function keepsOrder(node: Extract<SpecNode, { kind: 'map' }>): boolean {
  const seen = new Set<string>();
  for (const { key } of node.entries) {
    if (INTEGER_KEY.test(key) || seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/** The text without whitespace outside strings, as Go's json.Compact leaves a raw value. */
function compact(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m.startsWith('"') ? m : ''));
}
