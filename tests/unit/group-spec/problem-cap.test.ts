import { loadSpecs } from '../../../src/group-spec/load-specs.js';
import { problemLine } from '../../../src/problem.js';
import { createProblemSink } from '../../../src/group-spec/problem-sink.js';
import type { SpecProblemCode } from '../../../src/group-spec/types.js';
import { CTX, problemLines } from '../../helpers/spec-fixtures.js';
import { MAX_SPEC_BYTES } from '../../../src/source/spec-files.js';

const F = 'specs/x.yaml';

/** A YAML list of `count` numbers: one SPEC_TYPE problem per item, item i on line i. */
const numbers = (count: number): string => '- 1\n'.repeat(count);

describe('loadSpecs keeps at most 50 problems per file', () => {
  it.each([
    [50, 50, `${F}:50:3  SPEC_TYPE  list item 50 must be a group spec (a mapping)`],
    [51, 51, `${F}:51:3  SPEC_TYPE  list item 51 must be a group spec (a mapping)`],
    [52, 51, `${F}:51:3  SPEC_TYPE  … and 2 more problems in this file`],
    [10_000, 51, `${F}:51:3  SPEC_TYPE  … and 9950 more problems in this file`],
  ])('of %i problems, shows %i lines', (count, shown, last) => {
    const lines = problemLines(F, numbers(count));

    expect(lines).toHaveLength(shown);
    expect(lines[49]).toBe(`${F}:50:3  SPEC_TYPE  list item 50 must be a group spec (a mapping)`);
    expect(lines.at(-1)).toBe(last);
  });

  it('caps each file on its own', () => {
    const files = [
      { path: 'specs/a.yaml', content: numbers(100) },
      { path: 'specs/b.yaml', content: numbers(60) },
    ];

    const result = loadSpecs(files, CTX);

    const lines = result.ok ? [] : result.problems.map(problemLine);
    expect(lines).toHaveLength(102);
    expect(lines[50]).toBe('specs/a.yaml:51:3  SPEC_TYPE  … and 50 more problems in this file');
    expect(lines[101]).toBe('specs/b.yaml:51:3  SPEC_TYPE  … and 10 more problems in this file');
  });

  it('caps warnings the same way', () => {
    const result = loadSpecs([{ path: F, content: '---\n'.repeat(60) }], CTX);

    expect(result.ok).toBe(true);
    expect(result.warnings).toHaveLength(51);
    expect(result.warnings.map(problemLine).at(-1)).toBe(`${F}:51:4  SPEC_EMPTY_FILE  … and 10 more warnings in this file`);
  });

  it('reads the largest file a source passes, a 256 KiB list of numbers with 65,536 problems, into 51 lines', () => {
    const lines = problemLines(F, numbers(MAX_SPEC_BYTES / '- 1\n'.length));

    expect(lines).toHaveLength(51);
    expect(lines.at(-1)).toBe(`${F}:51:3  SPEC_TYPE  … and 65486 more problems in this file`);
  });
});

describe('a problem sink', () => {
  /** Offsets stand for lines here, so that the order of the kept problems shows. */
  const sinkByLine = () => createProblemSink(F, (offset) => ({ file: F, line: offset, column: 1 }));
  const codeAt = (offset: number): SpecProblemCode => (offset % 2 === 0 ? 'SPEC_VALUE' : 'SPEC_TYPE');

  it('keeps the earliest problems by position, however late they were found', () => {
    const sink = sinkByLine();

    for (let offset = 100; offset >= 1; offset--) sink.error(codeAt(offset), offset, 'Path', `problem ${offset}`);

    const problems = sink.problems();
    expect(sink.problemCount).toBe(100);
    expect(problems.slice(0, 50).map((p) => p.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(problems[50]).toEqual({
      file: F,
      line: 51,
      column: 1,
      code: 'SPEC_TYPE',
      path: '',
      message: '… and 50 more problems in this file',
    });
  });

  it('keeps problems at the same position in the order they were found', () => {
    const sink = sinkByLine();

    for (let i = 0; i < 60; i++) sink.error('SPEC_VALUE', 7, 'Path', `problem ${i}`);

    expect(sink.problems().map((p) => p.message)).toEqual([
      ...Array.from({ length: 50 }, (_, i) => `problem ${i}`),
      '… and 10 more problems in this file',
    ]);
  });

  it('places only the problems it keeps', () => {
    let placed = 0;
    const sink = createProblemSink(F, (offset) => {
      placed++;
      return { file: F, line: offset, column: 1 };
    });

    for (let offset = 0; offset < 10_000; offset++) sink.error('SPEC_TYPE', offset, '', 'a problem');
    sink.problems();

    expect(placed).toBe(51);
  });
});
