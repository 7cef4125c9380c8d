// `npm run check`: the type check (`tsc --noEmit`) and the linter (`eslint .`) over one TypeScript
// program. Alone, the linter's type-aware rules build and check the whole program a second time:
// together here they take about 50 s of processor time, where the two commands take about 78.
// `npm test` runs this; `npm run typecheck` and `npm run lint` remain, each alone and each cached
// across runs, for the loop while editing. Exit 1 on any type error or lint error.
import { ESLint } from 'eslint';
import ts from 'typescript';

const pretty = process.stdout.isTTY === true;

/** The type check: tsconfig.json's files and options, as `tsc --noEmit` reads them. */
function typeCheck() {
  const unreadable = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    'tsconfig.json',
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => unreadable.push(d) },
  );
  if (parsed === undefined) return { program: null, diagnostics: unreadable };
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  return { program, diagnostics: ts.getPreEmitDiagnostics(program) };
}

function printDiagnostics(diagnostics) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => ts.sys.newLine };
  const format = pretty ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stdout.write(format(diagnostics, host));
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  process.stdout.write(`\ntsc: ${errors} error${errors === 1 ? '' : 's'}\n`);
}

const { program, diagnostics } = typeCheck();
if (diagnostics.length > 0) printDiagnostics(diagnostics);
if (program === null) process.exit(1);

// The TypeScript files are linted with the program just checked; the rest as eslint.config.js says.
const eslint = new ESLint({
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, programs: [program] } } }],
});
const results = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
const said = await formatter.format(results);
if (said !== '') process.stdout.write(said);
const lintErrors = results.reduce((n, r) => n + r.errorCount, 0);
const typeErrors = diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error);
process.exitCode = typeErrors || lintErrors > 0 ? 1 : 0;
