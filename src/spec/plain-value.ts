import type { ProblemSink } from './problem-sink.js';
import type { SpecNode } from './spec-node.js';

/**
 * The plain JSON value of an opaque subtree (plugin properties), kept as parsed. Numbers JSON cannot
 * carry (`.inf`, `.nan`, `1e999`) are reported at `path`, since hashing would silently turn them into
 * null. Iterative; the depth was already bounded when the document was read.
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
      if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
        sink.error('SPEC_VALUE', node.offset, task.path, 'must be a finite number (JSON has no infinity or NaN)');
      }
      task.put(node.value);
    }
  }
  return result;
}
