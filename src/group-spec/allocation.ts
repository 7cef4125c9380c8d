import { readCount, readId } from './field-values.js';
import type { ProblemSink } from './problem-sink.js';
import { isNull, readMapping } from './read-mapping.js';
import type { Mapping } from './read-mapping.js';
import type { SpecEntry, SpecNode } from './spec-node.js';
import type { GroupSpec } from './types.js';

/** How many instances a group wants, and whether that came from the 2016 form (`Flavor.Properties.Size`). */
export interface AllocationRead {
  allocation: GroupSpec['allocation'];
  fromFlavorSize: boolean;
}

/** `reconcile.maxGroupSize` when the runner config does not say (docs/specs.md: Group specs). */
export const DEFAULT_MAX_GROUP_SIZE = 10_000;

const ALLOCATION = 'Properties.Allocation';
const FLAVOR_SIZE = 'Properties.Flavor.Properties.Size';

/**
 * Reads `Properties.Allocation`: exactly one of `Size` (cattle) and `LogicalIDs` (pets), for at most
 * `maxGroupSize` instances: planning a group holds all of its instances in memory, so a typo such as
 * `Size: 1000000000` must stop here rather than exhaust the heap later. Without an Allocation,
 * InfraKit's 2016 form puts Size in the flavor properties; that is accepted, but giving both forms is
 * not. Returns undefined when any problem was reported.
 */
export function readAllocation(
  props: Mapping,
  flavorProperties: SpecNode | undefined,
  maxGroupSize: number,
  sink: ProblemSink,
): AllocationRead | undefined {
  const before = sink.problemCount;
  const flavorSize =
    flavorProperties?.kind === 'map' ? flavorProperties.entries.find((e) => e.key === 'Size' && !isNull(e.value)) : undefined;
  const entry = props.get('Allocation');
  if (!entry) {
    if (!flavorSize) {
      sink.error('SPEC_ALLOCATION', props.anchor, ALLOCATION, 'needs Size or LogicalIDs');
      return undefined;
    }
    const size = readSize(flavorSize.value, FLAVOR_SIZE, maxGroupSize, sink);
    return size === undefined ? undefined : { allocation: { size }, fromFlavorSize: true };
  }
  const alloc = readMapping(entry.value, ALLOCATION, entry.keyOffset, ['Size', 'LogicalIDs'], sink);
  if (!alloc) return undefined;
  const sizeEntry = alloc.get('Size');
  const idsEntry = alloc.get('LogicalIDs');
  if (flavorSize) {
    const message = sizeEntry
      ? 'Size given twice; keep Properties.Allocation.Size and remove this one'
      : 'Size here (the 2016 form) cannot be combined with Properties.Allocation; remove it';
    sink.error('SPEC_ALLOCATION', flavorSize.keyOffset, FLAVOR_SIZE, message);
  }
  if (sizeEntry && idsEntry) {
    const later = Math.max(sizeEntry.keyOffset, idsEntry.keyOffset);
    sink.error('SPEC_ALLOCATION', later, ALLOCATION, 'give either Size or LogicalIDs, not both');
  } else if (!sizeEntry && !idsEntry) {
    sink.error('SPEC_ALLOCATION', entry.keyOffset, ALLOCATION, 'needs Size or LogicalIDs');
  }
  const size = sizeEntry && readSize(sizeEntry.value, `${ALLOCATION}.Size`, maxGroupSize, sink);
  const logicalIds = idsEntry && readLogicalIds(idsEntry, maxGroupSize, sink);
  if (sink.problemCount > before) return undefined;
  if (size !== undefined) return { allocation: { size }, fromFlavorSize: false };
  return logicalIds ? { allocation: { logicalIds }, fromFlavorSize: false } : undefined;
}

/**
 * True when the group gives `Allocation.LogicalIDs` and no `Allocation.Size`: a group of pets, even
 * while its allocation has problems of its own. Giving both says nothing about which was meant.
 */
export function declaresPets(props: Mapping): boolean {
  const node = props.get('Allocation')?.value;
  if (node?.kind !== 'map') return false;
  const given = (key: string): boolean => node.entries.some((e) => e.key === key && !isNull(e.value));
  return given('LogicalIDs') && !given('Size');
}

function readSize(node: SpecNode, path: string, maxGroupSize: number, sink: ProblemSink): number | undefined {
  const size = readCount(node, path, sink);
  if (size === undefined || size <= maxGroupSize) return size;
  sink.error('SPEC_VALUE', node.offset, path, overLimit(`${size} is`, maxGroupSize));
  return undefined;
}

/** `1000000000 is` → `1000000000 is over the limit of 10000 instances per group; to allow more, …`. */
function overLimit(what: string, maxGroupSize: number): string {
  const raise = 'to allow more, raise reconcile.maxGroupSize in tend.config.yaml or pass --max-group-size';
  return `${what} over the limit of ${maxGroupSize} instances per group; ${raise}`;
}

function readLogicalIds(entry: SpecEntry, maxGroupSize: number, sink: ProblemSink): string[] | undefined {
  const path = `${ALLOCATION}.LogicalIDs`;
  const node = entry.value;
  if (node.kind !== 'seq') {
    sink.error('SPEC_TYPE', node.offset, path, 'must be a list of logical IDs');
    return undefined;
  }
  if (node.items.length === 0) {
    sink.error('SPEC_VALUE', node.offset, path, 'must list at least one logical ID');
    return undefined;
  }
  if (node.items.length > maxGroupSize) {
    sink.error('SPEC_VALUE', node.offset, path, overLimit(`${node.items.length} logical IDs are`, maxGroupSize));
  }
  // Each ID is checked even in a list that is too long, so that every problem is told at once.
  const first = new Map<string, number>();
  const ids: string[] = [];
  node.items.forEach((item, i) => {
    const id = readId(item, `${path}[${i}]`, sink);
    if (id === undefined) return;
    const seen = first.get(id);
    if (seen === undefined) {
      first.set(id, item.offset);
      ids.push(id);
      return;
    }
    const at = sink.posAt(seen);
    const message = `logical ID "${id}" is also listed at ${at.file}:${at.line}:${at.column}`;
    sink.error('SPEC_DUPLICATE_LOGICAL_ID', item.offset, `${path}[${i}]`, message);
  });
  return ids;
}
