import { join, resolve } from 'node:path';

/**
 * Where scripts/preview/build.ts writes the components for the browser and the server reads
 * them; apart from the build so that the server does not load the compilers.
 */
export const PREVIEW_DIR = join(resolve(__dirname, '../..'), '.preview');
