import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

/**
 * A JSON Schema compiled to a validator that reports every error. Its own module, imported
 * statically, so that a bundle splitting ajv into a chunk of its own still sees its named export.
 */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  return new Ajv({ allErrors: true, discriminator: true, strict: false }).compile<T>(schema);
}
