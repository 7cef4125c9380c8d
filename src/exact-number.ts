import { RawJson } from './raw-json.js';

/** A number as JSON writes it (RFC 8259). */
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
/** YAML 1.2 core schema numbers in base 10 that JSON writes otherwise: `+5`, `.5`, `5.`, `007`. */
const YAML_DECIMAL = /^([-+]?)([0-9]*)(?:\.([0-9]*))?([eE][-+]?[0-9]+)?$/;
const YAML_HEX_OR_OCTAL = /^0[xo][0-9a-fA-F]+$/;
/** Any decimal number, JSON's or YAML's: sign, integer digits, fraction digits, exponent. */
const DECIMAL = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/;

/**
 * The JSON text of a number as written in a spec: JSON's own numbers unchanged (`1.50`, `1E3`,
 * `12345678901234567890`), YAML's other forms as the same exact value in JSON (`+5` → `5`, `.5` →
 * `0.5`, `0x1F` → `31`, `0o17` → `15`); null for what JSON cannot carry (`.inf`, `.nan`).
 */
export function jsonNumberText(written: string): string | null {
  if (JSON_NUMBER.test(written)) return written;
  if (YAML_HEX_OR_OCTAL.test(written)) return BigInt(written).toString();
  const match = YAML_DECIMAL.exec(written);
  if (!match || (match[2] === '' && !match[3])) return null;
  const [, sign, whole = '', fraction = '', exponent = ''] = match;
  const integer = whole.replace(/^0+(?=[0-9])/, '') || '0';
  return `${sign === '-' ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}${exponent}`;
}

/**
 * A JSON number as tend keeps it: a plain number when JavaScript writes that number back with the
 * same text, else a RawJson holding the text, so that it reaches plugins and instance files as
 * written (`12345678901234567890`, `1.50`, `1e3`).
 */
export function exactNumber(text: string): number | RawJson {
  const value = Number(text);
  return JSON.stringify(value) === text ? value : new RawJson(text);
}

/** True for a RawJson that holds a number (rather than an object a plugin sent). */
export function isRawNumber(value: unknown): boolean {
  return value instanceof RawJson && DECIMAL.test(value.text);
}

/** A decimal value: sign, significant digits without leading or trailing zeros ('' for zero), and `point`, so that value = 0.digits × 10^point. */
interface Decimal {
  negative: boolean;
  digits: string;
  point: number;
}

/**
 * The text that stands for a number's exact value wherever tend hashes or compares numbers: for a
 * number a double holds exactly, what JavaScript writes for it (so `1`, `1.5`, `1.50`, `1e3` and
 * `2^64` written out in full hash as they always did, and equal values compare equal); for any
 * other, its exact value in the same notation (`12345678901234567890` stays itself, where
 * JavaScript would write `12345678901234567000`). Two texts give the same result exactly when their
 * values are equal, or when both round to the same double and one of them is that double exactly.
 */
export function canonicalNumber(text: string): string {
  const value = Number(text);
  const js = JSON.stringify(value);
  if (js === text) return js;
  const written = decimalOf(text);
  const exact = formatDecimal(written);
  if (exact === js) return js;
  if (Number.isFinite(value) && sameDecimal(written, exactDecimalOf(value))) return js;
  return exact;
}

function decimalOf(text: string): Decimal {
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`not a decimal number: ${text}`);
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const all = `${whole}${fraction}`;
  const lead = all.search(/[1-9]/);
  if (lead === -1) return { negative: false, digits: '', point: 0 };
  const digits = all.slice(lead).replace(/0+$/, '');
  return { negative: sign === '-', digits, point: whole.length - lead + Number(exponent) };
}

/** The exact decimal value of a finite double: m / 2^k = m × 5^k / 10^k. */
function exactDecimalOf(value: number): Decimal {
  let scaled = Math.abs(value);
  let k = 0;
  // Doubling is exact, and a double with a fraction is below 2^53: at most 1074 steps.
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    k++;
  }
  const digits = (BigInt(scaled) * 5n ** BigInt(k)).toString();
  const decimal = decimalOf(digits);
  return { ...decimal, negative: value < 0 && decimal.digits !== '', point: decimal.point - k };
}

function sameDecimal(a: Decimal, b: Decimal): boolean {
  return a.digits === b.digits && (a.digits === '' || (a.negative === b.negative && a.point === b.point));
}

/** The notation of ECMAScript's Number::toString, applied to any digits. */
function formatDecimal({ negative, digits, point }: Decimal): string {
  if (digits === '') return '0';
  const k = digits.length;
  let text: string;
  if (k <= point && point <= 21) text = digits + '0'.repeat(point - k);
  else if (0 < point && point <= 21) text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  else if (-6 < point && point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else {
    const e = point - 1;
    text = `${digits[0]}${k > 1 ? `.${digits.slice(1)}` : ''}e${e >= 0 ? '+' : '-'}${Math.abs(e)}`;
  }
  return negative ? `-${text}` : text;
}
