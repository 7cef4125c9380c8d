import { blockedWords } from '../../src/report/github/status-words.js';

describe('blockedWords', () => {
  it.each([
    [{ reason: 'destroy budget', destroy: 12, budget: 5 }, 'blocked: would destroy 12, budget 5'],
    [{ reason: 'destroy budget', destroy: 6, budget: 5, group: 'web' }, 'blocked: would destroy 6 in web, budget 5'],
    [{ reason: 'destroy budget', destroy: 7, budget: 4, managed: 8 }, 'blocked: would destroy 7 of 8, budget 4'],
  ])('says %j as %s', (blocked, words) => {
    expect(blockedWords(blocked)).toBe(words);
  });
});
