import { MAX_DEPTH } from './canonical-json.js';
import { TOO_DEEP_MESSAGE } from './nesting-depth.js';
import { readJsonTree } from '../read-json.js';
import type { ProblemSink } from './problem-sink.js';
import { readYaml } from './read-yaml.js';
import type { SpecNode } from './spec-node.js';
import type { SpecFile } from './types.js';

/**
 * The documents of one spec file as SpecNodes; every syntax problem goes to `sink`. `.json` files
 * are read as strict JSON, anything else as YAML 1.2 (possibly several `---` documents).
 * An empty file is not an error, but gives a SPEC_EMPTY_FILE warning.
 */
export function parseDocuments(file: SpecFile, sink: ProblemSink): SpecNode[] {
  const text = file.content;
  if (text.trim() === '') {
    sink.warn('SPEC_EMPTY_FILE', 0, '', `${file.path} is empty: it holds no groups`);
    return [];
  }
  if (!file.path.toLowerCase().endsWith('.json')) {
    const docs = readYaml(text, sink);
    if (docs.length === 0 && sink.problemCount === 0) {
      sink.warn('SPEC_EMPTY_FILE', 0, '', `${file.path} holds only comments: it holds no groups`);
    }
    return docs;
  }
  const parsed = readJsonTree(text, { maxDepth: MAX_DEPTH, tooDeep: TOO_DEEP_MESSAGE, duplicateKeys: 'refuse' });
  if ('root' in parsed) return [parsed.root];
  sink.error('SPEC_SYNTAX', parsed.problem.offset, '', parsed.problem.message);
  return [];
}
