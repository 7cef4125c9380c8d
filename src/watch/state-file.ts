import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A small JSON record a watcher keeps in its state folder across restarts. */
export interface StateFile<T> {
  /** The record last written, or null when there is none or it cannot be read (a damaged file is as good as none). */
  read(): T | null;
  /** Replaces the record atomically: a crash leaves the old one or the new one, never half of either. */
  write(value: T): void;
}

/** The record at `file`, accepted on read only when `valid` says it has the expected shape. */
export function stateFile<T>(file: string, valid: (value: unknown) => value is T): StateFile<T> {
  return {
    read() {
      try {
        const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
        return valid(value) ? value : null;
      } catch {
        return null;
      }
    },
    write(value) {
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(value)}\n`);
      renameSync(temp, file);
    },
  };
}

/** The last good revision: the newest commit whose specs were valid, enforced while newer ones are not. */
export interface LastGood {
  sha: string;
  ref: string | null;
  /** When it became the last good one (ISO 8601). */
  at: string;
}

export function isLastGood(value: unknown): value is LastGood {
  const v = value as Partial<LastGood> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.sha === 'string' &&
    /^[0-9a-f]{40}$/.test(v.sha) &&
    (v.ref === null || typeof v.ref === 'string') &&
    typeof v.at === 'string'
  );
}

/** When the scheduled drift check last ran (ISO 8601), so that one missed while the watcher was down runs at start. */
export interface LastDriftRun {
  at: string;
}

export function isLastDriftRun(value: unknown): value is LastDriftRun {
  const v = value as Partial<LastDriftRun> | null;
  return typeof v === 'object' && v !== null && typeof v.at === 'string' && !Number.isNaN(Date.parse(v.at));
}
