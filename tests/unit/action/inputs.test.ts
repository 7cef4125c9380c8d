import { readInputs } from '../../../src/action/inputs.js';
import { thrown } from '../../helpers/thrown.js';

const inputs = (given: Record<string, string>) => () => readInputs((name) => given[name] ?? '');

describe('the action inputs', () => {
  it('leaves what is not given to the runner config', () => {
    expect(inputs({ command: 'drift', 'github-token': 't' })()).toEqual({
      command: 'drift',
      specs: undefined,
      config: undefined,
      githubToken: 't',
      maxDestroy: undefined,
      maxDestroyPercent: undefined,
      prune: undefined,
      shard: null,
      report: 'github',
      statusContext: undefined,
    });
  });

  it('reads every value strictly', () => {
    const read = inputs({
      command: 'apply',
      'max-destroy': '0',
      'max-destroy-percent': '12.5',
      prune: 'true',
      shard: '2/4',
      report: 'none',
      'status-context': 'tend/prod',
    })();

    expect(read).toMatchObject({
      maxDestroy: 0,
      maxDestroyPercent: 12.5,
      prune: true,
      shard: { index: 2, count: 4 },
      report: 'none',
      statusContext: 'tend/prod',
    });
  });

  it.each([
    [{}, 'input command is required'],
    [{ command: 'plan', 'max-destroy': '-1' }, 'input max-destroy is "-1"'],
    [{ command: 'plan', 'max-destroy-percent': '101' }, 'input max-destroy-percent is "101"'],
    [{ command: 'plan', prune: 'yes' }, 'input prune is "yes": expected true or false'],
    [{ command: 'plan', shard: '0/2' }, 'input shard is "0/2"'],
    [{ command: 'plan', report: 'slack' }, 'input report is "slack": expected one of github, none'],
  ])('refuses %j, naming the input', (given, message) => {
    const err = thrown(inputs(given));

    expect(err).toMatchObject({ code: 'USAGE' });
    expect(err.message).toContain(message);
  });
});
