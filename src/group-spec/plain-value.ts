import { exactNumber, jsonNumberText } from '../exact-number.js';
import type { ProblemSink } from './problem-sink.js';
import type { SpecNode } from './spec-node.js';

/**
 * The plain JSON value of an opaque subtree (plugin properties). Numbers keep their exact value:
 * a RawJson of their JSON text where a JavaScript number would change it (exact-number.ts), so that
 * plugins get `12345678901234567890` and `1.50` as written. Numbers JSON cannot carry (`.inf`,
 * `.nan`) are reported at `path`. Iterative; the depth was already bounded when the document was read.
 */
export function toPlainValue(root: SpecNode, path: string, sink: ProblemSink): unknown {
  let result: unknown = null;
  const stack: Array<{ node: SpecNode; path: string; put: (v: unknown) => void }> = [{ node: root, path, put: (v) => (result = v) }];
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    const { node } = task;
    if (node.kind === 'map') {
      const out: Record<string, unknown> = {};
      task.put(out);
      for (const entry of node.entries) {
        // Own data property even for a key named "__proto__".
        Object.defineProperty(out, entry.key, { value: null, writable: true, enumerable: true, configurable: true });
        stack.push({ node: entry.value, path: `${task.path}.${entry.key}`, put: (v) => (out[entry.key] = v) });
      }
    } else if (node.kind === 'seq') {
      const out = new Array<unknown>(node.items.length);
      task.put(out);
      node.items.forEach((item, i) => stack.push({ node: item, path: `${task.path}[${i}]`, put: (v) => (out[i] = v) }));
    } else {
      if (typeof node.value !== 'number') {
        task.put(node.value);
        continue;
      }
      const text = jsonNumberText(node.source ?? String(node.value));
      if (text === null) {
        sink.error('SPEC_VALUE', node.offset, task.path, 'must be a finite number (JSON has no infinity or NaN)');
        task.put(null);
      } else {
        task.put(exactNumber(text));
      }
    }
  }
  return result;
}
