#!/usr/bin/env node
// `npm start`: build the web app when its bundle is missing or older than its sources, then serve.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'packages/web');
const bundle = join(web, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [join(web, 'src'), join(root, 'packages/core/src')].filter(existsSync);
const stale = !existsSync(bundle) || sources.some((d) => newestMtime(d) > statSync(bundle).mtimeMs);
if (stale) {
  console.log('正在构建前端（首次启动或源码已更新）…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@qingfeng/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = spawn(process.execPath, [join(root, 'packages/server/bin/qingfeng.mjs'), 'serve'], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
