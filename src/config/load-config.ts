import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ProblemsError, TendError, errorMessage } from '../errors.js';
import type { Problem } from '../problem.js';
import { configProblem, parseConfigDocument } from './config-document.js';
import { configProblems, uniqueByPlace } from './config-problems.js';
import type { RawConfig } from './config-schema.js';
import { resolveConfig } from './resolve-config.js';
import type { RunnerConfig } from './runner-config.js';

export const DEFAULT_CONFIG_FILE = 'tend.config.yaml';

/**
 * Reads the runner config: `explicitPath` if given (it must exist), else `tend.config.yaml` in `cwd`
 * if present, else the built-in defaults. Throws CONFIG_INVALID listing every problem with file:line:col.
 */
export async function loadConfig(explicitPath: string | undefined, cwd: string): Promise<RunnerConfig> {
  const file = explicitPath ? path.resolve(cwd, explicitPath) : path.join(cwd, DEFAULT_CONFIG_FILE);
  const text = readConfigText(file, explicitPath);
  if (text === null) return resolveConfig({}, null, cwd);
  const base = path.dirname(file);
  const config = parseConfigDocument(text, file, cwd);
  if (config.problems.length > 0) throw invalid(uniqueByPlace(config.problems));
  let raw: unknown;
  try {
    raw = config.doc?.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (err) {
    throw invalid([configProblem(config.at(0), [], errorMessage(err))]);
  }
  const problems = await configProblems(raw, config, (dir) => path.resolve(base, dir));
  if (problems.length > 0) throw invalid(problems);
  return resolveConfig(raw as RawConfig, file, base);
}

function invalid(problems: Problem[]): ProblemsError {
  const first = problems[0];
  const where = first ? `${first.file}: ` : '';
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new ProblemsError('CONFIG_INVALID', `${where}${count} in the runner config`, problems);
}

/** The file's text; null when there is no default config file, which means the built-in defaults. */
function readConfigText(file: string, explicitPath: string | undefined): string | null {
  const shown = explicitPath ?? DEFAULT_CONFIG_FILE;
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    if (explicitPath) throw new TendError('CONFIG_INVALID', `config file ${shown} not found`);
    return null;
  }
  if (!isFile) throw new TendError('CONFIG_INVALID', `config file ${shown} is not a file`);
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new TendError('CONFIG_INVALID', `cannot read config file ${shown}: ${errorMessage(err)}`, { cause: err });
  }
}
