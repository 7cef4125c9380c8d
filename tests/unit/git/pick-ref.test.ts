import { isRefName, parseLsRemote, pickHead, pickRef } from '../../../src/source/git/pick-ref.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);

const refs = parseLsRemote(
  [
    `ref: refs/heads/main\tHEAD`,
    `${A}\tHEAD`,
    `${A}\trefs/heads/main`,
    `${B}\trefs/tags/v1`,
    `${C}\trefs/tags/v1^{}`,
    `${D}\trefs/heads/both`,
    `${B}\trefs/tags/both`,
    '',
  ].join('\n'),
);

describe('picking a ref from ls-remote', () => {
  it.each([
    ['main', A, 'refs/heads/main'],
    ['refs/heads/main', A, 'refs/heads/main'],
    ['heads/main', A, 'refs/heads/main'],
    ['v1', C, 'refs/tags/v1'],
    ['refs/tags/v1', C, 'refs/tags/v1'],
    ['both', B, 'refs/tags/both'],
  ])('finds %s at %s (%s), annotated tags peeled, short names looked up as git does', (ref, sha, name) => {
    expect(pickRef(refs, ref)).toEqual({ sha, ref: name });
  });

  it('finds nothing for a name that is not there, nor for a part of one', () => {
    expect(pickRef(refs, 'mai')).toBeUndefined();
    expect(pickRef(refs, 'refs/heads/v1')).toBeUndefined();
  });

  it('finds the default branch through HEAD, and says HEAD when the server does not name its target', () => {
    expect(pickHead(refs)).toEqual({ sha: A, ref: 'refs/heads/main' });
    expect(pickHead(parseLsRemote(`${A}\tHEAD\n`))).toEqual({ sha: A, ref: 'HEAD' });
    expect(pickHead(parseLsRemote(''))).toBeUndefined();
  });

  it.each(['main', 'release/2024-01', 'v1.2.3', 'refs/tags/v1'])('takes %j as a ref name', (ref) => {
    expect(isRefName(ref)).toBe(true);
  });

  it.each(['', '-main', 'a..b', 'a b', 'main~1', 'main^', 'a:b', 'ma*in', 'x.lock', 'a//b', 'a/', '@', 'a@{1}', '/a'])(
    'refuses %j',
    (ref) => {
      expect(isRefName(ref)).toBe(false);
    },
  );
});
