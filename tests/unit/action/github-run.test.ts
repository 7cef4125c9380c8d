import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readGithubRun } from '../../../src/action/github-run.js';
import type { Logger } from '../../../src/log.js';
import { makeTempDir } from '../../helpers/make-git-repo.js';
import { pullRequestEvent, pushEvent } from '../../helpers/github-events.js';

const HEAD = 'a'.repeat(40);
const MERGE = 'b'.repeat(40);

describe('the workflow run the action is a step of', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const warnings: string[] = [];
  const log: Logger = { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined, problem: () => undefined };
  const env = (name: string, payload: unknown): NodeJS.ProcessEnv => {
    const file = path.join(temp.dir, 'event.json');
    writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
    return { GITHUB_REPOSITORY: 'acme/fleet', GITHUB_SHA: MERGE, GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, GITHUB_RUN_ID: '9' };
  };

  beforeEach(() => {
    temp = makeTempDir('tend-event-');
    warnings.length = 0;
  });

  afterEach(() => temp.cleanup());

  it("reports on a pull request's head, not on the merge commit it checks", () => {
    const run = readGithubRun(env('pull_request', pullRequestEvent({ number: 7, headSha: HEAD, baseSha: MERGE, base: 'acme/fleet' })), log);

    expect(run).toMatchObject({ sha: MERGE, commit: HEAD, pullRequest: { number: 7, headSha: HEAD, fork: false } });
    expect(run.runUrl).toBe('https://github.com/acme/fleet/actions/runs/9');
    expect(run.apiUrl).toBe('https://api.github.com');
  });

  it('tells a pull request from a fork', () => {
    const payload = pullRequestEvent({ number: 8, headSha: HEAD, baseSha: MERGE, base: 'acme/fleet', head: 'someone/fleet' });

    expect(readGithubRun(env('pull_request', payload), log).pullRequest?.fork).toBe(true);
  });

  it('reports on the pushed commit for a push', () => {
    const run = readGithubRun(env('push', pushEvent({ before: MERGE, after: HEAD, repository: 'acme/fleet' })), log);

    expect(run).toMatchObject({ event: 'push', commit: HEAD, pullRequest: null });
  });

  it.each([
    ['not JSON', '{"pull_request": '],
    ['JSON of another shape', { pull_request: { number: '7', head: 'x' } }],
  ])('falls back to GITHUB_SHA for a payload that is %s', (_, payload) => {
    const run = readGithubRun(env('pull_request', payload), log);

    expect(run).toMatchObject({ commit: MERGE, pullRequest: null });
  });

  it('warns when the payload cannot be read', () => {
    readGithubRun(env('push', '{'), log);

    expect(warnings).toEqual([expect.stringContaining('cannot read the event payload')]);
  });
});
