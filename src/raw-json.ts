/**
 * A JSON value kept as the text a plugin sent, because JavaScript would change it on the way
 * through: numbers it cannot hold exactly (`12345678901234567890`, `1.50`, `1E3`) and objects
 * with integer-like keys (which it reorders). Written back byte for byte by `writeJson`; anything
 * else (an in-process plugin, a comparison) sees the value as `JSON.parse` reads it.
 */
export class RawJson {
  constructor(readonly text: string) {}

  /** The value as JavaScript reads it (lossy, which is why the text is kept). */
  toJSON(): unknown {
    return JSON.parse(this.text) as unknown;
  }
}

/** Keys a JavaScript object lists first, in numeric order, whatever order they were set in. */
export const INTEGER_KEY = /^(?:0|[1-9]\d{0,9})$/;
