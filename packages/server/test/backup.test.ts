import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { idNumberCheckChar } from '@qingfeng/core';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit.recorder.js';
import { backupDatabase, type BackupSummary } from '../src/backup/backup.js';
import { BackupError } from '../src/backup/backup.format.js';
import { restoreDatabase } from '../src/backup/restore.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate, migrationFiles } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { AppError } from '../src/http/errors.js';
import { blankDatabase, createTestApp, ENGINE, freshDatabase, login, type TestApp } from './harness.js';

type Dump = Record<string, string[]>;

/**
 * Every row of every table as PostgreSQL's own text form of the row (all columns, microseconds,
 * exact jsonb), sorted: independent of the code under test. schema_migrations is compared by name
 * (applied_at records when each database was migrated).
 */
async function dump(db: Kysely<DB>): Promise<Dump> {
  const tables = await sql<{ name: string }>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
  const out: Dump = {};
  for (const { name } of tables.rows) {
    const rows =
      name === 'schema_migrations'
        ? await sql<{ r: string }>`SELECT name AS r FROM schema_migrations`.execute(db)
        : await sql<{ r: string }>`SELECT t::text AS r FROM ${sql.table(name)} AS t`.execute(db);
    out[name] = rows.rows.map((x) => x.r).sort();
  }
  return out;
}

const withoutSessions = (d: Dump) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'sessions'));


/** Rewrites a backup file line by line (to make damaged, newer or older backups). */
function rewrite(from: string, to: string, edit: (lines: unknown[]) => unknown[]) {
  const lines = gunzipSync(readFileSync(from)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
  writeFileSync(to, gzipSync(edit(lines).map((l) => JSON.stringify(l)).join('\n') + '\n'));
}

/**
 * A table of the types the application does not use yet (jsonb numbers and JSON null, bytea,
 * numeric, int8, floats, infinities, BC dates, intervals, nested and text arrays, json, a
 * generated column, an ALWAYS identity, a reference to a later row of the same table), so the
 * generic paths are checked too. Created in the source and in every target.
 */
async function addTypesTable(db: Kysely<DB>, withRows: boolean) {
  await sql.raw(`CREATE TABLE backup_types (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id bigint REFERENCES backup_types (id),
    j jsonb, js json, b bytea, n numeric, f float8, big int8, ts timestamp, tstz timestamptz, d date,
    iv interval, u uuid, ints int[], grid int[][], texts text[], times timestamptz[], t text,
    t_length int GENERATED ALWAYS AS (length(t)) STORED)`).execute(db);
  if (!withRows) return;
  await sql.raw(String.raw`INSERT INTO backup_types (id, parent_id, j, js, b, n, f, big, ts, tstz, d, iv, u, ints, grid, texts, times, t)
    OVERRIDING SYSTEM VALUE VALUES
    (1, NULL, '{"a": 1.0, "big": 12345678901234567890, "s": "引号\"、反斜杠\\", "n": null, "e": 1e-7, "deep": [1.50, {"x": []}]}',
     '{"b":1,  "a":2, "b":3}', '\x00ff10', 3.14159265358979323846264338327950288, 1e-310, 9007199254740993,
     '2026-01-01 00:00:00.123456', '2026-01-01 00:00:00.123456+08', '0044-03-15 BC', '1 year 2 mons 3 days 04:05:06.789',
     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{1,NULL,3}', '{{1,2},{3,4}}', '{"a,b","c\"d",NULL,"NULL",""}',
     '{"2026-01-01 00:00:00.123456+00",NULL}', '第一行'),
    (2, 3, 'null', NULL, '\x', 'NaN', 'Infinity', -9223372036854775808, 'infinity', '-infinity', 'infinity',
     NULL, NULL, '{}', NULL, '{}', NULL, ''),
    (3, 1, '"null"', 'null', NULL, NULL, '-0', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`).execute(db);
}

/** A valid GB 11643 number not used by the demo district. */
const idNumber = () => `33010619850101123${idNumberCheckChar('33010619850101123')}`;

async function refusal(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a refusal');
}

describe(`backup and restore (${ENGINE})`, () => {
  let t: TestApp;
  let target: { database: Database; drop: () => Promise<void> };
  let dir: string;
  let file: string;
  let summary: BackupSummary;
  let source: Dump;
  let reservedPostId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qf-backup-test-'));
    file = join(dir, 'demo.qfbak');
    t = await createTestApp();
    const db = t.ctx.database.db;
    const center = await login(t, 'center');
    const root = (await db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;

    // Changes through the API, so that audit entries and a moved org exist.
    const org = await center.post('/api/v1/orgs', { parentId: root, name: '备份演练中心', kind: 'unit', code: 'BK-DRILL' });
    expect(org.status).toBe(201);
    // An older org moved under the new one: its parent now has a larger id than it has.
    const older = await db.selectFrom('orgs').select('id').where('kind', '=', 'unit').where('parent_id', '!=', root).orderBy('id').executeTakeFirstOrThrow();
    t.clock.advance(1000);
    expect((await center.post(`/api/v1/orgs/${older.id}/move`, { parentId: org.body.id })).status).toBe(200);
    const post = await center.post('/api/v1/posts', { orgId: org.body.id, name: '备份管理员', duties: '含"引号"、反斜杠 \\ 、换行\n和 emoji 🙂 的职责' });
    expect(post.status).toBe(201);
    const person = await center.post('/api/v1/people', { orgId: org.body.id, name: '备 份', idNumber: idNumber(), phone: '0571-8888 1234', postIds: [post.body.id] });
    expect(person.status).toBe(201);
    t.clock.advance(1000);
    expect((await center.patch(`/api/v1/people/${person.body.id}`, { talkClass: 'A' })).status).toBe(200);
    expect((await center.get(`/api/v1/people/${person.body.id}`)).status).toBe(200); // an audited read
    expect((await center.patch(`/api/v1/posts/${post.body.id}`, { name: '备份与恢复管理员', isLeadership: true })).status).toBe(200);
    expect((await center.patch(`/api/v1/orgs/${org.body.id}`, { shortName: '演练中心' })).status).toBe(200);
    // Values the API does not produce: microseconds, an int[] scope, a sequence value past max(id).
    await sql`UPDATE users SET last_login_at = '2026-11-23 09:00:00.123456+08' WHERE username = 'center'`.execute(db);
    const scoped = await sql`UPDATE user_roles SET scope_org_ids = ARRAY[${root}, ${org.body.id}]::int[] WHERE user_id = (SELECT id FROM users WHERE username = 'paizhu1')`.execute(db);
    expect(scoped.numAffectedRows).toBe(1n);
    reservedPostId = (await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('posts', 'id'))::int AS id`.execute(db)).rows[0]!.id;

    await addTypesTable(db, true);

    source = await dump(db);
    summary = await backupDatabase(t.ctx.database, file, { now: t.clock.now(), batchRows: 7 });
    target = await freshDatabase();
    await addTypesTable(target.database.db, false);
    await restoreDatabase(target.database, file, { batchRows: 5 });
  });

  afterAll(async () => {
    await t?.close();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every table except sessions, parents first', async () => {
    const names = summary.tables.map((x) => x.name);
    // Every application table, read from the catalogue (a feature's new table is covered too).
    expect([...names].sort()).toEqual(Object.keys(source).filter((n) => n !== 'sessions' && n !== 'schema_migrations').sort());
    expect(names.slice(0, 9)).toEqual(['orgs', 'org_supervisions', 'people', 'posts', 'post_assignments', 'roles', 'users', 'user_roles', 'audit_entries']);
    // Parents first: every foreign key points to a table written earlier (or to the same table).
    const { rows: fks } = await sql<{ child: string; parent: string }>`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`.execute(t.ctx.database.db);
    for (const fk of fks.filter((f) => f.child !== 'sessions' && f.child !== f.parent)) {
      expect(names.indexOf(fk.parent), `${fk.child} → ${fk.parent}`).toBeLessThan(names.indexOf(fk.child));
    }
    expect(summary.skipped).toEqual(['sessions']);
    for (const x of summary.tables) expect(x.rows, x.name).toBe(source[x.name]!.length);
  });

  it('restores every row of every table, column for column', async () => {
    const restored = await dump(target.database.db);
    expect(restored.sessions).toEqual([]);
    expect(source.sessions!.length).toBeGreaterThan(0);
    expect(withoutSessions(restored)).toEqual(withoutSessions(source));
    expect(restored.users!.some((r) => r.includes('09:00:00.123456+08'))).toBe(true);
  });

  it('rebuilds the counts kept by trigger (schema derived, left out of the file) as the rows load', async () => {
    const derived = async (db: Kysely<DB>) => {
      const out: Record<string, string[]> = {};
      // Every table of the schema, so that a new count is covered without being listed here; but not
      // the counts of changes (0510), which only ever grow and need only be there.
      const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'derived' AND table_name <> 'versions' ORDER BY 1`.execute(db);
      for (const table of tables.rows.map((r) => r.name)) {
        // A key counted down to zero keeps its row in the source; only the counts matter (a table
        // without counts, the characters of names, compares whole).
        const { rows } = await sql<{ r: string }>`SELECT t::text AS r FROM ${sql.table(`derived.${table}`)} AS t WHERE to_jsonb(t) ->> 'n' IS DISTINCT FROM '0'`.execute(db);
        out[table] = rows.map((x) => x.r).sort();
      }
      return out;
    };
    const before = await derived(t.ctx.database.db);
    expect(Object.keys(before)).toEqual(['people_name_chars', 'people_tallies', 'people_totals', 'risk_point_branch_tallies', 'risk_point_org_tallies', 'risk_point_tallies']);
    expect(before.people_name_chars!.length).toBeGreaterThan(before.people_tallies!.length);
    expect(before.people_tallies!.length).toBeGreaterThan(10);
    expect(before.people_totals!.length).toBeGreaterThanOrEqual(3);
    expect(before.risk_point_tallies!.length).toBeGreaterThan(0);
    expect(await derived(target.database.db)).toEqual(before);
    const versions = await sql<{ name: string }>`SELECT name FROM derived.versions WHERE n > 0`.execute(target.database.db);
    expect(versions.rows.map((r) => r.name)).toEqual(['orgs']);
  });

  it('keeps the audit chain intact', async () => {
    const verdict = await verifyAuditChain(target.database.db);
    expect(verdict).toMatchObject({ ok: true, checked: source.audit_entries!.length });
    expect(source.audit_entries!.length).toBeGreaterThanOrEqual(5);
  });

  it('sets sequences past the restored ids and past ids handed out before the backup', async () => {
    const db = target.database.db;
    const maxOrg = (await db.selectFrom('orgs').select(sql<number>`max(id)`.as('m')).executeTakeFirstOrThrow()).m;
    const root = (await db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
    const { id } = await db
      .insertInto('orgs')
      .values({ parent_id: root, path: 'restore-check.', depth: 2, name: '序列检查', kind: 'unit', code: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(id).toBe(maxOrg + 1);
    const post = await db.insertInto('posts').values({ org_id: id, name: '序列检查' }).returning('id').executeTakeFirstOrThrow();
    expect(post.id).toBe(reservedPostId + 1);
  });

  it('refuses to restore into a database that holds data, and changes nothing', async () => {
    for (const database of [target.database, t.ctx.database]) {
      const before = await dump(database.db);
      const err = await refusal(restoreDatabase(database, file));
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('backup.not_empty');
      expect(err.message).toMatch(/^目标数据库不为空（.*orgs \d+ 行/);
      expect(await dump(database.db)).toEqual(before);
    }
  });

  it('refuses a backup with migrations this code does not know, a damaged file and a missing file', async () => {
    const newer = join(dir, 'newer.qfbak');
    rewrite(file, newer, (lines) => {
      (lines[0] as { migrations: string[] }).migrations.push('9999_future.sql');
      return lines;
    });
    const err = await refusal(restoreDatabase(target.database, newer));
    expect(err).toBeInstanceOf(BackupError);
    expect(err.message).toContain('9999_future.sql');

    const cut = join(dir, 'cut.qfbak');
    rewrite(file, cut, (lines) => lines.slice(0, -1));
    const fresh = await freshDatabase();
    try {
      await addTypesTable(fresh.database.db, false);
      const before = await dump(fresh.database.db);
      const damaged = await refusal(restoreDatabase(fresh.database, cut));
      expect(damaged).toBeInstanceOf(BackupError);
      expect(damaged.message).toMatch(/不完整|结束标记/);
      expect(await dump(fresh.database.db)).toEqual(before);
    } finally {
      await fresh.drop();
    }
    expect((await refusal(restoreDatabase(target.database, join(dir, 'nothing-here.qfbak')))).message).toMatch(/^备份文件不存在/);
  });

  it('restores an older backup into a blank database up to its migrations; newer migrations then apply', async () => {
    const [first, ...later] = migrationFiles();
    expect(first).toBe('0001_foundation.sql');
    // A real backup taken at 0001: the schema of that day, an org, and no built-in roles yet.
    const old = await blankDatabase(3);
    const older = join(dir, 'older.qfbak');
    try {
      expect(await migrate(old.database, { upTo: [first!] })).toEqual([first]);
      await old.database.db.insertInto('orgs').values({ id: 1, parent_id: null, path: '1.', depth: 0, name: '旧区纪委', kind: 'commission' }).execute();
      await backupDatabase(old.database, older, { now: new Date() });
    } finally {
      await old.drop();
    }
    const blank = await blankDatabase(3);
    try {
      const r = await restoreDatabase(blank.database, older);
      expect(r.migrationsApplied).toEqual([first]);
      expect((await dump(blank.database.db)).schema_migrations).toEqual([first]);
      expect(await migrate(blank.database)).toEqual(later);
      const restored = await dump(blank.database.db);
      expect(restored.orgs!).toHaveLength(1);
      expect(restored.orgs![0]).toMatch(/^\(1,,1\.,0,旧区纪委,/);
      expect(restored.roles!.length).toBe(9); // the eight of 0002 and the liaison of 0201
    } finally {
      await blank.drop();
    }
  });

  it.runIf(ENGINE === 'postgres')('restores across engines: PostgreSQL → PGlite → PostgreSQL', async () => {
    const lite = await openDatabase({ dataDir: null });
    const back = await freshDatabase();
    try {
      await migrate(lite);
      await addTypesTable(lite.db, false);
      await addTypesTable(back.database.db, false);
      await restoreDatabase(lite, file);
      expect(withoutSessions(await dump(lite.db))).toEqual(withoutSessions(source));
      expect((await verifyAuditChain(lite.db)).ok).toBe(true);
      const again = join(dir, 'from-pglite.qfbak');
      await backupDatabase(lite, again, { now: new Date() });
      await restoreDatabase(back.database, again);
      expect(withoutSessions(await dump(back.database.db))).toEqual(withoutSessions(source));
      expect((await verifyAuditChain(back.database.db)).ok).toBe(true);
    } finally {
      await lite.close();
      await back.drop();
    }
  });
});
