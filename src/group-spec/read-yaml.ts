import { Composer, Parser } from 'yaml';
import type { Document } from 'yaml';
import { MAX_DEPTH } from './canonical-json.js';
import { findTooDeep, TOO_DEEP_MESSAGE } from './nesting-depth.js';
import type { ProblemSink } from './problem-sink.js';
import type { SpecNode } from './spec-node.js';
import { yamlToSpecNode } from './yaml-to-spec-node.js';

/**
 * The documents of a YAML text that read cleanly, as SpecNodes; every problem goes to `sink`.
 * Documents with errors are left out, so later checks never report on half-parsed input, and a
 * document nested too deep leaves out the whole file. Each document's parser tokens are checked
 * for depth before composing, which recurses once per level, and dropped once composed: the
 * tokens of a large document weigh several times the document itself.
 */
export function readYaml(text: string, sink: ProblemSink): SpecNode[] {
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
  const read = (doc: Document.Parsed): void => {
    const root = isSound(doc, sink) ? yamlToSpecNode(doc, text.length, sink) : null;
    if (root) roots.push(root);
  };
  // The parser makes an Error per syntax problem, and a garbled 1 MiB file holds over a million of
  // them: their stack traces, never shown, would double the time and the memory. Synchronous, so
  // nothing else runs while the limit is lowered.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    if (!composeEach(text, composer, read, sink)) return [];
    for (const doc of composer.end()) read(doc);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  for (const e of composer.streamInfo().errors) sink.error('SPEC_SYNTAX', e.pos[0], '', e.message);
  return roots;
}

/** Feeds the parser's tokens to the composer one by one; false, after reporting it, when one nests too deep. */
function composeEach(text: string, composer: Composer, read: (doc: Document.Parsed) => void, sink: ProblemSink): boolean {
  for (const token of new Parser().parse(text)) {
    const deep = findTooDeep(token, MAX_DEPTH);
    if (deep !== null) {
      sink.error('SPEC_SYNTAX', deep, '', TOO_DEEP_MESSAGE);
      return false;
    }
    // The composer hands a document over only once the next one starts.
    for (const doc of composer.next(token)) read(doc);
  }
  return true;
}

/** Reports a document's errors and warnings; an unresolved tag (`!!js/function`) is an error: specs are plain data. */
function isSound(doc: Document.Parsed, sink: ProblemSink): boolean {
  const before = sink.problemCount;
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
  return sink.problemCount === before;
}
