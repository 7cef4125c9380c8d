/** A scalar as JSON knows it; other YAML values (binary, timestamps) are refused when read. */
export type SpecScalar = string | number | boolean | null;

/** A spec document as plain data, every node knowing its offset in the file; aliases are expanded. */
export type SpecNode =
  | { kind: 'map'; offset: number; entries: SpecEntry[]; /** Just past the closing brace, for JSON read off the wire. */ end?: number }
  | { kind: 'seq'; offset: number; items: SpecNode[] }
  | SpecScalarNode;

export interface SpecScalarNode {
  kind: 'scalar';
  offset: number;
  /** For a number, the nearest double: what tend's own fields read; plugin properties keep `source`. */
  value: SpecScalar;
  /**
   * A number or boolean as written (`1.50`, `0x1F`, `True`): always there for a number, whose exact
   * value it is, and so that a hint to quote a value quotes what the user wrote; absent for strings and null.
   */
  source?: string;
}

export interface SpecEntry {
  key: string;
  keyOffset: number;
  value: SpecNode;
}
