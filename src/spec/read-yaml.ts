import { Composer, Parser } from 'yaml';
import type { Document } from 'yaml';
import { MAX_DEPTH } from './canonical-json.js';
import { findTooDeep, TOO_DEEP_MESSAGE } from './nesting-depth.js';
import type { ProblemSink } from './problem-sink.js';
import type { SpecNode } from './spec-node.js';
import { yamlToSpecNode } from './yaml-to-spec-node.js';

/**
 * The documents of a YAML text that read cleanly, as SpecNodes; every problem goes to `sink`.
 * Documents with errors are left out, so later checks never report on half-parsed input.
 * Nesting is measured on the parser's flat tokens before composing, which recurses once per level.
 */
export function readYaml(text: string, sink: ProblemSink): SpecNode[] {
  const tokens = Array.from(new Parser().parse(text));
  for (const token of tokens) {
    const deep = findTooDeep(token, MAX_DEPTH);
    if (deep !== null) {
      sink.error('SPEC_SYNTAX', deep, '', TOO_DEEP_MESSAGE);
      return [];
    }
  }
  // Core schema even under a `%YAML 1.1` directive; string keys; no `<<` merge keys: plain JSON data.
  // Duplicate keys are checked when converting: the composer's check takes quadratic time.
  const composer = new Composer({
    prettyErrors: false,
    stringKeys: true,
    schema: 'core',
    merge: false,
    uniqueKeys: false,
  });
  const roots: SpecNode[] = [];
  for (const doc of composer.compose(tokens)) {
    const root = isSound(doc, sink) ? yamlToSpecNode(doc, text.length, sink) : null;
    if (root) roots.push(root);
  }
  for (const e of composer.streamInfo().errors) sink.error('SPEC_SYNTAX', e.pos[0], '', e.message);
  return roots;
}

/** Reports a document's errors and warnings; an unresolved tag (`!!js/function`) is an error: specs are plain data. */
function isSound(doc: Document.Parsed, sink: ProblemSink): boolean {
  const before = sink.problems.length;
  for (const e of doc.errors) {
    const message = e.code === 'NON_STRING_KEY' ? 'a mapping key must be a plain string' : e.message;
    sink.error('SPEC_SYNTAX', e.pos[0], '', message);
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') {
      const message = w.message.replaceAll('tag:yaml.org,2002:', '!!');
      sink.error('SPEC_SYNTAX', w.pos[0], '', `${message}; specs hold plain data, without custom tags`);
    } else {
      sink.warn('SPEC_SYNTAX', w.pos[0], '', w.message);
    }
  }
  return sink.problems.length === before;
}
