#!/usr/bin/env node
// `npm start`: build the web app and bundle the server when either is missing or older than its
// sources, then serve.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, freshBundle, newestMtime } from '../packages/server/bin/bundle.mjs';
import { SERVER_NODE_FLAGS } from '../packages/server/bin/node-flags.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'packages/web');
const bundle = join(web, 'dist/index.html');

const sources = [join(web, 'src'), join(root, 'packages/core/src')].filter(existsSync);
const stale = !existsSync(bundle) || sources.some((d) => newestMtime(d) > statSync(bundle).mtimeMs);
if (stale) {
  console.log('正在构建前端（首次启动或源码已更新）…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@qingfeng/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!freshBundle()) await buildBundle();

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(root, 'packages/server/bin/qingfeng.mjs'), 'serve'], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
