import { RawJson } from './raw-json.js';
import { INTEGER_KEY } from './write-json.js';

/** Strings (with the colon that makes one a key) and number tokens, the rest of JSON being punctuation and words. */
const TOKENS = /"(?:[^"\\]|\\.)*"(\s*:)?|-?\d[\d.eE+-]*/g;

/** Whether JSON.parse would change something in the text: a number it cannot print back as sent, or an integer-like key. */
function lossy(text: string): boolean {
  for (const match of text.matchAll(TOKENS)) {
    const token = match[0];
    if (token.startsWith('"')) {
      if (match[1] !== undefined && INTEGER_KEY.test(token.slice(1, token.lastIndexOf('"')))) return true;
    } else if (JSON.stringify(Number(token)) !== token) return true;
  }
  return false;
}

/**
 * Parses JSON so that nothing a plugin sent is changed when written back (wire file §8.4):
 * values JavaScript would alter come back as RawJson holding their compact text, the rest as
 * plain values. Throws a SyntaxError for text that is not one JSON value.
 */
export function readJson(text: string): unknown {
  if (!lossy(text)) return JSON.parse(text) as unknown;
  const reader = new ExactReader(text);
  const value = reader.value(0);
  reader.end();
  return value;
}

const MAX_DEPTH = 512;

class ExactReader {
  private at = 0;

  constructor(private readonly text: string) {}

  value(depth: number): unknown {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    const start = this.at;
    const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(start, start + 400));
    if (match === null) this.fail();
    const token = match[0];
    this.at += token.length;
    if (token === 'true' || token === 'false' || token === 'null') return JSON.parse(token) as unknown;
    const number = Number(token);
    return JSON.stringify(number) === token ? number : new RawJson(token);
  }

  end(): void {
    this.space();
    if (this.at !== this.text.length) this.fail();
  }

  private object(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail('nested too deep');
    const start = this.at++;
    const out: Record<string, unknown> = {};
    let exact = true;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail();
      const key = this.string();
      if (INTEGER_KEY.test(key) || Object.hasOwn(out, key)) exact = false;
      this.expect(':');
      out[key] = this.value(depth + 1);
      this.space();
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      this.expect('}');
      break;
    }
    return exact ? out : new RawJson(compact(this.text.slice(start, this.at)));
  }

  private array(depth: number): unknown[] {
    if (depth > MAX_DEPTH) this.fail('nested too deep');
    this.at++;
    const out: unknown[] = [];
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.space();
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      this.expect(']');
      return out;
    }
  }

  private string(): string {
    const start = this.at;
    this.at++;
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) this.fail();
      if (c === '\\') this.at += 2;
      else {
        this.at++;
        if (c === '"') break;
      }
    }
    return JSON.parse(this.text.slice(start, this.at)) as string;
  }

  private expect(c: string): void {
    this.space();
    if (this.text[this.at] !== c) this.fail();
    this.at++;
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at] as string)) this.at++;
  }

  private fail(why = 'unexpected input'): never {
    throw new SyntaxError(`invalid JSON at offset ${this.at}: ${why}`);
  }
}

/** The text without whitespace outside strings, as Go's json.Compact leaves a raw value. */
function compact(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m.startsWith('"') ? m : ''));
}
