import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BackupError } from './backup.format.js';

/**
 * Refuses to open a PGlite data directory that a server may have open. PGlite takes no lock: a
 * second process opening the directory runs its own PostgreSQL on the same files, and on closing
 * writes a shutdown checkpoint under the running server (tried: `backup` beside a running
 * `serve` opened the directory without complaint). PGlite's postmaster.pid exists while the
 * directory is open and is removed on a clean close; after a crash it stays behind, and starting
 * and stopping the server once removes it.
 */
export function assertDataDirIdle(dataDir: string) {
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    throw new BackupError(
      `数据目录 ${dataDir} 正在使用中（存在 postmaster.pid）：PGlite 数据目录同一时间只能由一个进程打开。` +
        '请先停止服务再执行；若服务曾异常退出，请先启动并正常停止一次服务。',
    );
  }
}
