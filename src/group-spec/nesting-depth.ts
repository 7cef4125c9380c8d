import type { CST } from 'yaml';
import { MAX_DEPTH } from './canonical-json.js';

/** Why a document nested deeper than MAX_DEPTH is refused. */
export const TOO_DEEP_MESSAGE = `nested deeper than ${MAX_DEPTH} levels`;

/**
 * Offset of the first collection nested deeper than `maxDepth` in a parsed (not yet composed) YAML
 * token, or null. Composing a document recurses once per level, so overly deep input is caught here,
 * on the flat token tree, before it can reach the composer. Iterative: any depth.
 */
export function findTooDeep(root: CST.Token, maxDepth: number): number | null {
  const stack: Array<{ token: CST.Token; depth: number }> = [{ token: root, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { token, depth } = item;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') {
      continue;
    }
    if (depth + 1 > maxDepth) return token.offset;
    for (const entry of token.items) {
      if ('key' in entry && entry.key) stack.push({ token: entry.key, depth: depth + 1 });
      if (entry.value) stack.push({ token: entry.value, depth: depth + 1 });
    }
  }
  return null;
}
