import path from 'node:path';
import { LineCounter, parseAllDocuments, isMap, isPair, isScalar, visit, type Document } from 'yaml';
import type { Position, Problem } from '../problem.js';

/** A runner config file parsed with positions, and the problems found so far. */
export interface ConfigDocument {
  doc: Document | null;
  problems: Problem[];
  /** The position of a character offset. */
  at(offset: number): Position;
  /** The position of the value at `keys` (of the key itself with `pointAtKey`), or of its nearest parent. */
  atPath(keys: string[], pointAtKey?: boolean): Position;
}

/** A CONFIG_INVALID problem at `where`, about the key path `keys`. */
export function configProblem(where: Position, keys: readonly string[], message: string): Problem {
  return { ...where, code: 'CONFIG_INVALID', path: keys.join('.'), message };
}

/** Parses one YAML document, keeping every syntax problem with its position. */
export function parseConfigDocument(text: string, file: string, cwd: string): ConfigDocument {
  const shown = path.relative(cwd, file) || file;
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: shown, line, column: col };
  };
  const all = Array.isArray(docs) ? docs : [];
  const doc = all[0] ?? null;
  // The parser's messages run on with a code excerpt; the first line is the message.
  const problems = all.flatMap((d) => d.errors.map((e) => configProblem(at(e.pos[0]), [], e.message.split('\n')[0] ?? '')));
  const second = all[1];
  if (second)
    problems.push(configProblem(at(second.range[0]), [], 'a runner config is one YAML document; remove the `---` and what follows'));
  return { doc, problems, at, atPath: (keys, pointAtKey = false) => at(doc ? offsetOf(doc, keys, pointAtKey) : 0) };
}

/**
 * YAML reads `0x10` as 16 and `0o17` as 15: legal, but in a runner config (a budget, a port) far
 * more likely a slip than a wish, and a flag refuses them too. Numbers are written in decimal.
 */
export function nonDecimalNumbers(config: ConfigDocument): Problem[] {
  const doc = config.doc;
  if (!doc) return [];
  const at = (offset: number): Position => config.at(offset);
  const problems: Problem[] = [];
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'number' || (node.format !== 'HEX' && node.format !== 'OCT')) return;
      const keys = ancestors.flatMap((a) => (isPair(a) && isScalar(a.key) ? [String(a.key.value)] : []));
      const message = `write numbers in decimal (${String(node.source ?? node.value)} reads as ${node.value})`;
      problems.push(configProblem(at(node.range?.[0] ?? 0), keys, message));
    },
  });
  return problems;
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
