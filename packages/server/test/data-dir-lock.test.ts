import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../src/db/data-dir-lock.js';

describe('PGlite data directory lock', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'qf-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('holds the directory: a second open is refused with the holder named, until released', () => {
    const d = dir();
    const release = lockDataDir(d);
    expect(readFileSync(join(d, 'qingfeng.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(d)).toThrow(`正由进程 ${process.pid} 使用`);
    release();
    const again = lockDataDir(d);
    again();
  });

  it('takes over a lock left by a dead process', () => {
    const d = dir();
    writeFileSync(join(d, 'qingfeng.lock'), '999999999');
    const release = lockDataDir(d);
    expect(readFileSync(join(d, 'qingfeng.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
