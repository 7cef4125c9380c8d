import { randomUUID } from 'node:crypto';
import path from 'node:path';
import * as core from '@actions/core';
import type { Logger } from '../log.js';
import type { Problem } from '../problem.js';

/**
 * tend's log as workflow commands: warnings and errors become annotations, at their file, line and
 * column when the message is about a place in a spec or the config (the fields of a Problem).
 */
export function actionLog(workspace: string): Logger {
  return {
    info: (message) => core.info(message),
    warn: (message, fields) => annotate('warning', message, fields, workspace),
    error: (message, fields) => annotate('error', message, fields, workspace),
    problem: (message, fields) => annotate('error', message, fields, workspace),
  };
}

/**
 * The same log, keeping each warning that is about a place in a spec or the config (a Problem's
 * fields) in `warnings` too: the check run shows them as annotations once the run is over.
 */
export function keepingWarnings(log: Logger, warnings: Problem[]): Logger {
  return {
    ...log,
    warn: (message, fields) => {
      if (fields && isProblem(fields)) warnings.push({ ...fields });
      log.warn(message, fields);
    },
  };
}

/**
 * Text that holds data from specs and plugins (a plugin's error message may quote a spec's value),
 * logged between `stop-commands` and its resume token, so that none of its lines can act as a
 * workflow command (`::add-mask::`, `::error::`): GitHub's way of logging what it must not obey.
 */
export function logData(text: string): void {
  const resume = randomUUID();
  core.info(`::stop-commands::${resume}`);
  core.info(text);
  core.info(`::${resume}::`);
}

/** One problem as an error annotation at its place (file relative to the repository root), titled with its code. */
export function annotateProblem(p: Problem, workspace: string): void {
  core.error(`${p.path ? `${p.path}: ` : ''}${p.message}`, place(p, workspace));
}

function annotate(kind: 'warning' | 'error', message: string, fields: Record<string, unknown> | undefined, workspace: string): void {
  const p = fields && isProblem(fields) ? fields : null;
  // Named, not `core[kind]`: a computed member keeps all of @actions/core in the bundle (scripts/bundle-action.mjs).
  const say = kind === 'error' ? core.error : core.warning;
  if (p === null) say(message);
  else say(`${p.path ? `${p.path}: ` : ''}${p.message}`, place(p, workspace));
}

function place(p: Problem, workspace: string): core.AnnotationProperties {
  return { file: inRepository(p.file, workspace), startLine: p.line, startColumn: p.column, title: p.code };
}

/** GitHub places an annotation by its path from the repository root; tend's paths are from the working folder (the workspace) or absolute. */
export function inRepository(file: string, workspace: string): string {
  if (!path.isAbsolute(file)) return file.split(path.sep).join('/');
  const relative = path.relative(workspace, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

function isProblem(fields: Record<string, unknown>): fields is Record<string, unknown> & Problem {
  return (
    typeof fields.file === 'string' &&
    typeof fields.line === 'number' &&
    typeof fields.column === 'number' &&
    typeof fields.code === 'string' &&
    typeof fields.message === 'string'
  );
}
