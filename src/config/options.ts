import { parseDuration } from '../duration.js';
import type { TendOption } from './option-types.js';
import { reconcileOptions } from './options-reconcile.js';
import { reportOptions } from './options-report.js';
import { runOptions } from './options-run.js';

/**
 * Every runner option, once: its config key, value, default, flag, Action input and words. The
 * config's schema and type, its defaults, the CLI's flags, the Action's inputs and docs/options.md
 * are all read from here; adding an option is one entry in one of these lists, then its use.
 */
export const options = [...runOptions, ...reconcileOptions, ...reportOptions] as const;

export type Option = (typeof options)[number];
export type OptionName = Option['name'];
export type Named<N extends OptionName> = Extract<Option, { name: N }>;
type DefaultOf<N extends OptionName> = Named<N> extends { default: infer D } ? D : undefined;

/** The option called `name` (camelCase, as its flag's value is called). */
export function optionNamed<N extends OptionName>(name: N): Named<N> {
  return options.find((o) => o.name === name) as Named<N>;
}

/** The default of an option, as the table writes it (a duration as text: `30s`). */
export function defaultOf<N extends OptionName>(name: N): DefaultOf<N> {
  return (optionNamed(name) as TendOption).default as DefaultOf<N>;
}

/** The default of a duration option, in milliseconds. */
export function defaultMs(name: Extract<Option, { value: { kind: 'duration' }; default: string }>['name']): number {
  const ms = parseDuration(defaultOf(name));
  if (ms === null) throw new Error(`the default of ${name} is no duration`);
  return ms;
}

/** What an option comes to when not given, in words: `the config's reconcile.maxDestroy, else 10`; null when nothing is said. */
export function defaultWords(option: TendOption): string | null {
  const value = option.default === undefined ? undefined : String(option.default);
  const shown = value !== undefined && option.defaultText ? `${value}: ${option.defaultText}` : (value ?? option.defaultText);
  const parts = [option.key === undefined ? undefined : `the config's ${option.key}`, option.env, shown];
  const said = parts.filter((part): part is string => part !== undefined);
  return said.length === 0 ? null : said.join(', else ');
}

/** An option's words with what it comes to when not given: a flag's help, an input's description. */
export function withDefault(text: string, option: TendOption): string {
  const words = defaultWords(option);
  return words === null ? text : `${text} (default: ${words})`;
}

/** An Action input's description in action.yml: its words, and its default unless action.yml gives one. */
export function inputDescription(option: TendOption): string {
  const text = option.input?.help ?? option.help;
  const said = option.input?.default === undefined ? withDefault(text, option) : text;
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}.`;
}
