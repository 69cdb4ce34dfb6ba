// Where the project is: every script and test that needs a path of the repository starts here.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (this file is scripts/lib/paths.mjs). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
