import type jsYaml from 'js-yaml';

/**
 * Text the fast reader leaves to the precise one, because js-yaml reads it differently from the
 * `yaml` package or not at all as specs should be read. Refusing more than needed only costs speed.
 */
const REFUSED = new RegExp(
  [
    // Tags and directives, anchors, aliases and merge keys: specs are plain data.
    /[!%&]|\*[\w-]|<</.source,
    // Binary and signed hex or octal numbers are numbers to js-yaml, strings to YAML 1.2's core schema;
    // `-0` is 0 to js-yaml, -0 to the core schema.
    /\b0b[01]|[-+]0[xo][0-9a-fA-F]|(?<![\w.])-0(?![\w.])/.source,
    // Signed floats without a leading digit are numbers to the core schema, strings to js-yaml.
    /[-+]\.\d/.source,
    // Explicit keys (`? key`) and flow collections as keys (`[a]: b`), which js-yaml turns into strings.
    /(?:^|[\s[{,])\?(?:[\s,\]}]|$)|[\]}]\s*:/.source,
    // A list item left empty (`-`, `- -`), after which js-yaml misplaces the next items.
    /(?:^|[ \t])-[ \t]*(?:#|$)/.source,
    // A lone CR, a line break to js-yaml only; content on a `---` line; `#` right after a closer.
    /\r(?!\n)|^---[ \t]+[^\s#]|[\]}"']#/.source,
    // Tabs, which the precise reader refuses in indentation, even inside a block scalar; escapes beyond
    // \uFFFF, which js-yaml does not check.
    /\t|\\U/.source,
    // Block scalars with an indentation indicator (`|2`), which the two read differently at the document
    // root, or with leading blank lines holding spaces, from which js-yaml takes the indentation.
    /[|>][-+]?(?:\d|[ \t]*(?:#.*)?\r?\n(?:\r?\n)*[ \t]+\r?\n)/.source,
  ].join('|'),
  'm',
);

/** YAML 1.2 core schema scalars that are not strings, as the `yaml` package resolves them. */
const CORE_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
const CORE_SPECIAL = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)?$/;

/** A line long enough to hold an implicit key past 1024 characters, which only the precise reader refuses. */
const LONG_KEY = /^[^\r\n]{1000,}:/m;

/** True when the text holds nothing the fast reader is known to read differently from the precise one. */
export function isFastReadable(text: string): boolean {
  // A byte-order mark past the start is text to js-yaml, and ignored by the precise reader.
  if (REFUSED.test(text) || text.indexOf('\uFEFF', 1) !== -1) return false;
  // Slow to look for, and only long texts can hold one.
  return text.length < 1000 || !LONG_KEY.test(text);
}

/**
 * True when a key js-yaml produced is the key as written. js-yaml resolves a plain key to a number,
 * boolean or null and then turns it into a string (`0x1F:` gives "31", `~:` gives "null"), while the
 * precise reader keeps the text. Such a key always reads as a non-string scalar: false for those.
 */
export function isFaithfulKey(key: string): boolean {
  return !CORE_NUMBER.test(key) && !CORE_SPECIAL.test(key) && key !== 'Infinity' && key !== '-Infinity' && key !== 'NaN';
}

/**
 * True when a string value js-yaml produced is also a string to the precise reader. js-yaml leaves as
 * a string a core-schema number too large for a double (`1e999`, a 400-digit integer), which the
 * precise reader makes infinite; finite ones it reads as numbers, so a quoted "8080" passes.
 */
export function isFaithfulString(value: string): boolean {
  return !CORE_NUMBER.test(value) || Number.isFinite(Number(value));
}

/**
 * A js-yaml listener that notices what js-yaml reads more leniently than the precise reader, on the
 * nodes as js-yaml opens and closes them: a flow collection or a quoted scalar spanning lines, held
 * to indentation and comment rules js-yaml does not check (`a: [1,\n2]`, `a: "b\nc"`, `{a: 1 #c\n}`),
 * and a flow collection as a key of a flow mapping (`{a: 1, [b]}`), which js-yaml turns into a string.
 */
export function createFlowGuard(text: string): {
  listener: (event: jsYaml.EventType, state: jsYaml.State) => void;
  tripped: () => boolean;
} {
  // Where js-yaml opened each node: the node itself starts there or after some space and comments.
  const positions: number[] = [];
  const lines: number[] = [];
  // Only a flow mapping can have a flow collection as a key: without a `{`, no node's first character is needed.
  const firstChars: number[] | undefined = text.includes('{') ? [] : undefined;
  let tripped = false;
  const listener = (event: jsYaml.EventType, state: jsYaml.State): void => {
    if (event === 'open') {
      if (firstChars) tripped ||= opensFlowKey(text, state.position, positions, firstChars);
      positions.push(state.position);
      lines.push(state.line);
      return;
    }
    const position = positions.pop() as number;
    const line = lines.pop() as number;
    firstChars?.pop();
    // A node opened and closed on one line spans no line, and no comment came before it.
    if (state.line === line) return;
    const node = startOf(text, position, line);
    // A block mapping may start with a quoted key: only a scalar that starts with a quote is quoted.
    const flow = isCollection(node.char) || (isQuote(node.char) && state.kind === 'scalar');
    if (flow && state.line > node.line) tripped = true;
    // A value on the lines after its key and a comment (`a:\n# c\n  b`) ends at the comment for the precise reader.
    if (node.afterComment && state.kind === 'scalar' && state.position > node.at) tripped = true;
  };
  return { listener, tripped: () => tripped };
}

/** Records the first character of the node opening at `position`; true when it is a flow collection used as a key of a flow mapping. */
function opensFlowKey(text: string, position: number, positions: number[], firstChars: number[]): boolean {
  const node = startOf(text, position, 0);
  const depth = positions.length;
  const parentChar = firstChars[depth - 1];
  firstChars.push(node.char);
  if (!isCollection(node.char) || parentChar !== BRACE) return false;
  // js-yaml first tries a collection in block context as the key of a block mapping: a child at the same offset.
  const parentAt = startOf(text, positions[depth - 1] as number, 0).at;
  return parentAt !== node.at && previousChar(text, node.at) !== COLON;
}

interface Start {
  /** Offset and first character of the node, after any separating space and comments. */
  at: number;
  char: number;
  line: number;
  afterComment: boolean;
}

const BRACKET = 0x5b;
const BRACE = 0x7b;
const COLON = 0x3a;

const isCollection = (c: number): boolean => c === BRACKET || c === BRACE;
const isQuote = (c: number): boolean => c === 0x22 || c === 0x27;

function startOf(text: string, position: number, line: number): Start {
  let i = position;
  let at = line;
  let afterComment = false;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
    else if (c === 0x0a) {
      i++;
      at++;
    } else if (c === 0x23) {
      afterComment = true;
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else {
      return { at: i, char: c, line: at, afterComment };
    }
  }
}

/** The character before `offset`, spaces and line breaks skipped; NaN at the start. */
function previousChar(text: string, offset: number): number {
  let i = offset - 1;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a; c = text.charCodeAt(i)) i--;
  return text.charCodeAt(i);
}
