import path from 'node:path';
import { LineCounter, parseAllDocuments, isMap, isPair, isScalar, type Document } from 'yaml';

/** A runner config file parsed with positions, and the problems found so far, each `file:line:col  CONFIG_INVALID  message`. */
export interface ConfigDocument {
  doc: Document | null;
  problems: string[];
  /** `file:line:col` of a character offset. */
  at(offset: number): string;
  /** `file:line:col` of the value at `keys` (of the key itself with `pointAtKey`), or of its nearest parent. */
  atPath(keys: string[], pointAtKey?: boolean): string;
}

/** Parses one YAML document, keeping every syntax problem with its position. */
export function parseConfigDocument(text: string, file: string, cwd: string): ConfigDocument {
  const shown = path.relative(cwd, file) || file;
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  const problem = (offset: number, message: string): string => `${at(offset)}  CONFIG_INVALID  ${message}`;
  const all = Array.isArray(docs) ? docs : [];
  const doc = all[0] ?? null;
  const problems = all.flatMap((d) => d.errors.map((e) => problem(e.pos[0], e.message.split('\n')[0] ?? '')));
  const second = all[1];
  if (second) problems.push(problem(second.range[0], 'a runner config is one YAML document; remove the `---` and what follows'));
  return { doc, problems, at, atPath: (keys, pointAtKey = false) => at(doc ? offsetOf(doc, keys, pointAtKey) : 0) };
}

/** Offset of the value at `keys` (or of its key), falling back to the nearest parent. */
function offsetOf(doc: Document, keys: string[], pointAtKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of keys) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (!pair) break;
    const keyNode = pair.key as { range?: [number, number, number] };
    const valueNode = pair.value as { range?: [number, number, number] } | null;
    offset = (pointAtKey && key === keys.at(-1) ? keyNode.range?.[0] : valueNode?.range?.[0]) ?? keyNode.range?.[0] ?? offset;
    node = pair.value;
  }
  return offset;
}
