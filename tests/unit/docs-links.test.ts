import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The pages by task the README sends readers to, written by hand. */
const PAGES = [
  'docs/specs.md',
  'docs/commands.md',
  'docs/watcher.md',
  'docs/github.md',
  'docs/plugins.md',
  'docs/operations.md',
  'docs/contributing.md',
];
/** Pages made elsewhere: the option reference generated from the options table, and the status page's guide. */
const MADE_ELSEWHERE = ['docs/options.md', 'docs/status-page.md'];
const DOCUMENTS = ['README.md', ...PAGES, ...MADE_ELSEWHERE.filter((page) => existsSync(path.join(ROOT, page)))];

interface Link {
  line: number;
  target: string;
}

/** The Markdown links of a page outside its code blocks and code spans, with their line numbers. */
function linksOf(text: string): Link[] {
  let fenced = false;
  return text.split('\n').flatMap((line, index) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced || /^\s*```/.test(line)) return [];
    const prose = line.replace(/`[^`]*`(?!\]\()/g, ' ');
    return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({ line: index + 1, target: m[1] ?? '' }));
  });
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
function anchorsOf(text: string): Set<string> {
  const headings = text.split('\n').filter((line, i, all) => /^#{1,6} /.test(line) && !insideFence(all, i));
  return new Set(
    headings.map((h) =>
      h
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

function insideFence(lines: string[], at: number): boolean {
  return lines.slice(0, at).filter((l) => /^\s*```/.test(l)).length % 2 === 1;
}

const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** Every broken relative link of `page`, as `page:line target: why`. */
function brokenLinks(page: string): string[] {
  return linksOf(read(page)).flatMap(({ line, target }) => {
    if (/^[a-z]+:/i.test(target)) return [];
    const [file = '', anchor] = target.split('#');
    const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
    const where = `${page}:${line} ${target}`;
    if (MADE_ELSEWHERE.includes(resolved) && !existsSync(path.join(ROOT, resolved))) return [];
    if (!existsSync(path.join(ROOT, resolved))) return [`${where}: no such file`];
    if (anchor === undefined) return [];
    if (!resolved.endsWith('.md')) return [`${where}: an anchor in a file that is not Markdown`];
    return anchorsOf(read(resolved)).has(anchor) ? [] : [`${where}: no heading with that anchor`];
  });
}

describe('the README and the docs pages', () => {
  it.each(DOCUMENTS)('%s: every relative link reaches a file, and every anchor a heading', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  it('docs/ holds exactly the pages listed here, so a new page gets its links checked', () => {
    const present = readdirSync(path.join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`);

    expect(present.filter((page) => !PAGES.includes(page) && !MADE_ELSEWHERE.includes(page))).toEqual([]);
    expect(PAGES.filter((page) => !present.includes(page))).toEqual([]);
  });

  it('the README links every page, so none is found only by chance', () => {
    const targets = linksOf(read('README.md')).map(({ target }) => target.split('#')[0]);

    expect([...PAGES, ...MADE_ELSEWHERE].filter((page) => !targets.includes(page))).toEqual([]);
  });

  it('reads links as GitHub does: code is not a link, a link may show code, anchors drop punctuation', () => {
    const text = ['# In GitHub Actions', '`[a](nowhere.md)` and [`b`](b.md#c-d)', '```', '[e](f.md)', '```', '## `/healthz`: health'].join(
      '\n',
    );

    expect(linksOf(text)).toEqual([{ line: 2, target: 'b.md#c-d' }]);
    expect([...anchorsOf(text)]).toEqual(['in-github-actions', 'healthz-health']);
  });
});
