import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '@qingfeng/core';
import { verifyAuditChain } from '../src/audit/audit.recorder.js';
import { lockDataDir } from '../src/db/data-dir-lock.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { ENGINE } from './harness.js';

// The commands of `qingfeng` (src/cli.ts) as an operator runs them: bin/qingfeng.mjs in its own
// process, on a PGlite data directory or a PostgreSQL database of its own. What the library
// functions behind them do is tested elsewhere (backup.test.ts, audit.test.ts); this is about what
// the operator sees: the message, one line, and the exit code.

const BIN = fileURLToPath(new URL('../bin/qingfeng.mjs', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A database the CLI is pointed at: its environment, and a way to look into it from the test. */
interface Target {
  env: Record<string, string>;
  open: () => Promise<Database>;
  drop: () => Promise<void>;
}

/** A refusal as the operator must see it: exit code 1, exactly one line on stderr, no stack trace. */
function expectRefusal(run: Run, message: string | RegExp) {
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr.endsWith('\n') && !run.stderr.slice(0, -1).includes('\n'), `one line: ${run.stderr}`).toBe(true);
  if (typeof message === 'string') expect(run.stderr).toBe(`${message}\n`);
  else expect(run.stderr).toMatch(message);
  expect(run.status).toBe(1);
}

const count = async (database: Database, table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db)).rows[0]!.n;

describe(`the qingfeng command (${ENGINE})`, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'qf-cli-'));
  // Named reporters of the demo clues are sealed with this key: no key file is written.
  const reporterKey = randomBytes(32).toString('base64');
  const databases: string[] = [];
  let seeded: Target; // the demo district, loaded by `seed-demo`
  let empty: Target; // where the backup is restored
  let auditEntries = 0; // in `seeded`, as seed-demo left it

  async function target(name: string): Promise<Target> {
    const dataDir = join(scratch, name);
    if (ENGINE === 'pglite') {
      return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir }), drop: async () => {} };
    }
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('QF_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
    const db = `qf_test_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    databases.push(db);
    const url = new URL(base);
    url.pathname = `/${db}`;
    return {
      // DATA_DIR still set: nothing of the run may land in the working tree's ./data.
      env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
      open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 1 }),
      drop: async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        await c.end();
      },
    };
  }

  /** Runs `qingfeng <args>` against `on`, as bin/qingfeng.mjs does for an operator. */
  function cli(on: Target, args: string[], env: Record<string, string> = {}): Run {
    const { QF_FAKE_NOW: _fake, QF_ADMIN_PASSWORD: _password, ...inherited } = process.env;
    const run = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...inherited, NODE_ENV: 'test', QF_DEMO: '0', QF_REPORTER_KEY: reporterKey, ...on.env, ...env },
      cwd: scratch,
      encoding: 'utf8',
      timeout: 100_000,
    });
    if (run.error) throw run.error;
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** Opens a target in this process for `fn` and closes it again (a PGlite directory takes one process at a time). */
  async function inside<T>(on: Target, fn: (database: Database) => Promise<T>): Promise<T> {
    const database = await on.open();
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    seeded = await target('seeded');
    empty = await target('empty');
  });
  afterAll(async () => {
    await seeded?.drop();
    await empty?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('seed-demo loads the demo district into an empty database, and refuses a second time in one line', { timeout: 120_000 }, async () => {
    const first = cli(seeded, ['seed-demo']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^已载入示范区。演示账户（密码 Demo@12345）：.*center/);
    const root = await inside(seeded, async (database) => {
      auditEntries = await count(database, 'audit_entries');
      return database.db.selectFrom('orgs').select(['name', 'parent_id']).where('code', '=', 'SFQ-JW').executeTakeFirst();
    });
    expect(root).toEqual({ name: '示范区纪委监委', parent_id: null });
    expect(auditEntries).toBeGreaterThan(0);

    expectRefusal(cli(seeded, ['seed-demo']), '数据库中已有组织或用户，示范区数据只能载入空数据库');
  });

  it('create-admin refuses a weak password in one line', () => {
    expectRefusal(cli(seeded, ['create-admin'], { QF_ADMIN_PASSWORD: 'short1' }), ERRORS['auth.password_weak'].message);
  });

  it('a bad setting is refused in one line before the database is opened', () => {
    expectRefusal(cli(seeded, ['migrate'], { PORT: 'abc' }), '配置项 PORT 应为非负整数，当前为 "abc"');
  });

  it.runIf(ENGINE === 'pglite')('a PGlite data directory another process holds is refused in one line, and left to its holder', async () => {
    // This test's process holds the directory, as a running `serve` would; the command is the second.
    const held = await target('held');
    const dataDir = held.env.DATA_DIR!;
    mkdirSync(dataDir, { recursive: true });
    const release = lockDataDir(dataDir);
    try {
      expectRefusal(
        cli(held, ['migrate']),
        `数据目录 ${dataDir} 正由进程 ${process.pid} 使用：PGlite 数据目录同一时间只能由一个进程打开，请先停止该进程（如正在运行的服务）。`,
      );
      expect(statSync(join(dataDir, 'qingfeng.lock')).isFile()).toBe(true);
    } finally {
      release();
    }
  });

  it.runIf(ENGINE === 'postgres')('a PostgreSQL database that does not exist is refused in one line', () => {
    const url = new URL(seeded.env.DATABASE_URL!);
    url.pathname = '/qf_test_cli_no_such_database';
    expectRefusal(cli(seeded, ['migrate'], { DATABASE_URL: url.toString() }), /^无法连接 PostgreSQL 数据库（DATABASE_URL，3D000）：.*qf_test_cli_no_such_database/);
  });

  it('audit-verify says an intact chain is intact, with exit code 0', () => {
    expect(cli(seeded, ['audit-verify'])).toEqual({ status: 0, stdout: `审计链完整：已校验 ${auditEntries} 条记录。\n`, stderr: '' });
  });

  const TABLES = ['orgs', 'people', 'users', 'user_roles', 'audit_entries', 'risk_points', 'clues', 'warnings', 'evaluation_results'];

  // Unlike the test template (harness.ts), seed-demo also loads the demo warnings and ratings: among
  // them warnings that demand an admonishment talk, which a trigger on warnings copies into talks
  // (migration 0501). Restoring them must bring back the backup's talks, not the trigger's.
  it('backup, then restore into an empty target, brings back every row and an intact audit chain', { timeout: 120_000 }, async () => {
    const file = join(scratch, 'demo.qfb');
    const backup = cli(seeded, ['backup', file]);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^已备份 \d+ 行（\d+ 个数据表）到 .*demo\.qfb/);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restore = cli(empty, ['restore', file]);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    const rows = Number(/^已恢复 (\d+) 行/.exec(restore.stdout)?.[1]);
    expect(rows).toBe(Number(/^已备份 (\d+) 行/.exec(backup.stdout)?.[1]));

    const counts = (database: Database) => Promise.all(TABLES.map(async (t) => [t, await count(database, t)] as const));
    const before = await inside(seeded, counts);
    const after = await inside(empty, async (database) => {
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
      return counts(database);
    });
    expect(after).toEqual(before);
    for (const [table, n] of before) if (table !== 'evaluation_results') expect(n, table).toBeGreaterThan(0);
  });

  it('restore refuses a target that is not empty, in one line', () => {
    expectRefusal(cli(seeded, ['restore', join(scratch, 'demo.qfb')]), /^目标数据库不为空（.*orgs \d+ 行.*），恢复只能写入空数据库：请使用新的数据目录或新建的数据库\n$/);
  });

  it('audit-verify names the first entry changed behind its back, with exit code 1', async () => {
    const { id, intact } = await inside(seeded, async (database) => {
      const ids = (await database.db.selectFrom('audit_entries').select('id').orderBy('id').execute()).map((r) => r.id);
      const victim = ids[Math.floor(ids.length / 2)]!;
      // The table is append-only: only an owner who switches the trigger off can do this.
      await sql.raw('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update').execute(database.db);
      await sql`UPDATE audit_entries SET summary = summary || '（已改）' WHERE id = ${victim}`.execute(database.db);
      await sql.raw('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update').execute(database.db);
      return { id: victim, intact: ids.indexOf(victim) };
    });
    const run = cli(seeded, ['audit-verify']);
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: `审计链断裂：第一条异常记录 #${id}（内容与哈希不符（记录被篡改））；此前 ${intact} 条完好。\n`,
    });
  });
});
