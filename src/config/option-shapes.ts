import type { OptionValue, ParsedValue, RawValue } from './option-types.js';
import type { Option } from './options.js';

// The types the table implies, so that a key, a flag or an input added to it is typed where it is used.

type Keyed = Extract<Option, { key: string }>;
type TopKey<E> = E extends { key: infer K extends string } ? (K extends `${string}.${string}` ? never : K) : never;
type SectionOf<E> = E extends { key: `${infer S}.${string}` } ? S : never;
type InSection<E, S extends string> = E extends { key: `${S}.${infer K}` } ? K : never;
type Flat<T> = { [K in keyof T]: T[K] };

/** tend.config.yaml as written, once it matches the schema. */
export type RawConfig = Flat<
  { [E in Keyed as TopKey<E>]?: RawValue<E['value']> } & {
    [S in SectionOf<Keyed>]?: { [E in Keyed as InSection<E, S>]?: RawValue<E['value']> };
  }
>;

/** The sections of the config file (`reconcile`, `github`, …). */
export type ConfigSection = SectionOf<Keyed>;

/** A key's name once resolved: a duration is kept in milliseconds, `interval` as `intervalMs`. */
export type ResolvedName<E, K extends string> = E extends { value: { kind: 'duration' } } ? `${K}Ms` : K;
/** A key's value once resolved: a key without a default is null when not given. */
type ResolvedValue<E extends Keyed> = E extends { default: unknown } ? ParsedValue<E['value']> : ParsedValue<E['value']> | null;

/** A section of the runner config after defaults and the driver's values. */
export type ResolvedSection<S extends ConfigSection> = Flat<{
  [E in Keyed as ResolvedName<E, InSection<E, S>>]: ResolvedValue<E>;
}>;

/** The values a driver was told, by option name (the CLI's flags, the Action's inputs): they win over the config's keys. */
export type ConfigOverrides = {
  [E in Extract<Keyed, { flag: object } | { input: object }> as E extends { overrides: false } ? never : E['name']]?: ParsedValue<
    E['value']
  >;
};

type Flagged = Extract<Option, { flag: object }>;
/** The CLI's flags as commander gives them: each by its option's name, absent when not given. */
export type FlagValues = { [E in Flagged as E['name']]?: ParsedValue<E['value']> };

type Input = Extract<Option, { input: object }>;
type InputValueOf<E extends Input> = E['input'] extends { value: infer V extends OptionValue } ? V : E['value'];
/** The Action's inputs as read: each by its option's name, absent when not given. */
export type InputValues = { [E in Input as E['name']]?: ParsedValue<InputValueOf<E>> };

/** A section's key as the resolved config names it (ResolvedName). */
export function resolvedName(kind: OptionValue['kind'], key: string): string {
  return kind === 'duration' ? `${key}Ms` : key;
}
