import type { OptionTopic, OptionValue, TendOption } from './option-types.js';
import { options } from './options.js';

// docs/options.md, as `npm run docs:options` writes it (scripts/options-doc.mjs) and a test checks it.

const TOPICS: Record<OptionTopic, string> = {
  run: 'How a run starts',
  source: 'Specs, state and plugins',
  reconcile: 'Changes and their safety',
  report: 'Reports to GitHub',
  watch: 'The watcher',
};

/** What a value of each kind is written as, in words. */
function valueWords(value: OptionValue): string {
  switch (value.kind) {
    case 'whole':
      return `a whole number ≥ ${value.min}${value.max === undefined ? '' : `, at most ${value.max}`}`;
    case 'percent':
      return 'a percentage from 0 to 100, decimals allowed';
    case 'duration':
      return 'a duration: `500ms`, `30s`, `2m`, `1h`, or a number of seconds';
    case 'boolean':
      return '`true` or `false` (a flag: given or not)';
    case 'choice':
      return `one of ${value.choices.map((c) => `\`${c}\``).join(', ')}`;
    case 'shard':
      return '`K/N`, 1 ≤ K ≤ N';
    case 'report-kinds':
      return '`console`, `github`: comma-separated, or the flag repeated';
    case 'plugins':
      return 'plugin names, each with its `type` and settings (docs/operations.md: Runner config)';
    case 'text':
      return TEXT_WORDS[value.format];
  }
}

const TEXT_WORDS = {
  any: 'text',
  path: 'a path',
  'github-repo': '`owner/name`',
  'status-context': 'a context such as `tend` or `tend/prod`',
  'http-url': 'an `http://` or `https://` URL',
  'listen-address': 'an IP address or a host name',
  cron: 'a cron expression (5 fields, or 6 with seconds), or `off`',
} as const;

function title(option: TendOption): string {
  return option.key ?? option.flag?.name.split(' ')[0] ?? option.input?.name ?? option.name;
}

function defaultLine(option: TendOption): string | null {
  const value = option.default === undefined ? null : `\`${String(option.default)}\``;
  if (value === null && option.defaultText === undefined) return null;
  return [value, option.defaultText].filter((part) => part !== null && part !== undefined).join(': ');
}

function optionSection(option: TendOption): string[] {
  const { flag, input } = option;
  const commands = flag === undefined ? '' : flag.commands === 'global' ? 'every command' : flag.commands.join(', ');
  const inputValue = input?.value === undefined ? '' : ` (${valueWords(input.value)})`;
  const inputDefault = input?.default === undefined ? '' : `, default \`${input.default}\``;
  const lines = [
    `- Value: ${valueWords(option.value)}`,
    defaultLine(option) === null ? null : `- Default: ${defaultLine(option)}`,
    option.key === undefined ? null : `- Config: \`${option.key}\``,
    flag === undefined ? null : `- Flag: \`${flag.name}\` (${commands})`,
    input === undefined ? null : `- Action input: \`${input.name}\`${inputValue}${input.required ? ', required' : inputDefault}`,
    option.env === undefined ? null : `- Environment: \`${option.env}\`, when neither a flag nor the config says`,
  ];
  const words = [`${option.help.charAt(0).toUpperCase()}${option.help.slice(1)}.`, option.docs].filter((w) => w !== undefined);
  return [`### \`${title(option)}\``, '', words.join(' '), '', ...lines.filter((l) => l !== null), ''];
}

const INTRO = [
  '# Options',
  '',
  'Every option of a tend run, and each place it can be set: a key of the runner config',
  '(`tend.config.yaml`, or `--config FILE`), a flag of the CLI, an input of the GitHub Action',
  '(`actions/tend`). A flag or an input wins over the config file, which wins over the default. A',
  "relative path is read from the config file's folder in the config, and from the working directory",
  'on the command line.',
  'This page is written from `src/config/options.ts` by `npm run docs:options`.',
  '',
];

const ADDING = [
  '## Adding an option',
  '',
  'An option is one entry in the table of `src/config/options.ts` (in `options-run.ts`,',
  '`options-reconcile.ts` or `options-report.ts`): its name, its config key, its value, its default',
  'and its words, with a `flag` (the commands that take it) and an `input` where it has them. The',
  "config's schema and type, the resolved `RunnerConfig`, the CLI's flags and their help, the",
  "Action's inputs and this page follow from it: use the value where it matters (`config.reconcile.…`,",
  'or the flags and inputs by its name), add the input to `actions/tend/action.yml` with the',
  'description a test asks for, and run `npm run docs:options`.',
  '',
];

/** docs/options.md: every option by topic, then how to add one. */
export function optionsDoc(): string {
  const all = options as readonly TendOption[];
  const topics = Object.entries(TOPICS).flatMap(([topic, heading]) => [
    `## ${heading}`,
    '',
    ...all.filter((o) => o.topic === topic).flatMap(optionSection),
  ]);
  return [...INTRO, ...topics, ...ADDING].join('\n');
}
