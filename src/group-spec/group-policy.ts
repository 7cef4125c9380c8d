import { readCount } from './field-values.js';
import type { ProblemSink } from './problem-sink.js';
import { readMapping } from './read-mapping.js';
import type { Mapping } from './read-mapping.js';
import type { GroupMode, GroupSpec } from './types.js';

const MODES: readonly GroupMode[] = ['correct', 'report'];
const MAX_UNAVAILABLE = 'Properties.Updating.MaxUnavailable';

/**
 * Reads `Properties.Updating`, the rolling-update policy: MaxUnavailable (default 1) and MaxSurge
 * (default 0), counts that may not both be 0, for then no instance could ever be replaced. Pets
 * (`pets`: the group gives LogicalIDs) need MaxUnavailable ≥ 1 whatever MaxSurge says: a logical ID
 * has one instance at a time, so no surge instance can stand in for it while it is replaced.
 * Returns undefined when any problem was reported.
 */
export function readUpdating(props: Mapping, pets: boolean, sink: ProblemSink): GroupSpec['updating'] | undefined {
  const entry = props.get('Updating');
  if (!entry) return { maxUnavailable: 1, maxSurge: 0 };
  const keys = ['MaxUnavailable', 'MaxSurge'];
  const updating = readMapping(entry.value, 'Properties.Updating', entry.keyOffset, keys, sink);
  if (!updating) return undefined;
  const unavailable = updating.get('MaxUnavailable');
  const surge = updating.get('MaxSurge');
  const maxUnavailable = unavailable ? readCount(unavailable.value, MAX_UNAVAILABLE, sink) : 1;
  const maxSurge = surge ? readCount(surge.value, 'Properties.Updating.MaxSurge', sink) : 0;
  if (maxUnavailable === undefined || maxSurge === undefined) return undefined;
  if (maxUnavailable === 0 && pets && unavailable) {
    const message =
      'must be at least 1 for pets (LogicalIDs): a logical ID has one instance at a time, so replacing it means taking it down';
    sink.error('SPEC_VALUE', unavailable.value.offset, MAX_UNAVAILABLE, message);
    return undefined;
  }
  if (maxUnavailable === 0 && maxSurge === 0) {
    const message = 'MaxUnavailable and MaxSurge cannot both be 0: no instance could ever be replaced';
    sink.error('SPEC_VALUE', entry.keyOffset, 'Properties.Updating', message);
    return undefined;
  }
  return { maxUnavailable, maxSurge };
}

/** Reads `Properties.Mode`: `correct` (the default) or `report` (detect drift, change nothing). */
export function readMode(props: Mapping, sink: ProblemSink): GroupMode | undefined {
  const entry = props.get('Mode');
  if (!entry) return 'correct';
  const value = entry.value.kind === 'scalar' ? entry.value.value : undefined;
  const mode = MODES.find((m) => m === value);
  if (mode) return mode;
  const code = typeof value === 'string' ? 'SPEC_VALUE' : 'SPEC_TYPE';
  sink.error(code, entry.value.offset, 'Properties.Mode', 'must be "correct" or "report"');
  return undefined;
}
