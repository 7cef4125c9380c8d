/** A scalar as JSON knows it; other YAML values (binary, timestamps) are refused when read. */
export type SpecScalar = string | number | boolean | null;

/** A spec document as plain data, every node knowing its offset in the file; aliases are expanded. */
export type SpecNode =
  | { kind: 'map'; offset: number; entries: SpecEntry[] }
  | { kind: 'seq'; offset: number; items: SpecNode[] }
  | { kind: 'scalar'; offset: number; value: SpecScalar };

export interface SpecEntry {
  key: string;
  keyOffset: number;
  value: SpecNode;
}
