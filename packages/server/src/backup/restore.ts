import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { migrate, migrationFiles, migrationScript } from '../db/migrate.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';
import {
  appliedMigrations,
  MIGRATIONS_TABLE,
  qualified,
  quoteIdent,
  readCatalog,
  COPYING_TRIGGERS,
  SCHEMA,
  SKIPPED_TABLES,
  type Catalog,
  type TableInfo,
} from './backup.catalog.js';
import {
  BackupError,
  FORMAT,
  FORMAT_VERSION,
  restoreExpression,
  parseLine,
  readLines,
  type BackupHeader,
  type FileEnd,
  type TableEnd,
  type TableHeader,
} from './backup.format.js';

export interface RestoreOptions {
  /** Rows per INSERT statement (fewer when they exceed 4 MB of JSON). */
  batchRows?: number;
}

/** The next line of the backup file: its text and its parsed value. */
type Next = () => Promise<{ text: string; value: unknown }>;

const BATCH_BYTES = 4 * 1024 * 1024;

export interface RestoreSummary {
  migrationsApplied: string[];
  tables: { name: string; rows: number }[];
  rows: number;
}

const isPrefix = (a: string[], b: string[]) => a.length <= b.length && a.every((x, i) => b[i] === x);

/**
 * Restores a backup into an empty database: a new data directory, a new PostgreSQL database, or
 * one that holds nothing but what the migrations themselves insert (the built-in roles).
 *
 * 1. The backup's migrations must all be known to this code, and the target's applied migrations
 *    must be the start of the backup's list; otherwise nothing is changed.
 * 2. Any row the migrations did not write makes the target "not empty": refused, nothing changed.
 * 3. The target is migrated up to the backup's list (not further: the CLI then runs the newer
 *    migrations, so they transform the restored data as they would have transformed the original).
 * 4. In one transaction, with every table locked: the rows the migrations inserted are replaced by
 *    the backup's rows, in file order (parents first), a batch of rows per INSERT; a table that refers
 *    to itself (orgs.parent_id) is staged in a temporary table and inserted by one statement, so
 *    the order of its rows does not matter; every identity/serial sequence is set past both the
 *    largest id and the value it had at backup time. Row counts are checked against the file.
 *
 * Audit entries are inserted verbatim (the append-only trigger forbids only UPDATE and DELETE),
 * timestamps keep their microseconds and jsonb its content, so the hash chain still verifies.
 */
export async function restoreDatabase(database: Database, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const lines = readLines(file)[Symbol.asyncIterator]();
  let lineNo = 0;
  const next: Next = async () => {
    const r = await lines.next();
    if (r.done) throw new BackupError('备份文件不完整（在结束标记之前中断），未恢复任何数据');
    return { text: r.value, value: parseLine(r.value, ++lineNo) };
  };

  try {
    const header = (await next()).value as BackupHeader;
    if (header?.format !== FORMAT) throw new BackupError('不是清风备份文件');
    if (header.version !== FORMAT_VERSION) throw new BackupError(`备份文件格式版本 ${header.version} 不受支持（本程序支持版本 ${FORMAT_VERSION}）`);

    const known = migrationFiles();
    const unknown = header.migrations.filter((m) => !known.includes(m));
    if (unknown.length) throw new BackupError(`备份来自更新版本的清风，包含本程序不认识的数据库迁移：${unknown.join('、')}。请先升级程序再恢复。`);
    if (!isPrefix(header.migrations, known)) throw new BackupError('备份的数据库迁移记录与本程序的迁移顺序不一致，无法恢复');

    const applied = await appliedMigrations(database.db);
    if (!isPrefix(applied, header.migrations)) {
      throw new AppError(
        'backup.not_empty',
        `目标数据库已应用的迁移（${applied.length} 个，最新 ${applied.at(-1)}）比备份（最新 ${header.migrations.at(-1) ?? '无'}）更新，只能恢复到新的空数据目录或新建的空数据库`,
      );
    }
    await assertEmpty(database, applied);

    const pending = header.migrations.slice(applied.length);
    await migrate(database, { upTo: header.migrations });

    const catalog = await readCatalog(database.db);
    const seeded = await rowCounts(database.db);
    const tables = await database.db.transaction().execute((trx) => load(trx, catalog, seeded, header, next, options.batchRows ?? 2000));
    if (!(await lines.next()).done) throw new BackupError('备份文件在结束标记之后还有内容');
    return { migrationsApplied: pending, tables, rows: tables.reduce((n, t) => n + t.rows, 0) };
  } finally {
    await lines.return?.(undefined);
  }
}

async function load(
  trx: Executor,
  catalog: Catalog,
  seeded: { table: string; rows: number }[],
  header: BackupHeader,
  next: Next,
  batchRows: number,
): Promise<{ name: string; rows: number }[]> {
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  const expected = catalog.tables.map((t) => t.name).filter((n) => !(n in SKIPPED_TABLES || n in (header.skipped ?? {})));
  const missing = expected.filter((n) => !header.tables.includes(n));
  const extra = header.tables.filter((n) => !byName.has(n));
  if (missing.length || extra.length) {
    throw new BackupError(`备份中的数据表与迁移后的数据库不一致（缺少：${missing.join('、') || '无'}；多出：${extra.join('、') || '无'}）`);
  }

  // The rows present now are the migrations' own (assertEmpty checked them): the backup's rows
  // replace them. Should anything have been written since that check (a server left running on
  // the same PostgreSQL database), the counts differ and the restore is refused.
  await sql`LOCK TABLE ${sql.raw(catalog.tables.map((t) => qualified(t.name)).join(', '))} IN ACCESS EXCLUSIVE MODE`.execute(trx);
  const now = await rowCounts(trx);
  if (JSON.stringify(now) !== JSON.stringify(seeded)) {
    throw new AppError('backup.not_empty', '恢复期间目标数据库被写入（是否有服务仍在运行？），已中止，未恢复任何数据');
  }
  const holding = new Set(seeded.map((s) => s.table));
  for (const t of [...catalog.tables].reverse()) {
    if (holding.has(t.name)) await sql`DELETE FROM ${sql.raw(qualified(t.name))}`.execute(trx);
  }

  // Those of the copying triggers that the backup's migrations created. ALTER TABLE is
  // transactional: a failed restore leaves them on.
  const { rows: copying } = await sql<{ table: string; trigger: string }>`
    SELECT c.relname AS table, t.tgname AS trigger FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${SCHEMA} AND t.tgname = ANY(${[...COPYING_TRIGGERS]}::text[])`.execute(trx);
  const triggers = async (state: 'DISABLE' | 'ENABLE') => {
    for (const t of copying) await sql`ALTER TABLE ${sql.raw(qualified(t.table))} ${sql.raw(state)} TRIGGER ${sql.raw(quoteIdent(t.trigger))}`.execute(trx);
  };
  await triggers('DISABLE');

  const loaded: { name: string; rows: number }[] = [];
  let total = 0;
  for (const name of header.tables) {
    const th = (await next()).value as TableHeader;
    if (th?.table !== name) throw new BackupError(`备份文件结构不正确：应为数据表 ${name} 的开头`);
    const table = byName.get(name)!;
    checkColumns(table, th);
    const selfReferencing = catalog.foreignKeys.some((fk) => fk.table === name && fk.references === name);
    const rows = await insertRows(trx, table, new Set(th.wrapped ?? []), next, batchRows, selfReferencing);
    await resetSequences(trx, table, th.sequences);
    loaded.push({ name, rows });
    total += rows;
  }
  const end = (await next()).value as FileEnd;
  if (end?.end !== true || end.tables !== header.tables.length || end.rows !== total) {
    throw new BackupError('备份文件结束标记与内容不符，文件可能已损坏');
  }
  await triggers('ENABLE');
  return loaded;
}

function checkColumns(table: TableInfo, th: TableHeader) {
  const mine = table.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  const theirs = th.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  if (mine !== theirs) throw new BackupError(`数据表 ${table.name} 的列与备份不一致：备份为（${theirs}），数据库为（${mine}）`);
}

/**
 * Reads the table's rows up to its end marker and inserts them, `batchRows` per statement: the
 * rows' JSON text, as written in the file, is one parameter, and each column is converted by
 * PostgreSQL (restoreExpression). Returns the count.
 */
async function insertRows(trx: Executor, table: TableInfo, wrapped: Set<string>, next: Next, batchRows: number, staged: boolean): Promise<number> {
  const cols = table.columns;
  const columnList = sql.raw(cols.map((c) => quoteIdent(c.name)).join(', '));
  const fromJson = sql.raw(cols.map((c, i) => restoreExpression(qualified(table.name), c, 'r', i, wrapped.has(c.name))).join(', '));
  const overriding = table.hasIdentity ? sql.raw('OVERRIDING SYSTEM VALUE') : sql``;
  // A table referring to itself is loaded into a temporary copy first, then inserted in one
  // statement: foreign keys are checked at the end of a statement, so a child row may come
  // before its parent (an org moved under an org created after it).
  const stage = sql.raw(quoteIdent('qf_restore_stage'));
  const destination = sql.raw(qualified(table.name));
  if (staged) await sql`CREATE TEMP TABLE ${stage} (LIKE ${destination}) ON COMMIT DROP`.execute(trx);

  let count = 0;
  let batch: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    const rows = `[${batch.join(',')}]`;
    await sql`INSERT INTO ${staged ? stage : destination} (${columnList}) ${staged ? sql`` : overriding}
      SELECT ${fromJson} FROM json_array_elements(CAST(${rows} AS text)::json) AS r`.execute(trx);
    batch = [];
    bytes = 0;
  };

  for (;;) {
    const { text, value } = await next();
    if (Array.isArray(value)) {
      if (value.length !== cols.length) throw new BackupError(`数据表 ${table.name} 的第 ${count + 1} 行有 ${value.length} 个值，应为 ${cols.length} 个`);
      batch.push(text);
      bytes += text.length;
      count++;
      if (batch.length >= batchRows || bytes >= BATCH_BYTES) await flush();
      continue;
    }
    await flush();
    const end = value as TableEnd;
    if (end?.end !== table.name || end.rows !== count) throw new BackupError(`数据表 ${table.name} 的结束标记与行数不符，文件可能已损坏`);
    break;
  }

  if (staged) {
    await sql`INSERT INTO ${destination} (${columnList}) ${overriding} SELECT ${columnList} FROM ${stage}`.execute(trx);
    await sql`DROP TABLE ${stage}`.execute(trx);
  }
  return count;
}

/** Sets each sequence past the largest id restored and past the value it had at backup time. */
async function resetSequences(trx: Executor, table: TableInfo, saved: Record<string, string | null>) {
  for (const c of table.columns) {
    if (!c.sequence) continue;
    await sql`
      SELECT setval(CAST(${c.sequence} AS text)::regclass, v, true)
      FROM (SELECT GREATEST(max(${sql.ref(c.name)})::int8, CAST(${saved[c.name] ?? null} AS text)::int8) AS v FROM ${sql.raw(qualified(table.name))}) s
      WHERE v IS NOT NULL`.execute(trx);
  }
}

// ---------------------------------------------------------------------------------------------
// Emptiness and migrations

const PROBE_SCHEMA = 'qf_restore_probe';

/**
 * Refuses (backup.not_empty) when the target holds any row its migrations did not write. The
 * migrations' own rows (e.g. the built-in roles of 0002) are recognised by replaying the applied
 * migrations into a scratch schema inside a transaction that is always rolled back, and comparing
 * each table with its replay (timestamps excluded: they record when the migration ran).
 */
async function assertEmpty(database: Database, applied: string[]) {
  const found = applied.length ? await rowsNotFromMigrations(database, applied) : await rowCounts(database.db);
  if (found.length) {
    throw new AppError(
      'backup.not_empty',
      `目标数据库不为空（${found.map((f) => `${f.table} ${f.rows} 行`).join('、')}），恢复只能写入空数据库：请使用新的数据目录或新建的数据库`,
    );
  }
}

async function rowCounts(db: Executor): Promise<{ table: string; rows: number }[]> {
  const found: { table: string; rows: number }[] = [];
  for (const t of (await readCatalog(db)).tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(qualified(t.name))}`.execute(db);
    if (rows[0]!.n > 0) found.push({ table: t.name, rows: rows[0]!.n });
  }
  return found;
}

async function rowsNotFromMigrations(database: Database, applied: string[]): Promise<{ table: string; rows: number }[]> {
  const verdict = `DO $qf$
DECLARE t record; cols text; n bigint; found text := '';
BEGIN
  FOR t IN SELECT table_name::text AS name FROM information_schema.tables
           WHERE table_schema = '${SCHEMA}' AND table_type = 'BASE TABLE' AND table_name <> '${MIGRATIONS_TABLE}' ORDER BY 1 LOOP
    SELECT string_agg(format('%I::text', column_name), ', ') INTO cols FROM information_schema.columns
     WHERE table_schema = '${SCHEMA}' AND table_name = t.name AND data_type NOT LIKE 'timestamp%';
    IF to_regclass(format('%I.%I', '${PROBE_SCHEMA}', t.name)) IS NULL THEN
      EXECUTE format('SELECT count(*) FROM %I.%I', '${SCHEMA}', t.name) INTO n;
    ELSE
      EXECUTE format('SELECT count(*) FROM (SELECT %s FROM %I.%I EXCEPT ALL SELECT %s FROM %I.%I) d',
        coalesce(cols, 'NULL'), '${SCHEMA}', t.name, coalesce(cols, 'NULL'), '${PROBE_SCHEMA}', t.name) INTO n;
    END IF;
    IF n > 0 THEN found := found || t.name || '=' || n || ';'; END IF;
  END LOOP;
  RAISE EXCEPTION 'qf_restore_probe[%]', found;
END $qf$;`;
  const script = [
    'BEGIN;',
    `CREATE SCHEMA ${PROBE_SCHEMA};`,
    `SET LOCAL search_path TO ${PROBE_SCHEMA}, ${SCHEMA};`,
    ...applied.map(migrationScript),
    verdict,
    'ROLLBACK;',
  ].join('\n');
  try {
    await database.exec(script);
  } catch (err) {
    const m = /qf_restore_probe\[([^\]]*)\]/.exec((err as Error).message);
    if (m) {
      return m[1]!
        .split(';')
        .filter(Boolean)
        .map((s) => ({ table: s.split('=')[0]!, rows: Number(s.split('=')[1]) }));
    }
    // The migrations could not be replayed (a future migration that cannot run twice): fall
    // back to the strict rule, where every row counts.
  }
  return rowCounts(database.db);
}

