import { fileURLToPath } from 'node:url';

// Files that ship beside the code, located from this folder (src/). The bundled server
// (bin/bundle.mjs) lives in dist/, at the same depth, so the same relative paths serve both.
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
