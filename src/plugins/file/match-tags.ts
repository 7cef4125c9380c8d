import type { Tags } from '../spi.js';

/**
 * InfraKit's tag filter: every filter entry must match (AND), a tag the instance lacks compares
 * as "", and `{}` matches everything. Own properties only, so `constructor` is an ordinary key.
 */
export function matchesTags(tags: Tags, filter: Tags): boolean {
  for (const key in filter) {
    const actual = Object.hasOwn(tags, key) ? tags[key] : '';
    if (actual !== filter[key]) return false;
  }
  return true;
}
