// The server as one JavaScript file (dist/cli.js), bundled by esbuild from src/ and @qingfeng/core;
// every npm dependency stays an import. Running it instead of the TypeScript through tsx spares the
// loader's worker thread and its caches: 143–146 MB resident at start instead of 194–197 MB (the
// demo district on PostgreSQL, README · Performance). `npm start` and `npm run build` make it;
// bin/qingfeng.mjs runs it only while it is newer than every source it was made from.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const server = fileURLToPath(new URL('..', import.meta.url));
const core = join(server, '../core');
export const BUNDLE = join(server, 'dist/cli.js');

/** The newest modification time of a file or of anything in a folder, in ms. */
export function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const SOURCES = [join(server, 'src'), join(server, 'package.json'), join(core, 'src'), join(core, 'package.json')];

/** The bundle's URL when it is newer than the sources (both packages' src and manifests), else null. */
export function freshBundle(bundle = BUNDLE, sources = SOURCES) {
  if (!existsSync(bundle)) return null;
  const made = statSync(bundle).mtimeMs;
  return sources.every((s) => newestMtime(s) < made) ? pathToFileURL(bundle).href : null;
}

/** Bundles the server into `outfile`, which must lie one folder below the package, as dist/ does. */
export async function buildBundle(outfile = BUNDLE) {
  const { build } = await import('esbuild');
  const { dependencies } = JSON.parse(readFileSync(join(server, 'package.json'), 'utf8'));
  await build({
    entryPoints: [join(server, 'src/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The workspace's own core is compiled in; everything from npm is loaded as installed.
    external: Object.keys(dependencies).filter((d) => d !== '@qingfeng/core'),
    // Bundled CommonJS helpers of core's dependencies may call require().
    banner: { js: "import { createRequire as qfCreateRequire } from 'node:module'; const require = qfCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBundle();
  console.log(`已打包服务端：${BUNDLE}`);
}
