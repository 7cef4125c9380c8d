import { didYouMean } from '../../../src/group-spec/did-you-mean.js';

describe('didYouMean', () => {
  it.each([
    ['Sise', ['Size', 'LogicalIDs'], 'Size'],
    ['size', ['Size', 'LogicalIDs'], 'Size'],
    ['LogicalIds', ['Size', 'LogicalIDs'], 'LogicalIDs'],
    ['Instnace', ['Allocation', 'Instance', 'Flavor'], 'Instance'],
    ['Flavour', ['Allocation', 'Instance', 'Flavor'], 'Flavor'],
    ['Replicas', ['Size', 'LogicalIDs'], undefined],
    ['Id', ['ID', 'Properties'], 'ID'],
    ['X', ['ID', 'Properties'], undefined],
    ['x'.repeat(10_000), ['ID', 'Properties'], undefined],
  ])('suggests for %s', (word, known, expected) => {
    expect(didYouMean(word, known)).toBe(expected);
  });
});
