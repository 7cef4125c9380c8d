/** A scalar as JSON knows it; other YAML values (binary, timestamps) are refused when read. */
export type SpecScalar = string | number | boolean | null;

/** A spec document as plain data, every node knowing its offset in the file; aliases are expanded. */
export type SpecNode =
  { kind: 'map'; offset: number; entries: SpecEntry[] } | { kind: 'seq'; offset: number; items: SpecNode[] } | SpecScalarNode;

export interface SpecScalarNode {
  kind: 'scalar';
  offset: number;
  value: SpecScalar;
  /**
   * A number or boolean as written (`1.0`, `007`, `True`), where the precise readers see it, so that a
   * hint to quote it quotes what the user wrote; absent for strings and null, and on the fast path.
   */
  source?: string;
}

export interface SpecEntry {
  key: string;
  keyOffset: number;
  value: SpecNode;
}
