import { GroupPlacesOf } from '../../src/pipeline/group-places.js';
import type { GroupSpec } from '../../src/spec/types.js';

/** Groups whose place is known only by asking (as a cached spec's is: reading its file again); `asked` records who was placed. */
function lazyGroups(ids: string[]) {
  const asked: string[] = [];
  const groups = ids.map((id, i) => {
    const group = { id } as GroupSpec;
    Object.defineProperty(group, 'pos', {
      enumerable: true,
      get: () => {
        asked.push(id);
        return { group: { file: 'specs/all.yaml', line: 1 + 10 * i, column: 1 } };
      },
    });
    return group;
  });
  return { groups, asked };
}

describe('the places of the judged groups', () => {
  it('places only the group a reporter asks about', () => {
    const { groups, asked } = lazyGroups(['web', 'db', 'cache']);
    const places = new GroupPlacesOf(groups);

    expect(places.size).toBe(3);
    expect(places.has('db')).toBe(true);
    expect(places.get('db')).toEqual({ file: 'specs/all.yaml', line: 11, column: 1 });
    expect(places.get('nobody')).toBeUndefined();
    expect(asked).toEqual(['db']);
  });

  it('places every group, once, when iterated', () => {
    const { groups, asked } = lazyGroups(['web', 'db']);
    const places = new GroupPlacesOf(groups);

    expect(Object.fromEntries(places)).toEqual({
      web: { file: 'specs/all.yaml', line: 1, column: 1 },
      db: { file: 'specs/all.yaml', line: 11, column: 1 },
    });
    expect([...places.keys()]).toEqual(['web', 'db']);
    expect(places.get('web')).toEqual({ file: 'specs/all.yaml', line: 1, column: 1 });
    expect(asked).toEqual(['web', 'db']);
  });
});
