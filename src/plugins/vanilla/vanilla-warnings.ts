import type { ValidationWarning } from '../spi.js';
import { fieldKey, VANILLA_FIELDS } from './vanilla-properties.js';

/** The 2016 form's allocation, which tend itself reads from the flavor's properties, spelled exactly so (docs/specs.md: Group specs). */
const SIZE = 'Size';
const EXPECTED: readonly string[] = [...VANILLA_FIELDS, SIZE];

/**
 * What vanilla leaves unread in its properties, one warning per top-level key: a key it does not know
 * (so that a typo such as `Inits` is noticed, where InfraKit said nothing), and a second spelling of
 * a field it reads another spelling of (`init` beside `Init`). Keys are compared as strings only, so
 * `__proto__` or `constructor` are unknown keys like any other.
 */
export function vanillaWarnings(properties: Record<string, unknown>): ValidationWarning[] {
  const read = new Set<string>();
  for (const name of VANILLA_FIELDS) {
    const key = fieldKey(properties, name);
    if (key !== undefined) read.add(key);
  }
  if (Object.hasOwn(properties, SIZE)) read.add(SIZE);
  const warnings: ValidationWarning[] = [];
  for (const key of Object.keys(properties)) {
    if (read.has(key)) continue;
    const name = VANILLA_FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
    const used = name === undefined ? undefined : fieldKey(properties, name);
    if (used !== undefined) warnings.push({ key, message: `ignored, as ${JSON.stringify(used)} is given too` });
    else warnings.push({ key, message: 'unknown key, ignored', expected: EXPECTED });
  }
  return warnings;
}
