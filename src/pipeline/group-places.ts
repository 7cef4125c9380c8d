import type { Position } from '../problem.js';
import type { GroupSpec } from '../spec/types.js';

/**
 * Where each judged group's spec starts, looked up only when a reporter asks: a spec read from the
 * cache knows its place only by reading its file again, precisely, so placing every group of every
 * tick would parse every spec file each time (most of a watcher's work), though a reporter asks only
 * about the few groups it points at. Iterating places every group, once.
 */
export class GroupPlacesOf implements ReadonlyMap<string, Position> {
  readonly #groups: ReadonlyMap<string, GroupSpec>;
  #all: ReadonlyMap<string, Position> | null = null;

  constructor(groups: readonly GroupSpec[]) {
    this.#groups = new Map(groups.map((g) => [g.id, g]));
  }

  get size(): number {
    return this.#groups.size;
  }

  get(id: string): Position | undefined {
    return this.#all?.get(id) ?? this.#groups.get(id)?.pos.group;
  }

  has(id: string): boolean {
    return this.#groups.has(id);
  }

  forEach(fn: (place: Position, id: string, map: ReadonlyMap<string, Position>) => void, thisArg?: unknown): void {
    this.#placed().forEach((place, id) => fn.call(thisArg, place, id, this));
  }

  entries(): MapIterator<[string, Position]> {
    return this.#placed().entries();
  }

  keys(): MapIterator<string> {
    return this.#groups.keys();
  }

  values(): MapIterator<Position> {
    return this.#placed().values();
  }

  [Symbol.iterator](): MapIterator<[string, Position]> {
    return this.entries();
  }

  #placed(): ReadonlyMap<string, Position> {
    this.#all ??= new Map([...this.#groups].map(([id, g]) => [id, g.pos.group]));
    return this.#all;
  }
}
