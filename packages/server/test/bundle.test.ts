import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, freshBundle } from '../bin/bundle.mjs';
import { migrationFiles } from '../src/db/migrate.js';

// The bundled server that `npm start` runs (bin/bundle.mjs): made from the sources, run only while
// it is newer than all of them, and working on its own (migrations found, npm packages imported).
describe('the bundled server', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'qf-bundle-'));
  // One folder below the package, like dist/: the paths to migrations/ and web/dist/ hold.
  const outDir = fileURLToPath(new URL(`../.bundle-test-${process.pid}/`, import.meta.url));
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('is fresh only while it is newer than every source file, in any folder', () => {
    const src = join(scratch, 'src');
    mkdirSync(join(src, 'deep'), { recursive: true });
    const bundle = join(scratch, 'cli.js');
    const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
    writeFileSync(join(src, 'deep/a.ts'), '');
    at(join(src, 'deep/a.ts'), 1_000);
    at(join(src, 'deep'), 1_000);
    at(src, 1_000);
    expect(freshBundle(bundle, [src])).toBeNull(); // not made yet
    writeFileSync(bundle, '');
    at(bundle, 2_000);
    expect(freshBundle(bundle, [src])).toBe(`file://${bundle}`);
    at(join(src, 'deep/a.ts'), 3_000);
    expect(freshBundle(bundle, [src])).toBeNull();
  });

  it('migrates an empty embedded database and creates an administrator on its own, importing its npm packages as installed', { timeout: 120_000 }, async () => {
    const outfile = join(outDir, 'cli.js');
    await buildBundle(outfile);
    const code = readFileSync(outfile, 'utf8');
    expect(code).toMatch(/from "fastify"/);
    expect(code).not.toMatch(/from "@qingfeng\/core"/);
    // As bin/qingfeng.mjs runs it, without tsx.
    const cli = (...args: string[]) => {
      const runner = `const { runCli } = await import(${JSON.stringify(`file://${outfile}`)}); await runCli(${JSON.stringify(['node', 'qingfeng', ...args])});`;
      const env = { ...process.env, DATABASE_URL: '', DATA_DIR: join(scratch, 'data'), QF_DEMO: '0', QF_ADMIN_PASSWORD: 'Bundle@Test2026' };
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', runner], { env, encoding: 'utf8', timeout: 50_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return run.stdout;
    };
    // The first run names the migrations it applied (every one, in order); the next has none left.
    expect(cli('migrate')).toBe(`已应用：${migrationFiles().join(', ')}\n`);
    expect(cli('migrate')).toBe('数据库已是最新\n');
    expect(cli('create-admin')).toContain('已创建管理员 admin');
  });
});
