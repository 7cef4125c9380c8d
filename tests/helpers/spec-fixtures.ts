import { loadSpecs } from '../../src/group-spec/load-specs.js';
import { problemLine } from '../../src/problem.js';
import type { GroupSpec, SpecContext, SpecLoadResult } from '../../src/group-spec/types.js';

/** The plugins the spec tests configure, unless a test says otherwise. */
export const CTX: SpecContext = { instancePlugins: new Set(['instance-file']), flavorPlugins: new Set(['flavor-vanilla']) };

/** Loads one file and returns its problems as the CLI prints them. */
export function problemLines(path: string, content: string, ctx: SpecContext = CTX): string[] {
  const result = loadSpecs([{ path, content }], ctx);
  return result.ok ? [] : result.problems.map(problemLine);
}

/** The groups of a load that must succeed; fails the test with the problems otherwise. */
export function groupsOf(result: SpecLoadResult): GroupSpec[] {
  if (!result.ok) throw new Error(`expected a clean load, got:\n${result.problems.map(problemLine).join('\n')}`);
  return result.groups;
}

/** Loads one file that must hold exactly one valid group. */
export function onlyGroup(path: string, content: string, ctx: SpecContext = CTX): GroupSpec {
  const groups = groupsOf(loadSpecs([{ path, content }], ctx));
  if (groups.length !== 1) throw new Error(`expected one group, got ${groups.length}`);
  return groups[0] as GroupSpec;
}

type Part = 'id' | 'allocation' | 'instance' | 'flavor' | 'extra';

/**
 * A five-line YAML group spec (`web`, Size 3, instance-file, flavor-vanilla) with parts replaced;
 * null leaves a line out. Lines: 1 ID, 2 Properties, 3 Allocation, 4 Instance, 5 Flavor, 6 extra.
 */
export function webYaml(parts: Partial<Record<Part, string | null>> = {}): string {
  const pick = (part: Part, fallback: string | null): string | null => (parts[part] === undefined ? fallback : (parts[part] ?? null));
  const id = pick('id', 'web');
  const allocation = pick('allocation', '{Size: 3}');
  const instance = pick('instance', '{Plugin: instance-file, Properties: {Note: v1}}');
  const flavor = pick('flavor', '{Plugin: flavor-vanilla, Properties: {Init: [echo hi]}}');
  const lines = [
    id === null ? null : `ID: ${id}`,
    'Properties:',
    allocation === null ? null : `  Allocation: ${allocation}`,
    instance === null ? null : `  Instance: ${instance}`,
    flavor === null ? null : `  Flavor: ${flavor}`,
    pick('extra', null),
  ];
  return `${lines.filter((l) => l !== null).join('\n')}\n`;
}

/** A small seeded generator of numbers in [0, 1), so that a failing fuzz case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
