import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'qingfeng.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The data directory is held by another living process (or could not be locked at all): the
 * operator's to resolve, so the CLI prints its message as one line, without a stack trace.
 */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    /** The process holding the directory, when one is named by its lock file. */
    readonly holderPid: number | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * PGlite takes no lock of its own: a second process opening the same data directory runs a second
 * PostgreSQL on the same files and corrupts them (seen: `backup` beside a running `serve`). So each
 * process that opens a data directory holds this pid file; a file left by a dead process is taken
 * over. Returns the release function; throws DataDirLockedError while another process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new DataDirLockedError(dataDir, pid, `数据目录 ${dataDir} 正由进程 ${pid} 使用：PGlite 数据目录同一时间只能由一个进程打开，请先停止该进程（如正在运行的服务）。`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, null, `无法锁定数据目录 ${dataDir}`);
}
