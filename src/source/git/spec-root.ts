import path from 'node:path';
import { TendError } from '../../errors.js';

/** The spec path as a path inside the repository: no leading `./` or trailing `/`; '' for the whole repository. */
export function specRoot(given: string): string {
  const normal = path.posix.normalize(given.trim()).replace(/\/+$/, '');
  if (normal === '.' || normal === '') return '';
  if (path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) {
    throw new TendError('SPECS_NOT_FOUND', `spec path "${given}" is outside the repository: give a folder inside it, such as specs`);
  }
  return normal;
}
